// The arithmetic of the token bucket (the Lua script on Redis does the same).
import { describe, expect, it } from "vitest";
import { perMinute, refill, retryAfterSeconds, take, type BucketState } from "../../src/lib/rate-limit/token-bucket.js";

describe("token bucket", () => {
  const config = perMinute(60); // one token per second

  it("starts full and takes one token per request", () => {
    let state: BucketState | undefined;
    for (let i = 0; i < 60; i++) {
      const step = take(state, 0, config);
      expect(step.result.allowed).toBe(true);
      state = step.state;
    }
    expect(state?.tokens).toBe(0);
    const refused = take(state, 0, config);
    expect(refused.result).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it("refills continuously and never above capacity", () => {
    expect(refill({ tokens: 0, updatedAtMs: 0 }, 1_500, config).tokens).toBeCloseTo(1.5);
    expect(refill({ tokens: 59, updatedAtMs: 0 }, 3_600_000, config).tokens).toBe(60);
  });

  it("ignores a clock that goes backwards", () => {
    expect(refill({ tokens: 1, updatedAtMs: 5_000 }, 4_000, config)).toEqual({ tokens: 1, updatedAtMs: 5_000 });
  });

  it("computes Retry-After in whole seconds, at least 1", () => {
    expect(retryAfterSeconds(0.99, 1, config)).toBe(1);
    expect(retryAfterSeconds(0, 1, perMinute(6))).toBe(10);
    expect(retryAfterSeconds(0.5, 1, perMinute(1))).toBe(30);
    expect(retryAfterSeconds(2, 1, config)).toBe(0);
  });

  it("refuses a limit that is not positive", () => {
    expect(() => perMinute(0)).toThrow(RangeError);
  });
});
