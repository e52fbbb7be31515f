// The typed client of this API, for TypeScript callers (a Next.js app, another service):
//
//   import { createClient } from "{{name}}/client";
//   const api = createClient("https://{{name}}.internal", { headers: { authorization: `Bearer ${token}` } });
//   const res = await api.v1.items.$get({ query: { limit: "20" } });
//
// Paths, parameters, bodies and answers are typed from the routes themselves (Hono RPC):
// no generation step, and a route change that breaks a caller fails its type-check.
import { hc, type ClientRequestOptions } from "hono/client";
import type { AppType } from "./app.js";

export type { AppType };

export function createClient(baseUrl: string, options?: ClientRequestOptions) {
  return hc<AppType>(baseUrl, options);
}

export type Client = ReturnType<typeof createClient>;
