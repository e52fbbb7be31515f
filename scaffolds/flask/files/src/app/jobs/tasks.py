"""What the worker does with an `item.created` job. Idempotent: a job already processed
is skipped, because queues deliver at least once."""

{{#queue_rq}}
from rq import get_current_job

{{/queue_rq}}
from app.jobs import processed, resources
{{#queue_celery}}
from app.jobs.celery_app import celery_app
{{/queue_celery}}
from app.log import get_logger

# Named after the service: two services on one Redis never take each other's jobs.
QUEUE = "{{name}}"
log = get_logger(__name__)


{{#queue_rq}}
def item_created(item_id: str, name: str) -> str:
    job = get_current_job()
    job_id = job.id if job else f"item-created-{item_id}"
{{/queue_rq}}
{{#queue_celery}}
@celery_app.task(
    bind=True,
    name="{{name}}.item_created",
    queue=QUEUE,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def item_created(self, item_id: str, name: str) -> str:
    job_id = self.request.id or f"item-created-{item_id}"
{{/queue_celery}}
    job_log = log.bind(job_id=job_id, queue=QUEUE, item_id=item_id)
{{#db_postgres}}
    engine = resources.engine()
    if processed.is_processed(engine, job_id):
        job_log.info("job already processed, skipped")
        return "skipped"
    # The work of the job goes here (notify, index the item...), outside any database
    # transaction; it must be safe to repeat for one job id (a crash before the record
    # below makes the queue deliver the job again).
    job_log.info("item created", name=name)
    processed.mark_processed(engine, QUEUE, job_id)
    return "processed"
{{/db_postgres}}
{{^db_postgres}}
    redis = resources.redis()
    if not processed.claim(redis, job_id):  # raises while another delivery runs it
        job_log.info("job already processed, skipped")
        return "skipped"
    try:
        # The work of the job goes here (notify, index the item...).
        job_log.info("item created", name=name)
    except Exception:
        processed.release(redis, job_id)
        raise
    processed.mark_done(redis, job_id)
    return "processed"
{{/db_postgres}}
