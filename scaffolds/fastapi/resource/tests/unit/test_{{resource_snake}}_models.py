"""The rules of the {{resource}} bodies that the fixtures do not show: a create needs
every field that is not nullable, an update needs one field at least, and null is
taken only by nullable fields."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.resources.{{resource_snake}}.models import (
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)

FIXTURES = Path(__file__).parents[1] / "fixtures"
CREATE = json.loads((FIXTURES / "create-{{resource_singular}}.json").read_text())

# Whether each field may be null.
NULLABLE = {
{{#fields}}
    "{{name}}": {{#nullable}}True{{/nullable}}{{^nullable}}False{{/nullable}},
{{/fields}}
}


def test_an_empty_update_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least one field is required"):
        {{resource_singular_pascal}}Update.model_validate({})


@pytest.mark.parametrize("name", list(NULLABLE))
def test_null(name: str) -> None:
    if NULLABLE[name]:
        assert getattr({{resource_singular_pascal}}Update.model_validate({name: None}), name) is None
        created = {{resource_singular_pascal}}Create.model_validate({**CREATE, name: None})
        assert getattr(created, name) is None
        return
    with pytest.raises(ValidationError, match=f"{name} cannot be null"):
        {{resource_singular_pascal}}Update.model_validate({name: None})
    with pytest.raises(ValidationError):
        {{resource_singular_pascal}}Create.model_validate({**CREATE, name: None})


@pytest.mark.parametrize("name", list(NULLABLE))
def test_a_missing_field(name: str) -> None:
    body = {key: value for key, value in CREATE.items() if key != name}
    if NULLABLE[name]:
        assert getattr({{resource_singular_pascal}}Create.model_validate(body), name) is None
    else:
        with pytest.raises(ValidationError):
            {{resource_singular_pascal}}Create.model_validate(body)


@pytest.mark.parametrize("name", list(NULLABLE))
def test_a_value_of_another_type_is_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        {{resource_singular_pascal}}Create.model_validate({**CREATE, name: [1]})
    with pytest.raises(ValidationError):
        {{resource_singular_pascal}}Update.model_validate({name: {"a": 1}})
