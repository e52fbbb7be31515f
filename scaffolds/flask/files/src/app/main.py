"""The app factory: configuration, logging, dependencies, hooks, blueprints, errors."""

import time
import uuid

import structlog
from flask import Response, g, request
from flask_openapi3 import Info, OpenAPI
from werkzeug.middleware.proxy_fix import ProxyFix

{{#auth_jwks}}
from app.auth import authenticate
{{/auth_jwks}}
from app.body import check_body
from app.cors import install_cors, origins_of
from app.deps import Deps, build_deps
from app.errors import register_error_handlers, validation_failed
from app.health import health
from app.log import configure_logging, get_logger
from app.rate_limit.limiter import add_rate_limit_headers, limit_request
from app.routers.items import items
from app.settings import Settings, load

# Added by `svc add resource`, each above the marker line (so not sorted).
# isort: off
# svc:resource-imports
# isort: on

request_log = get_logger("app.request")


def _trace_id() -> str:
    """The W3C traceparent's trace id when a caller sent one, else a fresh id."""
    parts = request.headers.get("traceparent", "").split("-")
    if len(parts) == 4 and len(parts[1]) == 32:
        return parts[1]
    return uuid.uuid4().hex


def _start_request() -> None:
    g.started = time.perf_counter()
    g.trace_id = _trace_id()
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(trace_id=g.trace_id)


def _log_request(response: Response) -> Response:
    """One JSON line per request, whatever its outcome."""
    user = g.get("user")
    request_log.info(
        "request",
        method=request.method,
        path=request.path,
        status=response.status_code,
        duration_ms=round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 2),
        trace_id=g.get("trace_id"),
        user_id=user.user_id if user else None,
    )
    response.headers["X-Request-Id"] = g.get("trace_id", "")
    return response


def create_app(settings: Settings | None = None, dependencies: Deps | None = None) -> OpenAPI:
    settings = settings or load(Settings)
    configure_logging(settings.log_level)
    app = OpenAPI(
        __name__,
        info=Info(title="{{name}}", version="1.0.0"),
{{#auth_jwks}}
        security_schemes={"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
{{/auth_jwks}}
        validation_error_status=422,
        validation_error_callback=validation_failed,
        doc_prefix="",  # the document at /openapi.json
    )
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    if settings.trusted_proxy_hops:
        # The address the outermost trusted proxy saw: the Nth entry from the right of
        # X-Forwarded-For. Entries left of it are written by the client and never used.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=settings.trusted_proxy_hops
        )
    d = dependencies or build_deps(settings)
    app.extensions["deps"] = d

    app.before_request(_start_request)
    app.before_request(check_body)
    install_cors(app, origins_of(settings.cors_origins))
{{#auth_jwks}}

    @app.before_request
    def _authenticate() -> None:
        if request.path.startswith("/v1/"):
            authenticate(d.verifier, d.auth_failures)

{{/auth_jwks}}
    app.before_request(lambda: limit_request(d.limiter))
    app.after_request(add_rate_limit_headers)
    app.after_request(_log_request)
    register_error_handlers(app)

    app.register_blueprint(health)
    app.register_api(items)
    # svc:resource-routers
    return app
