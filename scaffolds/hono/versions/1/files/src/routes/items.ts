// /v1/items: the example resource. Copy this file for the next resource.
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
{{#auth_jwks}}import { requirePermission } from "../middleware/auth.js";
{{/auth_jwks}}import { NotFoundError } from "../lib/errors/app-error.js";
import { validationHook } from "../lib/errors/handler.js";
import type { ItemsRepository } from "../lib/items/repository.js";
{{#queue_bullmq}}import type { ItemEvents } from "../lib/jobs/item-events.js";
{{/queue_bullmq}}import { ErrorBodySchema } from "../schemas/errors.js";
import {
  CreateItemSchema,
  ItemIdParamsSchema,
  ItemListSchema,
  ItemSchema,
  ListItemsQuerySchema,
  UpdateItemSchema,
} from "../schemas/items.js";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const failure = (description: string) => ({ description, ...json(ErrorBodySchema) });

const commonErrors = {
  400: failure("The request is not valid (code validation_failed or bad_request)"),
{{#auth_jwks}}  401: failure("No valid bearer token (code unauthorized)"),
  403: failure("The token lacks the permission (code forbidden)"),
{{/auth_jwks}}  429: failure("Rate limit reached; see Retry-After (code rate_limited)"),
  500: failure("Unexpected error (code internal)"),
};{{#auth_jwks}}
const security = [{ bearerAuth: [] }];
const canRead = [requirePermission("items:read")];
const canWrite = [requirePermission("items:write")];{{/auth_jwks}}

const listItems = createRoute({
  method: "get",
  path: "/items",
  tags: ["items"],
  summary: "List items, oldest first",
{{#auth_jwks}}  security,
  middleware: canRead,
{{/auth_jwks}}  request: { query: ListItemsQuerySchema },
  responses: { 200: { description: "A page of items", ...json(ItemListSchema) }, ...commonErrors },
});

const getItem = createRoute({
  method: "get",
  path: "/items/{id}",
  tags: ["items"],
  summary: "Get one item",
{{#auth_jwks}}  security,
  middleware: canRead,
{{/auth_jwks}}  request: { params: ItemIdParamsSchema },
  responses: {
    200: { description: "The item", ...json(ItemSchema) },
    404: failure("No such item (code not_found)"),
    ...commonErrors,
  },
});

const createItem = createRoute({
  method: "post",
  path: "/items",
  tags: ["items"],
  summary: "Create an item",
{{#auth_jwks}}  security,
  middleware: canWrite,
{{/auth_jwks}}  request: { body: { required: true, ...json(CreateItemSchema) } },
  responses: { 201: { description: "The new item", ...json(ItemSchema) }, ...commonErrors },
});

const updateItem = createRoute({
  method: "patch",
  path: "/items/{id}",
  tags: ["items"],
  summary: "Change some fields of an item",
{{#auth_jwks}}  security,
  middleware: canWrite,
{{/auth_jwks}}  request: { params: ItemIdParamsSchema, body: { required: true, ...json(UpdateItemSchema) } },
  responses: {
    200: { description: "The updated item", ...json(ItemSchema) },
    404: failure("No such item (code not_found)"),
    ...commonErrors,
  },
});

const deleteItem = createRoute({
  method: "delete",
  path: "/items/{id}",
  tags: ["items"],
  summary: "Delete an item",
{{#auth_jwks}}  security,
  middleware: canWrite,
{{/auth_jwks}}  request: { params: ItemIdParamsSchema },
  responses: {
    204: { description: "Deleted" },
    404: failure("No such item (code not_found)"),
    ...commonErrors,
  },
});

export interface ItemsDeps {
  items: ItemsRepository;
{{#queue_bullmq}}  events: ItemEvents;
{{/queue_bullmq}}}

export function itemsRoutes(deps: ItemsDeps) {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  return router
    .openapi(listItems, async (c) => {
      const { limit, offset } = c.req.valid("query");
      const page = await deps.items.list(limit + 1, offset);
      const more = page.length > limit;
      return c.json({ items: page.slice(0, limit), nextOffset: more ? offset + limit : null }, 200);
    })
    .openapi(getItem, async (c) => {
      const item = await deps.items.get(c.req.valid("param").id);
      if (!item) throw new NotFoundError("item");
      return c.json(item, 200);
    })
    .openapi(createItem, async (c) => {
      const item = await deps.items.create(c.req.valid("json"));
{{#queue_bullmq}}      await deps.events.itemCreated(item);
{{/queue_bullmq}}      c.header("Location", `/v1/items/${item.id}`);
      return c.json(item, 201);
    })
    .openapi(updateItem, async (c) => {
      const item = await deps.items.update(c.req.valid("param").id, c.req.valid("json"));
      if (!item) throw new NotFoundError("item");
      return c.json(item, 200);
    })
    .openapi(deleteItem, async (c) => {
      const removed = await deps.items.remove(c.req.valid("param").id);
      if (!removed) throw new NotFoundError("item");
      return c.body(null, 204);
    });
}
