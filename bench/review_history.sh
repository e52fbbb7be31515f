#!/usr/bin/env bash
# Time reading a repository's history the way `svc review` weighs it (read_history, then
# change coupling and authors per top-level module) and print the commits walked and kept,
# the seconds and the maximum resident memory, measured with /usr/bin/time -v.
#
#   bench/review_history.sh [PATH]     # a git work tree; default: a fresh clone of
#                                      # $SVC_BENCH_REPO (default /work/.mirror/unkeyed+unkey/repo)
#
# Builds nothing: the program comes from a build configured with -DSVC_BENCH=ON
#   cmake -S . -B build -DSVC_BENCH=ON && cmake --build build --target svc_history_bench
# Environment (all optional):
#   SVC_BUILD_DIR   build directory holding svc_history_bench (default: build)
#   DAYS            only commits this many days before HEAD's (default: 0, all)
#   JOBS            threads diffing commits (default: 2)
# When the build also has `svc review`, it is timed on the same path as well.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${SVC_BUILD_DIR:-$repo/build}"
days="${DAYS:-0}"
jobs="${JOBS:-2}"
bench="$build_dir/svc_history_bench"

if [[ ! -x "$bench" ]]; then
  echo "no $bench: configure the build with -DSVC_BENCH=ON and build the svc_history_bench target" >&2
  exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "/usr/bin/time is missing (Debian package: time)" >&2
  exit 2
fi

target="${1:-}"
if [[ -z "$target" ]]; then
  source_repo="${SVC_BENCH_REPO:-/work/.mirror/unkeyed+unkey/repo}"
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  # The history needs no checkout (and a mirror may lack a few large blobs).
  git clone -q --no-checkout "$source_repo" "$scratch/repo"
  target="$scratch/repo"
fi

measure() {  # measure LABEL COMMAND...: the command's output, then its time and memory
  local label="$1" log
  shift
  log="$(mktemp)"
  /usr/bin/time -v "$@" 2>"$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  printf '%s: %s s wall, %s s user, max RSS %s MB\n' "$label" \
    "$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")" \
    "$(awk -F': ' '/User time/ {print $2}' "$log")" \
    "$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$log")"
  rm -f "$log"
}

echo "history of $target (days: $days, jobs: $jobs)"
measure "read_history + coupling" "$bench" "$target" "$days" "$jobs"

if [[ -x "$build_dir/svc" ]] && "$build_dir/svc" review --help >/dev/null 2>&1; then
  review_args=(review "$target" --format json --output /dev/null)
  [[ "$days" != 0 ]] && review_args+=(--history-days "$days")
  measure "svc review" "$build_dir/svc" "${review_args[@]}"
fi
