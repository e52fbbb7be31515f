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

export const ITEM_CREATED = "item.created";

// The job id comes from the item: a create that is replayed, or a job sent again by the
// outbox sweep, is enqueued once. (BullMQ ids may not contain ':'.)
export const itemCreatedJobId = (itemId: string) => `item-created-${itemId}`;

export function itemCreatedJob(item: Item): ItemCreatedJob {
  return { itemId: item.id, name: item.name };
}

// A request waits at most this long for Redis before it gives up on enqueueing.
export const ENQUEUE_TIMEOUT_MS = 2_000;

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

  // Enqueues `payload` as job `jobId`; adding an id the queue still holds does nothing.
  async send(jobId: string, topic: string, payload: ItemCreatedJob): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("enqueue timed out: Redis does not answer")), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.queue.add(topic, payload, { jobId: `${jobId}` }), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  itemCreated(item: Item): Promise<void> {
    return this.send(itemCreatedJobId(item.id), ITEM_CREATED, itemCreatedJob(item));
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
