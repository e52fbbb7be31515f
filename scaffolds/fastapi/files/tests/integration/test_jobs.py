"""A job delivered twice with the same id is processed once: the second delivery is
skipped, against the real {{#db_postgres}}processed_jobs table{{/db_postgres}}{{^db_postgres}}Redis{{/db_postgres}}. A failed job runs again.

Every id and key a test writes carries the test's run id, and only those are deleted
afterwards: never another service's keys, nor the queue library's of the whole Redis.
"""

{{#queue_rq}}
import time
{{/queue_rq}}{{^queue_rq}}{{^db_postgres}}
import time
{{/db_postgres}}{{/queue_rq}}import uuid
from collections.abc import Iterator

import pytest
from redis import Redis{{#queue_rq}}
from rq import Queue, Retry{{/queue_rq}}

from app.jobs import ITEMS_QUEUE, KEY_PREFIX{{#queue_celery}}, celery_tasks{{/queue_celery}}{{#queue_rq}}, rq_tasks{{/queue_rq}}
{{#db_postgres}}
from app.jobs.processed import ProcessedJobs
{{/db_postgres}}{{^db_postgres}}
from app.jobs.processed import JobInProgress, ProcessedJobs
{{/db_postgres}}{{#queue_rq}}
from app.worker import work
{{/queue_rq}}

pytestmark = pytest.mark.integration


@pytest.fixture
def run_id(redis_url: str) -> Iterator[str]:
    """A marker for this test's ids and keys; its keys are deleted after it."""
    marker = uuid.uuid4().hex
    yield marker
    redis = Redis.from_url(redis_url)
    for key in redis.scan_iter(match=f"{KEY_PREFIX}*{marker}*"):
        redis.delete(key)
    redis.close()


@pytest.fixture
{{#db_postgres}}
def processed(migrated_database: str) -> Iterator[ProcessedJobs]:
    jobs = ProcessedJobs(migrated_database)
{{/db_postgres}}{{^db_postgres}}
def processed(redis_url: str) -> Iterator[ProcessedJobs]:
    jobs = ProcessedJobs(redis_url)
{{/db_postgres}}    yield jobs
    jobs.close(){{#queue_celery}}


def test_same_job_id_is_processed_once(processed: ProcessedJobs, run_id: str) -> None:
    celery_tasks.use(processed)
    job_id = f"item-created-{run_id}"
    args = [str(uuid.uuid4()), "widget"]
    first = celery_tasks.item_created.apply(args=args, task_id=job_id).get()
    second = celery_tasks.item_created.apply(args=args, task_id=job_id).get()
    assert (first, second) == ("processed", "skipped"){{/queue_celery}}{{#queue_rq}}


@pytest.fixture
def queue(redis_url: str, run_id: str) -> Iterator[Queue]:
    """A queue of this test's own; deleted with its jobs afterwards."""
    test_queue = Queue(f"{ITEMS_QUEUE}-test-{run_id}", connection=Redis.from_url(redis_url))
    yield test_queue
    test_queue.delete(delete_jobs=True)
    test_queue.connection.close()


def test_same_job_id_is_processed_once(processed: ProcessedJobs, queue: Queue, run_id) -> None:
    rq_tasks.use(processed)
    sync_queue = Queue(queue.name, connection=queue.connection, is_async=False)
    job_id = f"item-created-{run_id}"
    args = (str(uuid.uuid4()), "widget")
    # Synchronous queue: each enqueue runs the job; the result is read before the next.
    first = sync_queue.enqueue(rq_tasks.item_created, *args, job_id=job_id).return_value()
    second = sync_queue.enqueue(rq_tasks.item_created, *args, job_id=job_id).return_value()
    assert (first, second) == ("processed", "skipped")


def fails_once(redis_url: str, attempts_key: str) -> str:
    """A job whose first attempt fails (run by the worker, in its work horse)."""
    with Redis.from_url(redis_url) as redis:
        if redis.incr(attempts_key) == 1:
            raise RuntimeError("the first attempt fails")
    return "done"


def test_a_failed_job_is_retried_by_the_worker(queue: Queue, redis_url: str, run_id) -> None:
    """The producer's Retry intervals only work in a worker that runs RQ's scheduler."""
    attempts = f"{KEY_PREFIX}test-attempts:{run_id}"
    job = queue.enqueue(fails_once, redis_url, attempts, retry=Retry(max=2, interval=1))
    work(queue, burst=True)
    assert queue.connection.get(attempts) == b"1"
    time.sleep(1.5)  # the retry is due
    work(queue, burst=True)
    assert queue.connection.get(attempts) == b"2"
    assert job.get_status(refresh=True) == "finished"{{/queue_rq}}


def test_a_failed_job_can_run_again(processed: ProcessedJobs, run_id: str) -> None:
    job_id = f"failing-{run_id}"

    def fail() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        processed.run_once(ITEMS_QUEUE, job_id, fail)
    assert processed.run_once(ITEMS_QUEUE, job_id, lambda: None) is True
    assert processed.run_once(ITEMS_QUEUE, job_id, lambda: None) is False{{#db_postgres}}


def test_the_work_runs_outside_any_transaction(processed: ProcessedJobs, run_id: str) -> None:
    """No connection (and so no transaction or row lock) is held while the work runs;
    "done" is recorded after it, in a transaction of its own."""
    held = []

    def work() -> None:
        held.append(processed.connections_in_use())

    processed.run_once(ITEMS_QUEUE, f"job-{run_id}", work)
    assert held == [0]{{/db_postgres}}{{^db_postgres}}


def test_a_job_in_progress_elsewhere_is_retried_later(
    processed: ProcessedJobs, redis_url: str, run_id: str
) -> None:
    job_id = f"job-{run_id}"
    # Another delivery claimed the id and its worker died: the claim expires.
    Redis.from_url(redis_url).set(ProcessedJobs.key(job_id), "in-progress", ex=1)
    with pytest.raises(JobInProgress):
        processed.run_once(ITEMS_QUEUE, job_id, lambda: None)
    time.sleep(1.2)
    assert processed.run_once(ITEMS_QUEUE, job_id, lambda: None) is True
    assert Redis.from_url(redis_url).get(ProcessedJobs.key(job_id)) == b"done"
    assert processed.run_once(ITEMS_QUEUE, job_id, lambda: None) is False{{/db_postgres}}
