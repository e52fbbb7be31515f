// What middleware puts on the request context, for every handler to read with c.var.
import type { Logger } from "pino";{{#auth_jwks}}
import type { Principal } from "./lib/auth/principal.js";{{/auth_jwks}}

export interface AppEnv {
  Variables: {
    logger: Logger;
    traceId: string;
{{#auth_jwks}}    user?: Principal;
{{/auth_jwks}}  };
}
