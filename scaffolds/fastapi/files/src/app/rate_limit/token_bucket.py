"""Token-bucket arithmetic. A bucket holds at most `capacity` tokens and refills
continuously at `capacity` per minute; a request takes one token or is refused.

The same arithmetic runs atomically inside Redis (BUCKET_SCRIPT); the Python
version is what the unit tests pin down.
"""

{{> python/rate_limit/bucket_model.py}}


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
{{> python/rate_limit/bucket_script.py}}
