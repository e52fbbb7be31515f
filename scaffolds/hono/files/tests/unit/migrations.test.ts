// drizzle/ agrees with src/lib/db/schema.ts: every migration the journal lists has its SQL
// and drizzle-kit's snapshot, and the newest snapshot is the schema. A schema change
// without `npm run db:generate`, or `svc add resource` without `npm run db:snapshot`,
// fails here instead of in the next migration someone generates.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { generateDrizzleJson } from "drizzle-kit/api";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/lib/db/schema.js";

const drizzle = new URL("../../drizzle/", import.meta.url);
const meta = new URL("meta/", drizzle);
const read = (url: URL) => JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
const journal = read(new URL("_journal.json", meta)) as { entries: { tag: string }[] };
const snapshotOf = (tag: string) => `${tag.split("_")[0]}_snapshot.json`;

describe("migrations", () => {
  it("has the SQL and the snapshot of every migration in the journal", () => {
    for (const { tag } of journal.entries) {
      expect(existsSync(new URL(`${tag}.sql`, drizzle)), `drizzle/${tag}.sql`).toBe(true);
      expect(existsSync(new URL(snapshotOf(tag), meta)), `drizzle/meta/${snapshotOf(tag)}: run npm run db:snapshot`).toBe(true);
    }
    expect(readdirSync(meta).filter((file) => file.endsWith("_snapshot.json"))).toHaveLength(journal.entries.length);
  });

  it("ends with the schema: nothing is left for npm run db:generate", () => {
    const newest = journal.entries.at(-1)!;
    const { id: _id, prevId: _prevId, ...snapshot } = read(new URL(snapshotOf(newest.tag), meta));
    const { id: _newId, prevId: _newPrevId, ...current } = generateDrizzleJson(schema) as unknown as Record<string, unknown>;
    expect(current).toEqual(snapshot);
  });
});
