"""Structured JSON logs and the per-request access log."""

import logging
import sys
import time
import uuid

import structlog
from structlog.tracebacks import ExceptionDictTransformer
from flask import Flask, g, request


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


def _trace_id() -> str:
    parts = request.headers.get("traceparent", "").split("-")
    return parts[1] if len(parts) >= 2 and len(parts[1]) == 32 else uuid.uuid4().hex


def register_request_log(app: Flask) -> None:
    access = structlog.get_logger("reports.access")

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()
        g.trace_id = _trace_id()
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(trace_id=g.trace_id)

    @app.after_request
    def log_request(response):
        access.info(
            "request",
            method=request.method,
            path=request.path,
            status=response.status_code,
            duration_ms=round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
            user_id=g.get("user_id"),
        )
        return response
