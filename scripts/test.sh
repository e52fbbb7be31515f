#!/usr/bin/env bash
# The test command: installs dependencies, builds from scratch-or-cache, runs every
# test (the C++ suite and the three template proofs), then the C++ suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer. SVC_SKIP_SANITIZE=1 skips the second
# pass. A build folder configured earlier with the tests off is switched back on, and
# ctest fails when it finds no test, so this never passes on an empty suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DSVC_TESTS=ON
ctest --test-dir build --output-on-failure --no-tests=error --parallel "$(nproc)"
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
