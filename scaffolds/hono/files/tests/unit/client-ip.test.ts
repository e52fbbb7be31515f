// The client address behind TRUSTED_PROXY_HOPS proxies: only the entries the proxies
// appended to X-Forwarded-For count, never the leftmost one the client wrote.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientIp, forwardedAddress } from "../../src/lib/client-ip.js";

async function addressSeen(hops: number, forwardedFor?: string): Promise<string> {
  const app = new Hono();
  app.get("/", (c) => c.text(clientIp(c, hops)));
  const res = await app.request("/", { headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } });
  return res.text();
}

describe("client address", () => {
  it("takes the entry the one trusted proxy appended, not the client's", async () => {
    expect(await addressSeen(1, "spoofed, 203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts hops from the right", () => {
    expect(forwardedAddress("spoofed, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(forwardedAddress("203.0.113.7", 1)).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For with 0 hops (the default)", async () => {
    // In-process there is no socket: the peer is "unknown".
    expect(await addressSeen(0, "spoofed, 203.0.113.7")).toBe("unknown");
  });

  it("uses the peer when the header has fewer entries than hops", async () => {
    expect(await addressSeen(2, "203.0.113.7")).toBe("unknown");
    expect(await addressSeen(1)).toBe("unknown");
    expect(forwardedAddress("", 1)).toBeUndefined();
  });
});
