"""After a create: the item's job goes to the queue.{{#db_postgres}} Its outbox row is already
committed with the item, so a failure here loses nothing: the answer is still 201, and
the worker's sweep (app.jobs.outbox) enqueues the row a few seconds later.{{/db_postgres}}{{^db_postgres}}
Without a database there is no outbox to fall back on: when the queue cannot take the
job, the item is removed again and the answer is 503, so that nothing exists and the
client's retry is safe.{{/db_postgres}}"""

{{^db_postgres}}
from app.errors import UnavailableError
{{/db_postgres}}{{#db_postgres}}
from app.db.items_repository import SqlItemRepository
{{/db_postgres}}{{^db_postgres}}
from app.items.repository import ItemRepository
{{/db_postgres}}from app.jobs.producer import ItemEvents, item_created_job_id
from app.log import get_logger
from app.models.items import Item

log = get_logger(__name__)


{{#db_postgres}}
async def publish_created(events: ItemEvents, items: SqlItemRepository, item: Item) -> None:
    job_id = item_created_job_id(item)
    try:
        await events.item_created(item)
    except Exception:
        log.warning("job not enqueued, left to the outbox sweep", job_id=job_id, exc_info=True)
        return
    await items.mark_enqueued(job_id)
{{/db_postgres}}{{^db_postgres}}
async def publish_created(events: ItemEvents, items: ItemRepository, item: Item) -> None:
    try:
        await events.item_created(item)
    except Exception as err:
        await items.delete(item.id)
        job_id = item_created_job_id(item)
        log.warning("job not enqueued, item removed", job_id=job_id, exc_info=True)
        raise UnavailableError("the job queue is unavailable; nothing was created") from err
{{/db_postgres}}
