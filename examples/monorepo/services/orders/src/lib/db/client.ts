import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';

import { config } from '../../config.js';
import { logger } from '../logger.js';
import * as schema from './schema.js';

export const pool = new pg.Pool({
  connectionString: config.databaseUrl,
  max: config.databasePoolMax,
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 5_000,
  application_name: 'orders',
});

// An idle client losing its connection must not crash the process.
pool.on('error', (err) => {
  logger.error({ err }, 'idle postgres client error');
});

export const db = drizzle(pool, { schema });
export type Database = typeof db;
