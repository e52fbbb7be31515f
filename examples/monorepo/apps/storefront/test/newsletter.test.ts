import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';

// Runs against the database of `docker compose up postgres` (or CI's service container).
const sql = postgres(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/storefront');

describe('newsletter_subscribers', () => {
  afterAll(() => sql.end());

  it('keeps one row per address', async () => {
    await sql`insert into newsletter_subscribers (email) values ('a@example.com') on conflict do nothing`;
    await sql`insert into newsletter_subscribers (email) values ('a@example.com') on conflict do nothing`;
    const rows = await sql`select email from newsletter_subscribers where email = 'a@example.com'`;
    expect(rows).toHaveLength(1);
  });
});
