"""The Celery application. Both the API (to send) and the worker (to run) configure it
with the service's REDIS_URL through `configure`."""

from celery import Celery
from celery.signals import setup_logging

celery_app = Celery("{{name_snake}}")
celery_app.conf.update(
    task_serializer="json",
    accept_content=["json"],
    task_acks_late=True,  # a job cut off by a crash is delivered again (and skipped if done)
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    worker_hijack_root_logger=False,
    task_default_queue="items",
    broker_connection_retry_on_startup=True,
)


def configure(redis_url: str) -> Celery:
    celery_app.conf.update(broker_url=redis_url, result_backend=redis_url)
    return celery_app


@setup_logging.connect
def _keep_our_logging(**_: object) -> None:
    """The service's JSON logging (app.log) stays in place of Celery's own."""
