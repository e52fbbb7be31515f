#!/usr/bin/env bash
# Benchmark `svc audit` on two generated monorepos, and ast-grep (the peer to beat)
# running the pattern rules of bench/ast-grep/ on the same trees, and print a table
# with svc's time as a fraction of ast-grep's. svc runs three ways: cold (--no-cache),
# warm (a second run over an unchanged tree) and with one file changed since the last run.
#
#   bench/run.sh                      # from the repository root
#
# Environment (all optional):
#   SVC_BUILD_DIR        build directory holding the svc binary (default: build);
#                        configured in Release and built if needed
#   SMALL_SERVICES       services in the small tree          (default: 40)
#   SMALL_FILES          files per service in the small tree (default: 50)   ~2,000 files
#   LARGE_SERVICES       services in the large tree          (default: 200)
#   LARGE_FILES          files per service in the large tree (default: 100)  ~20,000 files
#   SEED                 generator seed                      (default: 1)
#   RUNS                 runs per configuration, best kept   (default: 3)
#   SLOW_SECONDS         large tree: after a run this slow, stop repeating (default: 10)
#   BENCH_OUT            where generated trees go            (default: bench/out)
#   SKIP_LARGE=1         only the small tree
#   SKIP_BUILD=1         use the binary already in SVC_BUILD_DIR as it is
#   SKIP_AST_GREP=1      svc only
#   AST_GREP_VERSION     the @ast-grep/cli release from npm (default: 0.51.1)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

build_dir="${SVC_BUILD_DIR:-build}"
small_services="${SMALL_SERVICES:-40}"
small_files="${SMALL_FILES:-50}"
large_services="${LARGE_SERVICES:-200}"
large_files="${LARGE_FILES:-100}"
seed="${SEED:-1}"
runs="${RUNS:-3}"
slow_seconds="${SLOW_SECONDS:-10}"
out_dir="${BENCH_OUT:-bench/out}"

log() { printf '%s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (Debian package 'time')"
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get -qq update >/dev/null && $sudo apt-get -qq install -y time >/dev/null
fi
command -v python3 >/dev/null || { log "bench: python3 is required"; exit 2; }
ast_grep=""
if [[ "${SKIP_AST_GREP:-0}" != 1 ]]; then
  # The npm package ships the binary for this platform; kept under $out_dir.
  version="${AST_GREP_VERSION:-0.51.1}"
  ast_grep="$out_dir/ast-grep-cli/node_modules/.bin/ast-grep"
  if [[ ! -x "$ast_grep" ]] || [[ "$("$ast_grep" --version 2>/dev/null)" != "ast-grep $version" ]]; then
    log "installing @ast-grep/cli $version from npm into $out_dir/ast-grep-cli"
    mkdir -p "$out_dir/ast-grep-cli"
    npm install --prefix "$out_dir/ast-grep-cli" --no-save --no-audit --no-fund "@ast-grep/cli@$version" >/dev/null 2>&1 ||
      { log "bench: npm could not install @ast-grep/cli $version (SKIP_AST_GREP=1 to go without)"; exit 2; }
  fi
fi

# --- build ---------------------------------------------------------------------
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  log "configuring $build_dir (Release)"
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")"
if [[ "$build_type" != "Release" ]]; then
  log "warning: $build_dir is a '$build_type' build; figures are only meaningful for Release"
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building svc in $build_dir"
  if ! cmake --build "$build_dir" --target svc >"$build_dir/bench-build.log" 2>&1; then
    tail -n 30 "$build_dir/bench-build.log" >&2
    log "bench: the build failed (full log: $build_dir/bench-build.log)"
    exit 2
  fi
fi
svc="$build_dir/svc"
[[ -x "$svc" ]] || { log "bench: no binary at $svc"; exit 2; }

# --- trees -----------------------------------------------------------------------
# A tree is regenerated only when its parameters change.
generate() {  # name services files
  local dir="$out_dir/$1" stamp="$out_dir/$1.params"
  local params="services=$2 files=$3 seed=$seed generator=$(sha1sum bench/generate_monorepo.py | cut -c1-12)"
  if [[ -d "$dir" && -f "$stamp" && "$(cat "$stamp")" == "$params" ]]; then
    return
  fi
  log "generating $dir ($2 services x $3 files)"
  mkdir -p "$out_dir"
  python3 bench/generate_monorepo.py "$dir" --services "$2" --files-per-service "$3" --seed "$seed" --git --force
  printf '%s' "$params" >"$stamp"
}

# --- measure ---------------------------------------------------------------------
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
rows=()

# svc_args DIR MODE: the arguments of one svc run into $svc_argv (MODE cold: --no-cache;
# warm or changed: the cache in $tmp/cache), its report in $tmp/report.json.
svc_args() {
  local -a cache_flag=(--no-cache)
  [[ "$2" == cold ]] || cache_flag=(--cache-dir "$tmp/cache")
  svc_argv=(audit "$1" --format json --output "$tmp/report.json" --fail-on never --no-progress "${cache_flag[@]}")
}

# A file of the tree whose content changes before each `changed` run (restored at the end).
edited_file() { git -C "$1" ls-files '*.ts' | head -n 1; }
edit_one_file() {  # dir run-number
  printf '// bench edit %s\n' "$2" >>"$1/$(edited_file "$1")"
}

# run_tool TOOL DIR JOBS MODE RUN: one run, its report's counts in $tmp/counts ("files parsed findings").
run_tool() {
  local tool="$1" dir="$2" jobs="$3" mode="$4" run="$5"
  if [[ "$tool" == svc ]]; then
    local -a jobs_flag=()
    [[ "$jobs" == default ]] || jobs_flag=(--jobs "$jobs")
    [[ "$mode" != changed ]] || edit_one_file "$dir" "$run"
    svc_args "$dir" "$mode"
    /usr/bin/time -f '%M %U %S %e' -o "$tmp/time" "$svc" "${svc_argv[@]}" "${jobs_flag[@]}" 2>"$tmp/stderr" ||
      { log "svc audit failed on $dir:"; cat "$tmp/stderr" >&2; exit 1; }
    python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(s["files"], s["parsed"], s["findings"])' "$tmp/report.json" >"$tmp/counts"
  else
    local -a jobs_flag=()
    [[ "$jobs" == default ]] || jobs_flag=(-j "$jobs")
    /usr/bin/time -f '%M %U %S %e' -o "$tmp/time" \
      "$ast_grep" scan -c bench/ast-grep/sgconfig.yml "${jobs_flag[@]}" --json=compact "$dir" \
      >"$tmp/report.json" 2>"$tmp/stderr" || { log "ast-grep failed on $dir:"; cat "$tmp/stderr" >&2; exit 1; }
    python3 -c '
import json, sys
matches = json.load(open(sys.argv[1]))
print(len({m["file"] for m in matches}), "-", len(matches))' "$tmp/report.json" >"$tmp/counts"
  fi
}

measure() {  # tool label dir jobs-arg stop-when-slow(0|1) mode(cold|warm|changed)
  local tool="$1" label="$2" dir="$3" jobs="$4" stop_when_slow="$5" mode="${6:-cold}"
  local best_wall="" best_cpu="" peak_rss=0 files="" parsed="" findings="" shown_jobs done_runs=0
  if [[ "$jobs" == "default" ]]; then shown_jobs="default ($(nproc))"; else shown_jobs="$jobs"; fi
  for ((i = 1; i <= runs; i++)); do
    run_tool "$tool" "$dir" "$jobs" "$mode" "$i"
    # The tool's own elapsed time (GNU time, 10 ms steps): what reads its report is not timed.
    local wall rss usr sys cpu
    read -r rss usr sys wall < <(tail -n 1 "$tmp/time")
    cpu=$(python3 -c "print(f'{$usr + $sys:.2f}')")
    done_runs=$i
    read -r files parsed findings <"$tmp/counts"
    (( rss > peak_rss )) && peak_rss=$rss
    if [[ -z "$best_wall" ]] || python3 -c "import sys; sys.exit(0 if $wall < $best_wall else 1)"; then
      best_wall=$wall
      best_cpu=$cpu
    fi
    log "  $tool $mode $label jobs=$jobs run $i: ${wall}s wall, ${cpu}s cpu, ${rss} KiB"
    if [[ "$stop_when_slow" == 1 ]] && python3 -c "import sys; sys.exit(0 if $wall > $slow_seconds else 1)"; then
      break
    fi
  done
  local shown_tool="$tool"
  [[ "$tool" != svc ]] || shown_tool="svc $mode"
  rows+=("$shown_tool|$label|$shown_jobs|$files|$parsed|$findings|$best_wall|$best_cpu|$peak_rss|$done_runs")
}

generate small "$small_services" "$small_files"
[[ "${SKIP_LARGE:-0}" == 1 ]] || generate large "$large_services" "$large_files"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
trees=(small)
[[ "${SKIP_LARGE:-0}" == 1 ]] || trees+=(large)
for tree in "${trees[@]}"; do
  slow=0
  [[ "$tree" == large ]] && slow=1
  for jobs in default 1; do
    measure svc "$tree" "$out_dir/$tree" "$jobs" "$slow" cold
    [[ -z "$ast_grep" ]] || measure ast-grep "$tree" "$out_dir/$tree" "$jobs" "$slow"
  done
  # Warm: a first run fills the cache, unmeasured; then nothing changes between runs.
  rm -rf "$tmp/cache"
  svc_args "$out_dir/$tree" warm
  "$svc" "${svc_argv[@]}" 2>/dev/null
  measure svc "$tree" "$out_dir/$tree" default 0 warm
  measure svc "$tree" "$out_dir/$tree" default 0 changed
  git -C "$out_dir/$tree" checkout -q -- "$(edited_file "$out_dir/$tree")"
done

# --- report ----------------------------------------------------------------------
printf '\nsvc %s, %s build, %s cores, %s, load average before the runs: %s\n' \
  "$("$svc" --version | awk '{print $NF}')" "$build_type" "$(nproc)" "$(uname -sm)" "$load_before"
[[ -z "$ast_grep" ]] || printf '%s with the %s rules of bench/ast-grep/rules\n' \
  "$("$ast_grep" --version)" "$(ls bench/ast-grep/rules | wc -l)"
printf '\n'
python3 - "${rows[@]}" <<'PY'
import sys
rows = [r.split("|") for r in sys.argv[1:]]
ref = {(r[1], r[2]): r for r in rows if r[0] == "ast-grep"}
ref_default = {r[1]: r for r in rows if r[0] == "ast-grep" and r[2].startswith("default")}
head = ["tool", "tree", "--jobs", "files", "parsed", "findings", "wall s (best)", "cpu s", "files/s", "peak RSS MiB",
        "runs", "wall / ast-grep", "cpu / ast-grep"]
out = [head]
for tool, tree, jobs, files, parsed, findings, wall, cpu, rss, runs in rows:
    wall_f, cpu_f = float(wall), float(cpu)
    peer = ref.get((tree, jobs)) or ref_default.get(tree)
    ratio = lambda mine, i: f"{mine / float(peer[i]):.2f}" if peer and tool.startswith("svc") and float(peer[i]) > 0 else ""
    rate = f"{int(files) / wall_f:,.0f}" if wall_f > 0 and files.isdigit() else "n/a"
    out.append([tool, tree, jobs, f"{int(files):,}", parsed if parsed == "-" else f"{int(parsed):,}",
                f"{int(findings):,}", f"{wall_f:.3f}", f"{cpu_f:.2f}", rate, f"{int(rss) / 1024:.1f}", runs,
                ratio(wall_f, 6), ratio(cpu_f, 7)])
width = [max(len(r[i]) for r in out) for i in range(len(head))]
right = set(range(3, len(head)))
def fmt(r):
    return "| " + " | ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, width))) + " |"
print(fmt(head))
print("|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(width)) + "|")
for r in out[1:]:
    print(fmt(r))
print("\nfiles: svc counts every file of the tree, ast-grep the files with a match; findings are not comparable")
print("(different rules). Targets of the engine issue, as wall / ast-grep: cold at most 0.8, warm (nothing")
print("changed since the last run) at most 0.15, one file changed at most 0.2; peak RSS on the large tree at most 200 MB.")
PY
