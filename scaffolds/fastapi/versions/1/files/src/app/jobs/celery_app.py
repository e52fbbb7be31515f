"""The Celery application of the API (producer) and the worker (consumer), on Redis."""

from celery import Celery

from app.jobs import ITEMS_QUEUE

celery_app = Celery("{{name_snake}}", include=["app.jobs.celery_tasks"])
celery_app.conf.update(
    task_default_queue=ITEMS_QUEUE,
    # A job is acknowledged once done, so a worker that dies mid-job leaves it to be
    # delivered again (the task skips it if it had finished after all).
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    accept_content=["json"],
    # Results are not kept: callers never wait for a job.
    task_ignore_result=True,
    # The service's JSON logging stays in charge (see app.worker).
    worker_hijack_root_logger=False,
    worker_redirect_stdouts=False,
    broker_connection_retry_on_startup=True,
    # A producer whose Redis is down fails fast instead of blocking the request.
    broker_transport_options={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
    task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
)


def configure(redis_url: str) -> Celery:
    celery_app.conf.broker_url = redis_url
    return celery_app
