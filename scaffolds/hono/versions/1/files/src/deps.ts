// The long-lived resources of the API process, opened once at start-up and closed on
// shutdown. Tests open them the same way, against real PostgreSQL and Redis.
{{#auth_jwks}}import type { JWTVerifyGetKey } from "jose";
import { createTokenVerifier, remoteKeys, type TokenVerifier } from "./lib/auth/verify-token.js";
{{/auth_jwks}}{{#db_postgres}}import { connectDatabase } from "./lib/db/client.js";
import { DrizzleItemsRepository } from "./lib/db/items-repository.js";
{{/db_postgres}}import type { ApiEnv } from "./lib/env.js";
import type { HealthChecks } from "./lib/health/checks.js";
{{^db_postgres}}import { MemoryItemsRepository } from "./lib/items/memory-repository.js";
{{/db_postgres}}import type { ItemsRepository } from "./lib/items/repository.js";
{{#queue_bullmq}}import { ItemEvents } from "./lib/jobs/item-events.js";
{{/queue_bullmq}}import type { Logger } from "./lib/logger.js";
import { RateLimiter } from "./lib/rate-limit/limiter.js";
import { connectRedis } from "./lib/redis.js";

export interface AppDeps {
  logger: Logger;
  items: ItemsRepository;
{{#queue_bullmq}}  events: ItemEvents;
{{/queue_bullmq}}  limiter: RateLimiter;
{{#auth_jwks}}  verify: TokenVerifier;
  authFailures: RateLimiter;
{{/auth_jwks}}  checks: HealthChecks;
  trustProxy: boolean;
}

export interface Resources extends AppDeps {
  close(): Promise<void>;
}

export interface ResourceOptions {
  // Prefix of every Redis key (rate limits, queues), so several copies can share a Redis.
  redisPrefix?: string;
{{#auth_jwks}}  // Signing keys to trust instead of JWKS_URL (tests use a local key set).
  keys?: JWTVerifyGetKey;
{{/auth_jwks}}}

export function openResources(env: ApiEnv, logger: Logger, options: ResourceOptions = {}): Resources {
  const prefix = options.redisPrefix ?? "{{name}}";
{{#db_postgres}}  const database = connectDatabase(env.DATABASE_URL);
{{/db_postgres}}  const redis = connectRedis(env.REDIS_URL);
  redis.on("error", (err) => logger.warn({ err }, "redis connection error"));
{{#queue_bullmq}}  const events = new ItemEvents(redis, logger, `${prefix}:bull`);
{{/queue_bullmq}}  return {
    logger,
{{#db_postgres}}    items: new DrizzleItemsRepository(database.db),
{{/db_postgres}}{{^db_postgres}}    items: new MemoryItemsRepository(),
{{/db_postgres}}{{#queue_bullmq}}    events,
{{/queue_bullmq}}    limiter: new RateLimiter(redis, env.RATE_LIMIT_PER_MINUTE, `${prefix}:rate`),
{{#auth_jwks}}    verify: createTokenVerifier({
      keys: options.keys ?? remoteKeys(env.JWKS_URL),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
    }),
    authFailures: new RateLimiter(redis, env.AUTH_FAILURES_PER_MINUTE, `${prefix}:rate`),
{{/auth_jwks}}    checks: {
{{#db_postgres}}      db: () => database.ping(),
{{/db_postgres}}      redis: () => redis.ping(),
    },
    trustProxy: env.TRUST_PROXY,
    async close() {
{{#queue_bullmq}}      await events.close();
{{/queue_bullmq}}      // QUIT lets pending replies arrive; a connection that never came up is just dropped.
      if (redis.status === "ready") await redis.quit();
      else redis.disconnect();
{{#db_postgres}}      await database.close();
{{/db_postgres}}    },
  };
}
