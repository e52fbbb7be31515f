"""The engine (a connection pool) and sessions. One engine per process, opened by the
lifespan and disposed of on shutdown."""

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine


def async_url(database_url: str) -> str:
    """`postgres://…` (the usual form of DATABASE_URL) for SQLAlchemy's asyncpg driver."""
    scheme, sep, rest = database_url.partition("://")
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+asyncpg{sep}{rest}"
    return database_url


def create_engine(database_url: str, pool_size: int = 10, **options) -> AsyncEngine:
    return create_async_engine(
        async_url(database_url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_timeout=5,
        **options,
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
