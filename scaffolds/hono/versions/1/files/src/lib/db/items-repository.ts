// Items in PostgreSQL, through Drizzle.
import { asc, eq } from "drizzle-orm";
import type { ItemsRepository } from "../items/repository.js";
import type { CreateItem, Item, UpdateItem } from "../../schemas/items.js";
import type { Database } from "./client.js";
import { items } from "./schema.js";

type ItemRow = typeof items.$inferSelect;

function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export class DrizzleItemsRepository implements ItemsRepository {
  constructor(private readonly db: Database) {}

  async list(limit: number, offset: number): Promise<Item[]> {
    const rows = await this.db.select().from(items).orderBy(asc(items.createdAt), asc(items.id)).limit(limit).offset(offset);
    return rows.map(toItem);
  }

  async get(id: string): Promise<Item | undefined> {
    const [row] = await this.db.select().from(items).where(eq(items.id, id)).limit(1);
    return row ? toItem(row) : undefined;
  }

  async create(input: CreateItem): Promise<Item> {
    const [row] = await this.db
      .insert(items)
      .values({ name: input.name, description: input.description ?? null })
      .returning();
    return toItem(row!);
  }

  async update(id: string, patch: UpdateItem): Promise<Item | undefined> {
    const [row] = await this.db
      .update(items)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(items.id, id))
      .returning();
    return row ? toItem(row) : undefined;
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.db.delete(items).where(eq(items.id, id)).returning({ id: items.id });
    return rows.length > 0;
  }
}
