// What the worker does with an `item.created` job. Idempotent: the job id is claimed
// first and a job already processed is skipped, because queues deliver at least once.
import type { Job } from "bullmq";
{{#db_postgres}}import type { Database } from "../db/client.js";
{{/db_postgres}}{{^db_postgres}}import type { Redis } from "ioredis";
{{/db_postgres}}import type { Logger } from "../logger.js";
import type { ItemCreatedJob } from "./item-events.js";
import { runOnce } from "./processed-jobs.js";

export interface ItemCreatedDeps {
{{#db_postgres}}  db: Database;
{{/db_postgres}}{{^db_postgres}}  redis: Redis;
{{/db_postgres}}  logger: Logger;
}

export type JobOutcome = "processed" | "skipped";

export function processItemCreated(deps: ItemCreatedDeps) {
  return async function handleItemCreated(job: Job<ItemCreatedJob>): Promise<JobOutcome> {
    const jobId = job.id ?? `item-created-${job.data.itemId}`;
    const log = deps.logger.child({ job_id: jobId, queue: "items", job: job.name });
{{#db_postgres}}    const done = await runOnce(deps.db, "items", jobId, async () => {
{{/db_postgres}}{{^db_postgres}}    const done = await runOnce(deps.redis, "items", jobId, async () => {
{{/db_postgres}}      // The work of the job goes here (send a notification, index the item...).
      log.info({ item_id: job.data.itemId }, "item created");
    });
    const alreadyProcessed = !done;
    if (alreadyProcessed) {
      log.info("job already processed, skipped");
      return "skipped";
    }
    return "processed";
  };
}
