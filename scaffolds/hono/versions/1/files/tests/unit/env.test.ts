// Start-up configuration: defaults, and one message per missing or invalid variable.
import { describe, expect, it } from "vitest";
import { apiEnvSchema, parseEnv } from "../../src/lib/env.js";

const complete = {
{{#db_postgres}}  DATABASE_URL: "postgres://app:secret@db:5432/app",
{{/db_postgres}}  REDIS_URL: "redis://cache:6379",
{{#auth_jwks}}  JWKS_URL: "https://idp.example.com/.well-known/jwks.json",
{{/auth_jwks}}};

describe("environment", () => {
  it("applies the defaults", () => {
    const result = parseEnv(apiEnvSchema, complete);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.PORT).toBe({{port}});
    expect(result.env.RATE_LIMIT_PER_MINUTE).toBe(120);
    expect(result.env.LOG_LEVEL).toBe("info");
    expect(result.env.TRUST_PROXY).toBe(false);
  });

  it("names every missing variable", () => {
    const result = parseEnv(apiEnvSchema, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
{{#db_postgres}}        "DATABASE_URL is not set",
{{/db_postgres}}        "REDIS_URL is not set",
{{#auth_jwks}}        "JWKS_URL is not set",
{{/auth_jwks}}      ]),
    );
  });

  it("treats an empty value as unset", () => {
    const result = parseEnv(apiEnvSchema, { ...complete, REDIS_URL: "" });
    expect(result).toEqual({ ok: false, problems: ["REDIS_URL is not set"] });
  });

  it("explains invalid values", () => {
    const result = parseEnv(apiEnvSchema, { ...complete, PORT: "70000", LOG_LEVEL: "loud", REDIS_URL: "http://cache" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems.join("\n")).toMatch(/PORT is invalid/);
    expect(result.problems.join("\n")).toMatch(/LOG_LEVEL is invalid/);
    expect(result.problems.join("\n")).toMatch(/REDIS_URL is invalid: must be a redis or rediss URL/);
  });
});
