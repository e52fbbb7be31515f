// What the {{resource}} routes need from storage. Routes depend on this, not on the store.
import type { Create{{resource_singular_pascal}}, {{resource_singular_pascal}}, Update{{resource_singular_pascal}} } from "../../schemas/{{resource}}.js";{{#queue_bullmq}}
import type { IdempotentRequest } from "../items/idempotency.js";

export interface Created{{resource_singular_pascal}} {
  {{resource_singular_camel}}: {{resource_singular_pascal}};
  // The answer of an earlier request with the same Idempotency-Key, sent again.
  replayed: boolean;
}{{/queue_bullmq}}

export interface {{resource_pascal}}Repository {
  list(limit: number, offset: number): Promise<{{resource_singular_pascal}}[]>;
  get(id: string): Promise<{{resource_singular_pascal}} | undefined>;
{{#queue_bullmq}}  // Once per Idempotency-Key when one is given. Unlike items, a create enqueues no job
  // (see the items' creator for how, when it must).
  create(input: Create{{resource_singular_pascal}}, idempotency?: IdempotentRequest): Promise<Created{{resource_singular_pascal}}>;
{{/queue_bullmq}}{{^queue_bullmq}}  create(input: Create{{resource_singular_pascal}}): Promise<{{resource_singular_pascal}}>;
{{/queue_bullmq}}  update(id: string, patch: Update{{resource_singular_pascal}}): Promise<{{resource_singular_pascal}} | undefined>;
  remove(id: string): Promise<boolean>;
}
