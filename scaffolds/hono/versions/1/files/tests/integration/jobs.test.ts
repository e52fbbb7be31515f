// Background jobs on a real Redis{{#db_postgres}} and PostgreSQL{{/db_postgres}}: creating an item enqueues one
// `item.created` job keyed by the item, and the worker's handler does each job once.
import { randomUUID } from "node:crypto";
import { Queue, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
{{#db_postgres}}import { connectDatabase, type DatabaseHandle } from "../../src/lib/db/client.js";
{{/db_postgres}}import { processItemCreated } from "../../src/lib/jobs/item-created.js";
import { ItemEvents, type ItemCreatedJob } from "../../src/lib/jobs/item-events.js";
import { createLogger } from "../../src/lib/logger.js";
import { connectRedis } from "../../src/lib/redis.js";
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
    const handle = processItemCreated({ redis, logger: createLogger("silent") });
{{/db_postgres}}    const item = fakeItem();
    const job = { id: `item-created-${item.id}`, name: "item.created", data: { itemId: item.id, name: item.name } } as Job<ItemCreatedJob>;
    expect(await handle(job)).toBe("processed");
    expect(await handle(job)).toBe("skipped");
{{^db_postgres}}    await redis.quit();
{{/db_postgres}}  });
});
