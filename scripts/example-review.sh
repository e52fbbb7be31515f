#!/usr/bin/env bash
# Regenerates docs/guide/review-example.md: `svc review --format markdown` of the example
# monorepo with the history scripts/example-history.sh gives it. A test compares the
# file with a fresh run, so run this after changing svc review or the example.
set -euo pipefail
cd "$(dirname "$0")/.."
svc=${SVC:-build/svc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scripts/example-history.sh "$tmp/shop" >/dev/null
"$svc" review "$tmp/shop" --format markdown --output docs/guide/review-example.md
echo "wrote docs/guide/review-example.md"
