#!/usr/bin/env python3
"""Writes the OpenAPI document the running service serves at /openapi.json, for client
generation; nothing connects to a database or Redis.

    uv run scripts/export_openapi.py [openapi.json]

The document comes from the code (FastAPI, from the Pydantic models): never edit the
file, regenerate it.
"""

import json
import sys
from pathlib import Path

from app.main import create_app
from app.settings import Settings

# Placeholders: building the app reads no connection, only its routes and models.
PLACEHOLDERS = {
{{#db_postgres}}
    "database_url": "postgres://openapi@localhost/openapi",
{{/db_postgres}}    "redis_url": "redis://localhost:6379",
{{#auth_jwks}}
    "jwks_url": "https://idp.example.com/.well-known/jwks.json",
{{/auth_jwks}}}


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "openapi.json")
    app = create_app(Settings.model_validate(PLACEHOLDERS))
    target.write_text(json.dumps(app.openapi(), indent=2) + "\n")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
