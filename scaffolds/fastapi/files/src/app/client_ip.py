"""The caller's address, for the rate limits of anonymous callers and of failed
authentications.

X-Forwarded-For is a list each proxy appends to: `client, proxy1, proxy2`. Only the
entries appended by proxies this service trusts are facts; everything to their left
was written by whoever sent the request. With TRUSTED_PROXY_HOPS=N the client is the
Nth entry from the right (the one the outermost trusted proxy appended); with 0 the
header is ignored and the socket peer is the client.

uvicorn runs with proxy_headers off (app.__main__), so `request.client` is always the
socket peer and this module alone decides what the header is worth.
"""

from starlette.requests import Request


def client_ip(request: Request, trusted_proxy_hops: int) -> str:
    peer = request.client.host if request.client else "unknown"
    if trusted_proxy_hops <= 0:
        return peer
    # Several X-Forwarded-For headers are one list, in order (RFC 9110, 5.3).
    entries = [
        entry.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for entry in header.split(",")
        if entry.strip()
    ]
    if len(entries) < trusted_proxy_hops:
        # Fewer entries than proxies: the request did not come through them.
        return peer
    return entries[-trusted_proxy_hops]
