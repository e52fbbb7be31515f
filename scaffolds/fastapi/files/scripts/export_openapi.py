#!/usr/bin/env python3
"""Writes the OpenAPI document the running service serves at /openapi.json, for client
generation; nothing connects to a database or Redis.

    uv run scripts/export_openapi.py [openapi.json]

The document comes from the code (FastAPI, from the Pydantic models): never edit the
file, regenerate it and commit it with the change that altered it.
"""

import json
import sys
from pathlib import Path

from app.openapi import document


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "openapi.json")
    target.write_text(json.dumps(document(), indent=2, ensure_ascii=False) + "\n")
    sys.stdout.write(f"wrote {target}\n")


if __name__ == "__main__":
    main()
