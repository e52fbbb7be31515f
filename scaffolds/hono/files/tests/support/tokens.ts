// A local identity provider for tests: an RSA key pair, its JWKS, and tokens signed
// with it. Nothing leaves the process.
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTVerifyGetKey } from "jose";

export interface TestIdentityProvider {
  keys: JWTVerifyGetKey;
  // The JWKS document, to serve over HTTP.
  jwks: { keys: JWK[] };
  privateKey: CryptoKey;
  sign(claims: TokenClaims): Promise<string>;
}

// The issuer and audience the test environment expects (JWT_ISSUER, JWT_AUDIENCE).
export const TEST_ISSUER = "https://idp.test.example/";
export const TEST_AUDIENCE = "{{name}}";

export interface TokenClaims {
  sub?: string;
  permissions?: string[];
  scope?: string;
  // Seconds since the epoch; default now.
  issuedAt?: number;
  lifetimeSeconds?: number;
  // Default TEST_ISSUER and TEST_AUDIENCE; null leaves the claim out.
  issuer?: string | null;
  audience?: string | null;
  // JOSE header `typ`; default "at+jwt" (an access token). "JWT" is what ID tokens carry.
  type?: string | null;
  // Header `kid`; default the JWKS' key id.
  kid?: string;
  // Sign with a key the JWKS does not hold.
  signingKey?: CryptoKey;
}

export async function createTestIdentityProvider(): Promise<TestIdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const keys = createLocalJWKSet({ keys: [jwk] });
  return {
    keys,
    jwks: { keys: [jwk] },
    privateKey,
    sign: async (claims) => {
      const issuedAt = claims.issuedAt ?? Math.floor(Date.now() / 1000);
      const lifetime = claims.lifetimeSeconds ?? 300;
      const payload: Record<string, unknown> = {};
      if (claims.permissions) payload.permissions = claims.permissions;
      if (claims.scope) payload.scope = claims.scope;
      const type = claims.type === undefined ? "at+jwt" : claims.type;
      const issuer = claims.issuer === undefined ? TEST_ISSUER : claims.issuer;
      const audience = claims.audience === undefined ? TEST_AUDIENCE : claims.audience;
      if (issuer !== null) payload.iss = issuer;
      if (audience !== null) payload.aud = audience;
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "RS256", kid: claims.kid ?? "test-key", ...(type === null ? {} : { typ: type }) })
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
