// Access tokens are short-lived JWTs signed by the identity provider and checked
// against its JWKS (public keys, fetched and cached by jose). No shared secret.
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from "jose";
import { UnauthorizedError, UnavailableError } from "../errors/app-error.js";
import type { Principal } from "./principal.js";

// Tokens issued for longer than this are refused, even when they have not expired yet.
export const MAX_TOKEN_LIFETIME_SECONDS = 15 * 60;

const ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

export interface VerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  // Expected JOSE header `typ` (jose compares it case-insensitively, with or without
  // "application/"); "any" skips the check. Default "at+jwt".
  tokenType?: string;
  clockSkewSeconds?: number;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

// jose caches the key set; a token with an unknown `kid` (the provider rotated its keys)
// refetches it, but at most once per cooldown, so forged kids cannot flood the provider.
export function remoteKeys(jwksUrl: string, cooldownSeconds = 30): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 2_000, cooldownDuration: cooldownSeconds * 1_000 });
}

// The key set could not be fetched: the caller is not at fault, the provider is.
function keysUnreachable(err: unknown): boolean {
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) return true;
  return !(err instanceof joseErrors.JOSEError) && err instanceof TypeError && /fetch/i.test(err.message);
}

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const tokenType = options.tokenType ?? "at+jwt";
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        algorithms: ASYMMETRIC_ALGORITHMS,
        maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
        requiredClaims: ["sub", "exp", "iat"],
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockSkewSeconds ?? 30,
        ...(tokenType.toLowerCase() === "any" ? {} : { typ: tokenType }),
      }));
    } catch (err) {
      if (keysUnreachable(err)) throw new UnavailableError("the identity provider's keys cannot be fetched");
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
