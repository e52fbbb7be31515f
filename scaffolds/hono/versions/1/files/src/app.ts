// The HTTP application: middleware, routes, error handling and the OpenAPI document.
// It holds no connection of its own; everything comes in through `deps`.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.js";
import type { AppDeps } from "./deps.js";
import { handleError, handleNotFound, validationHook } from "./lib/errors/handler.js";
{{#auth_jwks}}import { authenticate } from "./middleware/auth.js";
{{/auth_jwks}}import { rateLimit } from "./middleware/rate-limit.js";
import { requestLog } from "./middleware/request-log.js";
import { healthRoutes } from "./routes/health.js";
import { itemsRoutes } from "./routes/items.js";

export const openApiConfig = {
  openapi: "3.1.0",
  info: {
    title: "{{name_title}} API",
    version: "1.0.0",
    description: "Errors are shaped { error: { code, message, details? } }; the codes are listed in docs/errors.md.",
  },
};

export function createApp(deps: AppDeps) {
  // A failed validation of any route becomes the API's error shape (lib/errors/handler.ts).
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use("*", requestLog(deps.logger));
{{#auth_jwks}}  app.use("/v1/*", authenticate({ verify: deps.verify, failures: deps.authFailures, trustProxy: deps.trustProxy }));
{{/auth_jwks}}  app.use("*", rateLimit({ limiter: deps.limiter, trustProxy: deps.trustProxy }));
  app.onError(handleError);
  app.notFound(handleNotFound);
{{#auth_jwks}}  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "Access token of the identity provider, verified against its JWKS; at most 15 minutes long.",
  });
{{/auth_jwks}}  app.doc31("/openapi.json", openApiConfig);
  const health = healthRoutes(deps.checks);
  const v1 = itemsRoutes(deps);
  return app.route("/", health).route("/v1", v1);
}

// For typed clients: `hc<AppType>(baseUrl)` from "hono/client".
export type AppType = ReturnType<typeof createApp>;
