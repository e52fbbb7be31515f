#!/usr/bin/env bash
# The end-to-end proof of `svc new --template hono`: a generated service installs,
# type-checks, migrates, passes its own tests against a real PostgreSQL and Redis,
# serves what the playbook asks for (checked from outside by check_api.py and
# check_worker.py), audits clean, and the audit notices when a rule is broken. Every
# other answer combination is generated, type-checked, tested and audited too.
#
#   hono_e2e.sh SVC_BINARY
#
# Needs node and npm (the registry, or an npm cache that already holds the packages:
# installs run with --prefer-offline), PostgreSQL and redis-server
# (scripts/install-deps.sh). SVC_E2E_KEEP=1 keeps the temporary folder for a look.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 SVC_BINARY" >&2; exit 2; }
svc=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
[[ -x "$svc" ]] || { echo "hono_e2e: $svc is not an executable" >&2; exit 2; }
for tool in node npm python3; do
  command -v "$tool" >/dev/null || { echo "hono_e2e: $tool not found on PATH" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/svc-hono-e2e.XXXXXX)
# Apart from $tmp (mode 0700): as root, PostgreSQL runs as the postgres user, who must
# reach its data folder.
services=$(mktemp -d /tmp/svc-hono-services.XXXXXX)
logs=$tmp/logs
mkdir -p "$logs"

cleanup() {
  local status=$?
  "$repo/scripts/test-services.sh" stop "$services" || true
  rm -rf "$services"
  if [[ "${SVC_E2E_KEEP:-0}" == 1 ]]; then
    echo "hono_e2e: kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=error NO_COLOR=1 CI=1
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree

step_no=0
# step SECONDS "what" COMMAND...: runs COMMAND with a time limit, its output in a log.
# A failure names the step and shows the log's tail; the whole run stops there.
step() {
  local limit=$1 what=$2
  shift 2
  step_no=$((step_no + 1))
  local log
  log=$(printf '%s/%02d-%s.log' "$logs" "$step_no" "${what//[^A-Za-z0-9]/_}")
  local started=$SECONDS status=0
  # Through bash, so that COMMAND may be one of the functions below.
  timeout --kill-after=10 "$limit" bash -c '"$@"' step "$@" >"$log" 2>&1 || status=$?
  if [[ $status -ne 0 ]]; then
    [[ $status -eq 124 ]] && echo "FAILED: $what: timed out after $limit s" || echo "FAILED: $what (exit $status)"
    echo "--- last lines of its output ($log):"
    tail -n 80 "$log"
    exit 1
  fi
  echo "ok   $what ($((SECONDS - started)) s)"
  # The checks' own lines say what was verified.
  grep -E '^  ok: ' "$log" || true
}

in_dir() { local dir=$1; shift; (cd "$dir" && "$@"); }

generate() {  # generate DIR DB QUEUE AUTH
  "$svc" new orders --template hono --dir "$1" --db "$2" --queue "$3" --auth "$4" --yes --no-git
}
export svc
export -f in_dir generate

total_started=$SECONDS
step 60 "start PostgreSQL and Redis (scripts/test-services.sh)" "$repo/scripts/test-services.sh" start "$services"
set -a
# shellcheck source=/dev/null
. "$services/env"
set +a
echo "     $DATABASE_URL $REDIS_URL"

full=$tmp/orders
step 60 "svc new orders --template hono (db postgres, queue bullmq, auth jwks)" generate "$full" postgres bullmq jwks
step 900 "npm install" in_dir "$full" npm install --prefer-offline
step 300 "npm run typecheck" in_dir "$full" npm run typecheck
step 120 "npm run db:migrate" in_dir "$full" npm run db:migrate
step 600 "npm test (unit, contract, integration)" in_dir "$full" npm test
step 300 "npm run build" in_dir "$full" npm run build
step 120 "the built API: health, OpenAPI, 401, 429, request logs, SIGTERM" \
  python3 "$here/check_api.py" "$full" "$tmp" --auth jwks --db postgres
step 120 "the built worker: one job id processed once, SIGTERM" \
  python3 "$here/check_worker.py" "$full" "$tmp" --name orders
step 120 "svc audit of the generated service: no findings" python3 "$here/audit_check.py" "$svc" "$full"

for rule in docker-root-user health-endpoint-missing jobs-non-idempotent shutdown-no-sigterm; do
  copy=$tmp/mutant-$rule
  mkdir "$copy"
  tar -C "$full" --exclude=./node_modules -cf - . | tar -C "$copy" -xf -
  step 30 "break $rule in a copy" python3 "$here/mutate.py" "$copy" "$rule"
  step 120 "svc audit of that copy reports $rule" python3 "$here/audit_check.py" "$svc" "$copy" --expect "$rule"
  rm -rf "$copy"
done

for db in postgres none; do
  for queue in bullmq none; do
    for auth in jwks none; do
      [[ "$db/$queue/$auth" == postgres/bullmq/jwks ]] && continue
      combo=$tmp/combo-$db-$queue-$auth
      label="--db $db --queue $queue --auth $auth"
      step 60 "svc new $label" generate "$combo" "$db" "$queue" "$auth"
      # The full service's dependencies are a superset of every other combination's.
      ln -s "$full/node_modules" "$combo/node_modules"
      step 300 "$label: npm run typecheck" in_dir "$combo" npm run typecheck
      if [[ $db == postgres ]]; then
        step 120 "$label: npm run db:migrate" in_dir "$combo" npm run db:migrate
      fi
      step 600 "$label: npm test" in_dir "$combo" npm test
      step 120 "$label: svc audit, no findings" python3 "$here/audit_check.py" "$svc" "$combo"
      rm -rf "$combo"
    done
  done
done

echo "hono_e2e: all checks passed in $((SECONDS - total_started)) s"
