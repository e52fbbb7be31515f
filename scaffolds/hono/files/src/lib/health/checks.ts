// Dependency checks behind /health: each one gets a short deadline, so a hung
// dependency makes the check fail fast instead of hanging the probe.
import type { CheckStatus, Health } from "../../schemas/health.js";

export type Check = () => Promise<unknown>;

export interface HealthChecks {
{{#db_postgres}}  db: Check;
{{/db_postgres}}  redis: Check;
}

export const CHECK_TIMEOUT_MS = 1_000;

async function probe(check: Check, timeoutMs: number): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
  });
  try {
    await Promise.race([check(), deadline]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(checks: HealthChecks, timeoutMs = CHECK_TIMEOUT_MS): Promise<Health> {
  const names = Object.keys(checks) as (keyof HealthChecks)[];
  const results = await Promise.all(names.map((name) => probe(checks[name], timeoutMs)));
  const entries = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Health["checks"];
  const healthy = results.every((status) => status === "ok");
  return { status: healthy ? "ok" : "unavailable", checks: entries };
}
