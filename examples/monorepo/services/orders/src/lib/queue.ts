import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import { config } from '../config.js';
import type { Order } from '../schemas/order.js';

// The mailer worker (workers/mailer) consumes this queue in its own process.
export type OrderConfirmationJob = {
  orderId: string;
  customerId: string;
  totalCents: number;
  currency: string;
};

const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, enableOfflineQueue: false });

export const emailQueue = new Queue<OrderConfirmationJob>('email', {
  connection,
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
});

// The job id is derived from the order, so a retried request cannot queue a second email.
export async function enqueueOrderConfirmation(order: Order): Promise<void> {
  await emailQueue.add(
    'order-confirmation',
    {
      orderId: order.id,
      customerId: order.customerId,
      totalCents: order.totalCents,
      currency: order.currency,
    },
    { jobId: `order-confirmation-${order.id}` },
  );
}

export async function pingQueue(): Promise<void> {
  await connection.ping();
}

export async function closeQueues(): Promise<void> {
  await emailQueue.close();
  await connection.quit();
}
