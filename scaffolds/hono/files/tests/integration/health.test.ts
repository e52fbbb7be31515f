// /health pings the real dependencies: 200 when they answer, 503 naming the one down.
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { openResources, type Resources } from "../../src/deps.js";
import { createLogger } from "../../src/lib/logger.js";
import { HealthSchema } from "../../src/schemas/health.js";
import { startHarness, testEnv, type Harness } from "./harness.js";

const toClose: (Harness | Resources)[] = [];
afterEach(async () => {
  await Promise.all(toClose.splice(0).map((r) => r.close()));
});

// Nothing listens on port 9 of the loopback (discard): connections are refused at once.
const DEAD_REDIS = "redis://127.0.0.1:9";{{#db_postgres}}
const DEAD_DATABASE = "postgres://nobody:nothing@127.0.0.1:9/none";{{/db_postgres}}

function appWith(overrides: Record<string, string>) {
  const resources = openResources(testEnv(overrides), createLogger("silent"), { redisPrefix: "test-health" });
  toClose.push(resources);
  return createApp(resources);
}

describe("/health", () => {
  it("answers 200 when every dependency answers", async () => {
    const h = await startHarness();
    toClose.push(h);
    const res = await h.app.request("/health");
    expect(res.status).toBe(200);
    expect(HealthSchema.parse(await res.json())).toEqual({
      status: "ok",
{{#db_postgres}}      checks: { db: "ok", redis: "ok" },
{{/db_postgres}}{{^db_postgres}}      checks: { redis: "ok" },
{{/db_postgres}}    });
  });

  it("answers 503 naming Redis when Redis is down", async () => {
    const res = await appWith({ REDIS_URL: DEAD_REDIS }).request("/health");
    expect(res.status).toBe(503);
    const body = HealthSchema.parse(await res.json());
    expect(body.status).toBe("unavailable");
    expect(body.checks.redis).toBe("down");
{{#db_postgres}}    expect(body.checks.db).toBe("ok");
{{/db_postgres}}  });{{#db_postgres}}

  it("answers 503 naming the database when it is down", async () => {
    const res = await appWith({ DATABASE_URL: DEAD_DATABASE }).request("/health");
    expect(res.status).toBe(503);
    const body = HealthSchema.parse(await res.json());
    expect(body).toEqual({ status: "unavailable", checks: { db: "down", redis: "ok" } });
  });{{/db_postgres}}
});
