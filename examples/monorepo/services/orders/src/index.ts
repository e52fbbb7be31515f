import { serve } from '@hono/node-server';

import { createApp } from './app.js';
import { config } from './config.js';
import { pool } from './lib/db/client.js';
import { logger } from './lib/logger.js';
import { closeQueues } from './lib/queue.js';

const app = createApp();

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  logger.info({ port: info.port }, 'orders listening');
});

let shuttingDown = false;

// SIGTERM: stop accepting connections, let in-flight requests finish, then close
// the queue connection and the database pool. A timer bounds the whole thing.
function shutdown(signal: NodeJS.Signals): void {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down: draining in-flight requests');

  const deadline = setTimeout(() => {
    logger.error({ timeout_ms: config.shutdownTimeoutMs }, 'graceful shutdown timed out');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();

  server.close(async (err) => {
    try {
      await closeQueues();
      await pool.end();
      logger.info('shutdown complete');
      process.exit(err ? 1 : 0);
    } catch (closeErr) {
      logger.error({ err: closeErr }, 'error while closing resources');
      process.exit(1);
    }
  });
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason }, 'unhandled promise rejection');
});
