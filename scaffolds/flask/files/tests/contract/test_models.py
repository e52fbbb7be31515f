"""Every model of the contract round-trips its fixture unchanged: what clients send and
receive (tests/fixtures/*.json) stays what the models accept and produce."""

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from app.models.errors import ErrorResponse
from app.models.health import Health
from app.models.items import Item, ItemCreate, ItemList, ItemUpdate

# Added by `svc add resource`, each above the marker line (so not sorted).
# isort: off
# svc:resource-model-imports
# isort: on

FIXTURES = Path(__file__).parents[1] / "fixtures"
MODELS: dict[str, type[BaseModel]] = {
    "item.json": Item,
    "item-list.json": ItemList,
    "create-item.json": ItemCreate,
    "update-item.json": ItemUpdate,
    "error.json": ErrorResponse,
    "health.json": Health,
    # svc:resource-fixtures
}


@pytest.mark.parametrize(("fixture", "model"), MODELS.items())
def test_round_trip(fixture: str, model: type[BaseModel]) -> None:
    data = json.loads((FIXTURES / fixture).read_text())
    parsed = model.model_validate(data)
    assert parsed.model_dump(mode="json", exclude_unset=True) == data


def test_every_fixture_has_a_model() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.json")) == sorted(MODELS)
