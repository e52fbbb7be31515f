"""/v1/{{resource}} end to end through the app, against the real {{#db_postgres}}database{{/db_postgres}}{{^db_postgres}}in-memory store{{/db_postgres}} and Redis."""

import json
import uuid
from datetime import timedelta
from pathlib import Path{{#db_postgres}}
from uuid import UUID{{/db_postgres}}

import httpx
import pytest{{#db_postgres}}
from sqlalchemy import update{{/db_postgres}}

{{#db_postgres}}
from app.db.engine import create_engine
from app.resources.{{resource_snake}}.table import {{resource_singular_pascal}}Row as Row
from app.settings import Settings
{{/db_postgres}}{{^db_postgres}}
from app.resources.{{resource_snake}} import memory_repository
{{/db_postgres}}

pytestmark = pytest.mark.integration

PATH = "/v1/{{resource}}"
FIXTURES = Path(__file__).parents[1] / "fixtures"
CREATE = json.loads((FIXTURES / "create-{{resource_singular}}.json").read_text())
UPDATE = json.loads((FIXTURES / "update-{{resource_singular}}.json").read_text())
# A create body unlike CREATE in every field.
OTHER = {**CREATE, **UPDATE}

# Whether each field may be null.
NULLABLE = {
{{#fields}}
    "{{name}}": {{#nullable}}True{{/nullable}}{{^nullable}}False{{/nullable}},
{{/fields}}
}
{{#auth_jwks}}


@pytest.fixture
def auth(idp) -> dict[str, str]:
    """A caller with both permissions of {{resource}}."""
    token = idp.token(permissions=("{{resource}}:read", "{{resource}}:write"))
    return {"Authorization": f"Bearer {token}"}
{{/auth_jwks}}


async def all_ids(client: httpx.AsyncClient, auth: dict[str, str]) -> list[str]:
    """The ids of every page, following next_offset."""
    ids: list[str] = []
    offset = 0
    while offset is not None:
        res = await client.get(PATH, params={"limit": 100, "offset": offset}, headers=auth)
        assert res.status_code == 200, res.text
        ids += [row["id"] for row in res.json()["{{resource_snake}}"]]
        offset = res.json()["next_offset"]
    return ids


async def test_create_get_list_update_delete(client: httpx.AsyncClient, auth) -> None:
    res = await client.post(PATH, json=CREATE, headers=auth)
    assert res.status_code == 201, res.text
    created = res.json()
    assert {name: created[name] for name in CREATE} == CREATE
    one = f"{PATH}/{created['id']}"

    got = await client.get(one, headers=auth)
    assert got.json() == created
    assert created["id"] in await all_ids(client, auth)

    res = await client.patch(one, json=UPDATE, headers=auth)
    assert res.status_code == 200, res.text
    assert {name: res.json()[name] for name in UPDATE} == UPDATE
    assert res.json()["created_at"] == created["created_at"]

    assert (await client.delete(one, headers=auth)).status_code == 204
    for res in (await client.get(one, headers=auth), await client.delete(one, headers=auth)):
        assert res.status_code == 404
        assert res.json()["error"]["code"] == "not_found"


async def test_an_update_needs_a_field_and_takes_null_only_where_allowed(
    client: httpx.AsyncClient, auth
) -> None:
    one = f"{PATH}/{(await client.post(PATH, json=CREATE, headers=auth)).json()['id']}"
    res = await client.patch(one, json={}, headers=auth)
    assert (res.status_code, res.json()["error"]["code"]) == (422, "validation_failed")
    for name, nullable in NULLABLE.items():
        res = await client.patch(one, json={name: None}, headers=auth)
        assert res.status_code == (200 if nullable else 422), res.text
    missing = await client.patch(f"{PATH}/{uuid.uuid4()}", json=UPDATE, headers=auth)
    assert missing.status_code == 404


async def test_invalid_requests_get_the_error_shape(client: httpx.AsyncClient, auth) -> None:
    res = await client.post(PATH, json={**CREATE, "unexpected": 1}, headers=auth)
    assert res.status_code == 422
    error = res.json()["error"]
    assert error["code"] == "validation_failed"
    assert "body.unexpected" in {d["path"] for d in error["details"]}
    required = {f"body.{name}" for name, nullable in NULLABLE.items() if not nullable}
    res = await client.post(PATH, json={}, headers=auth)
    assert res.status_code == (422 if required else 201)
    if required:
        assert {d["path"] for d in res.json()["error"]["details"]} == required
    assert (await client.get(f"{PATH}/not-a-uuid", headers=auth)).status_code == 422
    text_type = {**auth, "content-type": "text/plain"}
    res = await client.post(PATH, content=b"x", headers=text_type)
    assert (res.status_code, res.json()["error"]["code"]) == (415, "unsupported_media_type")
    json_type = {**auth, "content-type": "application/json"}
    res = await client.post(PATH, content=b"{", headers=json_type)
    assert (res.status_code, res.json()["error"]["code"]) == (400, "bad_request")


async def test_pages(client: httpx.AsyncClient, auth) -> None:
    for _ in range(3):
        await client.post(PATH, json=CREATE, headers=auth)
    page = (await client.get(PATH, params={"limit": 2}, headers=auth)).json()
    assert len(page["{{resource_snake}}"]) == 2
    assert page["next_offset"] == 2


async def test_the_same_key_replays_the_first_answer(client: httpx.AsyncClient, auth) -> None:
    headers = {**auth, "Idempotency-Key": f"key-{uuid.uuid4()}"}
    first = await client.post(PATH, json=CREATE, headers=headers)
    again = await client.post(PATH, json=CREATE, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert (await all_ids(client, auth)).count(first.json()["id"]) == 1
    other = await client.post(PATH, json=OTHER, headers=headers)
    assert (other.status_code, other.json()["error"]["code"]) == (409, "conflict")


async def test_a_key_may_be_used_afresh_after_24_hours(
    client: httpx.AsyncClient,
    auth,
{{#db_postgres}}
    settings: Settings,
{{/db_postgres}}{{^db_postgres}}
    monkeypatch: pytest.MonkeyPatch,
{{/db_postgres}}) -> None:
    headers = {**auth, "Idempotency-Key": f"key-{uuid.uuid4()}"}
    first = (await client.post(PATH, json=CREATE, headers=headers)).json()
{{#db_postgres}}
    engine = create_engine(str(settings.database_url), pool_size=1)
    try:
        async with engine.begin() as connection:
            a_day_older = Row.created_at - timedelta(hours=25)
            row = Row.id == UUID(first["id"])
            await connection.execute(update(Row).where(row).values(created_at=a_day_older))
    finally:
        await engine.dispose()
{{/db_postgres}}{{^db_postgres}}
    monkeypatch.setattr(memory_repository, "KEY_LIFETIME", timedelta(0))  # a day later
{{/db_postgres}}
    res = await client.post(PATH, json=OTHER, headers=headers)
    assert res.status_code == 201
    assert "Idempotent-Replayed" not in res.headers
    assert res.json()["id"] != first["id"]{{#auth_jwks}}


async def test_no_token_is_401(client: httpx.AsyncClient) -> None:
    res = await client.get(PATH)
    assert res.status_code == 401
    assert res.json()["error"]["code"] == "unauthorized"


async def test_each_route_needs_its_permission(client: httpx.AsyncClient, idp) -> None:
    reader = {"Authorization": f"Bearer {idp.token(permissions=('{{resource}}:read',))}"}
    assert (await client.get(PATH, headers=reader)).status_code == 200
    res = await client.post(PATH, json=CREATE, headers=reader)
    assert res.status_code == 403
    assert res.json()["error"]["details"] == {"permission": "{{resource}}:write"}
    items_only = {"Authorization": f"Bearer {idp.token(permissions=('items:read',))}"}
    assert (await client.get(PATH, headers=items_only)).status_code == 403{{/auth_jwks}}
