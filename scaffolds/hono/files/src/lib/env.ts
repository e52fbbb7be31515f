// Configuration comes from the environment and is checked once, at start-up: a missing
// or invalid variable stops the process with a message naming every problem.
import { z } from "zod";

// `NAME=` (or only blanks) in a .env file means the same as no NAME at all.
const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const url = (protocols: string[]) =>
  z.url().refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must be a ${protocols.join(" or ")} URL`,
    });

const shared = {
{{#db_postgres}}  DATABASE_URL: url(["postgres", "postgresql"]),
{{/db_postgres}}  REDIS_URL: url(["redis", "rediss"]),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};

export const apiEnvSchema = z.object({
  ...shared,
  PORT: z.coerce.number().int().min(1).max(65535).default({{port}}),
{{#auth_jwks}}  JWKS_URL: url(["https", "http"]),
  // Both required: a token minted by the same provider for another API must not get in.
  JWT_ISSUER: z.string().min(1),
  JWT_AUDIENCE: z.string().min(1),
  // The JOSE header `typ` of an access token (RFC 9068); `any` for providers that do
  // not mark them. Stops an ID token of the same provider being used as an access token.
  JWT_TOKEN_TYPE: z.string().min(1).default("at+jwt"),
  JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  // An unknown key id refetches the JWKS at most this often; in between it is refused at once.
  JWKS_REFETCH_COOLDOWN_SECONDS: z.coerce.number().int().min(1).default(30),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(10),
{{/auth_jwks}}  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  // Proxies in front of the service that append to X-Forwarded-For; 0: the socket peer.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Comma-separated origins (https://app.example.com) allowed to call from a browser.
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal("*"), z.url().regex(/^https?:\/\/[^/]+$/, "an origin is scheme://host[:port], no path")]))),
  // Request bodies above this many bytes are answered 413 payload_too_large.
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

{{#queue_bullmq}}export const workerEnvSchema = z.object({
  ...shared,
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(5),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});

{{/queue_bullmq}}export type ApiEnv = z.infer<typeof apiEnvSchema>;{{#queue_bullmq}}
export type WorkerEnv = z.infer<typeof workerEnvSchema>;{{/queue_bullmq}}

export type EnvResult<T> = { ok: true; env: T } | { ok: false; problems: string[] };

export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
): EnvResult<z.infer<S>> {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, emptyToUndefined(v)]));
  const result = schema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    return cleaned[name] === undefined ? `${name} is not set` : `${name} is invalid: ${issue.message}`;
  });
  return { ok: false, problems };
}

// Exits with status 1 when the environment is not usable: starting half-configured
// would only move the failure to the first request.
export function loadEnv<S extends z.ZodType>(schema: S, source = process.env): z.infer<S> {
  const result = parseEnv(schema, source);
  if (result.ok) return result.env;
  process.stderr.write(
    `{{name}}: invalid environment (see .env.example):\n${result.problems.map((p) => `  - ${p}`).join("\n")}\n`,
  );
  process.exit(1);
}
