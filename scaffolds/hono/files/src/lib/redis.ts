// Redis connections. Commands fail within a second when Redis is away instead of
// queueing for ever, so a request or a health check never hangs on it.
import { Redis } from "ioredis";

export function connectRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
  });
}{{#queue_bullmq}}

// BullMQ workers block on Redis and must retry for ever: no per-command limits.
export function connectWorkerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}{{/queue_bullmq}}
