import { sql } from 'drizzle-orm';
import { Hono } from 'hono';

import { db } from '../lib/db/client.js';
import { logger } from '../lib/logger.js';
import { pingQueue } from '../lib/queue.js';
import type { AppEnv } from '../types.js';

export const health = new Hono<AppEnv>();

async function timed(check: () => Promise<unknown>): Promise<{ status: 'ok' | 'down'; duration_ms: number }> {
  const started = performance.now();
  try {
    await check();
    return { status: 'ok', duration_ms: Math.round(performance.now() - started) };
  } catch (err) {
    logger.warn({ err }, 'health dependency check failed');
    return { status: 'down', duration_ms: Math.round(performance.now() - started) };
  }
}

// 200 only when the database and the queue answer; 503 tells the orchestrator to
// take this instance out of rotation.
health.get('/health', async (c) => {
  const [database, queue] = await Promise.all([
    timed(() => db.execute(sql`select 1`)),
    timed(() => pingQueue()),
  ]);
  const ok = database.status === 'ok' && queue.status === 'ok';
  return c.json({ status: ok ? 'ok' : 'unavailable', checks: { database, queue } }, ok ? 200 : 503);
});
