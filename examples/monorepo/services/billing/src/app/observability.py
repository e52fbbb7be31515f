"""Structured JSON logging and the per-request access log."""

import logging
import sys
import time
import uuid

import structlog
from structlog.tracebacks import ExceptionDictTransformer
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def configure_logging(level: str) -> None:
    logging.basicConfig(format="%(message)s", stream=sys.stdout, level=level.upper())
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            # Tracebacks as JSON, without local variables (they can hold secrets).
            structlog.processors.ExceptionRenderer(ExceptionDictTransformer(show_locals=False)),
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stdout),
        cache_logger_on_first_use=True,
    )


def _trace_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"traceparent":
            parts = value.decode("latin-1").split("-")
            if len(parts) >= 2 and len(parts[1]) == 32:
                return parts[1]
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """One log line per request: method, path, status, duration_ms, trace_id, user_id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.log = structlog.get_logger("billing.access")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()
        trace_id = _trace_id(scope)
        status = 500
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(trace_id=trace_id)
        scope.setdefault("state", {})["trace_id"] = trace_id

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            self.log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                user_id=scope["state"].get("user_id"),
            )
