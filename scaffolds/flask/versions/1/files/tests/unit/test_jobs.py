from uuid import uuid4

from app.jobs.producer import item_created_job_id
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
