"""Shared fixtures. Integration tests need a real PostgreSQL and Redis: DATABASE_URL
and REDIS_URL from the environment, else containers started with testcontainers when
a Docker engine is available; without either they are skipped, saying why."""

import os
from collections.abc import Iterator

import pytest


def _container_urls() -> Iterator[dict[str, str]]:
    try:
{{#db_postgres}}
        from testcontainers.postgres import PostgresContainer
{{/db_postgres}}
        from testcontainers.redis import RedisContainer
    except ImportError:
        pytest.skip("DATABASE_URL/REDIS_URL not set and testcontainers is not installed")
    try:
{{#db_postgres}}
        postgres = PostgresContainer("postgres:17-alpine", driver=None).start()
{{/db_postgres}}
        redis = RedisContainer("redis:7-alpine").start()
    except Exception as error:  # no Docker engine
        pytest.skip(f"DATABASE_URL/REDIS_URL not set and no Docker engine ({type(error).__name__})")
    try:
        host, port = redis.get_container_host_ip(), redis.get_exposed_port(6379)
        yield {
{{#db_postgres}}
            "database_url": postgres.get_connection_url(),
{{/db_postgres}}
            "redis_url": f"redis://{host}:{port}",
        }
    finally:
        redis.stop()
{{#db_postgres}}
        postgres.stop()
{{/db_postgres}}


@pytest.fixture(scope="session")
def service_urls() -> Iterator[dict[str, str]]:
    """Where the real databases are, for integration tests."""
    urls = {
{{#db_postgres}}
        "database_url": os.environ.get("DATABASE_URL", ""),
{{/db_postgres}}
        "redis_url": os.environ.get("REDIS_URL", ""),
    }
    if all(urls.values()):
        yield urls
    else:
        yield from _container_urls()
