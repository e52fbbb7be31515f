// CRUD of /v1/items through the whole app, on the real database, and the error shape
// of every way a request can fail.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createClient } from "../../src/client.js";
import { ItemListSchema, ItemSchema, type Item } from "../../src/schemas/items.js";
import { expectError } from "../support/error-shape.js";
import { listAll, send, startHarness, type Harness } from "./harness.js";

let h: Harness;
// Items made here are deleted at the end: the database is shared with other runs.
const made: string[] = [];

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  for (const id of made) await send(h, "DELETE", `/v1/items/${id}`);
  await h.close();
});

async function authHeaders(): Promise<Record<string, string>> {
{{#auth_jwks}}  return h.auth();
{{/auth_jwks}}{{^auth_jwks}}  return {};
{{/auth_jwks}}}

async function createItem(name: string, description?: string | null): Promise<Item> {
  const res = await send(h, "POST", "/v1/items", { name, description });
  expect(res.status).toBe(201);
  const item = ItemSchema.parse(await res.json());
  made.push(item.id);
  return item;
}

describe("items CRUD", () => {
  it("creates, reads, lists, updates and deletes an item", async () => {
    const created = await createItem("Blue widget", "in blue");
    expect(created).toMatchObject({ name: "Blue widget", description: "in blue" });

    const fetched = await send(h, "GET", `/v1/items/${created.id}`);
    expect(fetched.status).toBe(200);
    expect(ItemSchema.parse(await fetched.json())).toEqual(created);

    expect((await listAll(h)).map((item) => item.id)).toContain(created.id);

    const patched = await send(h, "PATCH", `/v1/items/${created.id}`, { name: "Red widget" });
    expect(patched.status).toBe(200);
    const updated = ItemSchema.parse(await patched.json());
    expect(updated).toMatchObject({ id: created.id, name: "Red widget", description: "in blue" });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    const deleted = await send(h, "DELETE", `/v1/items/${created.id}`);
    expect(deleted.status).toBe(204);
    await expectError(await send(h, "GET", `/v1/items/${created.id}`), 404, "not_found");
    await expectError(await send(h, "DELETE", `/v1/items/${created.id}`), 404, "not_found");
  });

  it("answers the Location of a new item", async () => {
    const res = await send(h, "POST", "/v1/items", { name: "located" });
    const item = ItemSchema.parse(await res.json());
    made.push(item.id);
    expect(res.headers.get("location")).toBe(`/v1/items/${item.id}`);
  });

  it("pages the list", async () => {
    await createItem("page one");
    await createItem("page two");
    const first = ItemListSchema.parse(await (await send(h, "GET", "/v1/items?limit=1")).json());
    expect(first.items).toHaveLength(1);
    expect(first.nextOffset).toBe(1);
  });

  it("clears the description with null, and refuses null for the name or an empty patch", async () => {
    const item = await createItem("nullable", "to be cleared");
    const cleared = await send(h, "PATCH", `/v1/items/${item.id}`, { description: null });
    expect(cleared.status).toBe(200);
    expect(ItemSchema.parse(await cleared.json())).toMatchObject({ name: "nullable", description: null });
    await expectError(await send(h, "PATCH", `/v1/items/${item.id}`, { name: null }), 422, "validation_failed");
    await expectError(await send(h, "PATCH", `/v1/items/${item.id}`, {}), 422, "validation_failed");
  });

  it("answers 20 items by default, at most 100", async () => {
    for (let i = 0; i < 21; i++) await createItem(`default page ${i}`);
    const page = ItemListSchema.parse(await (await send(h, "GET", "/v1/items")).json());
    expect(page.items).toHaveLength(20);
    expect(page.nextOffset).toBe(20);
    await expectError(await send(h, "GET", "/v1/items?limit=101"), 422, "validation_failed");
  });

  it("is usable through the typed client (createClient from src/client.ts)", async () => {
    const client = createClient("http://localhost", {
      fetch: (input: string | URL | Request, init?: RequestInit) => h.app.request(input, init),
{{#auth_jwks}}      headers: () => h.auth(),
{{/auth_jwks}}    });
    const res = await client.v1.items.$post({ json: { name: "typed" } });
    expect(res.status).toBe(201);
    if (res.status !== 201) return;
    const item = await res.json();
    made.push(item.id);
    expectTypeOf(item.name).toEqualTypeOf<string>();
    expectTypeOf(item.description).toEqualTypeOf<string | null>();
    const again = await client.v1.items[":id"].$get({ param: { id: item.id } });
    expect(again.status).toBe(200);
    const page = await client.v1.items.$get({ query: { limit: "5" } });
    if (page.status !== 200) throw new Error(`list answered ${page.status}`);
    const body = await page.json();
    expectTypeOf(body.nextOffset).toEqualTypeOf<number | null>();
    expect(body.items.length).toBeLessThanOrEqual(5);
    // Checked by `npm run typecheck`: a wrong body or an unknown route does not compile.
    // @ts-expect-error name must be a string
    expect(() => client.v1.items.$post({ json: { name: 42 } })).toBeDefined();
    // @ts-expect-error there is no such route
    expect(client.v1.nothing).toBeDefined();
  });
});

describe("errors", () => {
  it("rejects an invalid body with validation_failed and one detail per problem", async () => {
    const body = await expectError(await send(h, "POST", "/v1/items", { name: "", extra: 1 }), 422, "validation_failed");
    expect(Array.isArray(body.error.details)).toBe(true);
    expect(JSON.stringify(body.error.details)).toContain("name");
  });

  it("rejects an empty patch", async () => {
    const item = await createItem("unchanged");
    await expectError(await send(h, "PATCH", `/v1/items/${item.id}`, {}), 422, "validation_failed");
  });

  it("rejects a malformed id and malformed JSON", async () => {
    await expectError(await send(h, "GET", "/v1/items/not-a-uuid"), 422, "validation_failed");
    await expectError(await send(h, "GET", "/v1/items?limit=0"), 422, "validation_failed");
    await expectError(await send(h, "POST", "/v1/items", "{not json"), 400, "bad_request");
  });

  it("answers unknown routes with not_found", async () => {
    await expectError(await send(h, "GET", "/v1/nothing-here"), 404, "not_found");
  });

  it("answers a known route with another method with method_not_allowed and Allow", async () => {
    const item = await createItem("wrong method");
    const res = await send(h, "PUT", `/v1/items/${item.id}`, { name: "x" });
    await expectError(res, 405, "method_not_allowed");
    expect(res.headers.get("allow")).toBe("DELETE, GET, HEAD, PATCH");
  });

  it("refuses a body that is not JSON with unsupported_media_type", async () => {
    const res = await send(h, "POST", "/v1/items", "name=x", { "content-type": "application/x-www-form-urlencoded" });
    await expectError(res, 415, "unsupported_media_type");
    await expectError(await send(h, "POST", "/v1/items", "name", { "content-type": "text/plain" }), 415, "unsupported_media_type");
  });

  it("refuses a body over MAX_BODY_BYTES with payload_too_large, by length or while streaming", async () => {
    const big = JSON.stringify({ name: "big", description: "x".repeat(1_100_000) });
    await expectError(await send(h, "POST", "/v1/items", big), 413, "payload_too_large");
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await h.app.request("/v1/items", {
      method: "POST",
      headers: { ...(await authHeaders()), "content-type": "application/json" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    await expectError(res, 413, "payload_too_large");
  });{{#auth_jwks}}

  it("requires a token on /v1", async () => {
    await expectError(await send(h, "GET", "/v1/items", undefined, { authorization: "" }), 401, "unauthorized");
    await expectError(await send(h, "GET", "/v1/items", undefined, { authorization: "Bearer nonsense" }), 401, "unauthorized");
  });

  it("checks the permission of each endpoint", async () => {
    const reader = await h.auth(["items:read"], "reader");
    expect((await send(h, "GET", "/v1/items", undefined, reader)).status).toBe(200);
    const body = await expectError(await send(h, "POST", "/v1/items", { name: "x" }, reader), 403, "forbidden");
    expect(body.error.details).toEqual({ permission: "items:write" });
  });{{/auth_jwks}}
});
