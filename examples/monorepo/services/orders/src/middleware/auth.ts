import type { MiddlewareHandler } from 'hono';

import { verifyAccessToken } from '../lib/auth/jwks.js';
import { AppError } from '../lib/errors/app-error.js';
import { logger } from '../lib/logger.js';
import type { AppEnv } from '../types.js';

// Validates the bearer token on every request; routes check scopes themselves.
export function requireAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header?.startsWith('Bearer ')) throw AppError.unauthorized();
    try {
      const token = await verifyAccessToken(header.slice('Bearer '.length));
      c.set('userId', token.sub);
      c.set('scopes', token.scope?.split(' ') ?? []);
    } catch (err) {
      logger.debug({ err, trace_id: c.get('traceId') }, 'rejected access token');
      throw AppError.unauthorized('Invalid or expired token');
    }
    await next();
  };
}

export function requireScope(scope: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('scopes').includes(scope)) throw AppError.forbidden(`Missing scope ${scope}`);
    await next();
  };
}
