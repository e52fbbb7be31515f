#!/usr/bin/env bash
# The end-to-end proof of `svc new --template flask`: the generated service installs
# with uv, passes ruff and black, migrates, passes its own tests against a real
# PostgreSQL and Redis, serves what the playbook asks for under gunicorn (checked from
# outside by check_api.py), processes one job id once (check_worker.py), audits clean,
# and the audit notices when a rule is broken. Every other answer combination is
# generated, linted, unit- and contract-tested and audited too.
#
#   flask_e2e.sh SVC_BINARY
#
# Needs python3 (uv is installed from PyPI with pip when missing), node (the JWT
# fixture), PostgreSQL and redis-server (scripts/install-deps.sh). Package downloads are
# cached in ${XDG_CACHE_HOME:-$HOME/.cache}/uv. SVC_E2E_KEEP=1 keeps the temporary folder.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=e2e_steps.sh
. "$here/e2e_steps.sh"
e2e_begin flask "$@"
e2e_need python3 node npm

# Each combination migrates from scratch: its migrations may differ from the last one's.
empty_database() {
  .venv/bin/python -c 'import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute("DROP SCHEMA public CASCADE"); c.execute("CREATE SCHEMA public")' "$DATABASE_URL"
}
api() {  # api SERVICE_DIR: check_api.py against gunicorn, the image's CMD
  # The stand-in provider mints access tokens (typ at+jwt) for this API's issuer/audience.
  JWT_FIXTURE_TYP=at+jwt JWT_FIXTURE_ISSUER=https://idp.e2e/ JWT_FIXTURE_AUDIENCE=orders-e2e \
    python3 "$here/check_api.py" "$1" "$tmp" --auth jwks --db postgres \
    --env JWT_ISSUER=https://idp.e2e/ --env JWT_AUDIENCE=orders-e2e \
    -- .venv/bin/gunicorn -c gunicorn.conf.py app.wsgi:app
}
worker() {  # worker SERVICE_DIR
  python3 "$here/check_worker.py" "$1" "$tmp" --redeliver flask-rq --stop-within 15 -- .venv/bin/python -m app.worker
}
export -f empty_database api worker

e2e_uv
e2e_start_services

full=$tmp/orders
step 60 "svc new orders --template flask (db postgres, queue rq, auth jwks)" generate "$full" postgres rq jwks
step 900 "uv sync --all-groups (venv, lock file, install)" in_dir "$full" uv sync --all-groups
step 120 "ruff check, black --check" lint "$full"
step 120 "alembic upgrade head" in_dir "$full" .venv/bin/alembic upgrade head
step 600 "pytest (unit, contract, integration)" run_pytest "$full"
step 120 "gunicorn: health, OpenAPI, 401, 429, request logs, SIGTERM" api "$full"
step 120 "RQ worker: one job id enqueued twice, processed once, SIGTERM" worker "$full"
step 600 "typed client: openapi-rq hooks from openapi.json, tsc --noEmit" bash "$here/flask_client_check.sh" "$full" "$tmp"
e2e_audit_clean "$full" "svc audit of the generated service: no findings"
e2e_mutants "$full" .venv

check_combination() {  # check_combination DIR DB QUEUE AUTH LABEL
  local combo=$1 db=$2 label=$5
  step 900 "$label: uv sync --all-groups" in_dir "$combo" uv sync --all-groups
  step 120 "$label: ruff, black" lint "$combo"
  if [[ $db == postgres ]]; then
    step 30 "$label: empty the test database" in_dir "$combo" empty_database
  fi
  step 300 "$label: pytest" run_pytest "$combo"
}
e2e_combinations "rq celery none" postgres/rq/jwks check_combination

e2e_end
