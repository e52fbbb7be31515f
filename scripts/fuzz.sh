#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan), seeds each from the
# repository's own files (rule fixtures, the example monorepo, the templates), and runs
# each for SECONDS. Prints executions, coverage and crashes per target; exits 1 when a
# target crashed, leaked, timed out or ran out of memory (its input is kept in
# build-fuzz/crashes/<target>/, to become a regression test).
#
#   scripts/fuzz.sh                 # 60 s per target
#   scripts/fuzz.sh 3600 audit sql  # an hour each for two targets
#
# SVC_FUZZ_SEED=N fixes libFuzzer's random seed: the test command runs each target
# briefly with seed 1, so CI replays the mutations a developer's run already passed
# (only a faster machine goes further). Long runs and their figures are in
# docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(dockerfile config manifest suppressions sql baseline audit codeowners rule_file)

command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
dir=build-fuzz
if [[ ! -f "$dir/CMakeCache.txt" ]]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DSVC_FUZZ=ON -DSVC_TESTS=OFF >/dev/null
fi
cmake --build "$dir" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}" >"$dir/fuzz-build.log" 2>&1 ||
  { tail -n 30 "$dir/fuzz-build.log" >&2; echo "fuzz: the build failed" >&2; exit 2; }

# Seeds: what each reader sees in real use.
seed() {  # target files...
  local out="$dir/corpus/$1"
  shift
  mkdir -p "$out"
  for f in "$@"; do [[ -f "$f" ]] && cp "$f" "$out/seed-$(sha1sum "$f" | cut -c1-12)"; done
  return 0
}
mapfile -t dockerfiles < <(find tests/fixtures examples -name 'Dockerfile*' -type f)
mapfile -t configs < <(find tests/fixtures examples -name '.svc.yaml' -type f)
mapfile -t sqls < <(find tests/fixtures examples -name '*.sql' -type f)
mapfile -t sources < <(find tests/fixtures/rules/suppression-no-reason tests/fixtures/rules/suppression-unused -type f)
seed dockerfile "${dockerfiles[@]}"
seed config "${configs[@]}"
seed manifest scaffolds/*/template.yaml
seed suppressions "${sources[@]}"
seed sql "${sqls[@]}"
mapfile -t rule_files < <(find examples -path '*/.svc/rules/*.yaml' -type f)
seed rule_file "${rule_files[@]}" rules/ratelimit-no-retry-after.yaml
mkdir -p "$dir/corpus/baseline" "$dir/corpus/audit" "$dir/corpus/codeowners"
printf '%s\n' '# owners' '* @acme/everyone' '/apps/web/ @acme/web jane@example.com' 'docs/* @acme/docs' \
  '[Payments][2] @acme/payments' 'services/payments/**/*.ts' '^[Optional]' '*.md' >"$dir/corpus/codeowners/seed-1"
printf '%s\n' '{"version": 1, "findings": [{"fingerprint": "0123456789abcdef", "rule": "docker-root-user",' \
  '"path": "services/api/Dockerfile", "message": "final stage runs as root"}]}' >"$dir/corpus/baseline/seed-1"
# The audit target splits its input at 0xFF into the files fuzz/fuzz_audit.cpp lists.
python3 - "$dir/corpus/audit/seed-1" <<'PY'
import sys
ex = "examples/monorepo/services/orders/"
parts = [open(ex + p, "rb").read() for p in ("package.json", "src/app.ts", "src/lib/db/client.ts", "Dockerfile")]
open(sys.argv[1], "wb").write(b"\xff".join(parts))
PY
# The same for the Go and Django files at the end of its list (12 empty files before them).
python3 - "$dir/corpus/audit/seed-2" <<'PY'
import sys
fx = "tests/fixtures/rules/"
go = [fx + "health-endpoint-missing/go-chi-route/" + p for p in ("go.mod", "cmd/server/main.go", "internal/api/ops.go")]
go.append(fx + "db-migration-outside-owner/go-tracking/migrations/000002_order_tracking.up.sql")
django = [fx + "health-endpoint-missing/django-health-url/" + p for p in ("requirements.txt", "config/urls.py")]
django += [fx + "api-error-leak/services/django-env/config/settings/base.py", fx + "db-cross-service-access/services/django-catalog/catalog/models.py"]
parts = [b""] * 12 + [open(p, "rb").read() for p in go + django]
open(sys.argv[1], "wb").write(b"\xff".join(parts))
PY

status=0
printf '%-13s %10s %8s %8s %s\n' target executions coverage features result
for t in "${targets[@]}"; do
  crashes="$dir/crashes/$t"
  mkdir -p "$crashes"
  log="$dir/fuzz-$t.log"
  result=ok
  # rule_file reaches a leak inside libtree-sitter (tests/lsan.supp), which has no frame
  # pointers: only the slow unwinder names the function the suppression matches.
  unwind=""
  [[ $t == rule_file ]] && unwind=":fast_unwind_on_malloc=0"
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1$unwind" UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
    "$dir/fuzz/fuzz_$t" "$dir/corpus/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$crashes/" -print_final_stats=1 ${SVC_FUZZ_SEED:+-seed="$SVC_FUZZ_SEED"} \
    >"$log" 2>&1 || { result="FAILED ($log)"; status=1; }
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
  printf '%-13s %10s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
exit "$status"
