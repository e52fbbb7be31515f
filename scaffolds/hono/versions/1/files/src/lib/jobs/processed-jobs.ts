// Remembers which jobs are done so that a job delivered again (a retry after a crash,
// a stalled job picked up twice) is skipped instead of done twice.
{{#db_postgres}}import type { Database } from "../db/client.js";
import { processedJobs } from "../db/schema.js";

export type JobWork = () => Promise<void>;

// Runs `work` unless `jobId` was already processed. The id is recorded in the same
// transaction as the work's own writes: if the work fails, the record is rolled back
// with it and the retry runs again. Returns false when the job was skipped.
export async function runOnce(db: Database, queue: string, jobId: string, work: (tx: Database) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(processedJobs).values({ jobId, queue }).onConflictDoNothing().returning();
    const alreadyProcessed = claimed.length === 0;
    if (alreadyProcessed) return false;
    await work(tx as unknown as Database);
    return true;
  });
}
{{/db_postgres}}{{^db_postgres}}import type { Redis } from "ioredis";

// How long a processed id is remembered: longer than any retry of the job can come.
const REMEMBER_SECONDS = 14 * 24 * 3600;

// Runs `work` unless `jobId` was already processed (SET NX claims it atomically). If the
// work fails, the claim is released so that the retry runs again. Returns false when
// the job was skipped.
export async function runOnce(redis: Redis, queue: string, jobId: string, work: () => Promise<void>): Promise<boolean> {
  const key = `processed-jobs:${queue}:${jobId}`;
  const claimed = await redis.set(key, new Date().toISOString(), "EX", REMEMBER_SECONDS, "NX");
  const alreadyProcessed = claimed === null;
  if (alreadyProcessed) return false;
  try {
    await work();
  } catch (err) {
    await redis.del(key);
    throw err;
  }
  return true;
}
{{/db_postgres}}