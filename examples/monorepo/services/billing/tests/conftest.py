"""Integration tests run against a real Postgres started by testcontainers."""

import os
from collections.abc import AsyncIterator, Iterator

import pytest
from httpx import ASGITransport, AsyncClient
from testcontainers.postgres import PostgresContainer


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with PostgresContainer("postgres:16-alpine", driver="asyncpg") as pg:
        url = pg.get_connection_url()
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("JWKS_URL", "https://idp.test/.well-known/jwks.json")
        os.environ.setdefault("JWT_ISSUER", "https://idp.test")
        yield url


@pytest.fixture(scope="session")
async def app(database_url: str):
    from app.auth import Principal, require_principal
    from app.db.models import Base
    from app.db.session import create_engine, create_sessionmaker
    from app.main import create_app

    engine = create_engine(database_url)
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)

    application = create_app()
    application.state.sessionmaker = create_sessionmaker(engine)
    application.dependency_overrides[require_principal] = lambda: Principal(
        subject="user-1", scopes=frozenset({"invoices:read", "invoices:write"})
    )
    yield application
    await engine.dispose()


@pytest.fixture
async def client(app) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://billing.test") as c:
        yield c
