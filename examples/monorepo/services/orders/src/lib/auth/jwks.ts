import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

import { config } from '../../config.js';

// Keys come from the internal IdP and are cached; a rotated key is fetched on demand.
const jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
  cooldownDuration: 30_000,
  cacheMaxAge: 10 * 60_000,
});

export type AccessToken = JWTPayload & { sub: string; scope?: string };

export async function verifyAccessToken(token: string): Promise<AccessToken> {
  const { payload } = await jwtVerify(token, jwks, {
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    algorithms: ['RS256', 'ES256'],
    maxTokenAge: '15m',
  });
  if (typeof payload.sub !== 'string') {
    throw new Error('token has no subject');
  }
  return payload as AccessToken;
}
