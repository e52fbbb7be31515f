// {{resource_title}} in PostgreSQL, through Drizzle.
{{#queue_bullmq}}import { and, asc, eq, lt, sql } from "drizzle-orm";
import {
  {{resource_singular_pascal}}Schema,
  type Create{{resource_singular_pascal}},
  type {{resource_singular_pascal}},
  type Update{{resource_singular_pascal}},
} from "../../schemas/{{resource}}.js";
import { ConflictError } from "../errors/app-error.js";
import { IDEMPOTENCY_TTL_SECONDS, keyReusedError, type IdempotentRequest } from "../items/idempotency.js";
import type { Created{{resource_singular_pascal}}, {{resource_pascal}}Repository } from "../{{resource}}/repository.js";
import type { Database } from "./client.js";
import { idempotencyKeys, {{resource_camel}} } from "./schema.js";
{{/queue_bullmq}}{{^queue_bullmq}}import { asc, eq } from "drizzle-orm";
import type { Create{{resource_singular_pascal}}, {{resource_singular_pascal}}, Update{{resource_singular_pascal}} } from "../../schemas/{{resource}}.js";
import type { {{resource_pascal}}Repository } from "../{{resource}}/repository.js";
import type { Database } from "./client.js";
import { {{resource_camel}} } from "./schema.js";
{{/queue_bullmq}}

type Row = typeof {{resource_camel}}.$inferSelect;
type NewRow = typeof {{resource_camel}}.$inferInsert;

export function to{{resource_singular_pascal}}(row: Row): {{resource_singular_pascal}} {
  return {
    id: row.id,
{{#fields}}    {{name_camel}}: row.{{name_camel}}{{#type_datetime}}{{#nullable}}?.toISOString() ?? null{{/nullable}}{{^nullable}}.toISOString(){{/nullable}}{{/type_datetime}},
{{/fields}}    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function newRow(input: Create{{resource_singular_pascal}}): NewRow {
  return {
{{#fields}}    {{name_camel}}: {{#type_datetime}}{{#nullable}}input.{{name_camel}} == null ? null : {{/nullable}}new Date(input.{{name_camel}}){{/type_datetime}}{{^type_datetime}}input.{{name_camel}}{{#nullable}} ?? null{{/nullable}}{{/type_datetime}},
{{/fields}}  };
}
{{#queue_bullmq}}

// Keys of POST /v1/{{resource}} share idempotency_keys with items: the route puts the
// resource in `caller`, so the same key on two resources is two requests.
const sameKey = (request: IdempotentRequest) =>
  and(eq(idempotencyKeys.caller, request.caller), eq(idempotencyKeys.key, request.key));
{{/queue_bullmq}}

export class Drizzle{{resource_pascal}}Repository implements {{resource_pascal}}Repository {
  constructor(private readonly db: Database) {}

  async list(limit: number, offset: number): Promise<{{resource_singular_pascal}}[]> {
    const rows = await this.db
      .select()
      .from({{resource_camel}})
      .orderBy(asc({{resource_camel}}.createdAt), asc({{resource_camel}}.id))
      .limit(limit)
      .offset(offset);
    return rows.map(to{{resource_singular_pascal}});
  }

  async get(id: string): Promise<{{resource_singular_pascal}} | undefined> {
    const [row] = await this.db.select().from({{resource_camel}}).where(eq({{resource_camel}}.id, id)).limit(1);
    return row ? to{{resource_singular_pascal}}(row) : undefined;
  }
{{#queue_bullmq}}

  // The row and the idempotency record in one transaction, as for items (without the
  // outbox: this resource has no job).
  async create(input: Create{{resource_singular_pascal}}, idempotency?: IdempotentRequest): Promise<Created{{resource_singular_pascal}}> {
    if (!idempotency) {
      const [row] = await this.db.insert({{resource_camel}}).values(newRow(input)).returning();
      return { {{resource_singular_camel}}: to{{resource_singular_pascal}}(row!), replayed: false };
    }
    // A key older than its time to live is free again.
    await this.db
      .delete(idempotencyKeys)
      .where(and(sameKey(idempotency), lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${IDEMPOTENCY_TTL_SECONDS})`)));
    const created = await this.db.transaction(async (tx) => {
      // First, so that a concurrent request with the same key waits here, then finds it taken.
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ caller: idempotency.caller, key: idempotency.key, requestHash: idempotency.hash })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (claimed.length === 0) return undefined;
      const [row] = await tx.insert({{resource_camel}}).values(newRow(input)).returning();
      const {{resource_singular_camel}} = to{{resource_singular_pascal}}(row!);
      await tx.update(idempotencyKeys).set({ status: 201, response: {{resource_singular_camel}} }).where(sameKey(idempotency));
      return {{resource_singular_camel}};
    });
    if (created) return { {{resource_singular_camel}}: created, replayed: false };
    const [earlier] = await this.db.select().from(idempotencyKeys).where(sameKey(idempotency)).limit(1);
    if (!earlier) throw new ConflictError("this Idempotency-Key expired while in use; send the request again");
    if (earlier.requestHash !== idempotency.hash) throw keyReusedError();
    return { {{resource_singular_camel}}: {{resource_singular_pascal}}Schema.parse(earlier.response), replayed: true };
  }
{{/queue_bullmq}}{{^queue_bullmq}}

  async create(input: Create{{resource_singular_pascal}}): Promise<{{resource_singular_pascal}}> {
    const [row] = await this.db.insert({{resource_camel}}).values(newRow(input)).returning();
    return to{{resource_singular_pascal}}(row!);
  }
{{/queue_bullmq}}

  async update(id: string, patch: Update{{resource_singular_pascal}}): Promise<{{resource_singular_pascal}} | undefined> {
    const changes: Partial<NewRow> = { updatedAt: new Date() };
{{#fields}}    if (patch.{{name_camel}} !== undefined) changes.{{name_camel}} = {{#type_datetime}}{{#nullable}}patch.{{name_camel}} === null ? null : {{/nullable}}new Date(patch.{{name_camel}}){{/type_datetime}}{{^type_datetime}}patch.{{name_camel}}{{/type_datetime}};
{{/fields}}    const [row] = await this.db.update({{resource_camel}}).set(changes).where(eq({{resource_camel}}.id, id)).returning();
    return row ? to{{resource_singular_pascal}}(row) : undefined;
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.db.delete({{resource_camel}}).where(eq({{resource_camel}}.id, id)).returning({ id: {{resource_camel}}.id });
    return rows.length > 0;
  }
}
