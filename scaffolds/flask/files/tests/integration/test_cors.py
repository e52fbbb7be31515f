"""CORS: only the configured origins get the headers; a preflight is answered before
authentication (it carries no token)."""

import dataclasses

from flask.testing import FlaskClient

from app.deps import Deps
from app.main import create_app
from app.settings import Settings

APP_ORIGIN = "https://app.example.com"


def _client(settings: Settings, deps: Deps, origins: str) -> FlaskClient:
    settings = settings.model_copy(update={"cors_origins": origins})
    return create_app(settings, dataclasses.replace(deps, settings=settings)).test_client()


def test_no_cors_headers_unless_configured(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get("/v1/items", headers={**auth, "Origin": APP_ORIGIN})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_configured_origin_is_allowed_and_others_are_not(
    settings: Settings, deps: Deps, auth: dict[str, str]
) -> None:
    client = _client(settings, deps, f"{APP_ORIGIN}, https://admin.example.com")
    allowed = client.get("/v1/items", headers={**auth, "Origin": APP_ORIGIN})
    assert allowed.headers["Access-Control-Allow-Origin"] == APP_ORIGIN
    assert "Origin" in allowed.headers["Vary"]
    other = client.get("/v1/items", headers={**auth, "Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_a_preflight_needs_no_token(settings: Settings, deps: Deps) -> None:
    client = _client(settings, deps, APP_ORIGIN)
    preflight = client.options(
        "/v1/items",
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == APP_ORIGIN
    assert "Idempotency-Key" in preflight.headers["Access-Control-Allow-Headers"]
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
