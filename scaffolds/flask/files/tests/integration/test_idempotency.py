"""POST /v1/items with an Idempotency-Key: a retry gets the first answer, not a second
item; the key reused with another body is a conflict."""

from uuid import uuid4

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.deps import Deps


def _post(
    client: FlaskClient, auth: dict[str, str], key: str, body: dict[str, str]
) -> TestResponse:
    return client.post("/v1/items", json=body, headers={**auth, "Idempotency-Key": key})


def test_the_same_key_twice_creates_one_item(
    client: FlaskClient, auth: dict[str, str], deps: Deps
) -> None:
    key, name = f"create-{uuid4()}", f"once-{uuid4()}"
    first = _post(client, auth, key, {"name": name, "description": "d"})
    again = _post(client, auth, key, {"description": "d", "name": name})  # same body
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert [i.name for i in deps.items.list(100_000, 0)].count(name) == 1


def test_the_same_key_with_another_body_is_a_conflict(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    key = f"create-{uuid4()}"
    assert _post(client, auth, key, {"name": "first"}).status_code == 201
    other = _post(client, auth, key, {"name": "second"})
    assert other.status_code == 409
    assert other.get_json()["error"]["code"] == "conflict"


def test_an_invalid_key_is_a_validation_error(client: FlaskClient, auth: dict[str, str]) -> None:
    response = _post(client, auth, "x" * 256, {"name": "long key"})
    assert response.status_code == 422
