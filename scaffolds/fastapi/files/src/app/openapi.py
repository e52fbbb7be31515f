"""The OpenAPI document of the API, as the running service serves it at /openapi.json,
built without connecting to anything: only the routes and the Pydantic models count.

openapi.json at the project's root is this document, committed, for the clients that
are generated from it (see the README); scripts/export_openapi.py rewrites it, and a
unit test and CI fail when it is out of date.
"""

from typing import Any

from app.main import create_app
from app.settings import Settings

# Placeholders: building the app opens no connection.
PLACEHOLDERS = {
{{#db_postgres}}
    "database_url": "postgres://openapi@localhost/openapi",
{{/db_postgres}}    "redis_url": "redis://localhost:6379",
{{#auth_jwks}}
    "jwks_url": "https://idp.example.com/.well-known/jwks.json",
    "jwt_issuer": "https://idp.example.com/",
    "jwt_audience": "openapi",
{{/auth_jwks}}}


def document() -> dict[str, Any]:
    return create_app(Settings.model_validate(PLACEHOLDERS)).openapi()
