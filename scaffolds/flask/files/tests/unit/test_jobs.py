from uuid import uuid4

{{#queue_celery}}
from app.jobs.celery_app import celery_app
{{/queue_celery}}
from app.jobs.producer import item_created_job_id
from app.jobs.tasks import QUEUE{{#queue_celery}}, item_created{{/queue_celery}}
from app.models.items import Item


def test_the_job_id_comes_from_the_item() -> None:
    item = Item(
        id=uuid4(),
        name="a",
        description=None,
        created_at="2026-01-01T00:00:00Z",
        updated_at="2026-01-01T00:00:00Z",
    )
    assert item_created_job_id(item) == f"item-created-{item.id}"
    assert item_created_job_id(item) == item_created_job_id(item.model_copy())


def test_the_queue_is_named_after_the_service() -> None:
    assert QUEUE == "{{name}}"
{{#queue_celery}}
    assert item_created.name == "{{name}}.item_created"
    assert celery_app.conf.task_default_queue == "{{name}}"
    assert celery_app.conf.broker_transport_options["global_keyprefix"] == "{{name}}:"
{{/queue_celery}}
