"""The jobs of the worker. Each is idempotent: the producer sets the job id
(`job_id`), and a job skips ids already processed."""

from rq import get_current_job

from app.jobs import ITEMS_QUEUE
from app.jobs.processed import ProcessedJobs
from app.log import get_logger

log = get_logger(__name__)

# Set by the worker at start-up (app.worker), or by tests.
processed: ProcessedJobs | None = None


def use(jobs: ProcessedJobs) -> None:
    global processed
    processed = jobs


def item_created(item_id: str, name: str) -> str:
    job = get_current_job()
    job_id = job.id if job else f"item-created-{item_id}"
    job_log = log.bind(job_id=job_id, queue=ITEMS_QUEUE, job="item.created")
    if processed is None:
        raise RuntimeError("the worker did not call rq_tasks.use()")

    def work() -> None:
        # The work of the job goes here (send a notification, index the item...).
        job_log.info("item created", item_id=item_id, name=name)

    already_processed = not processed.run_once(ITEMS_QUEUE, job_id, work)
    if already_processed:
        job_log.info("job already processed, skipped")
        return "skipped"
    return "processed"
