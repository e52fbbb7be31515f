// POST /v1/items on PostgreSQL: the item, its outbox row and the idempotency record are
// written in one transaction, so an item never exists without its job. The job is
// enqueued after the commit; when Redis is down the request still succeeds and the
// worker's outbox sweep (src/lib/jobs/outbox.ts) enqueues it later.
import { and, eq, lt, sql } from "drizzle-orm";
import { ItemSchema, type CreateItem, type Item } from "../../schemas/items.js";
import { ConflictError } from "../errors/app-error.js";
import {
  IDEMPOTENCY_TTL_SECONDS,
  keyReusedError,
  type CreateResult,
  type IdempotentRequest,
  type ItemCreator,
} from "../items/idempotency.js";
import { ITEM_CREATED, itemCreatedJob, itemCreatedJobId, type ItemEvents } from "../jobs/item-events.js";
import type { Logger } from "../logger.js";
import type { Database } from "./client.js";
import { toItem } from "./items-repository.js";
import { idempotencyKeys, items, outbox } from "./schema.js";

const sameKey = (request: IdempotentRequest) =>
  and(eq(idempotencyKeys.caller, request.caller), eq(idempotencyKeys.key, request.key));

export class DrizzleItemCreator implements ItemCreator {
  constructor(
    private readonly db: Database,
    private readonly events: ItemEvents,
    private readonly logger: Logger,
  ) {}

  async create(input: CreateItem, idempotency?: IdempotentRequest): Promise<CreateResult> {
    if (idempotency) {
      // A key older than its time to live is free again.
      await this.db
        .delete(idempotencyKeys)
        .where(and(sameKey(idempotency), lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS})`)));
    }
    const created = await this.db.transaction(async (tx) => {
      if (idempotency) {
        // First, so that a concurrent request with the same key waits here for this
        // transaction, then finds the key taken.
        const claimed = await tx
          .insert(idempotencyKeys)
          .values({ caller: idempotency.caller, key: idempotency.key, requestHash: idempotency.hash })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (claimed.length === 0) return undefined;
      }
      const [row] = await tx
        .insert(items)
        .values({ name: input.name, description: input.description ?? null })
        .returning();
      const item = toItem(row!);
      const jobId = itemCreatedJobId(item.id);
      await tx.insert(outbox).values({ id: jobId, topic: ITEM_CREATED, payload: itemCreatedJob(item) });
      if (idempotency) await tx.update(idempotencyKeys).set({ status: 201, response: item }).where(sameKey(idempotency));
      return { item, jobId };
    });
    if (!created) return { item: await this.replay(idempotency!), replayed: true };
    await this.enqueue(created.jobId, created.item);
    return { item: created.item, replayed: false };
  }

  private async replay(request: IdempotentRequest): Promise<Item> {
    const [earlier] = await this.db.select().from(idempotencyKeys).where(sameKey(request)).limit(1);
    if (!earlier) throw new ConflictError("this Idempotency-Key expired while in use; send the request again");
    if (earlier.requestHash !== request.hash) throw keyReusedError();
    return ItemSchema.parse(earlier.response);
  }

  // After the commit. A failure is logged and left to the sweep: the item exists.
  private async enqueue(jobId: string, item: Item): Promise<void> {
    try {
      await this.events.send(jobId, ITEM_CREATED, itemCreatedJob(item));
      await this.db.update(outbox).set({ enqueuedAt: new Date() }).where(eq(outbox.id, jobId));
    } catch (err) {
      this.logger.warn({ err, job_id: jobId }, "enqueue failed; the worker's outbox sweep will enqueue the job");
    }
  }
}
