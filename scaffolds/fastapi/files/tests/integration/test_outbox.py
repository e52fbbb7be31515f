"""A create whose job cannot be enqueued (Redis down): {{#db_postgres}}the item exists (201) and its
job waits in the outbox, which the worker's sweep then enqueues{{/db_postgres}}{{^db_postgres}}nothing is created and the
answer is 503, so the client's retry is safe{{/db_postgres}}."""
{{#db_postgres}}

from typing import Any
{{/db_postgres}}

import pytest{{#db_postgres}}
from sqlalchemy import select{{/db_postgres}}

{{#db_postgres}}
from app.db.engine import create_engine
from app.db.tables import OutboxRow
from app.jobs.outbox import sweep_once
{{/db_postgres}}from app.jobs.producer import ItemEvents{{#db_postgres}}
from app.settings import Settings{{/db_postgres}}

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue's Redis refuses the job (the API's own Redis, for rate limits, is up)."""

    def refuse(*_args: object) -> None:
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(ItemEvents, "_send_item_created", refuse)


{{#db_postgres}}
async def test_redis_down_leaves_the_job_to_the_outbox_sweep(
    client, settings: Settings, auth, redis_down
) -> None:
    res = await client.post("/v1/items", json={"name": "outbox"}, headers=auth)
    assert res.status_code == 201, res.text
    job_id = f"item-created-{res.json()['id']}"
    engine = create_engine(str(settings.database_url), pool_size=1)
    try:
        async with engine.connect() as connection:
            row = (await connection.execute(select(OutboxRow).where(OutboxRow.id == job_id))).one()
        assert row.enqueued_at is None
        assert row.payload == {"item_id": res.json()["id"], "name": "outbox"}

        sent: list[tuple[str, str, dict[str, Any]]] = []
        # Other pending rows of earlier runs may come along; this one must be among them.
        while await sweep_once(engine, lambda *job: sent.append(job), pending_after=0):
            pass
        assert ("item_created", job_id, row.payload) in sent
        async with engine.connect() as connection:
            query = select(OutboxRow.enqueued_at).where(OutboxRow.id == job_id)
            assert (await connection.execute(query)).scalar_one() is not None
    finally:
        await engine.dispose()


async def test_an_enqueued_job_is_marked_in_the_outbox(client, settings: Settings, auth) -> None:
    res = await client.post("/v1/items", json={"name": "enqueued"}, headers=auth)
    job_id = f"item-created-{res.json()['id']}"
    engine = create_engine(str(settings.database_url), pool_size=1)
    try:
        async with engine.connect() as connection:
            query = select(OutboxRow.enqueued_at).where(OutboxRow.id == job_id)
            assert (await connection.execute(query)).scalar_one() is not None
    finally:
        await engine.dispose()
{{/db_postgres}}{{^db_postgres}}
async def test_redis_down_creates_nothing_and_is_503(client, auth, redis_down) -> None:
    res = await client.post("/v1/items", json={"name": "not created"}, headers=auth)
    assert res.status_code == 503, res.text
    assert res.json()["error"]["code"] == "unavailable"
    listed = await client.get("/v1/items", headers=auth)
    assert listed.json()["items"] == []
{{/db_postgres}}
