#!/usr/bin/env bash
# Copies examples/monorepo to DEST and gives it a made-up but telling git history, so
# `svc review DEST` has change and team coupling to report:
#   - the orders service and the mailer worker change together in nearly every commit
#     (the queue payload they share): services that ship together;
#   - the storefront's newsletter changes on its own, by its own author;
#   - checkout changes with the orders service, cart with the storefront's schema;
#   - billing and reports each have their author; an initial import of every file is
#     too large to say anything about coupling and is left out of it.
# The dates and authors are fixed, so the history (and the review) is the same every run.
set -euo pipefail
dest=${1:?usage: scripts/example-history.sh DEST (a folder that does not exist yet)}
src=$(cd "$(dirname "$0")/../examples/monorepo" && pwd)
if [[ -e "$dest" ]]; then
  echo "example-history: $dest already exists; give a new folder" >&2
  exit 2
fi
command -v git >/dev/null || { echo "example-history: git is needed (apt-get install git)" >&2; exit 2; }
cp -R "$src" "$dest"
cd "$dest"
git init -q -b main .
git config user.name "svc example" && git config user.email example@svc.invalid

day=0
# commit AUTHOR MESSAGE FILE...: appends a comment line to each file and commits them
# as AUTHOR (name <email>), one day after the previous commit.
commit() {
  local author=$1 message=$2
  shift 2
  for f in "$@"; do
    case "$f" in
      *.py) echo "# ${message}" >>"$f" ;;
      *) echo "// ${message}" >>"$f" ;;
    esac
  done
  day=$((day + 1))
  local when="$((1767607200 + day * 86400)) +0000"  # 2026-01-05 10:00 UTC, then one day per commit
  local name=${author%% <*} email=${author##*<}
  email=${email%>}
  git add -- "$@"
  GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" GIT_AUTHOR_DATE="$when" \
    GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" GIT_COMMITTER_DATE="$when" \
    git commit -q -m "$message"
}

ana="Ana Costa <ana@shop.example>"
ben="Ben Okafor <ben@shop.example>"
chen="Chen Wei <chen@shop.example>"
dana="Dana Levi <dana@shop.example>"
eve="Eve Martin <eve@shop.example>"

# The initial import: every file at once.
git add -A
GIT_AUTHOR_NAME="Ana Costa" GIT_AUTHOR_EMAIL=ana@shop.example GIT_AUTHOR_DATE='1767603600 +0000' \
  GIT_COMMITTER_NAME="Ana Costa" GIT_COMMITTER_EMAIL=ana@shop.example GIT_COMMITTER_DATE='1767603600 +0000' \
  git commit -q -m "Import the shop"

orders=services/orders/src/routes/orders.ts
queue=services/orders/src/lib/queue.ts
mailer=workers/mailer/src/processor.ts
template=workers/mailer/src/templates/order-confirmation.ts
for i in 1 2 3 4 5 6 7 8 9 10; do
  commit "$ana" "orders: order event v$i" "$orders" "$queue" "$mailer"
  [[ $i -le 6 ]] && commit "$ben" "billing: invoice rule $i" services/billing/src/app/routers/invoices.py
  [[ $i -le 4 ]] && commit "$ben" "reports: revenue by week $i" services/reports/src/reports/revenue.py \
    services/reports/src/reports/routes/reports.py
  [[ $i -le 8 ]] && commit "$chen" "notifications: provider fix $i" services/notifications/src/providers/sms.ts \
    services/notifications/src/routes/notifications.ts
  [[ $i -le 8 ]] && commit "$dana" "newsletter: campaign $i" apps/storefront/src/app/newsletter/actions.ts \
    apps/storefront/src/app/newsletter/page.tsx
  [[ $i -le 6 ]] && commit "$ana" "checkout: order form $i" apps/storefront/src/app/checkout/actions.ts "$orders"
  [[ $i -le 5 ]] && commit "$eve" "cart: saved carts $i" apps/storefront/src/app/cart/actions.ts \
    apps/storefront/src/db/schema.ts
  [[ $i -le 3 ]] && commit "$chen" "mailer: confirmation copy $i" "$template" "$mailer"
done
echo "example-history: $(git rev-list --count HEAD) commits in $dest"
