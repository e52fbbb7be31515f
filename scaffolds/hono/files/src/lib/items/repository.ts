// What the items routes need from storage. Routes depend on this, not on the store.
import type { CreateItem, Item, UpdateItem } from "../../schemas/items.js";

export interface ItemsRepository {
  list(limit: number, offset: number): Promise<Item[]>;
  get(id: string): Promise<Item | undefined>;
  create(input: CreateItem): Promise<Item>;
  update(id: string, patch: UpdateItem): Promise<Item | undefined>;
  remove(id: string): Promise<boolean>;
}
