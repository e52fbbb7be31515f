// The OpenAPI document holds the routes of /v1/{{resource}}, with their error answers{{#auth_jwks}}
// and their bearer token{{/auth_jwks}}.
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../scripts/openapi-document.js";

describe("OpenAPI document: {{resource}}", () => {
  const paths = openApiDocument().paths ?? {};

  it("documents list, create, read, update and delete", () => {
    expect(Object.keys(paths["/v1/{{resource}}"] ?? {})).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(paths["/v1/{{resource}}/{id}"] ?? {})).toEqual(expect.arrayContaining(["get", "patch", "delete"]));
  });

  it("documents the error answers of a create", () => {
    const create = paths["/v1/{{resource}}"]?.post;
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(["201", "400", "413", "415", "422", "429", "500"]));{{#auth_jwks}}
    expect(create?.security).toEqual([{ bearerAuth: [] }]);{{/auth_jwks}}
  });
});
