// The Redis token bucket through the app: 429 with Retry-After in the error shape,
// one bucket per endpoint and caller, /health never limited.
import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/lib/rate-limit/limiter.js";
import { connectRedis } from "../../src/lib/redis.js";
import { expectError } from "../support/error-shape.js";
import { send, startHarness, testEnv, type Harness } from "./harness.js";

const opened: Harness[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

async function harness(overrides: Record<string, string>): Promise<Harness> {
  const h = await startHarness(overrides);
  opened.push(h);
  return h;
}

describe("rate limiting", () => {
  it("answers 429 with Retry-After once the bucket is empty", async () => {
    const h = await harness({ RATE_LIMIT_PER_MINUTE: "3" });
    for (let i = 0; i < 3; i++) expect((await send(h, "GET", "/v1/items")).status).toBe(200);
    const refused = await send(h, "GET", "/v1/items");
    const body = await expectError(refused, 429, "rate_limited");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(body.error.details).toEqual({ retryAfterSeconds: retryAfter });
  });

  it("keeps one bucket per endpoint", async () => {
    const h = await harness({ RATE_LIMIT_PER_MINUTE: "2" });
    await send(h, "GET", "/v1/items");
    await send(h, "GET", "/v1/items");
    expect((await send(h, "GET", "/v1/items")).status).toBe(429);
    expect((await send(h, "POST", "/v1/items", { name: "other endpoint" })).status).toBe(201);
  });{{#auth_jwks}}

  it("keeps one bucket per user", async () => {
    const h = await harness({ RATE_LIMIT_PER_MINUTE: "1" });
    expect((await send(h, "GET", "/v1/items", undefined, await h.auth(undefined, "alice"))).status).toBe(200);
    expect((await send(h, "GET", "/v1/items", undefined, await h.auth(undefined, "alice"))).status).toBe(429);
    expect((await send(h, "GET", "/v1/items", undefined, await h.auth(undefined, "bob"))).status).toBe(200);
  });

  it("limits failed authentications harder than requests", async () => {
    const h = await harness({ AUTH_FAILURES_PER_MINUTE: "2" });
    const bad = { authorization: "Bearer not-a-token" };
    await expectError(await send(h, "GET", "/v1/items", undefined, bad), 401, "unauthorized");
    await expectError(await send(h, "GET", "/v1/items", undefined, bad), 401, "unauthorized");
    const refused = await send(h, "GET", "/v1/items", undefined, bad);
    await expectError(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Even a valid token is refused from that address until the bucket refills.
    await expectError(await send(h, "GET", "/v1/items"), 429, "rate_limited");
  });{{/auth_jwks}}

  it("never limits /health", async () => {
    const h = await harness({ RATE_LIMIT_PER_MINUTE: "1" });
    for (let i = 0; i < 3; i++) expect((await h.app.request("/health")).status).toBe(200);
  });

  it("refills over time (Lua script on Redis' clock)", async () => {
    const redis = connectRedis(testEnv().REDIS_URL);
    try {
      const limiter = new RateLimiter(redis, 60, `test-refill-${Date.now()}`); // 1 token/s
      for (let i = 0; i < 60; i++) await limiter.take("k");
      const empty = await limiter.take("k");
      expect(empty.allowed).toBe(false);
      expect(empty.retryAfterSeconds).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await limiter.take("k")).allowed).toBe(true);
    } finally {
      await redis.quit();
    }
  });
});
