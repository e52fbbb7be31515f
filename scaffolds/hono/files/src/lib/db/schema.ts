// The tables this service owns. Change them here, then `npm run db:generate` writes
// the migration into drizzle/ (review it and commit it with the change).
import { {{#queue_bullmq}}integer, jsonb, {{/queue_bullmq}}index, pgTable, {{#queue_bullmq}}primaryKey, {{/queue_bullmq}}text, timestamp, uuid } from "drizzle-orm/pg-core";{{#queue_bullmq}}
import { sql } from "drizzle-orm";{{/queue_bullmq}}

export const items = pgTable(
  "items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("items_created_at_id_idx").on(table.createdAt, table.id)],
);{{#queue_bullmq}}

// Ids of the background jobs already done, so a retried job is skipped.
export const processedJobs = pgTable("processed_jobs", {
  jobId: text("job_id").primaryKey(),
  queue: text("queue").notNull(),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
});

// Jobs to enqueue, written in the transaction that makes them necessary (the item's):
// a job is never lost when Redis is down at that moment. The id is the queue's job id.
// The worker's sweep enqueues rows still without enqueued_at.
export const outbox = pgTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    topic: text("topic").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    enqueuedAt: timestamp("enqueued_at", { withTimezone: true }),
  },
  (table) => [index("outbox_pending_idx").on(table.createdAt).where(sql`${table.enqueuedAt} is null`)],
);

// Idempotency-Key of POST /v1/items, per caller: the request's body hash and the first
// answer, replayed for 24 hours.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    caller: text("caller").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    response: jsonb("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.caller, table.key] }), index("idempotency_keys_created_at_idx").on(table.createdAt)],
);{{/queue_bullmq}}

// Tables of the resources `svc add resource` added, each in its own module under tables/:
// re-exported here, so that drizzle-kit (drizzle.config.ts) and the client see them.
// svc:resource-tables
