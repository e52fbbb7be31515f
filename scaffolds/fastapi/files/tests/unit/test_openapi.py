"""openapi.json, committed for client generation, is the document the code produces:
after a change to a route or a model, run `uv run scripts/export_openapi.py` and commit
the file with the change."""

import json
from pathlib import Path

from app.openapi import document

COMMITTED = Path(__file__).parents[2] / "openapi.json"


def test_the_committed_document_is_up_to_date() -> None:
    stale = "openapi.json is out of date: run `uv run scripts/export_openapi.py`"
    assert json.loads(COMMITTED.read_text()) == document(), stale


# Every operation of the API, by id.
OPERATIONS = {
    "health",
    "list_items",
    "get_item",
    "create_item",
    "update_item",
    "delete_item",
    # svc:resource-operations: `svc add resource` adds the ids of each new resource above.
}


def test_operation_ids_are_the_route_names() -> None:
    ids = {
        operation["operationId"]
        for path in document()["paths"].values()
        for operation in path.values()
    }
    assert ids == OPERATIONS
