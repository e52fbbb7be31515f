#!/usr/bin/env bash
# The test command: installs dependencies, builds from scratch-or-cache, runs every
# test, then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
# SVC_SKIP_SANITIZE=1 skips the second pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
if [[ "${SVC_SKIP_SANITIZE:-0}" != 1 ]]; then
  scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DSVC_SANITIZE=ON
  # tests/lsan.supp: two leaks inside libgit2 itself (see there). The template proofs
  # (label `scaffold`) ran above: they spend their time in npm, uv and the generated
  # services' own tests, while `svc new` and `svc audit` get the sanitizers here
  # through the CLI tests.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" \
    ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" --label-exclude scaffold
fi
