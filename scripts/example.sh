#!/usr/bin/env bash
# The first thing to run: installs dependencies, builds svc and audits the bundled
# example monorepo (some services clean, some with violations), printing the report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
echo
echo "\$ svc audit examples/monorepo"
status=0
build/svc audit examples/monorepo --no-progress || status=$?
echo
echo "(exit code $status: 1 means findings at error severity, as expected for this example)"
[[ $status -le 1 ]]
