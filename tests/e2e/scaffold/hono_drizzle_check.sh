#!/usr/bin/env bash
# After `svc add resource` and `npm run db:snapshot`: drizzle-kit's snapshots agree with
# the schema, so `drizzle-kit generate` finds nothing to migrate. Without the snapshot of
# the resource's migration it would write a second CREATE TABLE of the new table.
#
#   hono_drizzle_check.sh SERVICE_DIR
set -euo pipefail
cd "$1"
before=$(find drizzle -type f | sort)
out=$(npx drizzle-kit generate 2>&1) || { echo "$out"; exit 1; }
after=$(find drizzle -type f | sort)
if [[ "$before" != "$after" ]] || ! grep -q "No schema changes" <<<"$out"; then
  echo "$out"
  echo "FAILED: drizzle-kit generate wrote a migration; drizzle/ now holds:"
  echo "$after"
  exit 1
fi
echo "  ok: drizzle-kit generate: no schema changes ($(grep -c '"tag"' drizzle/meta/_journal.json) migrations, $(ls drizzle/meta | grep -c _snapshot) snapshots)"
