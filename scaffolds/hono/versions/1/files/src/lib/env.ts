// Configuration comes from the environment and is checked once, at start-up: a missing
// or invalid variable stops the process with a message naming every problem.
import { z } from "zod";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

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
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(10),
{{/auth_jwks}}  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((value) => value === "true" || value === "1"),
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
