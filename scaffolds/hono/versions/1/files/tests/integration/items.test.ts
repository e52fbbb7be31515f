// CRUD of /v1/items through the whole app, on the real database, and the error shape
// of every way a request can fail.
import { hc } from "hono/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppType } from "../../src/app.js";
import { ItemListSchema, ItemSchema, type Item } from "../../src/schemas/items.js";
import { expectError } from "../support/error-shape.js";
import { send, startHarness, type Harness } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

async function createItem(name: string, description?: string | null): Promise<Item> {
  const res = await send(h, "POST", "/v1/items", { name, description });
  expect(res.status).toBe(201);
  return ItemSchema.parse(await res.json());
}

describe("items CRUD", () => {
  it("creates, reads, lists, updates and deletes an item", async () => {
    const created = await createItem("Blue widget", "in blue");
    expect(created).toMatchObject({ name: "Blue widget", description: "in blue" });

    const fetched = await send(h, "GET", `/v1/items/${created.id}`);
    expect(fetched.status).toBe(200);
    expect(ItemSchema.parse(await fetched.json())).toEqual(created);

    const listed = ItemListSchema.parse(await (await send(h, "GET", "/v1/items?limit=100")).json());
    expect(listed.items.map((item) => item.id)).toContain(created.id);

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
    expect(res.headers.get("location")).toBe(`/v1/items/${item.id}`);
  });

  it("pages the list", async () => {
    await createItem("page one");
    await createItem("page two");
    const first = ItemListSchema.parse(await (await send(h, "GET", "/v1/items?limit=1")).json());
    expect(first.items).toHaveLength(1);
    expect(first.nextOffset).toBe(1);
  });

  it("is usable through the typed client (AppType)", async () => {
    const client = hc<AppType>("http://localhost", {
      fetch: (input: string | URL | Request, init?: RequestInit) => h.app.request(input, init),
{{#auth_jwks}}      headers: () => h.auth(),
{{/auth_jwks}}    });
    const res = await client.v1.items.$post({ json: { name: "typed" } });
    expect(res.status).toBe(201);
    if (res.status !== 201) return;
    const item = await res.json();
    const again = await client.v1.items[":id"].$get({ param: { id: item.id } });
    expect(again.status).toBe(200);
  });
});

describe("errors", () => {
  it("rejects an invalid body with validation_failed and one detail per problem", async () => {
    const body = await expectError(await send(h, "POST", "/v1/items", { name: "", extra: 1 }), 400, "validation_failed");
    expect(Array.isArray(body.error.details)).toBe(true);
    expect(JSON.stringify(body.error.details)).toContain("name");
  });

  it("rejects an empty patch", async () => {
    const item = await createItem("unchanged");
    await expectError(await send(h, "PATCH", `/v1/items/${item.id}`, {}), 400, "validation_failed");
  });

  it("rejects a malformed id and malformed JSON", async () => {
    await expectError(await send(h, "GET", "/v1/items/not-a-uuid"), 400, "validation_failed");
    await expectError(await send(h, "POST", "/v1/items", "{not json"), 400, "bad_request");
  });

  it("answers unknown routes with not_found", async () => {
    await expectError(await send(h, "GET", "/v1/nothing-here"), 404, "not_found");
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
