// Producer of the `items` queue. Jobs are consumed by the worker process
// (src/worker.ts), never by the API process.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Item } from "../../schemas/items.js";
import type { Logger } from "../logger.js";

export interface ItemCreatedJob {
  itemId: string;
  name: string;
}

export class ItemEvents {
  private readonly queue: Queue<ItemCreatedJob>;

  constructor(connection: Redis, logger: Logger, prefix?: string) {
    this.queue = new Queue<ItemCreatedJob>("items", {
      connection,
      ...(prefix ? { prefix } : {}),
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: "exponential", delay: 1_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    this.queue.on("error", (err) => logger.warn({ err }, "queue connection error"));
  }

  // The job id comes from the item: a request retried by its client, or a create that
  // is replayed, enqueues the event once. (BullMQ ids may not contain ':'.)
  async itemCreated(item: Item): Promise<void> {
    await this.queue.add("item.created", { itemId: item.id, name: item.name }, { jobId: `item-created-${item.id}` });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
