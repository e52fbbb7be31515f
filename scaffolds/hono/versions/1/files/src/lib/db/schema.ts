// The tables this service owns. Change them here, then `npm run db:generate` writes
// the migration into drizzle/ (review it and commit it with the change).
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
});{{/queue_bullmq}}
