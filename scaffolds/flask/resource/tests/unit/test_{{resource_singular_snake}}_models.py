"""{{resource_title}}' models: paging limits and what an update may hold."""

import pytest
from pydantic import ValidationError

from app.models.{{resource_snake}} import (
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Query,
    {{resource_singular_pascal}}Update,
)

FIELDS = {{resource_singular_pascal}}Create.model_fields
REQUIRED = [name for name, field in FIELDS.items() if field.is_required()]
NULLABLE = [name for name, field in FIELDS.items() if not field.is_required()]


def test_a_page_is_20_unless_asked_1_to_100() -> None:
    assert {{resource_singular_pascal}}Query().limit == 20
    for limit in (0, 101):
        with pytest.raises(ValidationError):
            {{resource_singular_pascal}}Query(limit=limit)


def test_an_update_needs_a_field() -> None:
    with pytest.raises(ValidationError):
        {{resource_singular_pascal}}Update.model_validate({})


def test_a_field_that_is_never_null_may_be_left_out_but_not_set_to_null() -> None:
    for name in REQUIRED:
        with pytest.raises(ValidationError) as refused:
            {{resource_singular_pascal}}Update.model_validate({name: None})
        assert refused.value.errors()[0]["loc"] == (name,)


def test_a_null_for_a_nullable_field_clears_it() -> None:
    for name in NULLABLE:
        update = {{resource_singular_pascal}}Update.model_validate({name: None})
        assert update.model_dump(exclude_unset=True) == {name: None}


def test_create_and_update_know_the_same_fields() -> None:
    assert set({{resource_singular_pascal}}Update.model_fields) == set(FIELDS)
