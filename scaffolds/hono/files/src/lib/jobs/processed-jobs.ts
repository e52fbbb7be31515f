// Remembers which jobs are done so that a job delivered again (a retry after a crash,
// a stalled job picked up twice) is skipped instead of done twice. The work itself runs
// outside any transaction or lock held here: it must be idempotent per job id, since a
// crash between the work and the record runs it again.
{{#db_postgres}}import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { processedJobs } from "../db/schema.js";

export type Claim = { state: "run" } | { state: "done" };

export async function claimJob(db: Database, queue: string, jobId: string): Promise<Claim> {
  const [row] = await db
    .select({ jobId: processedJobs.jobId })
    .from(processedJobs)
    .where(and(eq(processedJobs.queue, queue), eq(processedJobs.jobId, jobId)))
    .limit(1);
  return row ? { state: "done" } : { state: "run" };
}

// After the work succeeded: one short statement of its own, no transaction held open
// around the work.
export async function markJobDone(db: Database, queue: string, jobId: string): Promise<void> {
  await db.insert(processedJobs).values({ jobId, queue }).onConflictDoNothing();
}
{{/db_postgres}}{{^db_postgres}}import type { Redis } from "ioredis";

// A worker holds a claim this long; a worker that dies mid-job leaves it to expire, and
// the redelivered job runs then.
export const CLAIM_SECONDS = 60;
// How long a done job id is remembered: longer than any redelivery of the job can come.
export const DONE_SECONDS = 7 * 24 * 3600;

// run: this worker holds the claim; done: skip; busy: another worker holds it (or held
// it and died), retry after retryInMs.
export type Claim = { state: "run" } | { state: "done" } | { state: "busy"; retryInMs: number };

export const jobKey = (keyPrefix: string, jobId: string) => `${keyPrefix}:job:${jobId}`;

export async function claimJob(redis: Redis, keyPrefix: string, jobId: string): Promise<Claim> {
  const key = jobKey(keyPrefix, jobId);
  const claimed = await redis.set(key, "in-progress", "EX", CLAIM_SECONDS, "NX");
  if (claimed !== null) return { state: "run" };
  const [value, ttlMs] = await redis.multi().get(key).pttl(key).exec().then((replies) => [replies?.[0]?.[1], replies?.[1]?.[1]]);
  if (value === "done") return { state: "done" };
  return { state: "busy", retryInMs: Math.max(1_000, typeof ttlMs === "number" ? ttlMs : CLAIM_SECONDS * 1_000) };
}

export async function markJobDone(redis: Redis, keyPrefix: string, jobId: string): Promise<void> {
  await redis.set(jobKey(keyPrefix, jobId), "done", "EX", DONE_SECONDS);
}

// The work failed: let the retry claim the job at once.
export async function releaseJob(redis: Redis, keyPrefix: string, jobId: string): Promise<void> {
  await redis.del(jobKey(keyPrefix, jobId));
}
{{/db_postgres}}
