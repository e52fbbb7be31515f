"""A create whose job cannot be enqueued (Redis down at that moment){{#db_postgres}} still stores
the item: its job waits in the outbox until the worker's sweep sends it{{/db_postgres}}{{^db_postgres}} stores
nothing and answers 503: without a database there is no outbox to keep the job{{/db_postgres}}."""

import dataclasses
{{#db_postgres}}
from datetime import timedelta
{{/db_postgres}}
from typing import Any

{{#db_postgres}}
{{#queue_rq}}
from rq import Queue

{{/queue_rq}}
from app.db.outbox import Outbox
{{/db_postgres}}
from app.deps import Deps
{{#db_postgres}}
{{#queue_rq}}
from app.jobs.tasks import QUEUE
{{/queue_rq}}
{{/db_postgres}}
from app.main import create_app
from app.settings import Settings


class QueueDown:
    """ItemEvents when Redis cannot be reached."""

    def send(self, job_id: str, payload: dict[str, Any]) -> None:
        raise ConnectionError("Redis is down")

    def item_created(self, item: object) -> None:
        raise ConnectionError("Redis is down")


{{#db_postgres}}
def test_the_job_waits_in_the_outbox_and_the_sweep_sends_it(
    settings: Settings, deps: Deps, auth: dict[str, str]
) -> None:
    down = dataclasses.replace(deps, outbox=Outbox(deps.engine, QueueDown()))
    client = create_app(settings, down).test_client()
    pending_before = deps.outbox.pending()
    response = client.post("/v1/items", json={"name": "while redis is down"}, headers=auth)
    assert response.status_code == 201
    assert deps.outbox.pending() == pending_before + 1
    assert deps.outbox.sweep(min_age=timedelta(0)) >= 1  # the worker's sweep, Redis back
    assert deps.outbox.pending() == 0
{{#queue_rq}}
    job_id = f"item-created-{response.get_json()['id']}"
    assert Queue(QUEUE, connection=deps.redis).fetch_job(job_id) is not None
{{/queue_rq}}
{{/db_postgres}}
{{^db_postgres}}
def test_nothing_is_created_and_the_answer_is_503(
    settings: Settings, deps: Deps, auth: dict[str, str]
) -> None:
    down = dataclasses.replace(deps, events=QueueDown())
    headers = {**auth, "Idempotency-Key": "k1"}
    body = {"name": "while redis is down"}
    down_client = create_app(settings, down).test_client()
    response = down_client.post("/v1/items", json=body, headers=headers)
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "unavailable"
    assert deps.items.list(100, 0) == []
    # The key was given back with the item: the client's retry creates it.
    retried = create_app(settings, deps).test_client().post("/v1/items", json=body, headers=headers)
    assert retried.status_code == 201
    assert "Idempotent-Replayed" not in retried.headers
{{/db_postgres}}
