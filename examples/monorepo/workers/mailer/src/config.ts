import { z } from 'zod';

const Env = z.object({
  REDIS_URL: z.string().url(),
  SMTP_URL: z.string().url(),
  MAIL_FROM: z.string().default('ACME Shop <orders@acme.dev>'),
  CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
  HEARTBEAT_KEY: z.string().default('mailer:heartbeat'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});

export const config = Env.parse(process.env);
