#!/usr/bin/env python3
"""Writes scaffolds/flask/files/openapi.json, the OpenAPI document a generated flask
service commits, as a Mustache template: the documents exported from two generated
services (`uv run scripts/export_openapi.py`), one with --auth none and one with
--auth jwks, merged line by line (lines of one only go in an auth_jwks section), with
the service's name put back as {{name}}. Run it after changing the API:

    flask_openapi_template.py NAME AUTH_NONE.json AUTH_JWKS.json > scaffolds/flask/files/openapi.json

Only the auth answer changes the document (the db and queue answers do not; the
services' own drift test, run by the proof for every combination, checks that).
"""

import difflib
import sys


def main() -> None:
    name, without_path, with_path = sys.argv[1:4]
    without = open(without_path).read().splitlines(keepends=True)
    with_ = open(with_path).read().splitlines(keepends=True)
    title = f'    "title": "{name}",\n'
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=without, b=with_, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out += without[a0:a1]
            continue
        if a1 > a0:
            out += ["{{^auth_jwks}}\n", *without[a0:a1], "{{/auth_jwks}}\n"]
        if b1 > b0:
            out += ["{{#auth_jwks}}\n", *with_[b0:b1], "{{/auth_jwks}}\n"]
    text = "".join('    "title": "{{name}}",\n' if line == title else line for line in out)
    if "{{name}}" not in text:
        sys.exit(f"no title line {title.strip()!r} in the documents")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
