// The OpenAPI document of the API, built from the routes and Zod schemas in the code.
import { createApp, openApiConfig } from "../src/app.js";
import type { AppDeps } from "../src/deps.js";

// Building the app only registers routes and reads its configuration; no connection is
// used. A stand-in that fails when touched makes sure of it, instead of connecting anywhere.
function unused(path: string): never {
  const fail = () => {
    throw new Error(`building the OpenAPI document must not use ${path}`);
  };
  return new Proxy(fail, {
    get: (_target, key) => (key === "then" ? undefined : unused(`${path}.${String(key)}`)),
    apply: fail,
    construct: fail,
  }) as never;
}

// Plain settings the app reads while it is built (see AppDeps).
const settings: Partial<AppDeps> = { corsOrigins: [], maxBodyBytes: 1_048_576, trustedProxyHops: 0 };

export function openApiDocument() {
  const deps = new Proxy(settings, {
    get: (target, key) => (key in target ? target[key as keyof AppDeps] : unused(`deps.${String(key)}`)),
  }) as AppDeps;
  return createApp(deps).getOpenAPI31Document(openApiConfig);
}
