"""The app factory and its lifespan: connections are opened once at start-up and
closed on shutdown, after uvicorn has drained the requests in flight."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute{{#db_postgres}}
from sqlalchemy import text{{/db_postgres}}

{{#auth_jwks}}
from app.auth.tokens import TokenVerifier
{{/auth_jwks}}{{#db_postgres}}
from app.db.engine import create_engine, session_factory
{{/db_postgres}}from app.errors import install_error_handlers
{{^db_postgres}}
from app.items.memory_repository import MemoryItemRepository
{{/db_postgres}}{{^queue_none}}
from app.jobs.producer import ItemEvents
{{/queue_none}}from app.log import get_logger
from app.middleware.body_limit import BodyLimitMiddleware
from app.middleware.request_log import RequestLogMiddleware
from app.rate_limit.limiter import RateLimiter
from app.redis_client import connect_redis
from app.routers import health, items
from app.settings import Settings, get_settings

# svc:resource-imports: `svc add resource` imports each new resource's router above.
log = get_logger("app.main")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    state = app.state
    state.redis = connect_redis(str(settings.redis_url))
    state.limiter = RateLimiter(state.redis, settings.rate_limit_per_minute, "{{name}}:rate")
{{#auth_jwks}}
    state.auth_failures = RateLimiter(
        state.redis, settings.auth_failures_per_minute, "{{name}}:auth-failures"
    )
    state.verifier = TokenVerifier(
        str(settings.jwks_url),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        token_type=settings.jwt_token_type,
        clock_skew_seconds=settings.jwt_clock_skew_seconds,
        refetch_cooldown_seconds=settings.jwks_refetch_cooldown_seconds,
    )
{{/auth_jwks}}{{#db_postgres}}
    state.engine = create_engine(str(settings.database_url))
    state.sessions = session_factory(state.engine)
{{/db_postgres}}{{^db_postgres}}
    state.items = MemoryItemRepository()
    # svc:resource-stores: the in-memory store of each resource `svc add resource` adds.
{{/db_postgres}}{{^queue_none}}
    state.events = ItemEvents(str(settings.redis_url))
{{/queue_none}}    state.health_checks = {
{{#db_postgres}}
        "db": lambda: ping_database(app),
{{/db_postgres}}        "redis": state.redis.ping,
    }
    log.info("api started", port=settings.port)
    try:
        yield
    finally:
{{^queue_none}}
        state.events.close()
{{/queue_none}}{{#db_postgres}}
        await state.engine.dispose()
{{/db_postgres}}        await state.redis.aclose()
        log.info("api stopped")


{{#db_postgres}}
async def ping_database(app: FastAPI) -> None:
    async with app.state.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


{{/db_postgres}}def operation_id(route: APIRoute) -> str:
    """The route function's name (`list_items`): the name generated clients give the
    call, so it must stay readable and stable (FastAPI's default,
    `list_items_v1_items_get`, changes with the path)."""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(
        title="{{name}}",
        version="0.1.0",
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings = settings or get_settings()
    install_error_handlers(app)
    # The last added runs first: every request, the refused ones too, is logged.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.cors_origin_list:
        origins = settings.cors_origin_list
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            # Browsers refuse credentials with `*`; a list of origins may send them.
            allow_credentials="*" not in origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "traceparent"],
            expose_headers=["x-request-id", "Retry-After", "Idempotent-Replayed"],
        )
    app.add_middleware(RequestLogMiddleware)
    app.include_router(health.router)
    app.include_router(items.router)
    # svc:resource-routers: `svc add resource` registers each new resource's routes above.
    return app
