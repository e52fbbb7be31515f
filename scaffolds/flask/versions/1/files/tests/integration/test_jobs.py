"""A job delivered twice with one id does its work once."""

{{#queue_rq}}
from rq import Queue, SimpleWorker

{{/queue_rq}}
from app.deps import Deps
from app.jobs.tasks import {{#queue_rq}}QUEUE, {{/queue_rq}}item_created
from app.models.items import ItemCreate


def test_the_task_skips_a_job_id_it_has_processed(deps: Deps) -> None:
    item = deps.items.create(ItemCreate(name="job target"))
{{#queue_rq}}
    assert item_created(str(item.id), item.name) == "processed"
    assert item_created(str(item.id), item.name) == "skipped"
{{/queue_rq}}
{{#queue_celery}}
    job_id = f"item-created-{item.id}"
    first = item_created.apply(args=[str(item.id), item.name], task_id=job_id)
    again = item_created.apply(args=[str(item.id), item.name], task_id=job_id)
    assert (first.get(), again.get()) == ("processed", "skipped")
{{/queue_celery}}
{{#queue_rq}}


def test_the_same_job_id_enqueued_twice_runs_once(deps: Deps) -> None:
    item = deps.items.create(ItemCreate(name="enqueued twice"))
    deps.events.item_created(item)
    deps.events.item_created(item)
    queue = Queue(QUEUE, connection=deps.redis)
    SimpleWorker([queue], connection=deps.redis).work(burst=True)
    job = queue.fetch_job(f"item-created-{item.id}")
    assert job is not None
    assert job.return_value() in ("processed", "skipped")
    assert item_created(str(item.id), item.name) == "skipped"
{{/queue_rq}}
