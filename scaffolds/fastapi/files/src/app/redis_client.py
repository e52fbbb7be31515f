"""The Redis connection of the API: rate limits{{^queue_none}} (the job queue has its own){{/queue_none}}."""

from redis.asyncio import Redis


def connect_redis(url: str) -> Redis:
    # Short timeouts: a slow Redis must not hold requests; the limiter lets them
    # through and /health reports it.
    return Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1, health_check_interval=30)
