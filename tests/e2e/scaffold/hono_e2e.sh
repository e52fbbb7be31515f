#!/usr/bin/env bash
# The end-to-end proof of `svc new --template hono`: a generated service installs,
# type-checks, migrates, passes its own tests against a real PostgreSQL and Redis,
# serves what the playbook asks for (checked from outside by check_api.py and
# check_worker.py), publishes a typed client a consumer package compiles against
# (hono_client_check.sh), refuses to start half-configured (hono_startup_check.sh),
# keeps a create's job in its outbox while Redis is down (hono_outbox_check.py), audits
# clean, and the audit notices when a rule is broken. Then `svc add resource` adds two
# resources to it, and it type-checks, migrates, passes its whole suite, builds and
# audits clean again. Every other answer combination is generated, given a resource,
# type-checked, tested and audited too.
#
#   hono_e2e.sh SVC_BINARY
#
# Needs node and npm (the registry, or an npm cache that already holds the packages:
# installs run with --prefer-offline), PostgreSQL and redis-server
# (scripts/install-deps.sh). SVC_E2E_KEEP=1 keeps the temporary folder for a look.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=e2e_steps.sh
. "$here/e2e_steps.sh"
e2e_begin hono "$@"
e2e_need node npm python3

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=error

e2e_start_services

full=$tmp/orders
step 60 "svc new orders --template hono (db postgres, queue bullmq, auth jwks)" generate "$full" postgres bullmq jwks
step 900 "npm install" in_dir "$full" npm install --prefer-offline
step 300 "npm run typecheck" in_dir "$full" npm run typecheck
step 120 "npm run db:migrate" in_dir "$full" npm run db:migrate
step 600 "npm test (unit, contract, integration)" in_dir "$full" npm test
step 300 "npm run build" in_dir "$full" npm run build
step 120 "the typed client: a consumer package imports orders/client, tsc --noEmit" \
  bash "$here/hono_client_check.sh" "$full" "$tmp"
# The identity provider the API expects, and the stand-in that signs its tokens
# (jwt_fixture.mjs reads the JWT_FIXTURE_ ones).
jwt_env=(JWT_ISSUER=https://idp.e2e.example/ JWT_AUDIENCE=orders JWT_TOKEN_TYPE=at+jwt
  JWT_FIXTURE_ISSUER=https://idp.e2e.example/ JWT_FIXTURE_AUDIENCE=orders JWT_FIXTURE_TYP=at+jwt)
step 30 "the built API refuses to start without JWT_AUDIENCE, naming it" \
  bash "$here/hono_startup_check.sh" "$full" JWT_AUDIENCE "${jwt_env[@]}"
step 120 "the built API: health, OpenAPI, 401, 429, request logs, SIGTERM" \
  env "${jwt_env[@]}" python3 "$here/check_api.py" "$full" "$tmp" --auth jwks --db postgres --env SHUTDOWN_TIMEOUT_MS=5000 \
  -- node dist/index.js
step 120 "the built worker: one job id processed once, SIGTERM" \
  python3 "$here/check_worker.py" "$full" "$tmp" --redeliver bullmq --name orders --env SHUTDOWN_TIMEOUT_MS=5000 \
  -- node dist/worker.js
step 120 "the outbox: a create while Redis is down answers 201 (Idempotency-Key replayed, 409), the worker's sweep runs its job" \
  env "${jwt_env[@]}" python3 "$here/hono_outbox_check.py" "$full" "$tmp"
e2e_audit_clean "$full" "svc audit of the generated service: no findings"
e2e_mutants "$full" node_modules

# `svc add resource` reads the template named in .svc.yaml from SVC_TEMPLATE_DIR when
# set: this checkout's, like `svc new --template`, with SVC_E2E_SOURCE=1.
add_env=()
[[ "${SVC_E2E_SOURCE:-0}" == 1 ]] && add_env=("SVC_TEMPLATE_DIR=$repo/scaffolds")
# add_resource DIR LABEL NAME [--fields ...]: the resource, then (with a database)
# drizzle-kit's snapshot of its migration, and drizzle-kit finds nothing more to migrate.
add_resource() {
  local dir=$1 label=$2
  shift 2
  step 30 "${label}svc add resource $*" in_dir "$dir" env "${add_env[@]}" "$svc" add resource "$@"
  if [[ -f "$dir/drizzle.config.ts" ]]; then
    step 60 "${label}npm run db:snapshot" in_dir "$dir" npm run db:snapshot
    step 120 "${label}drizzle-kit generate finds no schema change" bash "$here/hono_drizzle_check.sh" "$dir"
  fi
}

# Two resources added to the full service (every field type, nullable ones), then its
# whole suite again: the new routes through the app and the typed client, on PostgreSQL.
add_resource "$full" "" widgets --fields name:string,price:number,in_stock:bool,note:text?
add_resource "$full" "" line-items \
  --fields quantity:int,due:datetime?,ref:uuid,starts_at:datetime,weight:number?,active:bool?,code:int?
step 300 "with the resources: npm run typecheck" in_dir "$full" npm run typecheck
step 120 "with the resources: npm run db:migrate" in_dir "$full" npm run db:migrate
step 600 "with the resources: npm test (unit, contract, integration)" in_dir "$full" npm test
step 300 "with the resources: npm run build" in_dir "$full" npm run build
e2e_audit_clean "$full" "with the resources: svc audit, no findings"

# check_combination DIR DB QUEUE AUTH LABEL: each combination gets a resource too (the
# default fields without a database; a table of its own name on the shared database).
check_combination() {
  local combo=$1 db=$2 label=$5 resource=widgets
  # The full service's dependencies are a superset of every other combination's.
  ln -s "$full/node_modules" "$combo/node_modules"
  if [[ $db == postgres ]]; then
    case "$2/$3/$4" in
      postgres/bullmq/none) resource=notes ;;
      postgres/none/jwks) resource=tickets ;;
      *) resource=labels ;;
    esac
    add_resource "$combo" "$label: " "$resource" --fields title:string,body:text?,rank:int
  else
    add_resource "$combo" "$label: " "$resource"
  fi
  step 300 "$label: npm run typecheck" in_dir "$combo" npm run typecheck
  if [[ $db == postgres ]]; then
    step 120 "$label: npm run db:migrate" in_dir "$combo" npm run db:migrate
  fi
  step 600 "$label: npm test" in_dir "$combo" npm test
}
e2e_combinations "bullmq none" postgres/bullmq/jwks check_combination

e2e_end
