"""The Redis-backed limiter and the request hook that applies it."""

import math

from flask import Response, g, request
from redis import Redis
from redis.exceptions import RedisError

from app.errors import RateLimited
from app.log import get_logger
from app.rate_limit.bucket import BUCKET_SCRIPT, BucketConfig, TakeResult, retry_after_seconds

log = get_logger(__name__)

# Never limited: orchestrators probe it and must always get an answer.
EXEMPT_PATHS = frozenset({"/health"})


class RateLimiter:
    def __init__(self, redis: Redis, limit_per_minute: int, key_prefix: str) -> None:
        self.limit_per_minute = limit_per_minute
        self._config = BucketConfig.per_minute(limit_per_minute)
        self._prefix = key_prefix
        self._script = redis.register_script(BUCKET_SCRIPT)

    def take(self, key: str, cost: int = 1) -> TakeResult:
        """Takes `cost` tokens from the bucket of `key`; cost 0 only looks at it."""
        allowed, tokens_text = self._script(
            keys=[f"{self._prefix}:{key}"],
            args=[self._config.capacity, self._config.refill_per_ms, cost],
        )
        tokens = float(tokens_text)
        ok = tokens >= 1 if cost == 0 else allowed == 1
        wait = 0 if ok else retry_after_seconds(tokens, max(cost, 1), self._config)
        return TakeResult(ok, math.floor(tokens), wait)


def caller_key() -> str:
    """The authenticated user when there is one, else the client address."""
    user = g.get("user")
    return f"user:{user.user_id}" if user else f"ip:{request.remote_addr}"


def limit_request(limiter: RateLimiter) -> None:
    """A before_request hook: one bucket per caller and endpoint (the route pattern)."""
    if request.path in EXEMPT_PATHS:
        return
    endpoint = request.url_rule.rule if request.url_rule else "unmatched"
    try:
        result = limiter.take(f"{request.method} {endpoint}:{caller_key()}")
    except RedisError:
        # Redis down: serve rather than fail every request; /health reports it.
        log.warning("rate limiter unavailable, request let through")
        return
    g.rate_limit = (limiter.limit_per_minute, result.remaining)
    if not result.allowed:
        raise RateLimited(result.retry_after_seconds)


def add_rate_limit_headers(response: Response) -> Response:
    if "rate_limit" in g:
        limit, remaining = g.rate_limit
        response.headers["RateLimit-Limit"] = str(limit)
        response.headers["RateLimit-Remaining"] = str(max(0, remaining))
    return response
