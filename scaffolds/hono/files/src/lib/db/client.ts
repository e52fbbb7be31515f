// One connection pool per process (postgres.js), wrapped by Drizzle.
import { sql as rawSql } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema.js";

export type Database = PostgresJsDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function connectDatabase(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  const db = drizzle(client, { schema });
  return {
    db,
    ping: async () => {
      await db.execute(rawSql`select 1`);
    },
    // Lets running queries finish (up to 5 s), then closes every connection.
    close: () => client.end({ timeout: 5 }),
  };
}
