"""The client address (what rate limits key by) honours X-Forwarded-For only as far as
TRUSTED_PROXY_HOPS says: the client can write the header's left end."""

import dataclasses

import pytest
from flask import Response, request

from app.deps import Deps
from app.main import create_app
from app.settings import Settings

FORWARDED = "spoofed-by-client, 203.0.113.7"


@pytest.mark.parametrize(
    ("hops", "expected"),
    [
        (1, "203.0.113.7"),  # the entry the one trusted proxy appended
        (2, "spoofed-by-client"),  # two proxies: the leftmost is the second one's peer
        (0, "127.0.0.1"),  # no proxy: the header is the client's own words
        (3, "127.0.0.1"),  # fewer entries than proxies: not through them, the peer
    ],
)
def test_the_address_is_the_nth_from_the_right(
    settings: Settings, deps: Deps, hops: int, expected: str
) -> None:
    settings = settings.model_copy(update={"trusted_proxy_hops": hops})
    app = create_app(settings, dataclasses.replace(deps, settings=settings))
    seen: list[str | None] = []

    @app.after_request
    def _remember(response: Response) -> Response:
        seen.append(request.remote_addr)
        return response

    client = app.test_client()
    response = client.get("/openapi.json", headers={"X-Forwarded-For": FORWARDED})
    assert response.status_code == 200
    assert seen == [expected]
    buckets = [key.decode() for key in deps.redis.scan_iter(match="{{name}}:rate:*")]
    assert buckets == [f"{{name}}:rate:GET /openapi.json:ip:{expected}"]
