#!/usr/bin/env python3
"""Writes the service's OpenAPI document, generated from its Pydantic models, for
client generation. Nothing connects to a database or Redis.

    uv run scripts/export_openapi.py > openapi.json
    npx @7nohe/openapi-react-query-codegen -i openapi.json -o src/api/hooks -c axios

(the second line in the frontend: TanStack Query hooks typed from this document).
"""

import json
import os
import sys

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
{{/auth_jwks}}
}


def main() -> None:
    given = {k: v for k, v in PLACEHOLDERS.items() if not os.environ.get(k.upper())}
    app = create_app(Settings(**given, log_level="error"))
    json.dump(app.api_doc, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
