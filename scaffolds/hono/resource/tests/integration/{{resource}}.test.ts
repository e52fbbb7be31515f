// /v1/{{resource}} through the whole app{{#db_postgres}} on the real database{{/db_postgres}}: CRUD, the error shape,
// {{#auth_jwks}}permissions, {{/auth_jwks}}{{#queue_bullmq}}Idempotency-Key, {{/queue_bullmq}}and the typed client.
{{#queue_bullmq}}import { randomUUID } from "node:crypto";
{{/queue_bullmq}}import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createClient } from "../../src/client.js";
import {
  {{resource_singular_pascal}}ListSchema,
  {{resource_singular_pascal}}Schema,
  type Create{{resource_singular_pascal}},
  type {{resource_singular_pascal}},
} from "../../src/schemas/{{resource}}.js";
import { expectError } from "../support/error-shape.js";
import { send as sendAs, startHarness, type Harness } from "./harness.js";

let h: Harness;
// Rows made here are deleted at the end{{#db_postgres}}: the database is shared with other runs{{/db_postgres}}.
const made: string[] = [];

// A valid body, and one with every field different.
const body: Create{{resource_singular_pascal}} = { {{#fields}}{{name_camel}}: {{example}}{{^last}}, {{/last}}{{/fields}} };
const other: Create{{resource_singular_pascal}} = { {{#fields}}{{name_camel}}: {{example_other}}{{^last}}, {{/last}}{{/fields}} };

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  for (const id of made) await send("DELETE", `/v1/{{resource}}/${id}`);
  await h.close();
});

{{#auth_jwks}}async function authHeaders(permissions = ["{{resource}}:read", "{{resource}}:write"]): Promise<Record<string, string>> {
  return h.auth(permissions);
}{{/auth_jwks}}{{^auth_jwks}}async function authHeaders(): Promise<Record<string, string>> {
  return {};
}{{/auth_jwks}}

// A request as a caller allowed to read and write {{resource}}.
async function send(method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return sendAs(h, method, path, json, { ...(await authHeaders()), ...headers });
}

async function create(input: Create{{resource_singular_pascal}} = body): Promise<{{resource_singular_pascal}}> {
  const res = await send("POST", "/v1/{{resource}}", input);
  expect(res.status).toBe(201);
  const created = {{resource_singular_pascal}}Schema.parse(await res.json());
  made.push(created.id);
  return created;
}

// The fields of an answer equal those sent (times compared as instants).
function expectFields(answer: {{resource_singular_pascal}}, sent: Create{{resource_singular_pascal}}): void {
{{#fields}}{{#type_datetime}}  expect(answer.{{name_camel}} == null ? answer.{{name_camel}} : Date.parse(answer.{{name_camel}})).toEqual(
    sent.{{name_camel}} == null ? (sent.{{name_camel}} ?? null) : Date.parse(sent.{{name_camel}}),
  );
{{/type_datetime}}{{^type_datetime}}  expect(answer.{{name_camel}}).toEqual(sent.{{name_camel}}{{#nullable}} ?? null{{/nullable}});
{{/type_datetime}}{{/fields}}}

describe("{{resource}} CRUD", () => {
  it("creates, reads, lists, updates and deletes", async () => {
    const created = await create();
    expectFields(created, body);

    const fetched = await send("GET", `/v1/{{resource}}/${created.id}`);
    expect(fetched.status).toBe(200);
    expect({{resource_singular_pascal}}Schema.parse(await fetched.json())).toEqual(created);

    const page = {{resource_singular_pascal}}ListSchema.parse(await (await send("GET", "/v1/{{resource}}?limit=100")).json());
    expect(page.items.length).toBeGreaterThan(0);

    const patched = await send("PATCH", `/v1/{{resource}}/${created.id}`, other);
    expect(patched.status).toBe(200);
    const updated = {{resource_singular_pascal}}Schema.parse(await patched.json());
    expectFields(updated, other);
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    expect((await send("DELETE", `/v1/{{resource}}/${created.id}`)).status).toBe(204);
    await expectError(await send("GET", `/v1/{{resource}}/${created.id}`), 404, "not_found");
    await expectError(await send("PATCH", `/v1/{{resource}}/${created.id}`, other), 404, "not_found");
    await expectError(await send("DELETE", `/v1/{{resource}}/${created.id}`), 404, "not_found");
  });

  it("answers the Location of a new {{resource_singular}}", async () => {
    const res = await send("POST", "/v1/{{resource}}", body);
    const created = {{resource_singular_pascal}}Schema.parse(await res.json());
    made.push(created.id);
    expect(res.headers.get("location")).toBe(`/v1/{{resource}}/${created.id}`);
  });

  it("pages the list", async () => {
    await create();
    await create();
    const first = {{resource_singular_pascal}}ListSchema.parse(await (await send("GET", "/v1/{{resource}}?limit=1")).json());
    expect(first.items).toHaveLength(1);
    expect(first.nextOffset).toBe(1);
    await expectError(await send("GET", "/v1/{{resource}}?limit=101"), 422, "validation_failed");
  });

  it("changes one field at a time, clears nullable fields with null, refuses null for the others and an empty patch", async () => {
    const created = await create();
    const path = `/v1/{{resource}}/${created.id}`;
    // What the {{resource_singular}} should hold after each patch.
    let expected: Create{{resource_singular_pascal}} = { ...body };
{{#fields}}    expected = { ...expected, {{name_camel}}: other.{{name_camel}} };
    expectFields({{resource_singular_pascal}}Schema.parse(await (await send("PATCH", path, { {{name_camel}}: other.{{name_camel}} })).json()), expected);
{{#nullable}}    expected = { ...expected, {{name_camel}}: null };
    expectFields({{resource_singular_pascal}}Schema.parse(await (await send("PATCH", path, { {{name_camel}}: null })).json()), expected);
{{/nullable}}{{#required}}    await expectError(await send("PATCH", path, { {{name_camel}}: null }), 422, "validation_failed");
{{/required}}{{/fields}}    await expectError(await send("PATCH", path, {}), 422, "validation_failed");
    expectFields({{resource_singular_pascal}}Schema.parse(await (await send("GET", path)).json()), expected);
  });

  it("is usable through the typed client (createClient from src/client.ts)", async () => {
    const client = createClient("http://localhost", {
      fetch: (input: string | URL | Request, init?: RequestInit) => h.app.request(input, init),
      headers: () => authHeaders(),
    });
    const res = await client.v1["{{resource}}"].$post({ json: body });
    expect(res.status).toBe(201);
    if (res.status !== 201) return;
    const created = await res.json();
    made.push(created.id);
    expectTypeOf(created.id).toEqualTypeOf<string>();
    const again = await client.v1["{{resource}}"][":id"].$get({ param: { id: created.id } });
    expect(again.status).toBe(200);
    const page = await client.v1["{{resource}}"].$get({ query: { limit: "5" } });
    if (page.status !== 200) throw new Error(`list answered ${page.status}`);
    const list = await page.json();
    expectTypeOf(list.nextOffset).toEqualTypeOf<number | null>();
    expect(list.items.length).toBeLessThanOrEqual(5);
    // Checked by `npm run typecheck`: a body that is not the schema's does not compile.
    // @ts-expect-error the body must be an object of the schema
    expect(() => client.v1["{{resource}}"].$post({ json: 42 })).toBeDefined();
  });
});

describe("{{resource}} errors", () => {
  it("rejects an invalid body with validation_failed, and malformed JSON, ids and queries", async () => {
    const res = await send("POST", "/v1/{{resource}}", { ...body, extra: 1 });
    const error = await expectError(res, 422, "validation_failed");
    expect(Array.isArray(error.error.details)).toBe(true);
    await expectError(await send("POST", "/v1/{{resource}}", "{not json"), 400, "bad_request");
    await expectError(await send("GET", "/v1/{{resource}}/not-a-uuid"), 422, "validation_failed");
    await expectError(await send("GET", "/v1/{{resource}}?limit=0"), 422, "validation_failed");
  });

  it("refuses a body that is not JSON with unsupported_media_type", async () => {
    const res = await send("POST", "/v1/{{resource}}", "x", { "content-type": "text/plain" });
    await expectError(res, 415, "unsupported_media_type");
  });

  it("answers another method with method_not_allowed and Allow", async () => {
    const created = await create();
    const res = await send("PUT", `/v1/{{resource}}/${created.id}`, body);
    await expectError(res, 405, "method_not_allowed");
    expect(res.headers.get("allow")).toBe("DELETE, GET, HEAD, PATCH");
  });{{#auth_jwks}}

  it("requires a token, and the permission of each endpoint", async () => {
    await expectError(await sendAs(h, "GET", "/v1/{{resource}}", undefined, { authorization: "" }), 401, "unauthorized");
    const reader = await authHeaders(["{{resource}}:read"]);
    expect((await sendAs(h, "GET", "/v1/{{resource}}", undefined, reader)).status).toBe(200);
    const denied = await expectError(await sendAs(h, "POST", "/v1/{{resource}}", body, reader), 403, "forbidden");
    expect(denied.error.details).toEqual({ permission: "{{resource}}:write" });
    const itemsOnly = await authHeaders(["items:read", "items:write"]);
    await expectError(await sendAs(h, "GET", "/v1/{{resource}}", undefined, itemsOnly), 403, "forbidden");
  });{{/auth_jwks}}
});{{#queue_bullmq}}

describe("{{resource}} Idempotency-Key", () => {
  it("answers the first {{resource_singular}} again for the same key and body, and 409 for another body", async () => {
    const key = { "idempotency-key": randomUUID() };
    const first = await send("POST", "/v1/{{resource}}", body, key);
    expect(first.status).toBe(201);
    const created = {{resource_singular_pascal}}Schema.parse(await first.json());
    made.push(created.id);
    const again = await send("POST", "/v1/{{resource}}", body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect({{resource_singular_pascal}}Schema.parse(await again.json()).id).toBe(created.id);
    await expectError(await send("POST", "/v1/{{resource}}", other, key), 409, "conflict");
    await expectError(await send("POST", "/v1/{{resource}}", body, { "idempotency-key": "" }), 422, "validation_failed");
  });
});{{/queue_bullmq}}
