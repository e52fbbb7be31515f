// Background jobs on a real Redis{{#db_postgres}} and PostgreSQL{{/db_postgres}}: creating an item enqueues one
// `item.created` job keyed by the item, and the worker's handler does each job once.
import { randomUUID } from "node:crypto";
import { Queue, {{^db_postgres}}Worker, {{/db_postgres}}type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
{{#db_postgres}}import { sql } from "drizzle-orm";
import { connectDatabase, type DatabaseHandle } from "../../src/lib/db/client.js";
{{/db_postgres}}import { processItemCreated } from "../../src/lib/jobs/item-created.js";
import { ItemEvents, type ItemCreatedJob } from "../../src/lib/jobs/item-events.js";
import { createLogger } from "../../src/lib/logger.js";
{{^db_postgres}}import { jobKey } from "../../src/lib/jobs/processed-jobs.js";
{{/db_postgres}}import { connectRedis{{^db_postgres}}, connectWorkerRedis{{/db_postgres}} } from "../../src/lib/redis.js";
import { ItemSchema, type Item } from "../../src/schemas/items.js";
import { send, startHarness, type Harness } from "./harness.js";

let h: Harness;
let queue: Queue<ItemCreatedJob>;{{#db_postgres}}
let database: DatabaseHandle;{{/db_postgres}}

beforeAll(async () => {
  h = await startHarness();
  queue = new Queue<ItemCreatedJob>("items", { connection: { url: h.env.REDIS_URL }, prefix: `${h.redisPrefix}:bull` });
{{#db_postgres}}  database = connectDatabase(h.env.DATABASE_URL, { max: 2 });
{{/db_postgres}}});

afterAll(async () => {
  await queue.close();
{{#db_postgres}}  await database.close();
{{/db_postgres}}  await h.close();
});

function fakeItem(): Item {
  const now = new Date().toISOString();
  return { id: randomUUID(), name: "queued", description: null, createdAt: now, updatedAt: now };
}

describe("producer", () => {
  it("enqueues item.created with the item's id as job id when an item is created", async () => {
    const res = await send(h, "POST", "/v1/items", { name: "with a job" });
    const item = ItemSchema.parse(await res.json());
    const job = await queue.getJob(`item-created-${item.id}`);
    expect(job?.name).toBe("item.created");
    expect(job?.data).toEqual({ itemId: item.id, name: "with a job" });
  });

  it("enqueues an event once however often it is sent", async () => {
    const redis = connectRedis(h.env.REDIS_URL);
    const events = new ItemEvents(redis, createLogger("silent"), `${h.redisPrefix}:bull`);
    const item = fakeItem();
    await events.itemCreated(item);
    await events.itemCreated(item);
    await events.close();
    await redis.quit();
    const jobs = await queue.getJobs(["waiting", "delayed", "active", "completed"]);
    expect(jobs.filter((job) => job.data.itemId === item.id)).toHaveLength(1);
  });
});

describe("worker handler", () => {
  it("processes a job once and skips it when it is delivered again", async () => {
{{#db_postgres}}    const handle = processItemCreated({ db: database.db, logger: createLogger("silent") });
{{/db_postgres}}{{^db_postgres}}    const redis = connectRedis(h.env.REDIS_URL);
    const handle = processItemCreated({ redis, keyPrefix: h.redisPrefix, logger: createLogger("silent") });
{{/db_postgres}}    const item = fakeItem();
    const job = { id: `item-created-${item.id}`, name: "item.created", data: { itemId: item.id, name: item.name } } as Job<ItemCreatedJob>;
    expect(await handle(job)).toBe("processed");
    expect(await handle(job)).toBe("skipped");
{{^db_postgres}}    await redis.quit();
{{/db_postgres}}  });

  it("runs the job again when its work failed", async () => {
    let calls = 0;
    const work = async () => {
      calls += 1;
      if (calls === 1) throw new Error("the mail server is down");
    };
{{#db_postgres}}    const handle = processItemCreated({ db: database.db, logger: createLogger("silent"), work });
{{/db_postgres}}{{^db_postgres}}    const redis = connectRedis(h.env.REDIS_URL);
    const handle = processItemCreated({ redis, keyPrefix: h.redisPrefix, logger: createLogger("silent"), work });
{{/db_postgres}}    const item = fakeItem();
    const job = { id: `item-created-${item.id}`, name: "item.created", data: { itemId: item.id, name: item.name } } as Job<ItemCreatedJob>;
    await expect(handle(job)).rejects.toThrow("the mail server is down");
    expect(await handle(job)).toBe("processed");
    expect(calls).toBe(2);
{{^db_postgres}}    await redis.quit();
{{/db_postgres}}  });{{#db_postgres}}

  it("does the work outside any database transaction, and records it after", async () => {
    const item = fakeItem();
    const jobId = `item-created-${item.id}`;
    const seen: { openTransactions: number; recorded: number }[] = [];
    const work = async () => {
      // Another connection looks: no session of this database sits in a transaction,
      // and the job is not recorded yet.
      const [open] = await database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
      );
      const [recorded] = await database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from processed_jobs where job_id = ${jobId}`,
      );
      seen.push({ openTransactions: open!.n, recorded: recorded!.n });
    };
    const handle = processItemCreated({ db: database.db, logger: createLogger("silent"), work });
    const job = { id: jobId, name: "item.created", data: { itemId: item.id, name: item.name } } as Job<ItemCreatedJob>;
    expect(await handle(job)).toBe("processed");
    expect(seen).toEqual([{ openTransactions: 0, recorded: 0 }]);
    const [after] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from processed_jobs where job_id = ${jobId}`);
    expect(after!.n).toBe(1);
  });{{/db_postgres}}{{^db_postgres}}

  it("runs a job whose claim a dead worker left, once the claim expires, through BullMQ", async () => {
    const redis = connectRedis(h.env.REDIS_URL);
    const workerRedis = connectWorkerRedis(h.env.REDIS_URL);
    const item = fakeItem();
    const jobId = `item-created-${item.id}`;
    // A worker claimed the job and died: the claim is left, expiring.
    await redis.set(jobKey(h.redisPrefix, jobId), "in-progress", "PX", 1_500);
    const outcomes: string[] = [];
    const handle = processItemCreated({ redis, keyPrefix: h.redisPrefix, logger: createLogger("silent") });
    const worker = new Worker<ItemCreatedJob>(
      "items",
      async (job, token) => {
        if (job.id !== jobId) return "skipped"; // other tests' jobs in this queue
        const outcome = await handle(job, token);
        outcomes.push(outcome);
        return outcome;
      },
      { connection: workerRedis, prefix: `${h.redisPrefix}:bull` },
    );
    try {
      const started = Date.now();
      await queue.add("item.created", { itemId: item.id, name: item.name }, { jobId });
      let state = "";
      while (Date.now() - started < 15_000 && state !== "completed") {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = (await (await queue.getJob(jobId))?.getState()) ?? "missing";
      }
      expect(state).toBe("completed");
      expect(outcomes).toEqual(["processed"]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(await redis.get(jobKey(h.redisPrefix, jobId))).toBe("done");
      // Delivered once more after it is done: skipped.
      const again = { id: jobId, name: "item.created", data: { itemId: item.id, name: item.name } } as Job<ItemCreatedJob>;
      expect(await handle(again)).toBe("skipped");
    } finally {
      await worker.close();
      await workerRedis.quit();
      await redis.quit();
    }
  });{{/db_postgres}}
});
