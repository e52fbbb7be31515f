// JWT verification against a JWKS generated here: which tokens get in, which do not.
import { SignJWT } from "jose";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/app-env.js";
import { createTokenVerifier, permissionsOf } from "../../src/lib/auth/verify-token.js";
import { UnauthorizedError } from "../../src/lib/errors/app-error.js";
import { handleError } from "../../src/lib/errors/handler.js";
import { requirePermission } from "../../src/middleware/auth.js";
import { createLogger } from "../../src/lib/logger.js";
import { createTestIdentityProvider, otherSigningKey } from "../support/tokens.js";

const idp = await createTestIdentityProvider();
const verify = createTokenVerifier({ keys: idp.keys });
const now = () => Math.floor(Date.now() / 1000);

async function rejection(token: string): Promise<string> {
  const err = await verify(token).then(
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
