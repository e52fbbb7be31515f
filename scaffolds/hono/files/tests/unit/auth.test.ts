// JWT verification against a JWKS generated here: which tokens get in, which do not.
import { createServer } from "node:http";
import { SignJWT } from "jose";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env.js";
import { createTokenVerifier, permissionsOf, remoteKeys } from "../../src/lib/auth/verify-token.js";
import { UnauthorizedError, UnavailableError } from "../../src/lib/errors/app-error.js";
import { handleError } from "../../src/lib/errors/handler.js";
import { requirePermission } from "../../src/middleware/auth.js";
import { createLogger } from "../../src/lib/logger.js";
import { TEST_AUDIENCE, TEST_ISSUER, createTestIdentityProvider, otherSigningKey } from "../support/tokens.js";

const idp = await createTestIdentityProvider();
const expected = { keys: idp.keys, issuer: TEST_ISSUER, audience: TEST_AUDIENCE };
const verify = createTokenVerifier(expected);
const now = () => Math.floor(Date.now() / 1000);

async function rejection(token: string): Promise<string> {
  return rejectionBy(verify, token);
}

async function rejectionBy(check: typeof verify, token: string): Promise<string> {
  const err = await check(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnauthorizedError);
  return (err as UnauthorizedError).message;
}

describe("token verification", () => {
  it("accepts a valid short-lived token and reads its permissions", async () => {
    const principal = await verify(await idp.sign({ sub: "alice", permissions: ["items:read"] }));
    expect(principal).toEqual({ userId: "alice", permissions: ["items:read"] });
  });

  it("accepts exactly 15 minutes", async () => {
    await expect(verify(await idp.sign({ lifetimeSeconds: 15 * 60 }))).resolves.toBeDefined();
  });

  it("rejects an expired token", async () => {
    expect(await rejection(await idp.sign({ issuedAt: now() - 600, lifetimeSeconds: 300 }))).toBe("token expired");
  });

  it("accepts a token that expired within the clock leeway (30 s by default)", async () => {
    await expect(verify(await idp.sign({ issuedAt: now() - 310, lifetimeSeconds: 300 }))).resolves.toBeDefined();
  });

  it("rejects a token that expired beyond the clock leeway", async () => {
    expect(await rejection(await idp.sign({ issuedAt: now() - 360, lifetimeSeconds: 300 }))).toBe("token expired");
    const strict = createTokenVerifier({ ...expected, clockSkewSeconds: 0 });
    await expect(strict(await idp.sign({ issuedAt: now() - 310, lifetimeSeconds: 300 }))).rejects.toThrow("token expired");
  });

  it("rejects an ID token (typ JWT) of the right issuer and audience", async () => {
    expect(await rejection(await idp.sign({ type: "JWT" }))).toBe("invalid token");
    expect(await rejection(await idp.sign({ type: null }))).toBe("invalid token");
  });

  it("accepts typ application/at+jwt, and any typ when JWT_TOKEN_TYPE is any", async () => {
    await expect(verify(await idp.sign({ type: "application/AT+JWT" }))).resolves.toBeDefined();
    const lenient = createTokenVerifier({ ...expected, tokenType: "any" });
    await expect(lenient(await idp.sign({ type: "JWT" }))).resolves.toBeDefined();
  });

  it("rejects a token for another audience, from another issuer, or without them", async () => {
    expect(await rejection(await idp.sign({ audience: "another-api" }))).toBe("invalid token");
    expect(await rejection(await idp.sign({ issuer: "https://elsewhere.example/" }))).toBe("invalid token");
    expect(await rejection(await idp.sign({ audience: null }))).toBe("invalid token");
    expect(await rejection(await idp.sign({ issuer: null }))).toBe("invalid token");
  });

  it("answers unavailable when the JWKS cannot be fetched", async () => {
    const unreachable = createTokenVerifier({ ...expected, keys: remoteKeys("http://127.0.0.1:9/jwks.json") });
    await expect(unreachable(await idp.sign({}))).rejects.toBeInstanceOf(UnavailableError);
  });

  it("rejects a token issued for longer than 15 minutes", async () => {
    expect(await rejection(await idp.sign({ lifetimeSeconds: 16 * 60 }))).toMatch(/lifetime/);
  });

  it("rejects a token issued more than 15 minutes ago", async () => {
    expect(await rejection(await idp.sign({ issuedAt: now() - 20 * 60, lifetimeSeconds: 30 * 60 }))).toBe("token expired");
  });

  it("rejects a token signed by another key", async () => {
    expect(await rejection(await idp.sign({ signingKey: await otherSigningKey() }))).toBe("invalid token");
  });

  it("rejects a token without iat or sub", async () => {
    const bare = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(idp.privateKey);
    expect(await rejection(bare)).toBe("invalid token");
  });

  it("rejects garbage", async () => {
    expect(await rejection("not.a.token")).toBe("invalid token");
  });

  it("reads permissions from `permissions`, `scope` and `scp`", () => {
    expect(permissionsOf({ permissions: ["a"], scope: "b c", scp: ["d"] }).sort()).toEqual(["a", "b", "c", "d"]);
    expect(permissionsOf({})).toEqual([]);
  });
});

describe("JWKS refetch", () => {
  // A local JWKS endpoint that counts its fetches; it serves the identity provider's key.
  async function jwksServer() {
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(idp.jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/jwks.json`, fetches: () => fetches, close: () => server.close() };
  }

  it("refetches for an unknown kid at most once per cooldown", async () => {
    const jwks = await jwksServer();
    try {
      const cooldownSeconds = 1;
      const remote = createTokenVerifier({ ...expected, keys: remoteKeys(jwks.url, cooldownSeconds) });
      await expect(remote(await idp.sign({}))).resolves.toBeDefined();
      expect(jwks.fetches()).toBe(1);
      // Unknown kids within the cooldown: refused at once, no fetch.
      for (let i = 0; i < 3; i++) expect(await rejectionBy(remote, await idp.sign({ kid: `rotated-${i}` }))).toBe("invalid token");
      expect(jwks.fetches()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, cooldownSeconds * 1_000 + 100));
      expect(await rejectionBy(remote, await idp.sign({ kid: "rotated-again" }))).toBe("invalid token");
      expect(jwks.fetches()).toBe(2);
    } finally {
      jwks.close();
    }
  });
});

describe("requirePermission", () => {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("logger", createLogger("silent"));
    const token = c.req.header("authorization")?.slice("Bearer ".length);
    if (token) c.set("user", await verify(token));
    await next();
  });
  app.onError(handleError);
  app.get("/write", requirePermission("items:write"), (c) => c.json({ ok: true }));

  it("lets a user with the permission through", async () => {
    const token = await idp.sign({ permissions: ["items:write"] });
    expect((await app.request("/write", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("answers 403 forbidden without it", async () => {
    const token = await idp.sign({ scope: "items:read" });
    const res = await app.request("/write", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: "forbidden", message: "missing permission items:write", details: { permission: "items:write" } },
    });
  });

  it("answers 401 with no user at all", async () => {
    expect((await app.request("/write")).status).toBe(401);
  });
});
