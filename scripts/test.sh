#!/usr/bin/env bash
# The test command: installs dependencies, builds from scratch-or-cache, runs every
# test (the C++ suite and the three template proofs), then the C++ suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, with a short run of the fuzz targets in
# between. SVC_SKIP_SANITIZE=1 skips the sanitizer pass, SVC_SKIP_FUZZ=1 the fuzzing. A
# build folder configured earlier with the tests off is switched back on, and ctest
# fails when it finds no test, so this never passes on an empty suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DSVC_TESTS=ON
ctest --test-dir build --output-on-failure --no-tests=error --parallel "$(nproc)"
# A short run of every fuzz target (scripts/fuzz.sh; long runs are in docs/reliability.md):
# a crash, leak, hang or memory blow-up on the seeds or what 10 s of mutation finds fails.
if [[ "${SVC_SKIP_FUZZ:-0}" != 1 ]]; then
  SVC_FUZZ_SEED=1 scripts/fuzz.sh "${SVC_FUZZ_SECONDS:-10}"
fi
if [[ "${SVC_SKIP_SANITIZE:-0}" != 1 ]]; then
  scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DSVC_SANITIZE=ON -DSVC_TESTS=ON
  # tests/lsan.supp names the one leak inside libgit2 itself (see there); the slow
  # unwinder lets it name the function, at about twice this pass's time. The template
  # proofs (label `scaffold`) ran above: they spend their time in npm, uv and the
  # generated services' own tests, while `svc new` and `svc audit` get the sanitizers
  # here through the CLI tests.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
    ctest --test-dir build-asan --output-on-failure --no-tests=error --parallel "$(nproc)" --label-exclude scaffold
fi
