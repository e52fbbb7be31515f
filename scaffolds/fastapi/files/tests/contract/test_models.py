"""Every model of the contract (app.models, and each added resource's models)
round-trips its fixture unchanged, and every model has one: a change to a model that
breaks clients fails here first."""

import inspect
import json
import pkgutil
from importlib import import_module
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

import app.models
import app.resources
from app.models.errors import ErrorDetail, ErrorResponse
from app.models.health import Health, HealthChecks
from app.models.items import CreateItem, Item, ItemList, UpdateItem

# svc:resource-contracts: `svc add resource` imports each new resource's models above.
FIXTURES = Path(__file__).parents[1] / "fixtures"

# model -> (fixture file, key inside it or None)
CASES: dict[type[BaseModel], tuple[str, str | None]] = {
    Item: ("item.json", None),
    ItemList: ("item-list.json", None),
    CreateItem: ("create-item.json", None),
    UpdateItem: ("update-item.json", None),
    ErrorResponse: ("error.json", None),
    ErrorDetail: ("error.json", "error"),
    Health: ("health.json", None),
    HealthChecks: ("health.json", "checks"),
    # svc:resource-fixtures: `svc add resource` adds each new resource's models above.
}


def fixture(name: str, key: str | None) -> dict:
    data = json.loads((FIXTURES / name).read_text())
    return data[key] if key else data


def contract_modules() -> list[str]:
    """app.models, and the models of each resource `svc add resource` added."""
    names = [f"app.models.{m.name}" for m in pkgutil.iter_modules(app.models.__path__)]
    for package in pkgutil.iter_modules(app.resources.__path__):
        names.append(f"app.resources.{package.name}.models")
    return names


def contract_models() -> set[type[BaseModel]]:
    found = set()
    for name in contract_modules():
        module = import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseModel) and value.__module__ == module.__name__:
                found.add(value)
    return found


def test_every_model_has_a_fixture() -> None:
    missing = {m.__name__ for m in contract_models() - set(CASES)}
    assert not missing, f"add a fixture for {sorted(missing)} to CASES"


@pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
def test_round_trip(model: type[BaseModel]) -> None:
    data = fixture(*CASES[model])
    parsed = model.model_validate(data)
    assert parsed.model_dump(mode="json", exclude_unset=True) == data
    assert model.model_validate_json(parsed.model_dump_json(exclude_unset=True)) == parsed


@pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
def test_unknown_fields_are_refused(model: type[BaseModel]) -> None:
    with pytest.raises(ValidationError):
        model.model_validate({**fixture(*CASES[model]), "unexpected": 1})


def test_an_empty_update_is_refused() -> None:
    with pytest.raises(ValidationError):
        UpdateItem.model_validate({})
