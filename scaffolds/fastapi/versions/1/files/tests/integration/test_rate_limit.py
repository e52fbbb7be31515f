"""Token bucket per caller and endpoint in Redis: 429 with Retry-After once spent;
/health is never limited."""

import uuid

import pytest

from app.settings import Settings
from tests.conftest import start_client

pytestmark = pytest.mark.integration


{{#auth_jwks}}
async def test_429_with_retry_after(settings: Settings, idp) -> None:
    # A fresh user, so earlier runs against the same Redis do not count.
    headers = {"Authorization": f"Bearer {idp.token(subject=uuid.uuid4().hex)}"}
{{/auth_jwks}}{{^auth_jwks}}
async def test_429_with_retry_after(settings: Settings) -> None:
    # A fresh client address, so earlier runs against the same Redis do not count.
    headers = {"X-Forwarded-For": f"10.{uuid.uuid4().int % 250}.0.{uuid.uuid4().int % 250}"}
    settings = settings.model_copy(update={"trust_proxy": True})
{{/auth_jwks}}    limited = settings.model_copy(update={"rate_limit_per_minute": 2})
    async for client in start_client(limited):
        assert (await client.get("/v1/items", headers=headers)).status_code == 200
        assert (await client.get("/v1/items", headers=headers)).status_code == 200
        res = await client.get("/v1/items", headers=headers)
        assert res.status_code == 429
        assert res.json()["error"]["code"] == "rate_limited"
        assert int(res.headers["Retry-After"]) >= 1
        # Another endpoint has its own bucket.
        other = await client.post("/v1/items", json={"name": "x"}, headers=headers)
        assert other.status_code == 201
        for _ in range(5):
            assert (await client.get("/health")).status_code == 200
