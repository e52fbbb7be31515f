#!/usr/bin/env bash
# hono_client_check.sh SERVICE_DIR WORK_DIR: a consumer package of the built service, as
# a Next.js app of the same workspace would be, imports `<name>/client` (the package's
# exports, never src/) and type-checks a call with the service's TypeScript; a wrong
# call must fail to compile (@ts-expect-error is itself an error when nothing fails).
set -euo pipefail
service=$(realpath "$1")
consumer=$2/client-consumer
name=$(node -p "require('$service/package.json').name")
[[ -f $service/dist/client.d.ts ]] || { echo "no dist/client.d.ts: build the service first"; exit 1; }
rm -rf "$consumer"
mkdir -p "$consumer/node_modules"
# What a workspace install does: the service package linked into node_modules.
ln -s "$service" "$consumer/node_modules/$name"
cat >"$consumer/package.json" <<JSON
{ "name": "client-consumer", "private": true, "type": "module", "dependencies": { "$name": "*" } }
JSON
cat >"$consumer/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023", "DOM"],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": []
  },
  "files": ["consumer.ts"]
}
JSON
cat >"$consumer/consumer.ts" <<TS
import { createClient } from "$name/client";

const client = createClient("http://localhost:3000", { headers: { authorization: "Bearer token" } });

export async function firstName(): Promise<string | undefined> {
  const res = await client.v1.items.\$get({ query: { limit: "5" } });
  if (!res.ok) return undefined;
  const page = await res.json();
  const next: number | null = page.nextOffset;
  const first: string | undefined = page.items[0]?.name;
  return next === null ? first : first?.toUpperCase();
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error name must be a string
  await client.v1.items.\$post({ json: { name: 42 } });
  // @ts-expect-error the id goes in param, not query
  await client.v1.items[":id"].\$get({ query: { id: "x" } });
}
TS
"$service/node_modules/.bin/tsc" -p "$consumer/tsconfig.json"
echo "  ok: a consumer imports $name/client: items.\$get typed (nextOffset, items[].name), wrong calls refused, tsc --noEmit passes"
# And the check can fail: without its @ts-expect-error, a wrong call is reported.
sed -i 's|// @ts-expect-error name must be a string||' "$consumer/consumer.ts"
if "$service/node_modules/.bin/tsc" -p "$consumer/tsconfig.json" >"$consumer/wrong.log" 2>&1; then
  echo "a wrong call compiled: the client is not typed"; exit 1
fi
grep -q "TS2322\|TS2345\|TS2769" "$consumer/wrong.log" || { cat "$consumer/wrong.log"; exit 1; }
echo "  ok: the same call without @ts-expect-error fails: $(grep -m1 -o 'error TS[0-9]*' "$consumer/wrong.log")"
