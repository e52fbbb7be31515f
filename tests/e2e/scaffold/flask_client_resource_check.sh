#!/usr/bin/env bash
# The typed client of resources that `svc add resource` added to a flask service: after
# the export of openapi.json, openapi-rq generates their hooks, and each field reaches
# TypeScript with its type (string, number, boolean, integer, date-time and uuid as
# string, nullable as `| null`); an update may leave a field out but not set a field
# that is never null to null. Run after flask_client_check.sh, whose installed client
# (WORK_DIR/client) it reuses; the service has the resources widgets
# (name:string,price:number,in_stock:bool,note:text?) and line-item
# (number:string,qty:int,due:datetime?,ref:uuid).
#
#   flask_client_resource_check.sh SERVICE_DIR WORK_DIR
set -euo pipefail

service=$1
work=$2/client
[[ -d "$work/node_modules" ]] || { echo "no installed client in $work: run flask_client_check.sh first" >&2; exit 1; }
cd "$work"
cp "$service/openapi.json" .
rm -rf src/api
cat > src/use-resources.ts <<'TS'
// The added resources' hooks and types, used as a page would.
import {
  useCreateLineItem,
  useCreateWidget,
  useDeleteWidget,
  useGetLineItem,
  useListWidgets,
  useUpdateWidget,
} from "./api/queries";
import { useListLineItemsInfinite } from "./api/queries/infiniteQueries";
import type { LineItem, Widget } from "./api/requests/types.gen";

export function fieldTypes(widget: Widget, line: LineItem) {
  const widgetFields: [string, number, boolean, string | null] = [
    widget.name, widget.price, widget.in_stock, widget.note,
  ];
  const lineFields: [string, number, string | null, string] = [line.number, line.qty, line.due, line.ref];
  return [widgetFields, lineFields];
}

export function useCalls() {
  const page = useListWidgets({ query: { limit: 20, offset: 0 } });
  const next: number | null | undefined = page.data?.next_offset;
  const create = useCreateWidget();
  const update = useUpdateWidget();
  const remove = useDeleteWidget();
  const line = useGetLineItem({ path: { line_item_id: "0b7d6c52-9a4e-4f0e-8d1c-2e3f4a5b6c7d" } });
  const lines = useListLineItemsInfinite({ query: { limit: 50 } });
  return {
    next,
    line: line.data?.qty,
    lines: lines.data?.pages.flatMap((p) => p?.items ?? []) ?? [],
    create: () =>
      create.mutate({
        body: { name: "w", price: 4.5, in_stock: true, note: null },
        headers: { "Idempotency-Key": "k-1" },
      }),
    clear: (id: string) => update.mutate({ path: { widget_id: id }, body: { note: null } }),
    remove: (id: string) => remove.mutate({ path: { widget_id: id } }),
  };
}

export function wrongCalls(id: string) {
  // @ts-expect-error price is a number
  useCreateWidget().mutate({ body: { name: "x", price: "4.5", in_stock: true } });
  // @ts-expect-error name may be left out of an update, never set to null
  useUpdateWidget().mutate({ path: { widget_id: id }, body: { name: null } });
  // @ts-expect-error qty is an integer, ref a uuid string: both are required
  useCreateLineItem().mutate({ body: { number: "n-1" } });
}
TS
# The command the service's README gives as `api:generate`.
npx openapi-rq -i openapi.json -o src/api --pageParam offset --nextPageParam next_offset --initialPageParam 0
for hook in useListWidgets useGetWidget useCreateWidget useUpdateWidget useDeleteWidget \
  useListLineItems useGetLineItem useCreateLineItem useUpdateLineItem useDeleteLineItem; do
  grep -q "export const $hook = " src/api/queries/queries.ts || { echo "no $hook in the generated hooks" >&2; exit 1; }
done
echo "  ok: openapi-rq generated the list, get, create, update and delete hooks of widgets and line-items"
npx tsc --noEmit -p .
echo "  ok: tsc --noEmit passes: each field has its type, nullable ones | null, wrong bodies are type errors"
