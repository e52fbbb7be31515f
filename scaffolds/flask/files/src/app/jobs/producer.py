"""Producer of the service's queue (named `{{name}}`). The worker process consumes it."""

from typing import Any

{{#queue_rq}}
from redis import Redis
from rq import Queue, Retry

from app.jobs.tasks import QUEUE, item_created
{{/queue_rq}}
{{#queue_celery}}
from app.jobs.celery_app import configure
from app.jobs.tasks import item_created
{{/queue_celery}}
from app.models.items import Item


def item_created_job_id(item: Item) -> str:
    return f"item-created-{item.id}"


class ItemEvents:
{{#queue_rq}}
    def __init__(self, redis: Redis) -> None:
        self._queue = Queue(QUEUE, connection=redis)

    def send(self, job_id: str, payload: dict[str, Any]) -> None:
        """Enqueues an `item.created` job; raises when Redis cannot take it."""
        self._queue.enqueue(
            item_created,
            payload["item_id"],
            payload["name"],
            job_id=job_id,
            retry=Retry(max=5, interval=[1, 5, 30, 120, 600]),
            result_ttl=24 * 3600,
            failure_ttl=7 * 24 * 3600,
        )
{{/queue_rq}}
{{#queue_celery}}
    def __init__(self, broker_url: str) -> None:
        configure(broker_url)

    def send(self, job_id: str, payload: dict[str, Any]) -> None:
        """Sends an `item.created` task; raises when the broker cannot take it."""
        item_created.apply_async(
            args=[payload["item_id"], payload["name"]],
            task_id=job_id,
            retry_policy={"max_retries": 1, "interval_start": 0.2},
        )
{{/queue_celery}}

    def item_created(self, item: Item) -> None:
        # The job id comes from the item: a create retried by its client, or replayed,
        # enqueues the same id, and the task skips ids it has already processed.
        self.send(item_created_job_id(item), {"item_id": str(item.id), "name": item.name})
