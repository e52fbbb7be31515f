// The caller's address, used to key anonymous rate limits and failed authentications.
// Each proxy appends the address it received the request from to X-Forwarded-For, so
// only the entries on the right, written by the TRUSTED_PROXY_HOPS proxies in front of
// the service, can be believed; the leftmost is whatever the client chose to send.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

// The Nth entry from the right of X-Forwarded-For, or undefined when there is no header,
// or fewer entries than hops (the request did not come through the proxies).
export function forwardedAddress(header: string | undefined, hops: number): string | undefined {
  if (hops <= 0 || !header) return undefined;
  const entries = header.split(",").map((entry) => entry.trim());
  if (entries.length < hops) return undefined;
  return entries[entries.length - hops] || undefined;
}

export function clientIp(c: Context, trustedProxyHops: number): string {
  const forwarded = forwardedAddress(c.req.header("x-forwarded-for"), trustedProxyHops);
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // no socket: the app was called in-process (tests)
  }
}
