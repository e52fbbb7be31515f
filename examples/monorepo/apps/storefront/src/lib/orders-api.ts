import 'server-only';

// The orders service owns the orders: the app asks its API, never its tables.
const ORDERS_API_URL = process.env.ORDERS_API_URL ?? 'http://localhost:3000';

export type OrderLine = { productId: string; quantity: number };

export async function createOrder(customerId: string, lines: OrderLine[], idempotencyKey: string) {
  const res = await fetch(`${ORDERS_API_URL}/v1/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ customerId, lines }),
  });
  if (!res.ok) throw new Error(`orders API answered ${res.status}`);
  return (await res.json()) as { id: string; status: string };
}

export async function getOrder(id: string) {
  const res = await fetch(`${ORDERS_API_URL}/v1/orders/${encodeURIComponent(id)}`);
  if (!res.ok) throw new Error(`orders API answered ${res.status}`);
  return (await res.json()) as { id: string; status: string };
}
