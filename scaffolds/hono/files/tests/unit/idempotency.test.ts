// Idempotency-Key: which keys are accepted, and which bodies count as the same request.
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/lib/errors/app-error.js";
import { idempotencyKeyOf, requestHash } from "../../src/lib/items/idempotency.js";

describe("Idempotency-Key", () => {
  it("accepts 1 to 255 printable ASCII characters, or no header", () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf("order 42/retry-1")).toBe("order 42/retry-1");
    expect(idempotencyKeyOf("k".repeat(255))).toHaveLength(255);
  });

  it("refuses an empty, too long or non-ASCII key", () => {
    for (const bad of ["", "k".repeat(256), "clé", "tab\there"]) {
      expect(() => idempotencyKeyOf(bad)).toThrow(ValidationError);
    }
  });
});

describe("request hash", () => {
  it("is the same for the same body whatever the key order", () => {
    expect(requestHash({ name: "a", description: "b" })).toBe(requestHash({ description: "b", name: "a" }));
    expect(requestHash({ name: "a", description: undefined })).toBe(requestHash({ name: "a" }));
  });

  it("differs when a value differs", () => {
    expect(requestHash({ name: "a" })).not.toBe(requestHash({ name: "b" }));
    expect(requestHash({ name: "a", description: null })).not.toBe(requestHash({ name: "a" }));
  });
});
