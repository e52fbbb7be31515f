#!/usr/bin/env bash
# The end-to-end proof of `svc new --template flask`: the generated service installs
# with uv, passes ruff and black, migrates, passes its own tests against a real
# PostgreSQL and Redis, serves what the playbook asks for under gunicorn (checked from
# outside by check_api.py), processes one job id once (check_worker.py), audits clean,
# and the audit notices when a rule is broken. Then `svc add resource` adds two
# resources to it, and after the next steps it prints the service passes its linters,
# its whole test suite and the audit again, and their typed client compiles. Every other answer combination is generated,
# linted, tested and audited too; those without a database or a queue with a resource
# added.
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
# add_resource SERVICE_DIR NAME [FIELDS]: `svc add resource` run in the service, as a
# user runs it. With SVC_E2E_SOURCE=1 it reads the template of this checkout, as the
# service was generated from it; else the one built into svc.
add_resource() {
  local dir=$1 name=$2 fields=${3:-}
  if [[ "${SVC_E2E_SOURCE:-0}" == 1 ]]; then export SVC_TEMPLATE_DIR=$repo/scaffolds; fi
  in_dir "$dir" "$svc" add resource "$name" ${fields:+--fields "$fields"}
}
# The same again is refused (exit 2) and changes nothing.
add_resource_again_refused() {  # add_resource_again_refused SERVICE_DIR NAME
  local before status=0
  before=$(files_digest "$1")
  add_resource "$1" "$2" || status=$?
  [[ $status -eq 2 ]] || { echo "FAILED: svc add resource $2 again exited $status, not 2"; return 1; }
  [[ "$before" == "$(files_digest "$1")" ]] || { echo "FAILED: the refused run changed files"; return 1; }
  echo "  ok: adding $2 again is refused with exit 2, nothing written"
}
files_digest() {  # files_digest SERVICE_DIR: every file's hash, the installed packages aside
  (cd "$1" && find . -path ./.venv -prune -o -type f -print | sort | xargs -d '\n' sha256sum)
}
# The committed openapi.json no longer matches the app until the next step exports it.
openapi_drift_noticed() {  # openapi_drift_noticed SERVICE_DIR
  if in_dir "$1" .venv/bin/pytest -q -p no:cacheprovider tests/unit/test_openapi.py; then
    echo "FAILED: the drift test passed with the new routes missing from openapi.json"; return 1
  fi
  echo "  ok: the drift test fails until openapi.json is exported"
}
export_openapi() { in_dir "$1" .venv/bin/python scripts/export_openapi.py; }
export repo
export -f empty_database api worker add_resource add_resource_again_refused files_digest openapi_drift_noticed \
  export_openapi

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

# svc add resource in the full service, once its own checks are done: the fields of the
# contract's example (one nullable), then every other field type in a second resource.
step 30 "svc add resource widgets (string, number, bool, text?)" add_resource "$full" widgets name:string,price:number,in_stock:bool,note:text?
step 30 "svc add resource line-item (string, int, datetime?, uuid)" add_resource "$full" line-item number:string,qty:int,due:datetime?,ref:uuid
step 30 "svc add resource widgets again: refused" add_resource_again_refused "$full" widgets
step 60 "the OpenAPI drift test notices the new routes" openapi_drift_noticed "$full"
step 60 "next step: export openapi.json" export_openapi "$full"
step 120 "next step: alembic upgrade head (0005, 0006)" in_dir "$full" .venv/bin/alembic upgrade head
step 120 "with the resources: ruff check, black --check" lint "$full"
step 600 "with the resources: pytest (unit, contract, integration)" run_pytest "$full"
step 300 "with the resources: their typed client (openapi-rq, tsc --noEmit)" bash "$here/flask_client_resource_check.sh" "$full" "$tmp"
e2e_audit_clean "$full" "with the resources: svc audit, no findings"

check_combination() {  # check_combination DIR DB QUEUE AUTH LABEL
  local combo=$1 db=$2 queue=$3 label=$5
  step 900 "$label: uv sync --all-groups" in_dir "$combo" uv sync --all-groups
  # Without a database (storage in memory) or a queue, with a resource of the default
  # fields: the tests below run its own too.
  if [[ $db == none || $queue == none ]]; then
    step 30 "$label: svc add resource gadgets" add_resource "$combo" gadgets
    step 60 "$label: export openapi.json" export_openapi "$combo"
    label="$label, gadgets added"
  fi
  step 120 "$label: ruff, black" lint "$combo"
  if [[ $db == postgres ]]; then
    step 30 "$label: empty the test database" in_dir "$combo" empty_database
  fi
  step 300 "$label: pytest" run_pytest "$combo"
}
e2e_combinations "rq celery none" postgres/rq/jwks check_combination

e2e_end
