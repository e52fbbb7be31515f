import { Redis } from 'ioredis';

import { config } from '../config.js';

// BullMQ workers need maxRetriesPerRequest: null (blocking commands must not time out).
export function createRedis(): Redis {
  return new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
}
