// `npm run db:snapshot`: writes drizzle-kit's snapshot of the newest migration when it has
// none, from the tables in src/lib/db/schema.ts.
//
// `svc add resource` writes a table's module, its SQL migration and its journal entry, but
// cannot write drizzle-kit's snapshot (drizzle/meta/NNNN_snapshot.json): a snapshot holds
// every table, and only the schema knows them all. Without it, the next `npm run
// db:generate` would diff against the previous snapshot and create the table again. Run
// this right after `svc add resource`, before changing the schema further: the snapshot
// must be the schema as the new migration leaves it.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateDrizzleJson } from "drizzle-kit/api";
import * as schema from "../src/lib/db/schema.js";

const meta = join(import.meta.dirname, "..", "drizzle", "meta");

interface Journal {
  entries: { idx: number; tag: string }[];
}

const journal = JSON.parse(readFileSync(join(meta, "_journal.json"), "utf8")) as Journal;
const newest = journal.entries.at(-1);
if (!newest) throw new Error("drizzle/meta/_journal.json lists no migration");
// drizzle-kit names a snapshot after its migration's number: 0003_widgets -> 0003_snapshot.json.
const snapshotOf = (tag: string) => `${tag.split("_")[0]}_snapshot.json`;
const target = join(meta, snapshotOf(newest.tag));

if (existsSync(target)) {
  console.log(`${target} exists already; nothing to do`);
} else {
  // Only the newest migration may lack its snapshot: an older one cannot be rebuilt from
  // today's schema.
  for (const entry of journal.entries.slice(0, -1)) {
    if (!existsSync(join(meta, snapshotOf(entry.tag)))) {
      throw new Error(`drizzle/meta/${snapshotOf(entry.tag)} is missing too; write it with drizzle-kit first`);
    }
  }
  const previous = readdirSync(meta)
    .filter((file) => file.endsWith("_snapshot.json"))
    .sort()
    .at(-1);
  const prevId = previous ? (JSON.parse(readFileSync(join(meta, previous), "utf8")) as { id: string }).id : undefined;
  writeFileSync(target, `${JSON.stringify(generateDrizzleJson(schema, prevId), null, 2)}\n`);
  console.log(`wrote ${target}`);
}
