"""Producer of the item events. The job id comes from the item: a create replayed, or
an event sent twice, is processed once."""

import asyncio

{{#queue_celery}}
from app.jobs.celery_app import configure
from app.jobs.celery_tasks import item_created
{{/queue_celery}}{{#queue_rq}}
from rq import Retry

from app.jobs.rq_queue import items_queue
from app.jobs.rq_tasks import item_created
{{/queue_rq}}from app.models.items import Item


def item_created_job_id(item: Item) -> str:
    return f"item-created-{item.id}"


class ItemEvents:
    def __init__(self, redis_url: str) -> None:{{#queue_celery}}
        configure(redis_url){{/queue_celery}}{{#queue_rq}}
        self._queue = items_queue(redis_url){{/queue_rq}}

    async def item_created(self, item: Item) -> None:
        # The client library blocks on the network: keep it off the event loop.
        await asyncio.to_thread(self._send_item_created, item)

    def _send_item_created(self, item: Item) -> None:{{#queue_celery}}
        item_created.apply_async(args=[str(item.id), item.name], task_id=item_created_job_id(item)){{/queue_celery}}{{#queue_rq}}
        self._queue.enqueue(
            item_created,
            str(item.id),
            item.name,
            job_id=item_created_job_id(item),
            retry=Retry(max=5, interval=[1, 5, 30, 60, 300]),
        ){{/queue_rq}}

    def close(self) -> None:{{#queue_celery}}
        pass  # Celery's producer pool closes with the process.{{/queue_celery}}{{#queue_rq}}
        self._queue.connection.close(){{/queue_rq}}
