"""Producer of the `items` queue. The worker process consumes it."""

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

    def item_created(self, item: Item) -> None:
        # The job id comes from the item: a create retried by its client, or replayed,
        # enqueues the same id, and the task skips ids it has already processed.
        self._queue.enqueue(
            item_created,
            str(item.id),
            item.name,
            job_id=item_created_job_id(item),
            retry=Retry(max=5, interval=[1, 5, 30, 120, 600]),
            result_ttl=24 * 3600,
            failure_ttl=7 * 24 * 3600,
        )
{{/queue_rq}}
{{#queue_celery}}
    def __init__(self, broker_url: str) -> None:
        configure(broker_url)

    def item_created(self, item: Item) -> None:
        # The job id comes from the item: a create retried by its client, or replayed,
        # sends the same id, and the task skips ids it has already processed.
        item_created.apply_async(args=[str(item.id), item.name], task_id=item_created_job_id(item))
{{/queue_celery}}
