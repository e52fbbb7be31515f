// POST /v1/items without a database: the item is created, then its job enqueued; if the
// queue cannot take it, the item is removed again and the request fails with 503, so
// that nothing exists and the client's retry is safe. Idempotency keys are kept in the
// process' memory, like the items.
import type { CreateItem, Item } from "../../schemas/items.js";
import { UnavailableError } from "../errors/app-error.js";
import type { ItemEvents } from "../jobs/item-events.js";
import type { Logger } from "../logger.js";
import { IDEMPOTENCY_TTL_SECONDS, keyReusedError, type CreateResult, type IdempotentRequest, type ItemCreator } from "./idempotency.js";
import type { ItemsRepository } from "./repository.js";

interface Answer {
  hash: string;
  at: number;
  item: Promise<Item>;
}

export class MemoryItemCreator implements ItemCreator {
  // Insertion order is age order: expired keys are dropped from the front.
  private readonly answers = new Map<string, Answer>();

  constructor(
    private readonly items: ItemsRepository,
    private readonly events: ItemEvents,
    private readonly logger: Logger,
  ) {}

  async create(input: CreateItem, idempotency?: IdempotentRequest): Promise<CreateResult> {
    if (!idempotency) return { item: await this.createAndEnqueue(input), replayed: false };
    this.forgetExpired();
    const id = `${idempotency.caller}\n${idempotency.key}`;
    const earlier = this.answers.get(id);
    if (earlier) {
      if (earlier.hash !== idempotency.hash) throw keyReusedError();
      return { item: await earlier.item, replayed: true };
    }
    // Recorded before it settles: a concurrent request with the key waits for this one.
    const item = this.createAndEnqueue(input);
    this.answers.set(id, { hash: idempotency.hash, at: Date.now(), item });
    item.catch(() => this.answers.delete(id)); // nothing was created: the key is free again
    return { item: await item, replayed: false };
  }

  private async createAndEnqueue(input: CreateItem): Promise<Item> {
    const item = await this.items.create(input);
    try {
      await this.events.itemCreated(item);
    } catch (err) {
      await this.items.remove(item.id);
      this.logger.warn({ err, item_id: item.id }, "enqueue failed; the item was removed again");
      throw new UnavailableError("the job queue is unavailable; nothing was created, retry later");
    }
    return item;
  }

  private forgetExpired(): void {
    const oldest = Date.now() - IDEMPOTENCY_TTL_SECONDS * 1_000;
    for (const [id, answer] of this.answers) {
      if (answer.at >= oldest) break;
      this.answers.delete(id);
    }
  }
}
