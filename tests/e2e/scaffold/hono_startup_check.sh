#!/usr/bin/env bash
# hono_startup_check.sh SERVICE_DIR MISSING NAME=VALUE...: the built API, started with
# NAME=VALUE... but without MISSING, exits 1 at once with a message naming MISSING.
set -uo pipefail
dir=$1 missing=$2
shift 2
given=()
for pair in "$@"; do [[ $pair == "$missing="* ]] || given+=("$pair"); done
# DATABASE_URL and REDIS_URL come from the environment; nothing is contacted before the check.
out=$(cd "$dir" && env -u "$missing" "${given[@]}" JWKS_URL=http://127.0.0.1:9/jwks.json \
  timeout 10 node dist/index.js 2>&1)
status=$?
if [[ $status -ne 1 ]]; then echo "expected exit 1 without $missing, got $status:"; echo "$out"; exit 1; fi
if ! grep -q "$missing is not set" <<<"$out"; then echo "the message does not name $missing:"; echo "$out"; exit 1; fi
echo "  ok: without $missing the API exits 1: $(grep "$missing" <<<"$out" | head -1 | sed 's/^ *//')"
