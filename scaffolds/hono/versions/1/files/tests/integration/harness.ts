// Builds the real app on the real PostgreSQL and Redis of the test run, with keys of
// its own in Redis so that tests do not share rate-limit buckets or queues.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createApp } from "../../src/app.js";
import { openResources, type Resources } from "../../src/deps.js";
import { apiEnvSchema, type ApiEnv } from "../../src/lib/env.js";
import { createLogger } from "../../src/lib/logger.js";{{#auth_jwks}}
import { createTestIdentityProvider, type TestIdentityProvider } from "../support/tokens.js";{{/auth_jwks}}

export interface Harness {
  app: ReturnType<typeof createApp>;
  resources: Resources;
  env: ApiEnv;
  redisPrefix: string;
{{#auth_jwks}}  idp: TestIdentityProvider;
  // Authorization header of a user holding `permissions` (default: read and write).
  auth(permissions?: string[], sub?: string): Promise<Record<string, string>>;
{{/auth_jwks}}  close(): Promise<void>;
}

export function testEnv(overrides: Record<string, string> = {}): ApiEnv {
  return apiEnvSchema.parse({
{{#db_postgres}}    DATABASE_URL: inject("databaseUrl"),
{{/db_postgres}}    REDIS_URL: inject("redisUrl"),
{{#auth_jwks}}    JWKS_URL: "http://127.0.0.1:9/unused-the-tests-inject-their-keys",
{{/auth_jwks}}    RATE_LIMIT_PER_MINUTE: "10000",
    LOG_LEVEL: "silent",
    ...overrides,
  });
}

export async function startHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const env = testEnv(overrides);
  const redisPrefix = `test-${randomUUID()}`;
{{#auth_jwks}}  const idp = await createTestIdentityProvider();
  const resources = openResources(env, createLogger("silent"), { redisPrefix, keys: idp.keys });
{{/auth_jwks}}{{^auth_jwks}}  const resources = openResources(env, createLogger("silent"), { redisPrefix });
{{/auth_jwks}}  return {
    app: createApp(resources),
    resources,
    env,
    redisPrefix,
{{#auth_jwks}}    idp,
    auth: async (permissions = ["items:read", "items:write"], sub = "user-1") => ({
      authorization: `Bearer ${await idp.sign({ sub, permissions })}`,
    }),
{{/auth_jwks}}    close: () => resources.close(),
  };
}

// A request through the app in-process (no socket), as JSON{{#auth_jwks}}, by default with
// a token allowed to read and write items{{/auth_jwks}}.
export async function send(
  h: Harness,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return h.app.request(path, {
    method,
    headers: {
{{#auth_jwks}}      ...(await h.auth()),
{{/auth_jwks}}      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
}
