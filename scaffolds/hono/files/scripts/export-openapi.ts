// `npm run openapi`: writes openapi.json from the routes and Zod schemas in the code.
// The document is generated, never edited by hand; regenerate it after an API change.
import { writeFileSync } from "node:fs";
import { openApiDocument } from "./openapi-document.js";

writeFileSync("openapi.json", `${JSON.stringify(openApiDocument(), null, 2)}\n`);
process.stdout.write("wrote openapi.json\n");
