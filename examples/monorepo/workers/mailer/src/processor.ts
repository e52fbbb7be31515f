import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import { z } from 'zod';

import { config } from './config.js';
import { logger } from './lib/logger.js';
import { orderConfirmationEmail } from './templates/order-confirmation.js';

const OrderConfirmationJob = z.object({
  orderId: z.string().uuid(),
  customerId: z.string().uuid(),
  totalCents: z.number().int(),
  currency: z.string().length(3),
});

const transport = nodemailer.createTransport(config.SMTP_URL);

// Stand-in for the customers API lookup; addresses are not part of the job payload.
async function emailOf(customerId: string): Promise<string> {
  return `${customerId}@customers.acme.dev`;
}

const SENT_TTL_SECONDS = 30 * 24 * 3600;

// Jobs are retried, so the handler is idempotent: a job whose id is already marked
// as sent is skipped, and the mark is written only after the SMTP server accepted it.
export function createProcessor(redis: Redis) {
  return async function handle(job: Job): Promise<'sent' | 'skipped'> {
    const sentKey = `mailer:sent:${job.id}`;
    if (await redis.exists(sentKey)) {
      logger.info({ job_id: job.id, job: job.name }, 'already sent, skipping');
      return 'skipped';
    }

    switch (job.name) {
      case 'order-confirmation': {
        const data = OrderConfirmationJob.parse(job.data);
        const mail = orderConfirmationEmail(data, await emailOf(data.customerId));
        const info = await transport.sendMail({
          from: config.MAIL_FROM,
          ...mail,
          headers: { 'X-Idempotency-Key': String(job.id) },
        });
        await redis.set(sentKey, info.messageId ?? '1', 'EX', SENT_TTL_SECONDS);
        logger.info({ job_id: job.id, order_id: data.orderId, message_id: info.messageId }, 'email sent');
        return 'sent';
      }
      default:
        throw new Error(`unknown job ${job.name}`);
    }
  };
}

export async function closeTransport(): Promise<void> {
  transport.close();
}
