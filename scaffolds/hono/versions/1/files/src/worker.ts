// Worker process (`npm run worker`, `node dist/worker.js`): consumes the `items` queue.
// It runs apart from the API so that jobs and requests scale, deploy and fail
// independently.
import { Worker } from "bullmq";
{{#db_postgres}}import { connectDatabase } from "./lib/db/client.js";
{{/db_postgres}}import { loadEnv, workerEnvSchema } from "./lib/env.js";
import { processItemCreated } from "./lib/jobs/item-created.js";
import type { ItemCreatedJob } from "./lib/jobs/item-events.js";
import { createLogger } from "./lib/logger.js";
import { connectWorkerRedis } from "./lib/redis.js";

const env = loadEnv(workerEnvSchema);
const logger = createLogger(env.LOG_LEVEL, "worker");
{{#db_postgres}}const database = connectDatabase(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY });
{{/db_postgres}}const connection = connectWorkerRedis(env.REDIS_URL);
const handleItemCreated = processItemCreated({ {{#db_postgres}}db: database.db{{/db_postgres}}{{^db_postgres}}redis: connection{{/db_postgres}}, logger });

// Same queue name as the producer in src/lib/jobs/item-events.ts.
const worker = new Worker<ItemCreatedJob>("items", handleItemCreated, {
  connection,
  prefix: "{{name}}:bull",
  concurrency: env.WORKER_CONCURRENCY,
});

worker.on("failed", (job, err) => logger.error({ err, job_id: job?.id, attempts: job?.attemptsMade }, "job failed"));
worker.on("error", (err) => logger.error({ err }, "worker error"));
logger.info({ queue: "items", concurrency: env.WORKER_CONCURRENCY }, "worker started");

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
    await worker.close();
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
