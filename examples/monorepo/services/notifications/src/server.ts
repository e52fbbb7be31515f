import express from 'express';
import { pinoHttp } from 'pino-http';

import { config } from './config.js';
import { errorHandler, notFound } from './lib/errors.js';
import { logger } from './lib/logger.js';
import { notificationsRouter } from './routes/notifications.js';
import { templatesRouter } from './routes/templates.js';

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '64kb' }));
app.use(
  pinoHttp({
    logger,
    customProps: (req) => ({ trace_id: req.headers.traceparent?.toString().split('-')[1] }),
  }),
);

// Liveness is left to the mesh sidecar, which probes the TCP port; there is no
// /health route in this process, so a wedged event loop or a dead provider goes unnoticed.
app.use('/v1/notifications', notificationsRouter);
app.use('/v1/templates', templatesRouter);

app.use(notFound);
app.use(errorHandler);

const server = app.listen(config.PORT, () => {
  logger.info({ port: config.PORT }, 'notifications listening (no /health here: the sidecar checks the port)');
});

// The handler is here, but the image starts the app through `npm start` in shell
// form, so the SIGTERM from the orchestrator never reaches this process.
process.on('SIGTERM', () => {
  logger.info('SIGTERM received: closing server');
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
});
