// Worker process (`npm run worker`, `node dist/worker.js`): consumes the `items` queue.
// It runs apart from the API so that jobs and requests scale, deploy and fail
// independently.
import { Worker } from "bullmq";
{{#db_postgres}}import { connectDatabase } from "./lib/db/client.js";
{{/db_postgres}}import { loadEnv, workerEnvSchema } from "./lib/env.js";
import { processItemCreated } from "./lib/jobs/item-created.js";
{{#db_postgres}}import { ItemEvents, type ItemCreatedJob } from "./lib/jobs/item-events.js";
import { startOutboxSweep } from "./lib/jobs/outbox.js";
{{/db_postgres}}{{^db_postgres}}import type { ItemCreatedJob } from "./lib/jobs/item-events.js";
{{/db_postgres}}import { createLogger } from "./lib/logger.js";
import { {{#db_postgres}}connectRedis, {{/db_postgres}}connectWorkerRedis } from "./lib/redis.js";

const env = loadEnv(workerEnvSchema);
const logger = createLogger(env.LOG_LEVEL, "worker");
{{#db_postgres}}const database = connectDatabase(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY });
{{/db_postgres}}const connection = connectWorkerRedis(env.REDIS_URL);
const handleItemCreated = processItemCreated({ {{#db_postgres}}db: database.db{{/db_postgres}}{{^db_postgres}}redis: connection, keyPrefix: "{{name}}"{{/db_postgres}}, logger });

// Same queue name as the producer in src/lib/jobs/item-events.ts.
const worker = new Worker<ItemCreatedJob>("items", handleItemCreated, {
  connection,
  prefix: "{{name}}:bull",
  concurrency: env.WORKER_CONCURRENCY,
});

worker.on("failed", (job, err) => logger.error({ err, job_id: job?.id, attempts: job?.attemptsMade }, "job failed"));
worker.on("error", (err) => logger.error({ err }, "worker error"));
{{#db_postgres}}
// Jobs whose enqueue failed after their item was committed (Redis was down) are sent
// from the outbox table by this sweep.
const producerRedis = connectRedis(env.REDIS_URL);
producerRedis.on("error", (err) => logger.warn({ err }, "redis connection error"));
const producer = new ItemEvents(producerRedis, logger, "{{name}}:bull");
const stopSweep = startOutboxSweep(database.db, producer, logger);
{{/db_postgres}}logger.info({ queue: "items", concurrency: env.WORKER_CONCURRENCY }, "worker started");

let stopping = false;

// SIGTERM: stop taking jobs, let the running ones finish (worker.close waits for
// them), then close the connections. A job cut off by the deadline is retried later.
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker shutting down");
  const deadline = setTimeout(() => {
    logger.error("jobs still running at the deadline, exiting");
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  try {
{{#db_postgres}}    await stopSweep();
    await producer.close();
    await producerRedis.quit();
{{/db_postgres}}    await worker.close();
    await connection.quit();
{{#db_postgres}}    await database.close();
{{/db_postgres}}    logger.info("worker shut down");
    process.exit(0);
  } catch (err) {
    logger.error({ err }, "worker shutdown failed");
    process.exit(1);
  }
}

process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
