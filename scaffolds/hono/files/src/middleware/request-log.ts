// One JSON log line per request: method, path, status, duration_ms, trace_id, user_id.
// The trace id comes from W3C `traceparent`, else `x-request-id`, else is generated,
// and is echoed back in `x-request-id` so a client can quote it.
import { randomBytes } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.js";
import type { Logger } from "../lib/logger.js";

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function traceIdOf(traceparent: string | undefined, requestId: string | undefined): string {
  const fromTraceparent = traceparent?.trim().toLowerCase().match(TRACEPARENT)?.[1];
  if (fromTraceparent && !/^0+$/.test(fromTraceparent)) return fromTraceparent;
  if (requestId && REQUEST_ID.test(requestId)) return requestId;
  return randomBytes(16).toString("hex");
}

export function requestLog(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const traceId = traceIdOf(c.req.header("traceparent"), c.req.header("x-request-id"));
    c.set("traceId", traceId);
    c.set("logger", logger.child({ trace_id: traceId }));
    c.header("x-request-id", traceId);
    await next();
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      trace_id: traceId,
{{#auth_jwks}}      user_id: c.var.user?.userId ?? null,
{{/auth_jwks}}{{^auth_jwks}}      user_id: null,
{{/auth_jwks}}    };
    if (status >= 500) logger.error(line, "request");
    else if (status >= 400) logger.warn(line, "request");
    else logger.info(line, "request");
  });
}
