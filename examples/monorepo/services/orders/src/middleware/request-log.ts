import type { MiddlewareHandler } from 'hono';

import { logger } from '../lib/logger.js';
import type { AppEnv } from '../types.js';

// W3C traceparent: version-traceid-parentid-flags.
function traceIdFrom(traceparent: string | undefined): string {
  const id = traceparent?.split('-')[1];
  return id && /^[0-9a-f]{32}$/.test(id) ? id : crypto.randomUUID().replaceAll('-', '');
}

// One structured line per request with the fields the playbook asks for.
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const traceId = traceIdFrom(c.req.header('traceparent'));
    c.set('traceId', traceId);
    c.set('scopes', []);
    await next();
    const status = c.res.status;
    const entry = {
      method: c.req.method,
      path: c.req.path,
      status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      trace_id: traceId,
      user_id: c.get('userId') ?? null,
    };
    if (status >= 500) logger.error(entry, 'request failed');
    else logger.info(entry, 'request');
  };
}
