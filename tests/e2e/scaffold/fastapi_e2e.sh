#!/usr/bin/env bash
# The end-to-end proof of `svc new --template fastapi`: a generated service installs
# with uv, passes ruff and black, migrates, passes its own tests against a real
# PostgreSQL and Redis, serves what the playbook asks for (checked from outside by
# fastapi_checks.py with check_api.py's checks), processes a job id once however often
# it is enqueued, audits clean, and the audit notices when a rule is broken. Every
# other answer combination is generated, linted, tested and audited too.
#
#   fastapi_e2e.sh SVC_BINARY
#
# Needs python3 (3.11 or later), node (the shared stand-in identity provider), uv
# (installed from PyPI with pip when missing), PyPI or a uv cache that already holds
# the packages, PostgreSQL and redis-server (scripts/install-deps.sh). Downloads are
# cached in ${XDG_CACHE_HOME:-$HOME/.cache}/uv. SVC_E2E_KEEP=1 keeps the temporary
# folder for a look.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 SVC_BINARY" >&2; exit 2; }
svc=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
[[ -x "$svc" ]] || { echo "fastapi_e2e: $svc is not an executable" >&2; exit 2; }
for tool in python3 node; do
  command -v "$tool" >/dev/null || { echo "fastapi_e2e: $tool not found on PATH" >&2; exit 1; }
done

tmp=$(mktemp -d /tmp/svc-fastapi-e2e.XXXXXX)
# Apart from $tmp (mode 0700): as root, PostgreSQL runs as the postgres user, who must
# reach its data folder.
services=$(mktemp -d /tmp/svc-fastapi-services.XXXXXX)
logs=$tmp/logs
mkdir -p "$logs"

cleanup() {
  local status=$?
  "$repo/scripts/test-services.sh" stop "$services" || true
  rm -rf "$services"
  if [[ "${SVC_E2E_KEEP:-0}" == 1 ]]; then
    echo "fastapi_e2e: kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export UV_CACHE_DIR=${UV_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/uv}
# The machine's python3, never a downloaded one; no progress bars in the logs.
export UV_PYTHON=${UV_PYTHON:-$(command -v python3)} UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1
export NO_COLOR=1 CI=1 PYTHONDONTWRITEBYTECODE=1

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
  "$svc" new orders --template fastapi --dir "$1" --db "$2" --queue "$3" --auth "$4" --yes --no-git
}

# uv from PATH, else from PyPI into the user's site (once; later runs find it).
find_uv() {
  if command -v uv >/dev/null; then
    uv=(uv)
  elif python3 -m uv --version >/dev/null 2>&1; then
    uv=(python3 -m uv)
  else
    echo "uv not found: installing it from PyPI (python3 -m pip install --user uv)"
    python3 -m pip install --user --quiet uv
    uv=(python3 -m uv)
  fi
  "${uv[@]}" --version
}

# Runs the service's whole test suite; a skipped test fails the step, since here the
# database and Redis are there to be used.
run_pytest() {
  local out=$1/pytest.out status=0
  in_dir "$1" .venv/bin/pytest -q -rs -p no:cacheprovider >"$out" 2>&1 || status=$?
  cat "$out"
  [[ $status -eq 0 ]] || return "$status"
  if grep -qE '[0-9]+ skipped' "$out"; then echo "FAILED: tests were skipped"; return 1; fi
  rm -f "$out"
}

# A database of its own for a combination: each has its own migration history.
create_database() {  # create_database SERVICE_DIR NAME: prints the new DATABASE_URL
  in_dir "$1" .venv/bin/python - "$DATABASE_URL" "$2" <<'EOF'
import asyncio, sys
import asyncpg

async def main(url, name):
    connection = await asyncpg.connect(url)
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    print(url.rsplit("/", 1)[0] + "/" + name)

asyncio.run(main(*sys.argv[1:]))
EOF
}

lint() {  # lint SERVICE_DIR
  in_dir "$1" .venv/bin/ruff check .
  in_dir "$1" .venv/bin/black --check .
}

export svc
export -f in_dir generate run_pytest lint

total_started=$SECONDS
uv=()
find_uv

step 60 "start PostgreSQL and Redis (scripts/test-services.sh)" "$repo/scripts/test-services.sh" start "$services"
set -a
# shellcheck source=/dev/null
. "$services/env"
set +a
echo "     $DATABASE_URL $REDIS_URL"

full=$tmp/orders
step 60 "svc new orders --template fastapi (db postgres, queue celery, auth jwks)" generate "$full" postgres celery jwks
step 900 "uv sync --all-groups (venv, uv.lock)" in_dir "$full" "${uv[@]}" sync --all-groups
step 120 "ruff check and black --check" lint "$full"
step 120 "alembic upgrade head" in_dir "$full" .venv/bin/alembic upgrade head
step 600 "pytest (unit, contract, integration)" run_pytest "$full"
step 180 "the API (python -m app): health, OpenAPI, 401, 429, request logs, SIGTERM" \
  python3 "$here/fastapi_checks.py" api "$full" "$tmp" --auth jwks --db postgres
step 180 "the worker (python -m app.worker): a job id enqueued twice, processed once; SIGTERM" \
  python3 "$here/fastapi_checks.py" worker "$full" "$tmp" --queue celery
step 120 "svc audit of the generated service: no findings" python3 "$here/audit_check.py" "$svc" "$full"

for rule in docker-root-user health-endpoint-missing jobs-non-idempotent shutdown-no-sigterm; do
  copy=$tmp/mutant-$rule
  mkdir "$copy"
  tar -C "$full" --exclude=./.venv -cf - . | tar -C "$copy" -xf -
  step 30 "break $rule in a copy" python3 "$here/fastapi_checks.py" mutate "$copy" "$rule"
  step 120 "svc audit of that copy reports $rule" python3 "$here/audit_check.py" "$svc" "$copy" --expect "$rule"
  rm -rf "$copy"
done

base_database_url=$DATABASE_URL
for db in postgres none; do
  for queue in celery rq none; do
    for auth in jwks none; do
      [[ "$db/$queue/$auth" == postgres/celery/jwks ]] && continue
      combo=$tmp/combo-$db-$queue-$auth
      label="--db $db --queue $queue --auth $auth"
      step 60 "svc new $label" generate "$combo" "$db" "$queue" "$auth"
      step 600 "$label: uv sync" in_dir "$combo" "${uv[@]}" sync --all-groups
      step 120 "$label: ruff and black" lint "$combo"
      if [[ $db == postgres ]]; then
        DATABASE_URL=$(create_database "$combo" "orders_${queue}_${auth}")
        export DATABASE_URL
      fi
      step 600 "$label: pytest" run_pytest "$combo"
      if [[ $queue == rq && $auth == jwks ]]; then
        # The other queue library's worker, run for real too.
        step 180 "$label: the API" python3 "$here/fastapi_checks.py" api "$combo" "$tmp" --auth "$auth" --db "$db"
        step 180 "$label: the RQ worker: a job id enqueued twice, processed once; SIGTERM" \
          python3 "$here/fastapi_checks.py" worker "$combo" "$tmp" --queue rq
      fi
      DATABASE_URL=$base_database_url
      step 120 "$label: svc audit, no findings" python3 "$here/audit_check.py" "$svc" "$combo"
      rm -rf "$combo"
    done
  done
done

echo "fastapi_e2e: all checks passed in $((SECONDS - total_started)) s"
