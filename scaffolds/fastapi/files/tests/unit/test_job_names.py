"""The queue, the job names and the Redis keys carry the service's name (the project's
name in pyproject.toml): two services on one Redis never take each other's jobs."""

import tomllib
from pathlib import Path

from app import SERVICE_NAME
from app.jobs import ITEMS_QUEUE, KEY_PREFIX{{#queue_celery}}
from app.jobs.celery_app import configure
from app.jobs.celery_tasks import item_created{{/queue_celery}}{{^db_postgres}}
from app.jobs.processed import ProcessedJobs{{/db_postgres}}{{#queue_rq}}
from app.jobs.rq_queue import items_queue{{/queue_rq}}

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"


def test_the_service_name_is_the_project_name() -> None:
    assert SERVICE_NAME == tomllib.loads(PYPROJECT.read_text())["project"]["name"]


def test_queue_and_keys_are_named_after_the_service() -> None:
    assert ITEMS_QUEUE == SERVICE_NAME
    assert KEY_PREFIX == f"{SERVICE_NAME}:"{{#queue_celery}}
    app = configure("redis://localhost:6379")
    assert item_created.name == f"{SERVICE_NAME}.item_created"
    assert app.conf.task_default_queue == SERVICE_NAME
    assert app.conf.broker_transport_options["global_keyprefix"] == KEY_PREFIX{{/queue_celery}}{{#queue_rq}}
    assert items_queue("redis://localhost:6379").name == SERVICE_NAME{{/queue_rq}}{{^db_postgres}}
    assert ProcessedJobs.key("item-created-1") == f"{SERVICE_NAME}:job:item-created-1"{{/db_postgres}}
