#!/usr/bin/env bash
# `svc add resource` in a service generated from the fastapi template, then what its
# output tells the user to do, run as printed (from the service's folder, with a .env
# holding the proof's DATABASE_URL and REDIS_URL): migrate, export openapi.json, lint,
# test. Used by fastapi_e2e.sh.
#
#   fastapi_add_resource.sh SVC SERVICE_DIR NAME [FIELDS]
#
# Before the printed steps, the committed openapi.json must be seen as stale by the
# service's drift test: the export step is what makes it pass. When SVC_TEMPLATE_DIR is
# set, svc reads the template from there instead of its own (see e2e_steps.sh).
set -euo pipefail

svc=$1 dir=$2 name=$3 fields=${4:-}
cd "$dir"

out=$("$svc" add resource "$name" ${fields:+--fields "$fields"})
echo "$out"
steps=$(sed -n '/^Next steps:$/,$p' <<<"$out" | tail -n +2 | sed 's/^  //')
[[ -n "$steps" ]] || { echo "FAILED: svc add resource printed no next steps"; exit 1; }

if .venv/bin/pytest -q -p no:cacheprovider tests/unit/test_openapi.py >/dev/null 2>&1; then
  echo "FAILED: the drift test passes with openapi.json not yet exported"
  exit 1
fi
echo "  ok: before the export, the drift test finds openapi.json out of date"

# The printed steps read .env, as on a developer's machine; the proof's services stand
# in for the ones .env.example describes.
[[ -e .env ]] && { echo "FAILED: $dir/.env exists already"; exit 1; }
printf 'DATABASE_URL=%s\nREDIS_URL=%s\n' "${DATABASE_URL:-}" "$REDIS_URL" >.env
trap 'rm -f .env' EXIT
while IFS= read -r line; do
  [[ -n "${line// /}" ]] || continue
  echo "+ $line"
  bash -ec "$line"
done <<<"$steps"
echo "  ok: svc add resource $name${fields:+ --fields $fields}: the printed next steps pass"
