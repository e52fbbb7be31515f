import pytest
from pydantic import ValidationError

from app.models.items import ItemQuery, ItemUpdate


def test_a_page_is_20_items_unless_asked_1_to_100() -> None:
    assert ItemQuery().limit == 20
    for limit in (0, 101):
        with pytest.raises(ValidationError):
            ItemQuery(limit=limit)


@pytest.mark.parametrize("body", [{}, {"name": None}])
def test_an_update_needs_a_field_and_never_a_null_name(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ItemUpdate.model_validate(body)


def test_a_null_description_is_an_update() -> None:
    update = ItemUpdate.model_validate({"description": None})
    assert update.model_dump(exclude_unset=True) == {"description": None}
