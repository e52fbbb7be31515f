// Cross-origin requests from browsers: only the origins of CORS_ORIGINS get CORS headers;
// with none configured the API sends none, and browsers keep other sites out.
import { cors } from "hono/cors";

// Headers a browser script may read from an answer.
const EXPOSED = ["Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "x-request-id", "Idempotent-Replayed", "Allow"];

// Bearer tokens travel in the Authorization header, not cookies: credentials stay off,
// which also keeps `*` from ever being combined with them.
export function allowOrigins(origins: string[]) {
  return cors({
    origin: origins.includes("*") ? "*" : origins,
    allowMethods: ["GET", "HEAD", "POST", "PATCH", "DELETE"],
    exposeHeaders: EXPOSED,
    maxAge: 600,
  });
}
