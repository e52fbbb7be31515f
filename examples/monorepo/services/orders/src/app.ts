import { OpenAPIHono } from '@hono/zod-openapi';

import { errorBody } from './lib/errors/app-error.js';
import { notFound, onError } from './lib/errors/handler.js';
import { requireAuth } from './middleware/auth.js';
import { requestLog } from './middleware/request-log.js';
import { health } from './routes/health.js';
import { orders } from './routes/orders.js';
import type { AppEnv } from './types.js';

// Built separately from the server so tests can call app.request() directly.
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(errorBody('validation_failed', 'Request validation failed', result.error.flatten()), 400);
      }
    },
  });

  app.use('*', requestLog());

  app.route('/', health);

  app.use('/v1/*', requireAuth());
  app.route('/v1', orders);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'orders', version: '1.4.0' },
  });

  app.onError(onError);
  app.notFound(notFound);
  return app;
}
