// Asserts that a response is an error in the API's one shape, with the given status and code.
import { expect } from "vitest";
import { ErrorBodySchema, type ErrorBody } from "../../src/schemas/errors.js";

export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = ErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body;
}
