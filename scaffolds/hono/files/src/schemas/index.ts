// Every schema of the contract, by name. The contract tests round-trip each one against
// tests/fixtures/<name>.json, and fail when a schema here has no fixture.
import type { z } from "@hono/zod-openapi";
import { ErrorBodySchema } from "./errors.js";
import { HealthSchema } from "./health.js";
import { CreateItemSchema, ItemListSchema, ItemSchema, UpdateItemSchema } from "./items.js";
// svc:resource-imports (`svc add resource` imports the schemas of each new resource here)

export const contractSchemas: Record<string, z.ZodType> = {
  item: ItemSchema,
  "create-item": CreateItemSchema,
  "update-item": UpdateItemSchema,
  "item-list": ItemListSchema,
  error: ErrorBodySchema,
  health: HealthSchema,
  // svc:resource-contract-schemas
};

export * from "./errors.js";
export * from "./health.js";
export * from "./items.js";
// svc:resource-exports
