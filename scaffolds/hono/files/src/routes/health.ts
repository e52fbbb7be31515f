// GET /health: 200 when every dependency answers, 503 naming the one that does not.
// Load balancers and orchestrators probe it; it is exempt from rate limiting.
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../lib/errors/handler.js";
import { checkHealth, type HealthChecks } from "../lib/health/checks.js";
import { HealthSchema } from "../schemas/health.js";

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["health"],
  summary: "Service and dependency health",
  responses: {
    200: { description: "Every dependency answers", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "A dependency is down", content: { "application/json": { schema: HealthSchema } } },
  },
});

export function healthRoutes(checks: HealthChecks) {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  return router.openapi(healthRoute, async (c) => {
    const report = await checkHealth(checks);
    return c.json(report, report.status === "ok" ? 200 : 503);
  });
}
