"""CORS headers only for the origins of CORS_ORIGINS; none at all when it is unset."""

import pytest

from app.settings import Settings
from tests.conftest import start_client

pytestmark = pytest.mark.integration

ORIGIN = "https://app.example.com"
PREFLIGHT = {
    "Origin": ORIGIN,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type",
}


async def test_no_cors_headers_when_unset(settings: Settings) -> None:
    async for client in start_client(settings.model_copy(update={"cors_origins": None})):
        res = await client.get("/health", headers={"Origin": ORIGIN})
        assert "access-control-allow-origin" not in res.headers
        res = await client.options("/v1/items", headers=PREFLIGHT)
        assert "access-control-allow-origin" not in res.headers


async def test_listed_origins_are_allowed(settings: Settings) -> None:
    allowed = settings.model_copy(update={"cors_origins": f"{ORIGIN}, http://localhost:3000"})
    async for client in start_client(allowed):
        res = await client.options("/v1/items", headers=PREFLIGHT)
        assert res.headers["access-control-allow-origin"] == ORIGIN
        assert res.headers["access-control-allow-credentials"] == "true"
        res = await client.get("/health", headers={"Origin": "https://evil.example.com"})
        assert "access-control-allow-origin" not in res.headers
