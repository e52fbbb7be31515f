"""Tests run against a real Postgres started by testcontainers."""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from testcontainers.postgres import PostgresContainer

from reports import create_app
from reports.config import Settings

MIGRATIONS = Path(__file__).parent.parent / "migrations"


@pytest.fixture(scope="session")
def database_url():
    with PostgresContainer("postgres:16-alpine", driver="psycopg") as pg:
        url = pg.get_connection_url()
        engine = create_engine(url)
        with engine.begin() as conn:
            for migration in sorted(MIGRATIONS.glob("*.sql")):
                conn.execute(text(migration.read_text()))
        engine.dispose()
        yield url


@pytest.fixture
def app(database_url, monkeypatch):
    from reports import auth

    def fake_authenticate() -> None:
        from flask import g

        g.user_id, g.scopes = "user-1", frozenset({"reports:read", "reports:write"})

    monkeypatch.setattr(auth, "authenticate", fake_authenticate)
    settings = Settings(database_url=database_url, jwks_url="https://idp.test/jwks", jwt_issuer="https://idp.test")
    application = create_app(settings)
    application.config["TESTING"] = True
    return application


@pytest.fixture
def client(app):
    return app.test_client()
