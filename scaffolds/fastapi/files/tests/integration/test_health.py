"""/health answers 200 when every dependency does, 503 naming the one that does not."""

import socket

import httpx
import pytest

from app.settings import Settings
from tests.conftest import start_client

pytestmark = pytest.mark.integration


async def test_healthy(client: httpx.AsyncClient) -> None:
    res = await client.get("/health")
    assert res.status_code == 200
    checks = {"redis": "ok"}
{{#db_postgres}}
    checks["db"] = "ok"
{{/db_postgres}}    assert res.json() == {"status": "ok", "checks": checks}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_redis_down_is_503(settings: Settings) -> None:
    broken = settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{closed_port()}"})
    async for client in start_client(broken):
        res = await client.get("/health")
        assert res.status_code == 503
        assert res.json()["status"] == "unavailable"
        assert res.json()["checks"]["redis"] == "down"{{#db_postgres}}


async def test_database_down_is_503(settings: Settings) -> None:
    url = f"postgres://nobody@127.0.0.1:{closed_port()}/none"
    broken = settings.model_copy(update={"database_url": url})
    async for client in start_client(broken):
        res = await client.get("/health")
        assert res.status_code == 503
        assert res.json()["checks"] == {"db": "down", "redis": "ok"}{{/db_postgres}}
