"""One JSON log line per request: method, path, status, duration_ms, trace_id, user_id.

Pure ASGI middleware (no BaseHTTPMiddleware), so streaming responses pass through. The
trace id comes from the caller's W3C `traceparent` or `x-request-id` when present, is
bound to every log line of the request, and is returned as `x-request-id`.
"""

import re
import time
import uuid

import structlog
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.log import get_logger

log = get_logger("app.request")

TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def trace_id_of(headers: Headers) -> str:
    match = TRACEPARENT.match(headers.get("traceparent", ""))
    if match:
        return match.group(1)
    given = headers.get("x-request-id", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        trace_id = trace_id_of(Headers(scope=scope))
        state = scope.setdefault("state", {})
        status = 500

        async def send_with_trace(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["x-request-id"] = trace_id
            await send(message)

        with structlog.contextvars.bound_contextvars(trace_id=trace_id):
            try:
                await self.app(scope, receive, send_with_trace)
            finally:
                log.info(
                    "request",
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                    user_id=state.get("user_id"),
                )
