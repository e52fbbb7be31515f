// The long-lived resources of the API process, opened once at start-up and closed on
// shutdown. Tests open them the same way, against real PostgreSQL and Redis.
{{#auth_jwks}}import type { JWTVerifyGetKey } from "jose";
import { createTokenVerifier, remoteKeys, type TokenVerifier } from "./lib/auth/verify-token.js";
{{/auth_jwks}}{{#db_postgres}}import { connectDatabase } from "./lib/db/client.js";
import { DrizzleItemsRepository } from "./lib/db/items-repository.js";
{{/db_postgres}}{{#db_postgres}}{{#queue_bullmq}}import { DrizzleItemCreator } from "./lib/db/create-item.js";
{{/queue_bullmq}}{{/db_postgres}}import type { ApiEnv } from "./lib/env.js";
import type { HealthChecks } from "./lib/health/checks.js";
{{#queue_bullmq}}import type { ItemCreator } from "./lib/items/idempotency.js";
{{/queue_bullmq}}{{^db_postgres}}{{#queue_bullmq}}import { MemoryItemCreator } from "./lib/items/memory-create-item.js";
{{/queue_bullmq}}import { MemoryItemsRepository } from "./lib/items/memory-repository.js";
{{/db_postgres}}import type { ItemsRepository } from "./lib/items/repository.js";
{{#queue_bullmq}}import { ItemEvents } from "./lib/jobs/item-events.js";
{{/queue_bullmq}}import type { Logger } from "./lib/logger.js";
import { RateLimiter } from "./lib/rate-limit/limiter.js";
import { connectRedis } from "./lib/redis.js";
// svc:resource-imports (`svc add resource` imports the repositories of each new resource here)

export interface AppDeps {
  logger: Logger;
  items: ItemsRepository;
  // svc:resource-deps (the repository of each resource `svc add resource` adds)
{{#queue_bullmq}}  events: ItemEvents;
  // POST /v1/items: the item, its job, and the Idempotency-Key.
  creator: ItemCreator;
{{/queue_bullmq}}  limiter: RateLimiter;
{{#auth_jwks}}  verify: TokenVerifier;
  authFailures: RateLimiter;
{{/auth_jwks}}  checks: HealthChecks;
  trustedProxyHops: number;
  maxBodyBytes: number;
  // Origins whose browser scripts may call the API; empty: no CORS headers.
  corsOrigins: string[];
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
{{/queue_bullmq}}{{#db_postgres}}  const items = new DrizzleItemsRepository(database.db);
{{/db_postgres}}{{^db_postgres}}  const items = new MemoryItemsRepository();
{{/db_postgres}}  return {
    logger,
    items,
    // svc:resource-repositories
{{#queue_bullmq}}    events,
{{#db_postgres}}    creator: new DrizzleItemCreator(database.db, events, logger),
{{/db_postgres}}{{^db_postgres}}    creator: new MemoryItemCreator(items, events, logger),
{{/db_postgres}}{{/queue_bullmq}}    limiter: new RateLimiter(redis, env.RATE_LIMIT_PER_MINUTE, `${prefix}:rate`),
{{#auth_jwks}}    verify: createTokenVerifier({
      keys: options.keys ?? remoteKeys(env.JWKS_URL, env.JWKS_REFETCH_COOLDOWN_SECONDS),
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      tokenType: env.JWT_TOKEN_TYPE,
      clockSkewSeconds: env.JWT_CLOCK_SKEW_SECONDS,
    }),
    authFailures: new RateLimiter(redis, env.AUTH_FAILURES_PER_MINUTE, `${prefix}:rate`),
{{/auth_jwks}}    checks: {
{{#db_postgres}}      db: () => database.ping(),
{{/db_postgres}}      redis: () => redis.ping(),
    },
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    corsOrigins: env.CORS_ORIGINS,
    async close() {
{{#queue_bullmq}}      await events.close();
{{/queue_bullmq}}      // QUIT lets pending replies arrive; a connection that never came up is just dropped.
      if (redis.status === "ready") await redis.quit();
      else redis.disconnect();
{{#db_postgres}}      await database.close();
{{/db_postgres}}    },
  };
}
