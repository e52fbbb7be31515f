"""The OpenAPI document as the service commits it (openapi.json at its root), built from
the Pydantic models without connecting to anything. scripts/export_openapi.py writes
it; a unit test fails when the committed file no longer matches."""

import json
import os

from app.main import create_app
from app.settings import Settings

# The document does not depend on configuration; placeholders stand in for what is unset.
PLACEHOLDERS = {
{{#db_postgres}}
    "database_url": "postgresql://export@localhost/export",
{{/db_postgres}}
    "redis_url": "redis://localhost:6379",
{{#auth_jwks}}
    "jwks_url": "https://idp.invalid/.well-known/jwks.json",
    "jwt_issuer": "https://idp.invalid/",
    "jwt_audience": "export",
{{/auth_jwks}}
}


def document_text() -> str:
    given = {k: v for k, v in PLACEHOLDERS.items() if not os.environ.get(k.upper())}
    app = create_app(Settings(**given, log_level="error"))
    return json.dumps(app.api_doc, indent=2, sort_keys=True) + "\n"
