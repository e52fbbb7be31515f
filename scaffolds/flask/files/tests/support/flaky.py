"""A job that fails on its first attempt, for the retry test (the worker imports it)."""

from redis import Redis


def fail_once(redis_url: str, counter_key: str) -> str:
    attempt = Redis.from_url(redis_url).incr(counter_key)
    if attempt == 1:
        raise RuntimeError("the first attempt fails")
    return f"attempt {attempt}"
