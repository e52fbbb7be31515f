"""The app wired to the real PostgreSQL and Redis, with migrations applied{{#auth_jwks}} and
tokens signed by a locally generated key{{/auth_jwks}}."""

{{#auth_jwks}}
import dataclasses
{{/auth_jwks}}
import os
from collections.abc import Iterator

import pytest
{{#db_postgres}}
from alembic import command
from alembic.config import Config
{{/db_postgres}}
from flask.testing import FlaskClient

from app.deps import Deps, build_deps
from app.main import create_app
from app.settings import Settings
from support.redis_keys import forget_own_keys
{{#auth_jwks}}
from support.tokens import AUDIENCE, ISSUER, LocalIssuer
{{/auth_jwks}}

RATE_LIMIT = 5
{{#auth_jwks}}
# What the tests' token may do: every resource's permissions.
PERMISSIONS = [
    "items:read",
    "items:write",
    # svc:resource-permissions
]
{{/auth_jwks}}

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def settings(service_urls: dict[str, str]) -> Settings:
    # The worker's tasks read their settings from the environment.
    os.environ.update({key.upper(): url for key, url in service_urls.items()})
{{#db_postgres}}
    alembic = Config("alembic.ini")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", service_urls["database_url"])
        command.upgrade(alembic, "head")
{{/db_postgres}}
    return Settings(
        **service_urls,
{{#auth_jwks}}
        jwks_url="http://127.0.0.1:9/.well-known/jwks.json",
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
        # Every test calls from one address, and the failed-authentication bucket of an
        # address outlives a test: a suite's 401s would otherwise add up to a 429 for
        # whichever test comes later.
        auth_failures_per_minute=1000,
{{/auth_jwks}}
        rate_limit_per_minute=RATE_LIMIT,
    )
{{#auth_jwks}}


@pytest.fixture(scope="session")
def issuer() -> LocalIssuer:
    return LocalIssuer()
{{/auth_jwks}}


@pytest.fixture
def deps(settings: Settings{{#auth_jwks}}, issuer: LocalIssuer{{/auth_jwks}}) -> Iterator[Deps]:
    built = build_deps(settings)
{{#auth_jwks}}
    built = dataclasses.replace(built, verifier=issuer.verifier())
{{/auth_jwks}}
    forget_own_keys(built.redis)
    yield built
    built.close()


@pytest.fixture
def client(settings: Settings, deps: Deps) -> FlaskClient:
    return create_app(settings, deps).test_client()


{{#auth_jwks}}
@pytest.fixture
def auth(issuer: LocalIssuer) -> dict[str, str]:
    token = issuer.token("tester", PERMISSIONS)
    return {"Authorization": f"Bearer {token}"}
{{/auth_jwks}}
{{^auth_jwks}}
@pytest.fixture
def auth() -> dict[str, str]:
    return {}
{{/auth_jwks}}
