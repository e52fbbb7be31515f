"""The caller's address, for the rate limits of anonymous callers."""

from starlette.requests import Request


def client_ip(request: Request, trust_proxy: bool) -> str:
    # X-Forwarded-For is set by the client unless a proxy in front overwrites it, so it
    # is read only when the service is told it sits behind one.
    if trust_proxy:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.client.host if request.client else "unknown"
