#!/usr/bin/env bash
# The first thing to run: installs dependencies, builds svc, audits the bundled example
# monorepo (some services clean, some with violations), reviews it with a scripted git
# history (svc review), runs the example house rules against their fixtures (svc test),
# then scaffolds a new Hono service into a temporary folder and
# audits it (clean from its first commit).
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

echo
echo "\$ svc test examples/custom-rules   # a team's own rules against their fixtures"
build/svc test examples/custom-rules

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo
echo "\$ scripts/example-history.sh $tmp/shop   # the example with a made-up git history"
scripts/example-history.sh "$tmp/shop"
echo
echo "\$ svc review $tmp/shop"
build/svc review "$tmp/shop"
echo
echo "\$ svc new orders --template hono --dir $tmp/orders --yes"
build/svc new orders --template hono --dir "$tmp/orders" --yes
echo
echo "\$ svc audit $tmp/orders"
build/svc audit "$tmp/orders" --no-progress
