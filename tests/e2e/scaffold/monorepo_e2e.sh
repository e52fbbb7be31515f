#!/usr/bin/env bash
# The end-to-end proof of `svc new` into an existing monorepo: a git repository with a
# Next.js-style app, a compose file, an npm workspace and a uv workspace gets a Hono
# service and a FastAPI service. Each joins the compose file (which stays valid against
# the Compose Specification), its workspace (the root installs and type-checks it, and
# its unit tests pass from there), and gets a root CI workflow filtered to its folder
# (actionlint passes); git sees no other change, and svc audit of the whole repository
# is clean.
#
#   monorepo_e2e.sh SVC_BINARY
#
# Needs git, node and npm, python3 with jsonschema and yaml, uv (from PyPI when
# missing), and Go (actionlint is built with `go install`, cached in $GOPATH).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=e2e_steps.sh
. "$here/e2e_steps.sh"
e2e_begin monorepo "$@"
e2e_need git node npm python3 go

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=error
export UV_PYTHON=${UV_PYTHON:-$(command -v python3)} UV_PYTHON_DOWNLOADS=never
e2e_uv

shop=$tmp/shop
export shop

make_shop() {
  mkdir -p "$shop/apps/web/app" "$shop/libs/common/src/common"
  cd "$shop"
  git init -q -b main .
  git config user.name "shop" && git config user.email "shop@example.com"
  cat > compose.yaml <<'YAML'
# The shop's local stack.
services:
    web:   # the Next.js storefront
        build: apps/web
        ports: ["3001:3000"]
YAML
  cat > package.json <<'JSON'
{
  "name": "shop",
  "private": true,
  "workspaces": [
    "apps/*"
  ]
}
JSON
  cat > apps/web/package.json <<'JSON'
{
  "name": "web",
  "private": true,
  "type": "module",
  "dependencies": { "orders": "*" },
  "devDependencies": { "typescript": "^5.9.3" }
}
JSON
  cat > apps/web/tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "skipLibCheck": true, "types": [],
    "target": "es2022", "module": "nodenext", "moduleResolution": "nodenext", "lib": ["es2022", "dom"]
  },
  "include": ["lib"]
}
JSON
  mkdir -p apps/web/lib
  # The storefront calls the orders service through its typed client, as the guide says.
  cat > apps/web/lib/orders.ts <<'TS'
import { createClient } from "orders/client";

const orders = createClient("http://localhost:3000");

export async function itemNames(): Promise<string[]> {
  const res = await orders.v1.items.$get({ query: { limit: "5" } });
  if (!res.ok) return [];
  const body = await res.json();
  return body.items.map((item) => item.name);
}

// @ts-expect-error: the client knows the routes; there is no /v1/nothing.
export const wrong = orders.v1.nothing;
TS
  cat > pyproject.toml <<'TOML'
[project]
name = "shop"
version = "0.1.0"
requires-python = ">=3.11"

[tool.uv.workspace]
members = ["libs/*"]
TOML
  cat > libs/common/pyproject.toml <<'TOML'
[project]
name = "common"
version = "0.1.0"
requires-python = ">=3.11"

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
TOML
  echo 'GREETING = "hello"' > libs/common/src/common/__init__.py
  printf 'node_modules/\n.venv/\n' > .gitignore
  git add -A && git commit -qm "the shop"
}

new_services() {
  cd "$shop"
  "$svc" new orders --template "$(template_of hono)" --dir services/orders --yes
  "$svc" new billing --template "$(template_of fastapi)" --dir services/billing --yes
}

template_of() { [[ "${SVC_E2E_SOURCE:-0}" == 1 ]] && echo "$repo/scaffolds/$1" || echo "$1"; }
export -f make_shop new_services template_of
export repo

# Only the three shared files changed; everything new is the services and their workflows.
check_git_status() {
  cd "$shop"
  local changed expected
  changed=$(git status --porcelain --untracked-files=normal | sort)
  expected=$(printf '%s\n' " M compose.yaml" " M package.json" " M pyproject.toml" "?? .github/" "?? services/" | sort)
  echo "$changed"
  [[ "$changed" == "$expected" ]] || { echo "unexpected changes (expected: $expected)"; return 1; }
  echo "  ok: git sees only compose.yaml, package.json, pyproject.toml edited, and the new services and workflows"
}

check_compose() {
  python3 - "$repo/tests/data/compose-spec.json" "$shop/compose.yaml" <<'PY'
import json, sys
import jsonschema, yaml
schema = json.load(open(sys.argv[1]))
doc = yaml.safe_load(open(sys.argv[2]))
errors = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
for e in errors:
    print("/%s: %s" % ("/".join(map(str, e.absolute_path)), e.message))
assert not errors
names = set(doc["services"])
want = {"web", "orders", "orders-db", "orders-redis", "billing", "billing-db", "billing-redis"}
assert want <= names, names
assert doc["services"]["orders"]["build"] == "services/orders"
assert doc["services"]["billing"]["build"] == "services/billing"
print("  ok: compose.yaml is valid Compose, with web and each service's own database and Redis")
PY
}

actionlint_workflows() {
  GOBIN=$tmp/bin go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
  cd "$shop"
  "$tmp/bin/actionlint" .github/workflows/orders.yml .github/workflows/billing.yml
  grep -q 'services/orders/\*\*' .github/workflows/orders.yml
  grep -q 'working-directory: services/orders' .github/workflows/orders.yml
  grep -q 'services/billing/\*\*' .github/workflows/billing.yml
  echo "  ok: the root workflows pass actionlint, filtered to and run in their service's folder"
}

npm_workspace() {
  cd "$shop"
  npm install --prefer-offline
  npm run typecheck --workspace services/orders
  npm run test:unit --workspace services/orders
  npm run build --workspace services/orders
  npx tsc -p apps/web
  echo "  ok: the root npm workspace installs, type-checks and unit-tests services/orders"
  echo "  ok: apps/web type-checks its calls through orders/client, the service's typed client"
}

uv_workspace() {
  cd "$shop"
  uv sync --package billing --all-groups
  cd services/billing
  uv run --package billing --all-groups pytest -q -p no:cacheprovider tests/unit
  echo "  ok: the root uv workspace installs billing and its unit tests pass"
}
export -f check_git_status check_compose actionlint_workflows npm_workspace uv_workspace

step 60 "a monorepo: an app, compose.yaml, npm and uv workspaces, one commit" make_shop
step 60 "svc new orders (hono) and billing (fastapi) below its root" new_services
step 30 "git status: only the shared files edited" check_git_status
step 30 "compose.yaml against the Compose Specification" check_compose
step 300 "actionlint on the root workflows" actionlint_workflows
step 900 "npm install at the root; the service typechecks and tests; the app uses its typed client" npm_workspace
step 600 "uv sync at the root, unit tests of the service" uv_workspace
step 120 "svc audit of the whole repository: no findings" python3 "$here/audit_check.py" "$svc" "$shop"

e2e_end
