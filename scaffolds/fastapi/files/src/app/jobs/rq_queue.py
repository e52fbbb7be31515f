"""The RQ queue of the API (producer) and the worker (consumer), on Redis."""

from redis import Redis
from rq import Queue

from app.jobs import ITEMS_QUEUE


def items_queue(redis_url: str) -> Queue:
    # Short timeouts: a producer whose Redis is down fails fast.
    connection = Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
    return Queue(ITEMS_QUEUE, connection=connection)
