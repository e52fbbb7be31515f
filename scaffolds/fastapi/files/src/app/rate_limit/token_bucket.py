"""Token-bucket arithmetic. A bucket holds at most `capacity` tokens and refills
continuously at `capacity` per minute; a request takes one token or is refused.

The same arithmetic runs atomically inside Redis (BUCKET_SCRIPT); the Python
version is what the unit tests pin down.
"""

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


def refill(state: BucketState, now_ms: int, config: BucketConfig) -> BucketState:
    elapsed = max(0, now_ms - state.updated_at_ms)
    tokens = min(config.capacity, state.tokens + elapsed * config.refill_per_ms)
    return BucketState(tokens=tokens, updated_at_ms=max(now_ms, state.updated_at_ms))


def retry_after_seconds(tokens: float, cost: float, config: BucketConfig) -> int:
    """Whole seconds until `cost` tokens are back; at least 1 so clients never retry at once."""
    if tokens >= cost:
        return 0
    return max(1, math.ceil((cost - tokens) / config.refill_per_ms / 1000))


def take(
    state: BucketState | None, now_ms: int, config: BucketConfig, cost: int = 1
) -> tuple[BucketState, TakeResult]:
    current = refill(state or BucketState(config.capacity, now_ms), now_ms, config)
    allowed = current.tokens >= cost
    tokens = current.tokens - cost if allowed else current.tokens
    wait = 0 if allowed else retry_after_seconds(tokens, cost, config)
    return BucketState(tokens, current.updated_at_ms), TakeResult(allowed, math.floor(tokens), wait)


# KEYS[1]: the bucket. ARGV: capacity, refill per ms, cost. Redis' own clock is used so
# that every instance agrees on time. Returns {allowed, tokens}; tokens as a string
# because Redis truncates Lua numbers to integers.
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
