"""The app factory and its lifespan: connections are opened once at start-up and
closed on shutdown, after uvicorn has drained the requests in flight."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI{{#db_postgres}}
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
from app.middleware.request_log import RequestLogMiddleware
from app.rate_limit.limiter import RateLimiter
from app.redis_client import connect_redis
from app.routers import health, items
from app.settings import Settings, get_settings

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
        str(settings.jwks_url), settings.jwt_issuer, settings.jwt_audience
    )
{{/auth_jwks}}{{#db_postgres}}
    state.engine = create_engine(str(settings.database_url))
    state.sessions = session_factory(state.engine)
{{/db_postgres}}{{^db_postgres}}
    state.items = MemoryItemRepository()
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


{{/db_postgres}}def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(
        title="{{name}}",
        version="0.1.0",
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings or get_settings()
    install_error_handlers(app)
    app.add_middleware(RequestLogMiddleware)
    app.include_router(health.router)
    app.include_router(items.router)
    return app
