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
    # A fresh client address, so earlier runs against the same Redis do not count; one
    # proxy in front, so the address is the last entry, not the client's own first one.
    address = f"10.{uuid.uuid4().int % 250}.0.{uuid.uuid4().int % 250}"
    headers = {"X-Forwarded-For": f"spoofed-{uuid.uuid4().hex}, {address}"}
    settings = settings.model_copy(update={"trusted_proxy_hops": 1})
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


{{^auth_jwks}}
async def test_a_spoofed_forwarded_for_does_not_get_a_new_bucket(settings: Settings) -> None:
    """Behind one proxy, a client that writes a new X-Forwarded-For on every request
    still spends one bucket: the one of the address the proxy appended."""
    address = f"10.{uuid.uuid4().int % 250}.1.{uuid.uuid4().int % 250}"
    limited = settings.model_copy(update={"trusted_proxy_hops": 1, "rate_limit_per_minute": 2})
    async for client in start_client(limited):
        statuses = [
            (await client.get("/v1/items", headers={"X-Forwarded-For": f"{n}, {address}"}))
            for n in range(3)
        ]
        assert [r.status_code for r in statuses] == [200, 200, 429]
{{/auth_jwks}}
{{#auth_jwks}}
async def test_a_spoofed_forwarded_for_does_not_reset_failed_authentications(
    settings: Settings,
) -> None:
    """Failed authentications are counted per client address: behind one proxy, a new
    X-Forwarded-For written by the client on every request does not get a new bucket."""
    address = f"10.{uuid.uuid4().int % 250}.1.{uuid.uuid4().int % 250}"
    limited = settings.model_copy(update={"trusted_proxy_hops": 1, "auth_failures_per_minute": 2})
    async for client in start_client(limited):
        statuses = [
            (await client.get("/v1/items", headers={"X-Forwarded-For": f"{n}, {address}"}))
            for n in range(3)
        ]
        assert [r.status_code for r in statuses] == [401, 401, 429]
{{/auth_jwks}}