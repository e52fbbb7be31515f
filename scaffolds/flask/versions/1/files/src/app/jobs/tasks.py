"""What the worker does with an `item.created` job. Idempotent: the job id is claimed
first and a job already processed is skipped, because queues deliver at least once."""

{{#queue_rq}}
{{#db_postgres}}
from rq import get_current_job
from sqlalchemy.orm import Session

from app.jobs import resources
{{/db_postgres}}
{{^db_postgres}}
from rq import get_current_job

from app.jobs import resources
{{/db_postgres}}
{{/queue_rq}}
{{#queue_celery}}
{{#db_postgres}}
from sqlalchemy.orm import Session

from app.jobs import resources
from app.jobs.celery_app import celery_app
{{/db_postgres}}
{{^db_postgres}}
from app.jobs import resources
from app.jobs.celery_app import celery_app
{{/db_postgres}}
{{/queue_celery}}
from app.jobs.processed import claim{{^db_postgres}}, release{{/db_postgres}}
from app.log import get_logger

QUEUE = "items"
log = get_logger(__name__)


{{#queue_rq}}
def item_created(item_id: str, name: str) -> str:
    job = get_current_job()
    job_id = job.id if job else f"item-created-{item_id}"
{{/queue_rq}}
{{#queue_celery}}
@celery_app.task(
    bind=True,
    name="items.item_created",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def item_created(self, item_id: str, name: str) -> str:
    job_id = self.request.id or f"item-created-{item_id}"
{{/queue_celery}}
    job_log = log.bind(job_id=job_id, queue=QUEUE, item_id=item_id)
{{#db_postgres}}
    with Session(resources.engine()) as session, session.begin():
        already_processed = not claim(session, QUEUE, job_id)
        if already_processed:
            job_log.info("job already processed, skipped")
            return "skipped"
        # The work of the job goes here (notify, index the item...), in the claim's
        # transaction: if it fails, the claim rolls back and the retry runs it again.
        job_log.info("item created", name=name)
    return "processed"
{{/db_postgres}}
{{^db_postgres}}
    redis = resources.redis()
    already_processed = not claim(redis, QUEUE, job_id)
    if already_processed:
        job_log.info("job already processed, skipped")
        return "skipped"
    try:
        # The work of the job goes here (notify, index the item...).
        job_log.info("item created", name=name)
    except Exception:
        release(redis, QUEUE, job_id)
        raise
    return "processed"
{{/db_postgres}}
