// {{resource_title}} kept in the process' memory: this service has no database. Data is lost
// on restart and not shared between instances; replace it with a real store before
// relying on it.
import { randomUUID } from "node:crypto";
import type { Create{{resource_singular_pascal}}, {{resource_singular_pascal}}, Update{{resource_singular_pascal}} } from "../../schemas/{{resource}}.js";{{#queue_bullmq}}
import { IDEMPOTENCY_TTL_SECONDS, keyReusedError, type IdempotentRequest } from "../items/idempotency.js";{{/queue_bullmq}}
import type { {{#queue_bullmq}}Created{{resource_singular_pascal}}, {{/queue_bullmq}}{{resource_pascal}}Repository } from "./repository.js";

// Times as PostgreSQL would answer them (toISOString), whatever offset the client sent.
const instant = (value: string) => new Date(value).toISOString();{{#queue_bullmq}}

interface Answer {
  hash: string;
  at: number;
  {{resource_singular_camel}}: {{resource_singular_pascal}};
}{{/queue_bullmq}}

export class Memory{{resource_pascal}}Repository implements {{resource_pascal}}Repository {
  private readonly rows = new Map<string, {{resource_singular_pascal}}>();{{#queue_bullmq}}
  // Idempotency keys, in age order: expired ones are dropped from the front.
  private readonly answers = new Map<string, Answer>();{{/queue_bullmq}}

  async list(limit: number, offset: number): Promise<{{resource_singular_pascal}}[]> {
    return [...this.rows.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .slice(offset, offset + limit);
  }

  async get(id: string): Promise<{{resource_singular_pascal}} | undefined> {
    return this.rows.get(id);
  }
{{#queue_bullmq}}

  async create(input: Create{{resource_singular_pascal}}, idempotency?: IdempotentRequest): Promise<Created{{resource_singular_pascal}}> {
    if (!idempotency) return { {{resource_singular_camel}}: this.insert(input), replayed: false };
    const oldest = Date.now() - IDEMPOTENCY_TTL_SECONDS * 1_000;
    for (const [id, answer] of this.answers) {
      if (answer.at >= oldest) break;
      this.answers.delete(id);
    }
    const id = `${idempotency.caller}\n${idempotency.key}`;
    const earlier = this.answers.get(id);
    if (earlier) {
      if (earlier.hash !== idempotency.hash) throw keyReusedError();
      return { {{resource_singular_camel}}: earlier.{{resource_singular_camel}}, replayed: true };
    }
    const {{resource_singular_camel}} = this.insert(input);
    this.answers.set(id, { hash: idempotency.hash, at: Date.now(), {{resource_singular_camel}} });
    return { {{resource_singular_camel}}, replayed: false };
  }

  private insert(input: Create{{resource_singular_pascal}}): {{resource_singular_pascal}} {
{{/queue_bullmq}}{{^queue_bullmq}}

  async create(input: Create{{resource_singular_pascal}}): Promise<{{resource_singular_pascal}}> {
{{/queue_bullmq}}    const now = new Date().toISOString();
    const {{resource_singular_camel}}: {{resource_singular_pascal}} = {
      id: randomUUID(),
{{#fields}}      {{name_camel}}: {{#type_datetime}}{{#nullable}}input.{{name_camel}} == null ? null : {{/nullable}}instant(input.{{name_camel}}){{/type_datetime}}{{^type_datetime}}input.{{name_camel}}{{#nullable}} ?? null{{/nullable}}{{/type_datetime}},
{{/fields}}      createdAt: now,
      updatedAt: now,
    };
    this.rows.set({{resource_singular_camel}}.id, {{resource_singular_camel}});
    return {{resource_singular_camel}};
  }

  async update(id: string, patch: Update{{resource_singular_pascal}}): Promise<{{resource_singular_pascal}} | undefined> {
    const current = this.rows.get(id);
    if (!current) return undefined;
    const updated: {{resource_singular_pascal}} = { ...current, updatedAt: new Date().toISOString() };
{{#fields}}    if (patch.{{name_camel}} !== undefined) updated.{{name_camel}} = {{#type_datetime}}{{#nullable}}patch.{{name_camel}} === null ? null : {{/nullable}}instant(patch.{{name_camel}}){{/type_datetime}}{{^type_datetime}}patch.{{name_camel}}{{/type_datetime}};
{{/fields}}    this.rows.set(id, updated);
    return updated;
  }

  async remove(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
}
