// A stand-in identity provider for the scaffold test: a fresh RSA key, its JWKS, and
// short-lived RS256 tokens signed with it, using node:crypto only.
//
//   node jwt_fixture.mjs OUT_DIR SUBJECT PERMISSION...
//
// Writes OUT_DIR/jwks.json (the public key, to serve as JWKS_URL) and prints one JSON
// object: {"token": "...", "expired": "...", "long_lived": "..."}.
//
// Optional, from the environment (the same names the services read, so a proof that
// exports them configures the fixture and the service alike): JWT_ISSUER and
// JWT_AUDIENCE put `iss` and `aud` in every token; JWT_TOKEN_TYPE sets the header `typ`
// (default "JWT"; "any" keeps the default).
import { generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [outDir, subject, ...permissions] = process.argv.slice(2);
if (!outDir || !subject) {
  process.stderr.write("usage: node jwt_fixture.mjs OUT_DIR SUBJECT PERMISSION...\n");
  process.exit(2);
}

const kid = randomUUID();
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
writeFileSync(join(outDir, "jwks.json"), JSON.stringify({ keys: [jwk] }));

const base64url = (value) => Buffer.from(value).toString("base64url");
const { JWT_ISSUER: issuer, JWT_AUDIENCE: audience, JWT_TOKEN_TYPE: tokenType } = process.env;
const typ = tokenType && tokenType.toLowerCase() !== "any" ? tokenType : "JWT";
const claims = { ...(issuer ? { iss: issuer } : {}), ...(audience ? { aud: audience } : {}) };

function token(issuedAt, lifetimeSeconds) {
  const header = base64url(JSON.stringify({ alg: "RS256", typ, kid }));
  const payload = base64url(
    JSON.stringify({ sub: subject, iat: issuedAt, exp: issuedAt + lifetimeSeconds, permissions, ...claims }),
  );
  const signature = sign("sha256", Buffer.from(`${header}.${payload}`), privateKey).toString("base64url");
  return `${header}.${payload}.${signature}`;
}

const now = Math.floor(Date.now() / 1000);
process.stdout.write(
  JSON.stringify({
    token: token(now, 10 * 60),
    expired: token(now - 20 * 60, 5 * 60),
    long_lived: token(now, 24 * 3600),
  }) + "\n",
);
