"""A job delivered twice with the same id is processed once: the second delivery is
skipped, against the real {{#db_postgres}}processed_jobs table{{/db_postgres}}{{^db_postgres}}Redis{{/db_postgres}}."""

import uuid
from collections.abc import Iterator

import pytest{{#queue_rq}}
from redis import Redis
from rq import Queue{{/queue_rq}}

{{#queue_celery}}
from app.jobs import celery_tasks
{{/queue_celery}}{{#queue_rq}}
from app.jobs import rq_tasks
{{/queue_rq}}from app.jobs.processed import ProcessedJobs

pytestmark = pytest.mark.integration


@pytest.fixture
{{#db_postgres}}
def processed(migrated_database: str) -> Iterator[ProcessedJobs]:
    jobs = ProcessedJobs(migrated_database)
{{/db_postgres}}{{^db_postgres}}
def processed(redis_url: str) -> Iterator[ProcessedJobs]:
    jobs = ProcessedJobs(redis_url)
{{/db_postgres}}    yield jobs
    jobs.close(){{#queue_celery}}


def test_same_job_id_is_processed_once(processed: ProcessedJobs) -> None:
    celery_tasks.use(processed)
    job_id = f"item-created-{uuid.uuid4()}"
    args = [str(uuid.uuid4()), "widget"]
    first = celery_tasks.item_created.apply(args=args, task_id=job_id).get()
    second = celery_tasks.item_created.apply(args=args, task_id=job_id).get()
    assert (first, second) == ("processed", "skipped"){{/queue_celery}}{{#queue_rq}}


def test_same_job_id_is_processed_once(processed: ProcessedJobs, redis_url: str) -> None:
    rq_tasks.use(processed)
    queue = Queue("items-test", connection=Redis.from_url(redis_url), is_async=False)
    job_id = f"item-created-{uuid.uuid4()}"
    args = (str(uuid.uuid4()), "widget")
    # Synchronous queue: each enqueue runs the job; the result is read before the next.
    first = queue.enqueue(rq_tasks.item_created, *args, job_id=job_id).return_value()
    second = queue.enqueue(rq_tasks.item_created, *args, job_id=job_id).return_value()
    assert (first, second) == ("processed", "skipped"){{/queue_rq}}


def test_a_failed_job_can_run_again(processed: ProcessedJobs) -> None:
    job_id = f"failing-{uuid.uuid4()}"

    def fail() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        processed.run_once("items", job_id, fail)
    assert processed.run_once("items", job_id, lambda: None) is True
    assert processed.run_once("items", job_id, lambda: None) is False
