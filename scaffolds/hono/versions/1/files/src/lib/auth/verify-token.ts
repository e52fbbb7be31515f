// Access tokens are short-lived JWTs signed by the identity provider and checked
// against its JWKS (public keys, fetched and cached by jose). No shared secret.
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { UnauthorizedError } from "../errors/app-error.js";
import type { Principal } from "./principal.js";

// Tokens issued for longer than this are refused, even when they have not expired yet.
export const MAX_TOKEN_LIFETIME_SECONDS = 15 * 60;

const ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

export interface VerifierOptions {
  keys: JWTVerifyGetKey;
  issuer?: string | undefined;
  audience?: string | undefined;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 2_000, cooldownDuration: 30_000 });
}

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        algorithms: ASYMMETRIC_ALGORITHMS,
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        requiredClaims: ["sub", "exp", "iat"],
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw new UnauthorizedError("token expired");
      throw new UnauthorizedError("invalid token");
    }
    if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_SECONDS) {
      throw new UnauthorizedError("token lifetime exceeds 15 minutes");
    }
    return { userId: payload.sub!, permissions: permissionsOf(payload) };
  };
}

// Identity providers carry grants either as a `permissions` array (Auth0 RBAC) or as an
// OAuth `scope` string; both are accepted.
export function permissionsOf(payload: JWTPayload): string[] {
  const granted = new Set<string>();
  const { permissions, scope, scp } = payload as JWTPayload & Record<string, unknown>;
  if (Array.isArray(permissions)) permissions.filter((p) => typeof p === "string").forEach((p) => granted.add(p));
  if (typeof scope === "string") scope.split(" ").filter(Boolean).forEach((p) => granted.add(p));
  if (Array.isArray(scp)) scp.filter((p) => typeof p === "string").forEach((p) => granted.add(p));
  return [...granted];
}
