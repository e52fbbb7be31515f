// `npm run openapi`: writes openapi.json from the routes and Zod schemas in the code.
// The document is generated, never edited by hand; regenerate it after an API change.
import { writeFileSync } from "node:fs";
import { createApp, openApiConfig } from "../src/app.js";

// Building the app only registers routes; no dependency is used. A stand-in that
// fails when called makes sure of it, instead of connecting anywhere.
function unused(path: string): never {
  const fail = () => {
    throw new Error(`exporting the OpenAPI document must not use ${path}`);
  };
  return new Proxy(fail, {
    get: (_target, key) => (key === "then" ? undefined : unused(`${path}.${String(key)}`)),
    apply: fail,
    construct: fail,
  }) as never;
}

const document = createApp(unused("deps")).getOpenAPI31Document(openApiConfig);
writeFileSync("openapi.json", `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write("wrote openapi.json\n");
