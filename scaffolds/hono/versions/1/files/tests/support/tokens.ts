// A local identity provider for tests: an RSA key pair, its JWKS, and tokens signed
// with it. Nothing leaves the process.
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JWTVerifyGetKey } from "jose";

export interface TestIdentityProvider {
  keys: JWTVerifyGetKey;
  privateKey: CryptoKey;
  sign(claims: TokenClaims): Promise<string>;
}

export interface TokenClaims {
  sub?: string;
  permissions?: string[];
  scope?: string;
  // Seconds since the epoch; default now.
  issuedAt?: number;
  lifetimeSeconds?: number;
  // Sign with a key the JWKS does not hold.
  signingKey?: CryptoKey;
}

export async function createTestIdentityProvider(): Promise<TestIdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const keys = createLocalJWKSet({ keys: [jwk] });
  return {
    keys,
    privateKey,
    sign: async (claims) => {
      const issuedAt = claims.issuedAt ?? Math.floor(Date.now() / 1000);
      const lifetime = claims.lifetimeSeconds ?? 300;
      const payload: Record<string, unknown> = {};
      if (claims.permissions) payload.permissions = claims.permissions;
      if (claims.scope) payload.scope = claims.scope;
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "RS256", kid: "test-key" })
        .setSubject(claims.sub ?? "user-1")
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + lifetime)
        .sign(claims.signingKey ?? privateKey);
    },
  };
}

export async function otherSigningKey(): Promise<CryptoKey> {
  return (await generateKeyPair("RS256")).privateKey;
}
