"""The committed openapi.json is the app's document: a change to a route or a model
without `uv run scripts/export_openapi.py` fails here (and in CI's diff)."""

import json
from pathlib import Path

from app.openapi_doc import document_text

COMMITTED = Path(__file__).parents[2] / "openapi.json"
# Each resource's operations, by the ids generated clients name their functions after.
OPERATION_IDS = [
    "create_item",
    "delete_item",
    "get_item",
    "list_items",
    "update_item",
    # svc:resource-operation-ids
]


def test_the_committed_document_is_up_to_date() -> None:
    stale = "openapi.json is out of date: run `uv run scripts/export_openapi.py`, commit it"
    assert COMMITTED.read_text() == document_text(), stale


def test_every_operation_has_a_stable_readable_id() -> None:
    paths = json.loads(COMMITTED.read_text())["paths"]
    ids = sorted(op["operationId"] for methods in paths.values() for op in methods.values())
    assert ids == sorted(OPERATION_IDS)
