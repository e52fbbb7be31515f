// Token buckets kept in Redis, shared by every instance of the service.
import type { Redis } from "ioredis";
import { TAKE_TOKEN_SCRIPT, perMinute, retryAfterSeconds, type BucketConfig, type TakeResult } from "./token-bucket.js";

type TakeTokenCommand = (key: string, capacity: number, refillPerMs: number, cost: number) => Promise<[number, string]>;

export class RateLimiter {
  private readonly config: BucketConfig;

  constructor(
    private readonly redis: Redis,
    readonly limitPerMinute: number,
    private readonly keyPrefix: string,
  ) {
    this.config = perMinute(limitPerMinute);
    if (!("svcTakeToken" in redis)) {
      redis.defineCommand("svcTakeToken", { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });
    }
  }

  // Takes `cost` tokens from the bucket of `key`; cost 0 only looks at it.
  async take(key: string, cost = 1): Promise<TakeResult> {
    const command = (this.redis as unknown as { svcTakeToken: TakeTokenCommand }).svcTakeToken;
    const [allowed, tokensText] = await command.call(
      this.redis,
      `${this.keyPrefix}:${key}`,
      this.config.capacity,
      this.config.refillPerMs,
      cost,
    );
    const tokens = Number(tokensText);
    // A look (cost 0) answers whether one more token could be taken.
    const ok = cost === 0 ? tokens >= 1 : allowed === 1;
    return {
      allowed: ok,
      remaining: Math.floor(tokens),
      retryAfterSeconds: ok ? 0 : retryAfterSeconds(tokens, Math.max(cost, 1), this.config),
    };
  }
}
