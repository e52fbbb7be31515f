import { config } from '../config.js';
import { AppError } from '../lib/errors.js';

// Provider calls are bounded by a timeout; a provider outage surfaces as 502, not 500.
export async function postJson<T>(url: string, apiKey: string, body: unknown, idempotencyKey: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(config.PROVIDER_TIMEOUT_MS),
    });
  } catch (err) {
    throw new AppError(502, 'provider_unavailable', 'Notification provider did not answer', {
      reason: err instanceof Error ? err.name : 'unknown',
    });
  }
  if (res.status >= 500) {
    throw new AppError(502, 'provider_unavailable', 'Notification provider failed', { status: res.status });
  }
  if (!res.ok) {
    throw new AppError(422, 'provider_rejected', 'Notification provider rejected the message', {
      status: res.status,
    });
  }
  return (await res.json()) as T;
}
