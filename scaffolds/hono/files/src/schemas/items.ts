// The contract of the items resource. Types are derived from these schemas, and the
// OpenAPI document is generated from them: change the schema, not a type next to it.
import { z } from "@hono/zod-openapi";

export const ItemSchema = z
  .object({
    id: z.uuid().openapi({ example: "3f0c2a55-41b1-4b3e-9a53-2d0f1e8f6a10" }),
    name: z.string().min(1).max(200).openapi({ example: "Blue widget" }),
    description: z.string().max(2000).nullable().openapi({ example: "A widget, in blue" }),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .openapi("Item");

export const CreateItemSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .openapi("CreateItem");

export const UpdateItemSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "at least one field is required" })
  .openapi("UpdateItem");

export const ItemListSchema = z
  .object({
    items: z.array(ItemSchema),
    nextOffset: z.number().int().nonnegative().nullable(),
  })
  .strict()
  .openapi("ItemList");

export const ItemIdParamsSchema = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

export const ListItemsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: "limit", in: "query" } }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ param: { name: "offset", in: "query" } }),
});

export type Item = z.infer<typeof ItemSchema>;
export type CreateItem = z.infer<typeof CreateItemSchema>;
export type UpdateItem = z.infer<typeof UpdateItemSchema>;
export type ItemList = z.infer<typeof ItemListSchema>;
