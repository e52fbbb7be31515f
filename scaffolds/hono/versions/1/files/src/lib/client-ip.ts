// The caller's address, used to key anonymous rate limits. X-Forwarded-For is read
// only when TRUST_PROXY says a proxy in front of the service sets it; otherwise any
// client could pick its own bucket.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // no socket: the app was called in-process (tests)
  }
}
