"""Cleaning up after tests in a Redis that other services may share: only this
service's keys go, never FLUSHDB, never another service's queue."""

from redis import Redis
{{#queue_rq}}
from rq import Queue

from app.jobs.tasks import QUEUE
{{/queue_rq}}

PREFIX = "{{name}}:"


def forget_own_keys(redis: Redis) -> None:
    """Deletes the keys under `{{name}}:`{{#queue_rq}}, and RQ's keys of this service's queue
    and of its jobs (RQ names them `rq:...`){{/queue_rq}}."""
    own = list(redis.scan_iter(match=f"{PREFIX}*"))
{{#queue_rq}}
    queue = Queue(QUEUE, connection=redis)
    job_ids = set(queue.get_job_ids())
    for registry in (
        queue.started_job_registry,
        queue.finished_job_registry,
        queue.failed_job_registry,
        queue.deferred_job_registry,
        queue.scheduled_job_registry,
        queue.canceled_job_registry,
    ):
        job_ids.update(registry.get_job_ids())
    for job_id in job_ids:
        own += [f"rq:job:{job_id}", f"rq:job:{job_id}:dependents", f"rq:results:{job_id}"]
    # The queue and its registries: rq:queue:{{name}}, rq:finished:{{name}}, ...
    own += list(redis.scan_iter(match=f"rq:*:{QUEUE}"))
{{/queue_rq}}
    if own:
        redis.delete(*own)
