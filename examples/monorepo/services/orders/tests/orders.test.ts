import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Integration tests against a real Postgres (testcontainers); only the queue and the
// token verifier are replaced.
vi.mock('../src/lib/queue.js', () => ({
  enqueueOrderConfirmation: vi.fn(async () => undefined),
  pingQueue: vi.fn(async () => undefined),
  closeQueues: vi.fn(async () => undefined),
}));
vi.mock('../src/lib/auth/jwks.js', () => ({
  verifyAccessToken: vi.fn(async () => ({ sub: 'user-1', scope: 'orders:read orders:write' })),
}));

let container: StartedPostgreSqlContainer;
let app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> };
let closePool: () => Promise<void>;

const auth = { authorization: 'Bearer test-token', 'content-type': 'application/json' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response) => (await res.json()) as Record<string, any>;

beforeAll(async () => {
  container = await new PostgreSqlContainer('postgres:16-alpine').start();
  process.env.DATABASE_URL = container.getConnectionUri();
  process.env.REDIS_URL = 'redis://127.0.0.1:6379';
  process.env.JWKS_URL = 'https://idp.test/.well-known/jwks.json';
  process.env.JWT_ISSUER = 'https://idp.test';

  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const { db, pool } = await import('../src/lib/db/client.js');
  await migrate(db, { migrationsFolder: new URL('../drizzle', import.meta.url).pathname });
  closePool = () => pool.end();

  const { createApp } = await import('../src/app.js');
  app = createApp();
}, 120_000);

afterAll(async () => {
  await closePool?.();
  await container?.stop();
});

describe('orders', () => {
  it('creates an order and reads it back', async () => {
    const body = {
      customerId: '5c9d1a52-8d0c-4f55-9a43-3f1b3e0a9a10',
      currency: 'EUR',
      items: [
        { sku: 'TSHIRT-M', quantity: 2, unitPriceCents: 1999 },
        { sku: 'MUG', quantity: 1, unitPriceCents: 1250 },
      ],
    };
    const created = await app.request('/v1/orders', { method: 'POST', headers: auth, body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const order = await json(created);
    expect(order.totalCents).toBe(5248);

    const fetched = await app.request(`/v1/orders/${order.id}`, { headers: auth });
    expect(fetched.status).toBe(200);
    expect((await json(fetched)).items).toHaveLength(2);
  });

  it('returns the documented error shape for an unknown order', async () => {
    const res = await app.request('/v1/orders/00000000-0000-4000-8000-000000000000', { headers: auth });
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('rejects an invalid body with validation details', async () => {
    const res = await app.request('/v1/orders', { method: 'POST', headers: auth, body: JSON.stringify({ items: [] }) });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('validation_failed');
  });

  it('requires a token', async () => {
    const res = await app.request('/v1/orders');
    expect(res.status).toBe(401);
  });

  it('reports healthy when the database answers', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect((await json(res)).checks.database.status).toBe('ok');
  });
});
