"""A job delivered twice with one id does its work once; a failed job is retried."""

{{^db_postgres}}
import time
{{/db_postgres}}
{{#db_postgres}}
{{#queue_rq}}
import time
{{/queue_rq}}
{{/db_postgres}}
from uuid import uuid4

import pytest
{{#queue_rq}}
from rq import Queue, Retry, SimpleWorker
{{/queue_rq}}

from app.deps import Deps
from app.jobs import {{#db_postgres}}resources, {{/db_postgres}}tasks
{{^db_postgres}}
from app.jobs.processed import JobInProgress
{{/db_postgres}}
from app.jobs.tasks import {{#queue_rq}}QUEUE, {{/queue_rq}}item_created
from app.models.items import ItemCreate
{{#queue_rq}}
from app.settings import Settings
from app.worker import work
from support.flaky import fail_once
{{/queue_rq}}


def _deliver(item_id: str, name: str = "job target") -> str:
    """One delivery of the item's job, run here as the worker would run it."""
{{#queue_rq}}
    return item_created(item_id, name)
{{/queue_rq}}
{{#queue_celery}}
    return str(item_created.run(item_id, name))
{{/queue_celery}}


def test_the_task_skips_a_job_id_it_has_processed(deps: Deps) -> None:
    item = deps.items.create(ItemCreate(name="job target")).item
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
{{#db_postgres}}


class _PoolSpy:
    """Stands in for the task's logger: notes the connections in use during the work."""

    def __init__(self) -> None:
        self.in_use_during_work: list[int] = []

    def bind(self, **_: object) -> "_PoolSpy":
        return self

    def info(self, event: str, **_: object) -> None:
        if event == "item created":
            self.in_use_during_work.append(resources.engine().pool.checkedout())


def test_the_work_runs_outside_a_database_transaction(
    deps: Deps, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = _PoolSpy()
    monkeypatch.setattr(tasks, "log", spy)
    assert _deliver(str(uuid4())) == "processed"
    assert spy.in_use_during_work == [0]
{{/db_postgres}}
{{^db_postgres}}


def test_a_stale_claim_expires_and_the_redelivered_job_runs(deps: Deps) -> None:
    item_id = str(uuid4())
    claim = f"{{name}}:job:item-created-{item_id}"
    deps.redis.set(claim, "in-progress", px=300)  # a worker that crashed mid-job
    with pytest.raises(JobInProgress):
        _deliver(item_id)  # raised: the queue retries it later
    time.sleep(0.4)
    assert _deliver(item_id) == "processed"
    assert deps.redis.get(claim) == b"done"
    assert _deliver(item_id) == "skipped"


def test_a_failed_job_gives_its_claim_back(deps: Deps, monkeypatch: pytest.MonkeyPatch) -> None:
    item_id = str(uuid4())

    class Failing:
        def bind(self, **_: object) -> "Failing":
            return self

        def info(self, event: str, **_: object) -> None:
            raise RuntimeError("the work failed")

    monkeypatch.setattr(tasks, "log", Failing())
    with pytest.raises(RuntimeError):
        _deliver(item_id)
    assert deps.redis.exists(f"{{name}}:job:item-created-{item_id}") == 0
{{/db_postgres}}
{{#queue_rq}}


def test_the_same_job_id_enqueued_twice_runs_once(deps: Deps) -> None:
    item = deps.items.create(ItemCreate(name="enqueued twice")).item
    deps.events.item_created(item)
    deps.events.item_created(item)
    queue = Queue(QUEUE, connection=deps.redis)
    SimpleWorker([queue], connection=deps.redis).work(burst=True)
    job = queue.fetch_job(f"item-created-{item.id}")
    assert job is not None
    assert job.return_value() in ("processed", "skipped")
    assert item_created(str(item.id), item.name) == "skipped"


def test_a_job_that_fails_once_is_retried(deps: Deps, settings: Settings) -> None:
    counter = f"{{name}}:test:attempts-{uuid4()}"
    queue = Queue(QUEUE, connection=deps.redis)
    job = queue.enqueue(fail_once, settings.redis_url, counter, retry=Retry(max=2, interval=1))
    work(deps.redis, burst=True)  # the first attempt fails; the retry is due in 1 s
    assert deps.redis.get(counter) == b"1"
    time.sleep(1.5)
    work(deps.redis, burst=True)  # the scheduler puts the retry back on the queue
    assert deps.redis.get(counter) == b"2"
    assert job.get_status(refresh=True) == "finished"
{{/queue_rq}}
