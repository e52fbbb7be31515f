#!/usr/bin/env python3
"""Writes the service's OpenAPI document, generated from its Pydantic models, to
openapi.json at the service's root (or to standard output with `-`). Commit the file:
frontends generate their typed client from it, and CI fails when it is out of date.

    uv run scripts/export_openapi.py
"""

import sys
from pathlib import Path

from app.openapi_doc import document_text

TARGET = Path(__file__).resolve().parents[1] / "openapi.json"


def main() -> None:
    text = document_text()
    if sys.argv[1:] == ["-"]:
        sys.stdout.write(text)
    else:
        TARGET.write_text(text)


if __name__ == "__main__":
    main()
