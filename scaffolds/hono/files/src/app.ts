// The HTTP application: middleware, routes, error handling and the OpenAPI document.
// It holds no connection of its own; everything comes in through `deps`.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.js";
import type { AppDeps } from "./deps.js";
import { bodyLimit } from "hono/body-limit";
import { handleError, handleNotFound, validationHook } from "./lib/errors/handler.js";
import { answerMethodNotAllowed } from "./lib/errors/method-not-allowed.js";
{{#auth_jwks}}import { authenticate } from "./middleware/auth.js";
{{/auth_jwks}}import { allowOrigins } from "./middleware/cors.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { requestLog } from "./middleware/request-log.js";
import { healthRoutes } from "./routes/health.js";
import { itemsRoutes } from "./routes/items.js";
// svc:resource-imports (`svc add resource` imports the routes of each new resource here)

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
  // Before authentication: a browser's preflight (OPTIONS) carries no token.
  if (deps.corsOrigins.length > 0) app.use("*", allowOrigins(deps.corsOrigins));
  // Larger bodies are refused (413) by Content-Length, or while a chunked body streams
  // in, before anything parses them.
  app.use("*", bodyLimit({ maxSize: deps.maxBodyBytes }));
{{#auth_jwks}}  app.use("/v1/*", authenticate({ verify: deps.verify, failures: deps.authFailures, trustedProxyHops: deps.trustedProxyHops }));
{{/auth_jwks}}  app.use("*", rateLimit({ limiter: deps.limiter, trustedProxyHops: deps.trustedProxyHops }));
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
  const items = itemsRoutes(deps);
  // svc:resource-routers (`svc add resource` makes each new resource's routes here)
  // One chain, so that AppType carries every route.
  const routed = app
    .route("/", health)
    // svc:resource-routes (`svc add resource` mounts each new resource's routes here)
    .route("/v1", items);
  answerMethodNotAllowed(routed);
  return routed;
}

// The routes' types, for the typed client (src/client.ts). Keep route definitions
// chained (`.openapi(...).openapi(...)`, `.route(...)`) or they drop out of this type.
export type AppType = ReturnType<typeof createApp>;
