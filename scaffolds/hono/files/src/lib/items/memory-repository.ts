// Items kept in the process' memory: this service has no database. Data is lost on
// restart and not shared between instances; replace it with a real store before
// relying on it.
import { randomUUID } from "node:crypto";
import type { CreateItem, Item, UpdateItem } from "../../schemas/items.js";
import type { ItemsRepository } from "./repository.js";

export class MemoryItemsRepository implements ItemsRepository {
  private readonly items = new Map<string, Item>();

  async list(limit: number, offset: number): Promise<Item[]> {
    return [...this.items.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .slice(offset, offset + limit);
  }

  async get(id: string): Promise<Item | undefined> {
    return this.items.get(id);
  }

  async create(input: CreateItem): Promise<Item> {
    const now = new Date().toISOString();
    const item: Item = { id: randomUUID(), name: input.name, description: input.description ?? null, createdAt: now, updatedAt: now };
    this.items.set(item.id, item);
    return item;
  }

  async update(id: string, patch: UpdateItem): Promise<Item | undefined> {
    const current = this.items.get(id);
    if (!current) return undefined;
    const updated: Item = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      updatedAt: new Date().toISOString(),
    };
    this.items.set(id, updated);
    return updated;
  }

  async remove(id: string): Promise<boolean> {
    return this.items.delete(id);
  }
}
