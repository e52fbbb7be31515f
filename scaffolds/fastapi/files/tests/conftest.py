"""Shared fixtures. Integration tests need a real PostgreSQL and Redis:

- DATABASE_URL and REDIS_URL when set (CI service containers, a local stack);
- otherwise containers started with testcontainers when a Docker engine answers;
- otherwise they are skipped, saying why.

The tests never delete data they did not create, so a development database is safe.
"""

import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from app.main import create_app
from app.settings import Settings{{#auth_jwks}}
from tests.support.tokens import AUDIENCE, ISSUER, LocalIdentityProvider{{/auth_jwks}}

{{#db_postgres}}
POSTGRES_IMAGE = "postgres:17-alpine"
{{/db_postgres}}REDIS_IMAGE = "redis:7-alpine"


def docker_available() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception:
        return False
    return True


{{#db_postgres}}
@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    url = os.environ.get("DATABASE_URL")
    if url:
        yield url
        return
    if not docker_available():
        pytest.skip("integration tests need DATABASE_URL or a Docker engine for testcontainers")
    from testcontainers.postgres import PostgresContainer

    with PostgresContainer(POSTGRES_IMAGE, driver=None) as postgres:
        yield postgres.get_connection_url()


@pytest.fixture(scope="session")
def migrated_database(database_url: str) -> str:
    """The database with every migration applied, as a deploy would."""
    from alembic import command
    from alembic.config import Config

    os.environ["DATABASE_URL"] = database_url
    command.upgrade(Config("alembic.ini"), "head")
    return database_url


{{/db_postgres}}@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    if not docker_available():
        pytest.skip("integration tests need REDIS_URL or a Docker engine for testcontainers")
    from testcontainers.redis import RedisContainer

    with RedisContainer(REDIS_IMAGE) as redis:
        host, port = redis.get_container_host_ip(), redis.get_exposed_port(6379)
        yield f"redis://{host}:{port}"


{{#auth_jwks}}
@pytest.fixture(scope="session")
def idp() -> Iterator[LocalIdentityProvider]:
    provider = LocalIdentityProvider()
    yield provider
    provider.close()


{{/auth_jwks}}@pytest.fixture
def settings(
{{#db_postgres}}
    migrated_database: str,
{{/db_postgres}}    redis_url: str,
{{#auth_jwks}}
    idp: LocalIdentityProvider,
{{/auth_jwks}}) -> Settings:
    return Settings(
{{#db_postgres}}
        database_url=migrated_database,
{{/db_postgres}}        redis_url=redis_url,
{{#auth_jwks}}
        jwks_url=idp.jwks_url,
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
        # Every test calls from one address, and the failed-authentication bucket of an
        # address outlives a test: a suite's 401s would otherwise add up to a 429 for
        # whichever test comes later. The limit's own test sets a small one.
        auth_failures_per_minute=1000,
{{/auth_jwks}}        rate_limit_per_minute=1000,
    )


{{#auth_jwks}}
@pytest.fixture
def auth(idp: LocalIdentityProvider) -> dict[str, str]:
    """Headers of a caller with every permission."""
    return {"Authorization": f"Bearer {idp.token()}"}


{{/auth_jwks}}{{^auth_jwks}}
@pytest.fixture
def auth() -> dict[str, str]:
    """Headers of a caller (none: this service has no authentication)."""
    return {}


{{/auth_jwks}}async def start_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan run, as uvicorn would, behind an in-process client."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for c in start_client(settings):
        yield c
