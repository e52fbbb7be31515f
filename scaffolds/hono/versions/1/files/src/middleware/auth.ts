// Every request under /v1 carries a bearer token, verified on each request. Failed
// authentications drain a small bucket per client IP: once it is empty the caller
// gets 429 before any token is looked at, which stops credential stuffing and token
// guessing early.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.js";
import type { TokenVerifier } from "../lib/auth/verify-token.js";
import { clientIp } from "../lib/client-ip.js";
import { ForbiddenError, RateLimitedError, UnauthorizedError } from "../lib/errors/app-error.js";
import type { RateLimiter } from "../lib/rate-limit/limiter.js";

export interface AuthOptions {
  verify: TokenVerifier;
  failures: RateLimiter;
  trustProxy: boolean;
}

export function authenticate({ verify, failures, trustProxy }: AuthOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const bucket = `auth-failures:${clientIp(c, trustProxy)}`;
    // Redis down: authentication still works, only the failure limit is off.
    const standing = await failures.take(bucket, 0).catch(() => undefined);
    if (standing && !standing.allowed) throw new RateLimitedError(standing.retryAfterSeconds);
    const header = c.req.header("authorization");
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    try {
      if (!token) throw new UnauthorizedError("bearer token required");
      c.set("user", await verify(token));
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) throw err;
      const after = await failures.take(bucket).catch(() => undefined);
      if (after && !after.allowed) throw new RateLimitedError(after.retryAfterSeconds);
      c.var.logger.info({ reason: err.message }, "authentication failed");
      throw err;
    }
    await next();
  });
}

// Checked per endpoint, on top of authentication: a valid token is not a licence for
// every route.
export function requirePermission(permission: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) throw new UnauthorizedError();
    if (!user.permissions.includes(permission)) throw new ForbiddenError(permission);
    await next();
  });
}
