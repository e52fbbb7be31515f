import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

import type { AppEnv } from '../../types.js';
import { logger } from '../logger.js';
import { AppError, errorBody } from './app-error.js';

// Known errors keep their code; anything else is logged in full and returned as a
// generic 500, so no internal detail reaches the client.
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = err.status === 401 ? 'unauthorized' : err.status === 403 ? 'forbidden' : 'validation_failed';
    return c.json(errorBody(code, err.message), err.status);
  }
  logger.error({ err, trace_id: c.get('traceId'), path: c.req.path }, 'unhandled error');
  return c.json(errorBody('internal', 'Internal server error'), 500);
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);
