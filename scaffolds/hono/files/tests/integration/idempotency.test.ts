// POST /v1/items with an Idempotency-Key, and what a create does when Redis is down:
{{#db_postgres}}// the item and its outbox row are committed together, and the sweep enqueues the job later.
{{/db_postgres}}{{^db_postgres}}// without a database the item is not kept and the answer is 503.
{{/db_postgres}}import { randomUUID } from "node:crypto";
{{#db_postgres}}import { Queue } from "bullmq";
import { eq } from "drizzle-orm";
{{/db_postgres}}import { afterAll, beforeAll, describe, expect, it } from "vitest";
{{#db_postgres}}import { connectDatabase, type DatabaseHandle } from "../../src/lib/db/client.js";
import { outbox } from "../../src/lib/db/schema.js";
import { ItemEvents, itemCreatedJobId, type ItemCreatedJob } from "../../src/lib/jobs/item-events.js";
import { sweepOutbox } from "../../src/lib/jobs/outbox.js";
import { createLogger } from "../../src/lib/logger.js";
import { connectRedis } from "../../src/lib/redis.js";
{{/db_postgres}}import { ItemSchema } from "../../src/schemas/items.js";
import { expectError } from "../support/error-shape.js";
import { listAll, send, startHarness, type Harness } from "./harness.js";

// Nothing listens on port 9 of the loopback: connections are refused at once.
const DEAD_REDIS = "redis://127.0.0.1:9";

let h: Harness;{{#db_postgres}}
let database: DatabaseHandle;
let queue: Queue<ItemCreatedJob>;{{/db_postgres}}

beforeAll(async () => {
  h = await startHarness();
{{#db_postgres}}  database = connectDatabase(h.env.DATABASE_URL, { max: 2 });
  queue = new Queue<ItemCreatedJob>("items", { connection: { url: h.env.REDIS_URL }, prefix: `${h.redisPrefix}:bull` });
{{/db_postgres}}});

afterAll(async () => {
{{#db_postgres}}  await queue.close();
  await database.close();
{{/db_postgres}}  await h.close();
});

describe("Idempotency-Key", () => {
  it("answers the first item again for the same key and body, and creates one item", async () => {
    const key = randomUUID();
    const name = `once ${key}`;
    const first = await send(h, "POST", "/v1/items", { name, description: "d" }, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const item = ItemSchema.parse(await first.json());
    // The same body, written differently.
    const again = await send(h, "POST", "/v1/items", `{ "description": "d", "name": "${name}" }`, { "idempotency-key": key });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(ItemSchema.parse(await again.json())).toEqual(item);
    expect((await listAll(h)).filter((listed) => listed.name === name)).toHaveLength(1);{{#db_postgres}}
    const rows = await database.db.select().from(outbox).where(eq(outbox.id, itemCreatedJobId(item.id)));
    expect(rows).toHaveLength(1);{{/db_postgres}}
    await send(h, "DELETE", `/v1/items/${item.id}`);
  });

  it("answers 409 conflict for the same key with another body", async () => {
    const key = randomUUID();
    const first = await send(h, "POST", "/v1/items", { name: "first body" }, { "idempotency-key": key });
    expect(first.status).toBe(201);
    const body = await expectError(await send(h, "POST", "/v1/items", { name: "other body" }, { "idempotency-key": key }), 409, "conflict");
    expect(body.error.message).toMatch(/Idempotency-Key/);
    await send(h, "DELETE", `/v1/items/${ItemSchema.parse(await first.json()).id}`);
  });

  it("refuses a key that is not 1 to 255 printable ASCII characters", async () => {
    await expectError(await send(h, "POST", "/v1/items", { name: "x" }, { "idempotency-key": "k".repeat(256) }), 422, "validation_failed");
  });

  it("creates each time without a key", async () => {
    const a = ItemSchema.parse(await (await send(h, "POST", "/v1/items", { name: "no key" })).json());
    const b = ItemSchema.parse(await (await send(h, "POST", "/v1/items", { name: "no key" })).json());
    expect(a.id).not.toBe(b.id);
    for (const item of [a, b]) await send(h, "DELETE", `/v1/items/${item.id}`);
  });
});

describe("a create while Redis is down", () => {
{{#db_postgres}}  it("answers 201, leaves the outbox row pending, and the sweep enqueues it", async () => {
    const down = await startHarness({ REDIS_URL: DEAD_REDIS });
    let item;
    try {
      const res = await send(down, "POST", "/v1/items", { name: "while redis is down" });
      expect(res.status).toBe(201);
      item = ItemSchema.parse(await res.json());
    } finally {
      await down.close();
    }
    const jobId = itemCreatedJobId(item.id);
    const [pending] = await database.db.select().from(outbox).where(eq(outbox.id, jobId));
    expect(pending).toMatchObject({ topic: "item.created", payload: { itemId: item.id, name: item.name }, enqueuedAt: null });
    expect(await queue.getJob(jobId)).toBeUndefined();

    // Redis is back: the worker's sweep sends it.
    const redis = connectRedis(h.env.REDIS_URL);
    const events = new ItemEvents(redis, createLogger("silent"), `${h.redisPrefix}:bull`);
    try {
      expect(await sweepOutbox(database.db, events, { graceSeconds: 0 })).toBeGreaterThanOrEqual(1);
    } finally {
      await events.close();
      await redis.quit();
    }
    const [sent] = await database.db.select().from(outbox).where(eq(outbox.id, jobId));
    expect(sent!.enqueuedAt).toBeInstanceOf(Date);
    expect((await queue.getJob(jobId))?.data).toEqual({ itemId: item.id, name: item.name });
    await send(h, "DELETE", `/v1/items/${item.id}`);
  });
{{/db_postgres}}{{^db_postgres}}  it("answers 503 unavailable and keeps no item, so that a retry is safe", async () => {
    const down = await startHarness({ REDIS_URL: DEAD_REDIS });
    try {
      await expectError(await send(down, "POST", "/v1/items", { name: "while redis is down" }), 503, "unavailable");
      expect(await listAll(down)).toEqual([]);
    } finally {
      await down.close();
    }
  });
{{/db_postgres}}});
