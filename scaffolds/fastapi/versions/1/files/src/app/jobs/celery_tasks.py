"""The tasks of the worker. Each is idempotent: the producer sets the job id
(`task_id`), and a task skips ids already processed."""

from app.jobs import ITEMS_QUEUE
from app.jobs.celery_app import celery_app
from app.jobs.processed import ProcessedJobs
from app.log import get_logger

log = get_logger(__name__)

# Set by the worker at start-up (app.worker), or by tests.
processed: ProcessedJobs | None = None


def use(jobs: ProcessedJobs) -> None:
    global processed
    processed = jobs


@celery_app.task(
    bind=True,
    name="items.item_created",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def item_created(self, item_id: str, name: str) -> str:
    job_id = self.request.id
    job_log = log.bind(job_id=job_id, queue=ITEMS_QUEUE, job="item.created")
    if processed is None:
        raise RuntimeError("the worker did not call celery_tasks.use()")

    def work() -> None:
        # The work of the job goes here (send a notification, index the item...).
        job_log.info("item created", item_id=item_id, name=name)

    already_processed = not processed.run_once(ITEMS_QUEUE, job_id, work)
    if already_processed:
        job_log.info("job already processed, skipped")
        return "skipped"
    return "processed"
