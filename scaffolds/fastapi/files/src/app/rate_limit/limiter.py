"""Token buckets in Redis, shared by every instance of the service."""

import math

from redis.asyncio import Redis

from app.rate_limit.token_bucket import (
    BUCKET_SCRIPT,
    BucketConfig,
    TakeResult,
    retry_after_seconds,
)


class RateLimiter:
    def __init__(self, redis: Redis, limit_per_minute: int, key_prefix: str) -> None:
        self.limit_per_minute = limit_per_minute
        self._config = BucketConfig.per_minute(limit_per_minute)
        self._prefix = key_prefix
        self._script = redis.register_script(BUCKET_SCRIPT)

    async def take(self, key: str, cost: int = 1) -> TakeResult:
        """Takes `cost` tokens from the bucket of `key`; cost 0 only looks at it."""
        args = [self._config.capacity, self._config.refill_per_ms, cost]
        allowed, tokens_text = await self._script(keys=[f"{self._prefix}:{key}"], args=args)
        tokens = float(tokens_text)
        # A look (cost 0) answers whether one more token could be taken.
        ok = tokens >= 1 if cost == 0 else int(allowed) == 1
        wait = 0 if ok else retry_after_seconds(tokens, max(cost, 1), self._config)
        return TakeResult(allowed=ok, remaining=math.floor(tokens), retry_after_seconds=wait)
