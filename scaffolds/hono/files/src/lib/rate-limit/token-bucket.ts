// Token-bucket arithmetic. A bucket holds at most `capacity` tokens and refills
// continuously at `capacity` per minute; a request takes one token or is refused.
// The same arithmetic runs atomically inside Redis (see TAKE_TOKEN_SCRIPT).

export interface BucketConfig {
  capacity: number;
  refillPerMs: number;
}

export interface BucketState {
  tokens: number;
  updatedAtMs: number;
}

export interface TakeResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export function perMinute(limit: number): BucketConfig {
  if (!Number.isFinite(limit) || limit <= 0) throw new RangeError("limit must be positive");
  return { capacity: limit, refillPerMs: limit / 60_000 };
}

export function refill(state: BucketState, nowMs: number, config: BucketConfig): BucketState {
  const elapsed = Math.max(0, nowMs - state.updatedAtMs);
  return {
    tokens: Math.min(config.capacity, state.tokens + elapsed * config.refillPerMs),
    updatedAtMs: Math.max(nowMs, state.updatedAtMs),
  };
}

// Whole seconds until `cost` tokens are back; at least 1 so clients never retry at once.
export function retryAfterSeconds(tokens: number, cost: number, config: BucketConfig): number {
  if (tokens >= cost) return 0;
  return Math.max(1, Math.ceil((cost - tokens) / config.refillPerMs / 1000));
}

export function take(
  state: BucketState | undefined,
  nowMs: number,
  config: BucketConfig,
  cost = 1,
): { state: BucketState; result: TakeResult } {
  const current = refill(state ?? { tokens: config.capacity, updatedAtMs: nowMs }, nowMs, config);
  const allowed = current.tokens >= cost;
  const tokens = allowed ? current.tokens - cost : current.tokens;
  return {
    state: { tokens, updatedAtMs: current.updatedAtMs },
    result: { allowed, remaining: Math.floor(tokens), retryAfterSeconds: allowed ? 0 : retryAfterSeconds(tokens, cost, config) },
  };
}

// KEYS[1]: the bucket. ARGV: capacity, refill per ms, cost. Redis' own clock is used so
// that every instance of the service agrees on time. Returns {allowed, tokens}; tokens
// as a string because Redis truncates Lua numbers to integers.
export const TAKE_TOKEN_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
if now > ts then
  tokens = math.min(capacity, tokens + (now - ts) * rate)
  ts = now
end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
return {allowed, tostring(tokens)}
`;
