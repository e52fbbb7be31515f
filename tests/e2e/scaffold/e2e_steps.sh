# The steps every scaffold end-to-end proof shares; sourced by hono_e2e.sh,
# fastapi_e2e.sh and flask_e2e.sh after `set -euo pipefail`.
#
#   e2e_begin TEMPLATE "$@"    checks the argument (SVC_BINARY), makes the temporary
#                              folders, and removes them on exit
#   e2e_need TOOL...           each TOOL on PATH
#   step SECONDS "what" CMD... one step: CMD within SECONDS, its output in a log
#   e2e_start_services         PostgreSQL and Redis; DATABASE_URL and REDIS_URL exported
#   e2e_redis_database N       REDIS_URL names Redis database N, emptied (each combination
#                              has its own)
#   e2e_mutants DIR EXCLUDE    each rule broken in a copy of DIR (without EXCLUDE) and
#                              the audit shown to report it
#   e2e_combinations ...       every other answer combination generated, checked, audited
#   e2e_uv, lint DIR           for the Python templates: uv, then ruff and black
#   run_pytest DIR             for the Python templates: pytest, failing on any skip
#
# They set: template, svc (the binary), here (this folder), repo, tmp (the work folder),
# services (the databases' folder). SVC_E2E_KEEP=1 keeps $tmp for a look;
# SVC_E2E_SOURCE=1 generates from scaffolds/ of this checkout, not from the binary.

# e2e_begin TEMPLATE SVC_BINARY: everything the proofs need before their first step.
e2e_begin() {
  template=$1
  shift
  [[ $# -eq 1 ]] || { echo "usage: ${template}_e2e.sh SVC_BINARY" >&2; exit 2; }
  svc=$(realpath "$1")
  repo=$(cd "$here/../../.." && pwd)
  [[ -x "$svc" ]] || { echo "${template}_e2e: $svc is not an executable" >&2; exit 2; }
  tmp=$(mktemp -d "/tmp/svc-$template-e2e.XXXXXX")
  # Apart from $tmp (mode 0700): as root, PostgreSQL runs as the postgres user, who
  # must reach its data folder.
  services=$(mktemp -d "/tmp/svc-$template-services.XXXXXX")
  mkdir -p "$tmp/logs"
  trap e2e_cleanup EXIT
  trap 'exit 130' INT TERM
  export NO_COLOR=1 CI=1
  export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
  # SVC_E2E_SOURCE=1 renders the template folder of this checkout instead of the one
  # built into SVC_BINARY: a template edit is tried without rebuilding svc.
  template_arg=$template
  [[ "${SVC_E2E_SOURCE:-0}" == 1 ]] && template_arg=$repo/scaffolds/$template
  export svc template template_arg here tmp
  export -f in_dir generate
  step_no=0
  total_started=$SECONDS
}

e2e_need() {  # e2e_need TOOL...: each on PATH, or the proof cannot run
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "${template}_e2e: $tool not found on PATH" >&2; exit 1; }
  done
}

e2e_cleanup() {
  local status=$?
  "$repo/scripts/test-services.sh" stop "$services" || true
  rm -rf "$services"
  if [[ "${SVC_E2E_KEEP:-0}" == 1 ]]; then
    echo "${template}_e2e: kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}

# step SECONDS "what" COMMAND...: runs COMMAND with a time limit, its output in a log.
# A failure names the step and shows the log's tail; the whole run stops there.
step() {
  local limit=$1 what=$2
  shift 2
  step_no=$((step_no + 1))
  local log
  log=$(printf '%s/logs/%02d-%s.log' "$tmp" "$step_no" "${what//[^A-Za-z0-9]/_}")
  local started=$SECONDS status=0
  # Through bash, so that COMMAND may be one of the exported functions.
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
  "$svc" new orders --template "$template_arg" --dir "$1" --db "$2" --queue "$3" --auth "$4" --yes --no-git
}

e2e_start_services() {
  e2e_need redis-cli
  step 60 "start PostgreSQL and Redis (scripts/test-services.sh)" "$repo/scripts/test-services.sh" start "$services"
  set -a
  # shellcheck source=/dev/null
  . "$services/env"
  set +a
  base_redis_url=$REDIS_URL
  e2e_redis_database 0
  echo "     $DATABASE_URL $REDIS_URL"
}

# e2e_redis_database N: REDIS_URL names Redis database N, emptied first, so that a
# service sees nothing an earlier one left there (rate-limit buckets keyed by service
# name and client address, queues, processed job ids).
e2e_redis_database() {
  (( $1 < 16 )) || { echo "${template}_e2e: Redis has 16 databases, not $(($1 + 1))" >&2; exit 1; }
  REDIS_URL=$base_redis_url/$1
  redis-cli -u "$REDIS_URL" flushdb >/dev/null
  export REDIS_URL
}

# e2e_mutants DIR EXCLUDE: for each rule, a copy of DIR (EXCLUDE, the installed
# dependencies, left out) broken by mutate.py, and the audit of it must report the rule.
e2e_mutants() {
  local full=$1 exclude=$2 rule copy
  for rule in docker-root-user health-endpoint-missing jobs-non-idempotent shutdown-no-sigterm; do
    copy=$tmp/mutant-$rule
    mkdir "$copy"
    tar -C "$full" --exclude="./$exclude" -cf - . | tar -C "$copy" -xf -
    step 30 "break $rule in a copy" python3 "$here/mutate.py" "$template" "$copy" "$rule"
    step 120 "svc audit of that copy reports $rule" python3 "$here/audit_check.py" "$svc" "$copy" --expect "$rule"
    rm -rf "$copy"
  done
}

# e2e_combinations "QUEUE..." SKIP CHECK: every answer combination but SKIP
# (DB/QUEUE/AUTH, the full service's) generated into a folder of its own, checked by
# `CHECK DIR DB QUEUE AUTH LABEL`, audited clean, and removed.
e2e_combinations() {
  local queues=$1 skip=$2 check=$3 db queue auth combo label redis_database=0
  for db in postgres none; do
    for queue in $queues; do
      for auth in jwks none; do
        [[ "$db/$queue/$auth" == "$skip" ]] && continue
        combo=$tmp/combo-$db-$queue-$auth
        label="--db $db --queue $queue --auth $auth"
        redis_database=$((redis_database + 1))
        e2e_redis_database "$redis_database"
        step 60 "svc new $label" generate "$combo" "$db" "$queue" "$auth"
        "$check" "$combo" "$db" "$queue" "$auth" "$label"
        e2e_audit_clean "$combo" "$label: svc audit, no findings"
        rm -rf "$combo"
      done
    done
  done
}

e2e_audit_clean() {  # e2e_audit_clean DIR "what"
  step 120 "$2" python3 "$here/audit_check.py" "$svc" "$1"
}

# The Python templates: uv installs each service into its .venv.
# e2e_uv: uv from PATH, else from PyPI into the user's site (once; later runs find it).
# Downloads are cached in ${XDG_CACHE_HOME:-$HOME/.cache}/uv.
e2e_uv() {
  export UV_CACHE_DIR=${UV_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/uv}
  export UV_NO_PROGRESS=1 PATH="$HOME/.local/bin:$PATH"
  export -f install_uv lint run_pytest
  step 300 "uv (pip install --user uv when missing)" install_uv
}

install_uv() {
  command -v uv >/dev/null || python3 -m pip install --user --quiet uv
  uv --version
}

lint() {  # lint SERVICE_DIR: ruff and black, as the service's CI runs them; both must pass
  local status=0
  in_dir "$1" .venv/bin/ruff check . || status=$?
  in_dir "$1" .venv/bin/black --check . || status=$?
  return "$status"
}

# run_pytest SERVICE_DIR: the service's whole test suite; a skipped test fails the step,
# since here the database and Redis are there to be used.
run_pytest() {
  local out=$1/pytest.out status=0
  in_dir "$1" .venv/bin/pytest -q -rs -p no:cacheprovider >"$out" 2>&1 || status=$?
  cat "$out"
  [[ $status -eq 0 ]] || return "$status"
  if grep -qE '[0-9]+ skipped' "$out"; then echo "FAILED: tests were skipped"; return 1; fi
  rm -f "$out"
}

e2e_end() {
  echo "${template}_e2e: all checks passed in $((SECONDS - total_started)) s"
}
