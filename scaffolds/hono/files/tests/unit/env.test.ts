// Start-up configuration: defaults, and one message per missing or invalid variable.
import { describe, expect, it } from "vitest";
import { apiEnvSchema, parseEnv } from "../../src/lib/env.js";

const complete = {
{{#db_postgres}}  DATABASE_URL: "postgres://app:secret@db:5432/app",
{{/db_postgres}}  REDIS_URL: "redis://cache:6379",
{{#auth_jwks}}  JWKS_URL: "https://idp.example.com/.well-known/jwks.json",
  JWT_ISSUER: "https://idp.example.com/",
  JWT_AUDIENCE: "{{name}}",
{{/auth_jwks}}};

describe("environment", () => {
  it("applies the defaults", () => {
    const result = parseEnv(apiEnvSchema, complete);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.PORT).toBe({{port}});
    expect(result.env.RATE_LIMIT_PER_MINUTE).toBe(120);
    expect(result.env.LOG_LEVEL).toBe("info");
    expect(result.env.TRUSTED_PROXY_HOPS).toBe(0);
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
        "JWT_ISSUER is not set",
        "JWT_AUDIENCE is not set",
{{/auth_jwks}}      ]),
    );
  });

  it("treats an empty value as unset", () => {
    const result = parseEnv(apiEnvSchema, { ...complete, REDIS_URL: "" });
    expect(result).toEqual({ ok: false, problems: ["REDIS_URL is not set"] });
    // `PORT=` in a .env file gets the default, as if the line were not there.
    const blank = parseEnv(apiEnvSchema, { ...complete, PORT: "", LOG_LEVEL: " " });
    expect(blank.ok && blank.env.PORT).toBe({{port}});
    expect(blank.ok && blank.env.LOG_LEVEL).toBe("info");
  });{{#auth_jwks}}

  it("requires JWT_ISSUER and JWT_AUDIENCE; empty is missing", () => {
    const { JWT_AUDIENCE: _omitted, ...withoutAudience } = complete;
    expect(parseEnv(apiEnvSchema, withoutAudience)).toEqual({ ok: false, problems: ["JWT_AUDIENCE is not set"] });
    expect(parseEnv(apiEnvSchema, { ...complete, JWT_ISSUER: "" })).toEqual({ ok: false, problems: ["JWT_ISSUER is not set"] });
  });

  it("defaults the token checks: typ at+jwt, 30 s of clock skew, 30 s between JWKS refetches", () => {
    const result = parseEnv(apiEnvSchema, complete);
    expect(result.ok && result.env).toMatchObject({
      JWT_TOKEN_TYPE: "at+jwt",
      JWT_CLOCK_SKEW_SECONDS: 30,
      JWKS_REFETCH_COOLDOWN_SECONDS: 30,
    });
  });{{/auth_jwks}}

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
