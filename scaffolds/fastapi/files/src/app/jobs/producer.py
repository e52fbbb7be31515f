"""Producer of the item events. The job id comes from the item: a create replayed, or
an event sent twice, is processed once.{{#db_postgres}} The API writes each job to the outbox
table with its item (app.db.items_repository) and enqueues it after the commit; the
worker's sweep (app.jobs.outbox) sends what the API could not.{{/db_postgres}}"""

import asyncio
from typing import Any

{{#queue_celery}}
from app.jobs.celery_app import configure
from app.jobs.celery_tasks import item_created
{{/queue_celery}}{{#queue_rq}}
from rq import Retry

from app.jobs.rq_queue import items_queue
from app.jobs.rq_tasks import item_created
{{/queue_rq}}from app.models.items import Item

ITEM_CREATED = "item_created"


def item_created_job_id(item: Item) -> str:
    return f"item-created-{item.id}"


def item_created_payload(item: Item) -> dict[str, Any]:
    return {"item_id": str(item.id), "name": item.name}


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

    def send(self, job: str, job_id: str, payload: dict[str, Any]) -> None:
        """Enqueues a job of the outbox, under the id it was written with."""
        if job != ITEM_CREATED:
            raise ValueError(f"unknown job {job!r}"){{#queue_celery}}
        item_created.apply_async(args=[payload["item_id"], payload["name"]], task_id=job_id){{/queue_celery}}{{#queue_rq}}
        self._queue.enqueue(
            item_created,
            payload["item_id"],
            payload["name"],
            job_id=job_id,
            retry=Retry(max=5, interval=[1, 5, 30, 60, 300]),
        ){{/queue_rq}}

    def close(self) -> None:{{#queue_celery}}
        pass  # Celery's producer pool closes with the process.{{/queue_celery}}{{#queue_rq}}
        self._queue.connection.close(){{/queue_rq}}
