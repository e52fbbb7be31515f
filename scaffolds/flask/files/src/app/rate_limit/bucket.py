"""Token-bucket arithmetic. A bucket holds at most `capacity` tokens and refills
continuously at `capacity` per minute; a request takes one token or is refused. The
same arithmetic runs atomically inside Redis (BUCKET_SCRIPT), so every instance
of the service shares one bucket per key."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class BucketConfig:
    capacity: float
    refill_per_ms: float

    @classmethod
    def per_minute(cls, limit: int) -> "BucketConfig":
        if limit <= 0:
            raise ValueError("limit must be positive")
        return cls(capacity=limit, refill_per_ms=limit / 60_000)


@dataclass(frozen=True)
class BucketState:
    tokens: float
    updated_at_ms: int


@dataclass(frozen=True)
class TakeResult:
    allowed: bool
    remaining: int
    retry_after_seconds: int


def retry_after_seconds(tokens: float, cost: float, config: BucketConfig) -> int:
    """Whole seconds until `cost` tokens are back; at least 1, so no client retries at once."""
    if tokens >= cost:
        return 0
    return max(1, math.ceil((cost - tokens) / config.refill_per_ms / 1000))


def take(
    state: BucketState | None, now_ms: int, config: BucketConfig, cost: int = 1
) -> tuple[BucketState, TakeResult]:
    current = state or BucketState(config.capacity, now_ms)
    elapsed = max(0, now_ms - current.updated_at_ms)
    tokens = min(config.capacity, current.tokens + elapsed * config.refill_per_ms)
    allowed = tokens >= cost
    if allowed:
        tokens -= cost
    wait = 0 if allowed else retry_after_seconds(tokens, cost, config)
    new_state = BucketState(tokens, max(now_ms, current.updated_at_ms))
    return new_state, TakeResult(allowed, math.floor(tokens), wait)


# KEYS[1]: the bucket. ARGV: capacity, refill per ms, cost. Redis' own clock, so every
# instance agrees on time. Returns {allowed, tokens}; tokens as a string because Redis
# truncates Lua numbers to integers.
BUCKET_SCRIPT = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
if now > ts then
  tokens = math.min(capacity, tokens + (now - ts) * rate)
  ts = now
end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
return {allowed, tostring(tokens)}
"""
