// Hono answers 404 for a path it knows when the method is not one of the path's; the
// API answers 405 method_not_allowed with an Allow header instead, so a client can
// tell a wrong method from a wrong URL.
import type { Hono } from "hono";
import type { AppEnv } from "../../app-env.js";
import { errorBody } from "./app-error.js";

// Call once every route is registered: each path gets a catch-all after its handlers
// (any schema type: the typed routes of the app are not changed).
export function answerMethodNotAllowed(app: Hono<AppEnv, any, any>): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const { method, path } of app.routes) {
    if (method === "ALL") continue; // middleware
    const methods = methodsByPath.get(path) ?? new Set<string>();
    methods.add(method);
    if (method === "GET") methods.add("HEAD");
    methodsByPath.set(path, methods);
  }
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].sort().join(", ");
    app.all(path, (c) => {
      c.header("Allow", allow);
      return c.json(errorBody("method_not_allowed", `${c.req.method} is not allowed here; allowed: ${allow}`), 405);
    });
  }
}
