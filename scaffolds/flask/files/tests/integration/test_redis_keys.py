"""The tests clean up only what this service wrote: another service on the same Redis
keeps its keys and its queue."""

from app.deps import Deps
from support.redis_keys import PREFIX, forget_own_keys


def test_the_cleanup_leaves_other_services_keys(deps: Deps) -> None:
    foreign = ["other:x", "rq:queue:other", "celery-task-meta-other"]
    for key in foreign:
        deps.redis.set(key, "theirs")
    deps.redis.set(f"{PREFIX}planted", "ours")
    try:
        forget_own_keys(deps.redis)
        assert deps.redis.exists(f"{PREFIX}planted") == 0
        assert deps.redis.exists(*foreign) == len(foreign)
    finally:
        deps.redis.delete(*foreign)
