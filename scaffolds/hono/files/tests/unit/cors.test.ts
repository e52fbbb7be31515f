// CORS_ORIGINS: the listed origins get CORS headers, others none; unset, nobody does.
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import type { AppDeps } from "../../src/deps.js";
import { apiEnvSchema, parseEnv } from "../../src/lib/env.js";
import { createLogger } from "../../src/lib/logger.js";

// The app on stand-ins: nothing here reaches a database, Redis or an identity provider.
function appAllowing(corsOrigins: string[]) {
  const deps = {
    logger: createLogger("silent"),
    limiter: { limitPerMinute: 100, take: async () => ({ allowed: true, remaining: 99, retryAfterSeconds: 0 }) },
    authFailures: { limitPerMinute: 10, take: async () => ({ allowed: true, remaining: 9, retryAfterSeconds: 0 }) },
    checks: { db: async () => undefined, redis: async () => undefined },
    trustedProxyHops: 0,
    maxBodyBytes: 1_048_576,
    corsOrigins,
  } as unknown as AppDeps;
  return createApp(deps);
}

const APP = "https://app.example.com";

describe("CORS", () => {
  it("answers an allowed origin with Access-Control-Allow-Origin", async () => {
    const res = await appAllowing([APP]).request("/health", { headers: { origin: APP } });
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("gives another origin no CORS header", async () => {
    const res = await appAllowing([APP]).request("/health", { headers: { origin: "https://evil.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight before authentication", async () => {
    const res = await appAllowing([APP]).request("/v1/items", {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });

  it("sends no CORS header at all when CORS_ORIGINS is unset", async () => {
    const res = await appAllowing([]).request("/health", { headers: { origin: APP } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("reads CORS_ORIGINS as a comma-separated list of origins", () => {
    const base = {
      REDIS_URL: "redis://cache:6379",{{#db_postgres}}
      DATABASE_URL: "postgres://app:secret@db:5432/app",{{/db_postgres}}{{#auth_jwks}}
      JWKS_URL: "https://idp.example.com/.well-known/jwks.json",
      JWT_ISSUER: "https://idp.example.com/",
      JWT_AUDIENCE: "{{name}}",{{/auth_jwks}}
    };
    const parsed = parseEnv(apiEnvSchema, { ...base, CORS_ORIGINS: `${APP}, http://localhost:3001` });
    expect(parsed.ok && parsed.env.CORS_ORIGINS).toEqual([APP, "http://localhost:3001"]);
    const unset = parseEnv(apiEnvSchema, base);
    expect(unset.ok && unset.env.CORS_ORIGINS).toEqual([]);
    expect(parseEnv(apiEnvSchema, { ...base, CORS_ORIGINS: "app.example.com" }).ok).toBe(false);
    expect(parseEnv(apiEnvSchema, { ...base, CORS_ORIGINS: `${APP}/path` }).ok).toBe(false);
  });
});
