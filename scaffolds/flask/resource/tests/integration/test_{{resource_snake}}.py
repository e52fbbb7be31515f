"""/v1/{{resource}}, as clients call it: the round trip, validation, the rules of an
update, paging{{#auth_jwks}}, permissions{{/auth_jwks}} and idempotent creates."""

import json
from pathlib import Path
from uuid import uuid4

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.deps import Deps
from app.models.{{resource_snake}} import (
    {{resource_singular_pascal}}Create,
    {{resource_singular_pascal}}Update,
)
{{#auth_jwks}}
from support.tokens import LocalIssuer
{{/auth_jwks}}

URL = "/v1/{{resource}}"
{{#auth_jwks}}
READ, WRITE = "{{resource}}:read", "{{resource}}:write"  # the permissions
{{/auth_jwks}}
VALIDATION_STATUS = 422
FIXTURES = Path(__file__).parents[1] / "fixtures"
# A valid create and a valid update: the contract tests check them against the models.
CREATE = json.loads((FIXTURES / "create-{{resource_singular}}.json").read_text())
UPDATE = json.loads((FIXTURES / "update-{{resource_singular}}.json").read_text())
FIELDS = {{resource_singular_pascal}}Create.model_fields
REQUIRED = [name for name, field in FIELDS.items() if field.is_required()]
NULLABLE = [name for name, field in FIELDS.items() if not field.is_required()]


def _create(client: FlaskClient, auth: dict[str, str]) -> dict[str, object]:
    created = client.post(URL, json=CREATE, headers=auth)
    assert created.status_code == 201, created.get_json()
    body: dict[str, object] = created.get_json()
    return body


def _same(
    model: type[{{resource_singular_pascal}}Create] | type[{{resource_singular_pascal}}Update],
    sent: dict[str, object],
    got: dict[str, object],
) -> bool:
    """The fields sent came back (compared as values: a time may come back in another
    offset, the same instant)."""
    return model.model_validate({name: got[name] for name in sent}) == model.model_validate(sent)


def test_create_get_update_list_delete(client: FlaskClient, auth: dict[str, str]) -> None:
    created = _create(client, auth)
    assert _same({{resource_singular_pascal}}Create, CREATE, created)
    url = f"{URL}/{created['id']}"

    assert client.get(url, headers=auth).get_json() == created
    updated = client.patch(url, json=UPDATE, headers=auth)
    assert updated.status_code == 200
    assert _same({{resource_singular_pascal}}Update, UPDATE, updated.get_json())
    page = client.get(f"{URL}?limit=100", headers=auth).get_json()
    listed = [found["id"] for found in page["items"]]
    if page["next_offset"] is not None:  # older rows fill the first page: read the next
        offset = page["next_offset"]
        more = client.get(f"{URL}?limit=100&offset={offset}", headers=auth).get_json()
        listed += [found["id"] for found in more["items"]]
    assert created["id"] in listed

    assert client.delete(url, headers=auth).status_code == 204
    missing = client.get(url, headers=auth)
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_an_unknown_field_is_a_validation_error(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post(URL, json={**CREATE, "not_a_field": 1}, headers=auth)
    assert response.status_code == VALIDATION_STATUS
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"][0]["path"].endswith("not_a_field")


def _patch(client: FlaskClient, auth: dict[str, str], body: object) -> tuple[str, TestResponse]:
    found_id = str(_create(client, auth)["id"])
    return found_id, client.patch(f"{URL}/{found_id}", json=body, headers=auth)


def test_an_empty_update_is_a_validation_error(client: FlaskClient, auth: dict[str, str]) -> None:
    _, response = _patch(client, auth, {})
    assert response.status_code == VALIDATION_STATUS
    assert response.get_json()["error"]["code"] == "validation_failed"


# The unit tests check every field; through HTTP, one of each kind (within the rate limit).
def test_a_null_for_a_field_never_null_is_a_validation_error(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    for name in REQUIRED[:1]:
        _, response = _patch(client, auth, {name: None})
        assert response.status_code == VALIDATION_STATUS
        assert response.get_json()["error"]["details"][0]["path"].endswith(name)


def test_a_null_for_a_nullable_field_clears_it(client: FlaskClient, auth: dict[str, str]) -> None:
    for name in NULLABLE[:1]:
        found_id, response = _patch(client, auth, {name: None})
        assert response.status_code == 200
        assert client.get(f"{URL}/{found_id}", headers=auth).get_json()[name] is None


def test_the_list_pages_with_next_offset(client: FlaskClient, auth: dict[str, str]) -> None:
    _create(client, auth)
    _create(client, auth)
    first = client.get(f"{URL}?limit=1", headers=auth).get_json()
    assert (len(first["items"]), first["next_offset"]) == (1, 1)
    beyond = client.get(f"{URL}?limit=100&offset=1000000", headers=auth).get_json()
    assert beyond == {"items": [], "next_offset": None}
    assert client.get(f"{URL}?limit=101", headers=auth).status_code == VALIDATION_STATUS


def _post(
    client: FlaskClient, auth: dict[str, str], key: str, body: dict[str, object] = CREATE
) -> TestResponse:
    return client.post(URL, json=body, headers={**auth, "Idempotency-Key": key})


def test_the_same_key_twice_creates_one(
    client: FlaskClient, auth: dict[str, str], deps: Deps
) -> None:
    key = f"create-{uuid4()}"
    before = len(deps.{{resource_snake}}.list(100_000, 0))
    first, again = _post(client, auth, key), _post(client, auth, key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert len(deps.{{resource_snake}}.list(100_000, 0)) == before + 1


def test_the_same_key_with_another_body_is_a_conflict(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    key = f"create-{uuid4()}"
    assert _post(client, auth, key).status_code == 201
    other = _post(client, auth, key, {**CREATE, **UPDATE})  # another value of a field
    assert other.status_code == 409
    assert other.get_json()["error"]["code"] == "conflict"


def test_a_key_sent_to_items_never_replays_an_item_here(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    key = f"create-{uuid4()}"
    keyed = {**auth, "Idempotency-Key": key}
    assert client.post("/v1/items", json={"name": "keyed"}, headers=keyed).status_code == 201
    response = _post(client, auth, key)
    # {{#db_postgres}}One table keeps every resource's keys: the key is taken.{{/db_postgres}}{{^db_postgres}}Each resource keeps its own keys in memory: a new one.{{/db_postgres}}
    assert response.status_code == {{#db_postgres}}409{{/db_postgres}}{{^db_postgres}}201{{/db_postgres}}
    assert "Idempotent-Replayed" not in response.headers
{{#auth_jwks}}


def test_permissions_are_checked_per_endpoint(client: FlaskClient, issuer: LocalIssuer) -> None:
    reader = {"Authorization": f"Bearer {issuer.token('reader', [READ])}"}
    assert client.get(URL, headers=reader).status_code == 200
    response = client.post(URL, json=CREATE, headers=reader)
    assert response.status_code == 403
    assert response.get_json()["error"]["details"] == {"permission": WRITE}
    assert client.get(URL).get_json()["error"]["code"] == "unauthorized"
{{/auth_jwks}}
