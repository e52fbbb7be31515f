import { Redis } from 'ioredis';

import { config } from './config.js';

// Exit 0 when the worker wrote its heartbeat in the last 30 s, 1 otherwise.
const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });

try {
  const beat = Number(await redis.get(config.HEARTBEAT_KEY));
  process.exitCode = Date.now() - beat < 30_000 ? 0 : 1;
} catch {
  process.exitCode = 1;
} finally {
  redis.disconnect();
}
