from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI

from app.config import get_settings
from app.db.session import create_engine, create_sessionmaker
from app.errors import register_error_handlers
from app.observability import RequestLogMiddleware, configure_logging
from app.routers import health, invoices

log = structlog.get_logger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
    app.state.sessionmaker = create_sessionmaker(engine)
    log.info("startup", pool_size=settings.database_pool_size)
    try:
        yield
    finally:
        # Runs on SIGTERM once uvicorn has drained in-flight requests.
        await engine.dispose()
        log.info("shutdown_complete")


def create_app() -> FastAPI:
    configure_logging(get_settings().log_level)
    app = FastAPI(
        title="billing",
        version="0.9.0",
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.add_middleware(RequestLogMiddleware)
    register_error_handlers(app)
    app.include_router(health.router)
    app.include_router(invoices.router)
    return app


app = create_app()
