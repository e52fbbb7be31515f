#!/usr/bin/env bash
# The end-to-end proof of `svc new --template fastapi`: a generated service installs
# with uv, passes ruff and black, migrates, passes its own tests against a real
# PostgreSQL and Redis, serves what the playbook asks for (checked from outside by
# check_api.py), processes a job id once however often it is enqueued
# (check_worker.py), gives a frontend typed hooks that compile (fastapi_client.sh),
# audits clean, and the audit notices when a rule is broken. `svc add resource` then
# adds a resource with fields of every kind to it, and its printed next steps (migrate,
# export openapi.json, lint, test) pass, as do the whole suite and the audit, and the
# tables match their migrations. Every other answer combination is generated, linted,
# tested and audited too, and those without a queue get the default resource as well.
#
#   fastapi_e2e.sh SVC_BINARY
#
# Needs python3 (3.11 or later), node (the shared stand-in identity provider), uv
# (installed from PyPI with pip when missing), PyPI or a uv cache that already holds
# the packages, npm (the typed client's packages), PostgreSQL and redis-server
# (scripts/install-deps.sh). Downloads are
# cached in ${XDG_CACHE_HOME:-$HOME/.cache}/uv. SVC_E2E_KEEP=1 keeps the temporary
# folder for a look.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=e2e_steps.sh
. "$here/e2e_steps.sh"
e2e_begin fastapi "$@"
e2e_need python3 node

# The machine's python3, never a downloaded one.
export UV_PYTHON=${UV_PYTHON:-$(command -v python3)} UV_PYTHON_DOWNLOADS=never

# A database of its own for a combination: each has its own migration history.
create_database() {  # create_database SERVICE_DIR NAME: prints the new DATABASE_URL
  in_dir "$1" .venv/bin/python - "$DATABASE_URL" "$2" <<'PY'
import asyncio, sys
import asyncpg

async def main(url, name):
    connection = await asyncpg.connect(url)
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    print(url.rsplit("/", 1)[0] + "/" + name)

asyncio.run(main(*sys.argv[1:]))
PY
}

# The stand-in identity provider's tokens are access tokens (typ at+jwt) for this issuer
# and audience, which the service requires (jwt_fixture.mjs reads these).
export JWT_FIXTURE_TYP=at+jwt JWT_FIXTURE_ISSUER=https://idp.e2e.test/ \
  JWT_FIXTURE_AUDIENCE=https://api.e2e.test/orders

api() {  # api SERVICE_DIR AUTH DB: check_api.py against `python -m app`, the image's CMD
  python3 "$here/check_api.py" "$1" "$tmp" --auth "$2" --db "$3" \
    --env "JWT_ISSUER=$JWT_FIXTURE_ISSUER" --env "JWT_AUDIENCE=$JWT_FIXTURE_AUDIENCE" \
    -- .venv/bin/python -m app
}
# add_resource SERVICE_DIR NAME [FIELDS]: svc add resource and its printed next steps.
add_resource() {
  bash "$here/fastapi_add_resource.sh" "$svc" "$@"
}
worker() {  # worker SERVICE_DIR QUEUE
  python3 "$here/check_worker.py" "$1" "$tmp" --redeliver "fastapi-$2" --stop-within 30 \
    -- .venv/bin/python -m app.worker
}
export -f api worker add_resource

# svc add resource reads the service's template from the binary, or from this
# checkout's scaffolds/ when the proof renders from source.
[[ "${SVC_E2E_SOURCE:-0}" == 1 ]] && export SVC_TEMPLATE_DIR=$repo/scaffolds

e2e_uv
e2e_start_services

full=$tmp/orders
step 60 "svc new orders --template fastapi (db postgres, queue celery, auth jwks)" generate "$full" postgres celery jwks
step 900 "uv sync --all-groups (venv, uv.lock)" in_dir "$full" uv sync --all-groups
step 120 "ruff check and black --check" lint "$full"
step 120 "alembic upgrade head" in_dir "$full" .venv/bin/alembic upgrade head
step 600 "pytest (unit, contract, integration)" run_pytest "$full"
step 300 "typed client: openapi-rq hooks from the committed openapi.json, tsc --noEmit" \
  bash "$here/fastapi_client.sh" "$full" "$tmp"
step 180 "the API (python -m app): health, OpenAPI, 401, 429, request logs, SIGTERM" api "$full" jwks postgres
step 180 "the worker (python -m app.worker): a job id enqueued twice, processed once; SIGTERM" \
  worker "$full" celery
e2e_audit_clean "$full" "svc audit of the generated service: no findings"
e2e_mutants "$full" .venv

# A resource with a field of every type, one of them nullable, then the printed steps.
resource_fields=name:string,note:text?,quantity:int,price:number,in_stock:bool,due:datetime,owner_id:uuid
step 300 "svc add resource widgets (every field type, one nullable); the printed next steps" \
  add_resource "$full" widgets "$resource_fields"
step 120 "with widgets: ruff and black" lint "$full"
step 60 "with widgets: the tables match the migrations (alembic check)" \
  in_dir "$full" .venv/bin/alembic check
step 600 "with widgets: pytest (unit, contract, integration)" run_pytest "$full"
e2e_audit_clean "$full" "with widgets: svc audit, no findings"

base_database_url=$DATABASE_URL
check_combination() {  # check_combination DIR DB QUEUE AUTH LABEL
  local combo=$1 db=$2 queue=$3 auth=$4 label=$5
  step 600 "$label: uv sync" in_dir "$combo" uv sync --all-groups
  step 120 "$label: ruff and black" lint "$combo"
  if [[ $db == postgres ]]; then
    DATABASE_URL=$(create_database "$combo" "orders_${queue}_${auth}")
    export DATABASE_URL
  fi
  step 600 "$label: pytest" run_pytest "$combo"
  if [[ $queue == none ]]; then
    # The default resource (name:string); without a queue, the migration that comes
    # before its own is 0003, whose parent is then 0001.
    step 300 "$label: svc add resource gadgets; the printed next steps" add_resource "$combo" gadgets
    step 600 "$label: with gadgets: pytest" run_pytest "$combo"
  fi
  if [[ $queue == rq && $auth == jwks ]]; then
    # The other queue library's worker, run for real too.
    step 180 "$label: the API" api "$combo" "$auth" "$db"
    step 180 "$label: the RQ worker: a job id enqueued twice, processed once; SIGTERM" worker "$combo" rq
  fi
  DATABASE_URL=$base_database_url
}
e2e_combinations "celery rq none" postgres/celery/jwks check_combination

e2e_end
