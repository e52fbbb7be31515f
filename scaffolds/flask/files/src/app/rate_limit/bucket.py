"""Token-bucket arithmetic. A bucket holds at most `capacity` tokens and refills
continuously at `capacity` per minute; a request takes one token or is refused. The
same arithmetic runs atomically inside Redis (BUCKET_SCRIPT), so every instance
of the service shares one bucket per key."""

{{> python/rate_limit/bucket_model.py}}


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
{{> python/rate_limit/bucket_script.py}}
