// What the worker does with an `item.created` job. Queues deliver at least once, so the
// job id is checked first and a job already done is skipped; the work runs outside any
// transaction, and "done" is recorded after it.
import { DelayedError, type Job } from "bullmq";
{{#db_postgres}}import type { Database } from "../db/client.js";
{{/db_postgres}}{{^db_postgres}}import type { Redis } from "ioredis";
{{/db_postgres}}import type { Logger } from "../logger.js";
import type { ItemCreatedJob } from "./item-events.js";
import { claimJob, markJobDone{{^db_postgres}}, releaseJob{{/db_postgres}} } from "./processed-jobs.js";

export interface ItemCreatedDeps {
{{#db_postgres}}  db: Database;
{{/db_postgres}}{{^db_postgres}}  redis: Redis;
  // Prefix of the claim keys (`<prefix>:job:<id>`): the service's name.
  keyPrefix: string;
{{/db_postgres}}  logger: Logger;
  // The work itself; the default only logs. Tests replace it to watch what runs when.
  work?: ItemCreatedWork;
}

export type ItemCreatedWork = (job: Job<ItemCreatedJob>, log: Logger) => Promise<void>;

// The work of the job goes here (send a notification, index the item...). It may run
// more than once for one job (a crash after the work, before "done" is recorded), so
// make its effects idempotent, keyed by the job id.
const logItemCreated: ItemCreatedWork = async (job, log) => {
  log.info({ item_id: job.data.itemId }, "item created");
};

export type JobOutcome = "processed" | "skipped";

export function processItemCreated(deps: ItemCreatedDeps) {
{{#db_postgres}}  const store = deps.db;
  const scope = "items";
{{/db_postgres}}{{^db_postgres}}  const store = deps.redis;
  const scope = deps.keyPrefix;
{{/db_postgres}}  const work = deps.work ?? logItemCreated;
  return async function handleItemCreated(job: Job<ItemCreatedJob>, token?: string): Promise<JobOutcome> {
    const jobId = job.id ?? `item-created-${job.data.itemId}`;
    const log = deps.logger.child({ job_id: jobId, queue: "items", job: job.name });
    const claim = await claimJob(store, scope, jobId);
    if (claim.state === "done") {
      log.info("job already processed, skipped");
      return "skipped";
    }{{^db_postgres}}
    if (claim.state === "busy") {
      // Another worker is on it, or died on it and its claim has not expired yet: come
      // back when the claim ends, without spending one of the job's attempts.
      log.info({ retry_in_ms: claim.retryInMs }, "job claimed by another worker, retried later");
      await job.moveToDelayed(Date.now() + claim.retryInMs, token);
      throw new DelayedError();
    }{{/db_postgres}}
{{#db_postgres}}    await work(job, log);
{{/db_postgres}}{{^db_postgres}}    try {
      await work(job, log);
    } catch (err) {
      await releaseJob(deps.redis, deps.keyPrefix, jobId);
      throw err;
    }
{{/db_postgres}}    await markJobDone(store, scope, jobId);
    return "processed";
  };
}
