// Every schema of the contract, by name. The contract tests round-trip each one against
// tests/fixtures/<name>.json, and fail when a schema here has no fixture.
import type { z } from "@hono/zod-openapi";
import { ErrorBodySchema } from "./errors.js";
import { HealthSchema } from "./health.js";
import { CreateItemSchema, ItemListSchema, ItemSchema, UpdateItemSchema } from "./items.js";

export const contractSchemas: Record<string, z.ZodType> = {
  item: ItemSchema,
  "create-item": CreateItemSchema,
  "update-item": UpdateItemSchema,
  "item-list": ItemListSchema,
  error: ErrorBodySchema,
  health: HealthSchema,
};

export * from "./errors.js";
export * from "./health.js";
export * from "./items.js";
