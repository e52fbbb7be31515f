import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().positive().default(8080),
  PUSH_API_URL: z.string().url().default('https://push.acme-provider.dev/v2'),
  PUSH_API_KEY: z.string().min(1),
  SMS_API_URL: z.string().url().default('https://sms.acme-provider.dev/v1'),
  SMS_API_KEY: z.string().min(1),
  // Shared with every service that calls this one: they sign, this service verifies.
  JWT_SECRET: z.string().min(32),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

export const config = Env.parse(process.env);
