// The OpenAPI document builds without any connection (`npm run openapi`), and documents
// the error answers of the routes.
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../scripts/openapi-document.js";

describe("OpenAPI document", () => {
  const document = openApiDocument();
  const create = document.paths?.["/v1/items"]?.post;

  it("is OpenAPI 3.1 with the versioned routes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths ?? {})).toEqual(expect.arrayContaining(["/health", "/v1/items", "/v1/items/{id}"]));
  });

  it("documents the error answers of a create", () => {
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(["201", "400", "413", "415", "422", "429", "500"]));
  });{{#queue_bullmq}}

  it("documents the optional Idempotency-Key header of a create", () => {
    expect(create?.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false }));
    expect(Object.keys(create?.responses ?? {})).toContain("409");
  });{{/queue_bullmq}}
});
