// The worker's outbox sweep: jobs whose enqueue failed after their transaction committed
// (Redis was down) are enqueued here. Several workers may sweep at once: SKIP LOCKED
// gives each its own rows, and the job id (the row's id) collapses duplicates.
import { and, asc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { idempotencyKeys, outbox } from "../db/schema.js";
import { IDEMPOTENCY_TTL_SECONDS } from "../items/idempotency.js";
import type { Logger } from "../logger.js";
import type { ItemCreatedJob, ItemEvents } from "./item-events.js";

export const SWEEP_INTERVAL_MS = 5_000;
// Rows younger than this are left to the request that wrote them, which is enqueueing.
export const SWEEP_GRACE_SECONDS = 5;
// Enqueued rows are kept this long, for inspection, then deleted.
const KEEP_ENQUEUED_SECONDS = 7 * 24 * 3600;

export interface SweepOptions {
  graceSeconds?: number;
  batch?: number;
}

// Enqueues pending rows; returns how many. A failure rolls the batch back: its rows stay
// pending (those already sent are collapsed by their job id when sent again).
export async function sweepOutbox(db: Database, events: ItemEvents, options: SweepOptions = {}): Promise<number> {
  const grace = options.graceSeconds ?? SWEEP_GRACE_SECONDS;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(isNull(outbox.enqueuedAt), lt(outbox.createdAt, sql`now() - make_interval(secs => ${grace})`)))
      .orderBy(asc(outbox.createdAt))
      .limit(options.batch ?? 100)
      .for("update", { skipLocked: true });
    for (const row of rows) {
      await events.send(row.id, row.topic, row.payload as ItemCreatedJob);
      await tx.update(outbox).set({ enqueuedAt: new Date() }).where(eq(outbox.id, row.id));
    }
    return rows.length;
  });
}

// Deletes enqueued outbox rows and idempotency keys past their time.
export async function pruneOutbox(db: Database): Promise<void> {
  await db
    .delete(outbox)
    .where(and(isNotNull(outbox.enqueuedAt), lt(outbox.enqueuedAt, sql`now() - make_interval(secs => ${KEEP_ENQUEUED_SECONDS})`)));
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS})`));
}

// Sweeps every SWEEP_INTERVAL_MS until stopped; one sweep at a time.
export function startOutboxSweep(db: Database, events: ItemEvents, logger: Logger): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        const sent = await sweepOutbox(db, events);
        if (sent > 0) logger.info({ jobs: sent }, "outbox sweep enqueued pending jobs");
        await pruneOutbox(db);
      } catch (err) {
        logger.warn({ err }, "outbox sweep failed; retried at the next tick");
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, SWEEP_INTERVAL_MS);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
