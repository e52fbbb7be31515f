import { Worker } from 'bullmq';

import { config } from './config.js';
import { logger } from './lib/logger.js';
import { createRedis } from './lib/redis.js';
import { closeTransport, createProcessor } from './processor.js';

// A worker process on its own: no HTTP server, deployed separately from the APIs.
const connection = createRedis();

const worker = new Worker('email', createProcessor(connection), {
  connection,
  concurrency: config.CONCURRENCY,
});

worker.on('ready', () => logger.info({ concurrency: config.CONCURRENCY }, 'mailer worker ready'));
worker.on('failed', (job, err) => {
  logger.warn({ job_id: job?.id, attempts: job?.attemptsMade, err }, 'job failed');
});
worker.on('error', (err) => logger.error({ err }, 'worker error'));

// Heartbeat read by dist/healthcheck.js (the Docker HEALTHCHECK).
const heartbeat = setInterval(() => {
  connection.set(config.HEARTBEAT_KEY, Date.now().toString(), 'EX', 60).catch((err) => {
    logger.warn({ err }, 'heartbeat failed');
  });
}, 10_000);

let closing = false;

// SIGTERM: stop taking jobs, let running ones finish, then close the connections.
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down: waiting for running jobs');
  const deadline = setTimeout(() => {
    logger.error('graceful shutdown timed out');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  deadline.unref();

  clearInterval(heartbeat);
  await worker.close();
  await closeTransport();
  await connection.quit();
  logger.info('shutdown complete');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
