"""The client address: the socket peer, or the entry of X-Forwarded-For that the
outermost trusted proxy appended; never what the client wrote itself."""

import pytest
from starlette.requests import Request

from app.client_ip import client_ip


def request(*forwarded_for: str, peer: str = "10.0.0.9") -> Request:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded_for]
    return Request({"type": "http", "headers": headers, "client": (peer, 50000)})


@pytest.mark.parametrize(
    ("hops", "headers", "expected"),
    [
        (0, ["spoofed, 203.0.113.7"], "10.0.0.9"),  # no proxy: the header is the client's
        (1, ["spoofed, 203.0.113.7"], "203.0.113.7"),
        (1, ["203.0.113.7"], "203.0.113.7"),
        (2, ["spoofed, 203.0.113.7, 10.1.1.1"], "203.0.113.7"),
        (2, ["spoofed, 203.0.113.7", "10.1.1.1"], "203.0.113.7"),  # two header lines
        (2, ["203.0.113.7"], "10.0.0.9"),  # fewer entries than proxies
        (1, [], "10.0.0.9"),
    ],
)
def test_client_ip(hops: int, headers: list[str], expected: str) -> None:
    assert client_ip(request(*headers), hops) == expected
