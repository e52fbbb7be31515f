// Token bucket per caller and endpoint: the user id when authenticated, else the client
// IP. A refused request gets 429 with Retry-After in the API's error shape.
import { routePath } from "hono/route";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.js";
import { clientIp } from "../lib/client-ip.js";
import { errorBody } from "../lib/errors/app-error.js";
import type { RateLimiter } from "../lib/rate-limit/limiter.js";

export interface RateLimitOptions {
  limiter: RateLimiter;
  trustProxy: boolean;
  exempt?: string[];
}

export function rateLimit({ limiter, trustProxy, exempt = ["/health"] }: RateLimitOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (exempt.includes(c.req.path)) return next();
{{#auth_jwks}}    const user = c.var.user;
    const who = user ? `user:${user.userId}` : `ip:${clientIp(c, trustProxy)}`;
{{/auth_jwks}}{{^auth_jwks}}    const who = `ip:${clientIp(c, trustProxy)}`;
{{/auth_jwks}}    // The matched route pattern (`/v1/items/:id`), not the raw path: one bucket per endpoint.
    const endpoint = `${c.req.method} ${routePath(c, -1)}`;
    let result;
    try {
      result = await limiter.take(`${endpoint}:${who}`);
    } catch (err) {
      // Redis unavailable: serve rather than fail every request; /health reports it.
      c.var.logger.warn({ err }, "rate limiter unavailable, request let through");
      return next();
    }
    c.header("RateLimit-Limit", String(limiter.limitPerMinute));
    c.header("RateLimit-Remaining", String(Math.max(0, result.remaining)));
    if (!result.allowed) {
      c.header("Retry-After", String(result.retryAfterSeconds));
      return c.json(
        errorBody("rate_limited", "too many requests, retry later", { retryAfterSeconds: result.retryAfterSeconds }),
        429,
      );
    }
    return next();
  });
}
