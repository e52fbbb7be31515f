#!/usr/bin/env bash
# The end-to-end proof of `svc new --template hono`: a generated service installs,
# type-checks, migrates, passes its own tests against a real PostgreSQL and Redis,
# serves what the playbook asks for (checked from outside by check_api.py and
# check_worker.py), publishes a typed client a consumer package compiles against
# (hono_client_check.sh), refuses to start half-configured (hono_startup_check.sh),
# keeps a create's job in its outbox while Redis is down (hono_outbox_check.py), audits
# clean, and the audit notices when a rule is broken. Every other answer combination is
# generated, type-checked, tested and audited too.
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

# check_combination DIR DB QUEUE AUTH LABEL
check_combination() {
  local combo=$1 db=$2 label=$5
  # The full service's dependencies are a superset of every other combination's.
  ln -s "$full/node_modules" "$combo/node_modules"
  step 300 "$label: npm run typecheck" in_dir "$combo" npm run typecheck
  if [[ $db == postgres ]]; then
    step 120 "$label: npm run db:migrate" in_dir "$combo" npm run db:migrate
  fi
  step 600 "$label: npm test" in_dir "$combo" npm test
}
e2e_combinations "bullmq none" postgres/bullmq/jwks check_combination

e2e_end
