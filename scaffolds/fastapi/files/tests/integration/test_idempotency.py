"""POST /v1/items with an Idempotency-Key: the same key and body answer the first item
again (Idempotent-Replayed: true) and create nothing; another body is 409."""

import json
import uuid
from datetime import timedelta{{#db_postgres}}
from uuid import UUID{{/db_postgres}}

import httpx
import pytest{{#db_postgres}}
from sqlalchemy import update{{/db_postgres}}

{{#db_postgres}}
from app.db.engine import create_engine
from app.db.tables import ItemRow
from app.settings import Settings
{{/db_postgres}}{{^db_postgres}}
from app.items import memory_repository
{{/db_postgres}}

pytestmark = pytest.mark.integration


async def test_the_same_key_and_body_replay_the_first_answer(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    name = f"idempotent {uuid.uuid4()}"
    headers = {**auth, "Idempotency-Key": f"key-{uuid.uuid4()}"}
    first = await client.post("/v1/items", json={"name": name}, headers=headers)
    # Key order and spacing do not make another body.
    body = json.dumps({"description": None, "name": name}, indent=2)
    json_type = {**headers, "content-type": "application/json"}
    again = await client.post("/v1/items", content=body, headers=json_type)
    assert (first.status_code, again.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    listed = (await client.get("/v1/items", params={"limit": 100}, headers=auth)).json()
    assert [i["name"] for i in listed["items"]].count(name) == 1


async def test_the_same_key_with_another_body_is_409(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    headers = {**auth, "Idempotency-Key": f"key-{uuid.uuid4()}"}
    assert (await client.post("/v1/items", json={"name": "a"}, headers=headers)).status_code == 201
    res = await client.post("/v1/items", json={"name": "b"}, headers=headers)
    assert res.status_code == 409
    assert res.json()["error"]["code"] == "conflict"


@pytest.mark.parametrize("key", [b"", b"x" * 256, "caf\u00e9".encode("latin-1")])
async def test_a_malformed_key_is_422(client: httpx.AsyncClient, auth, key: bytes) -> None:
    headers = {**auth, "Idempotency-Key": key}
    res = await client.post("/v1/items", json={"name": "a"}, headers=headers)
    assert res.status_code == 422


async def test_a_key_may_be_used_afresh_after_24_hours(
    client: httpx.AsyncClient,
    auth: dict[str, str],
{{#db_postgres}}
    settings: Settings,
{{/db_postgres}}{{^db_postgres}}
    monkeypatch: pytest.MonkeyPatch,
{{/db_postgres}}) -> None:
    headers = {**auth, "Idempotency-Key": f"key-{uuid.uuid4()}"}
    first = (await client.post("/v1/items", json={"name": "a"}, headers=headers)).json()
{{#db_postgres}}
    engine = create_engine(str(settings.database_url), pool_size=1)
    try:
        async with engine.begin() as connection:
            a_day_older = ItemRow.created_at - timedelta(hours=25)
            item = ItemRow.id == UUID(first["id"])
            await connection.execute(update(ItemRow).where(item).values(created_at=a_day_older))
    finally:
        await engine.dispose()
{{/db_postgres}}{{^db_postgres}}
    monkeypatch.setattr(memory_repository, "KEY_LIFETIME", timedelta(0))  # a day later
{{/db_postgres}}
    res = await client.post("/v1/items", json={"name": "b"}, headers=headers)
    assert res.status_code == 201
    assert "Idempotent-Replayed" not in res.headers
    assert res.json()["id"] != first["id"]
