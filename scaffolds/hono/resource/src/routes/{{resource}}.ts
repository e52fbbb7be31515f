// /v1/{{resource}}: list, create, read, update and delete, as /v1/items does.
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
{{#auth_jwks}}import { requirePermission } from "../middleware/auth.js";
{{/auth_jwks}}import { NotFoundError } from "../lib/errors/app-error.js";
import { validationHook } from "../lib/errors/handler.js";
{{#queue_bullmq}}import { idempotencyKeyOf, requestHash } from "../lib/items/idempotency.js";
{{/queue_bullmq}}import type { {{resource_pascal}}Repository } from "../lib/{{resource}}/repository.js";
import { ErrorBodySchema } from "../schemas/errors.js";
import {
  Create{{resource_singular_pascal}}Schema,
  {{resource_singular_pascal}}IdParamsSchema,
  {{resource_singular_pascal}}ListSchema,
  {{resource_singular_pascal}}Schema,
  List{{resource_pascal}}QuerySchema,
  Update{{resource_singular_pascal}}Schema,
} from "../schemas/{{resource}}.js";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const failure = (description: string) => ({ description, ...json(ErrorBodySchema) });
// Routes that read a JSON body.
const bodyErrors = {
  413: failure("The body is larger than MAX_BODY_BYTES (code payload_too_large)"),
  415: failure("The body is not JSON (code unsupported_media_type)"),
};

const commonErrors = {
  400: failure("The body cannot be read: malformed JSON (code bad_request)"),
{{#auth_jwks}}  401: failure("No valid bearer token (code unauthorized)"),
  403: failure("The token lacks the permission (code forbidden)"),
{{/auth_jwks}}  422: failure("A parameter, the query or the body does not match the schema (code validation_failed)"),
  429: failure("Rate limit reached; see Retry-After (code rate_limited)"),
  500: failure("Unexpected error (code internal)"),
};{{#auth_jwks}}
const security = [{ bearerAuth: [] }];
const canRead = [requirePermission("{{resource}}:read")];
const canWrite = [requirePermission("{{resource}}:write")];{{/auth_jwks}}

const list{{resource_pascal}} = createRoute({
  method: "get",
  path: "/{{resource}}",
  tags: ["{{resource}}"],
  summary: "List {{resource}}, oldest first",
{{#auth_jwks}}  security,
  middleware: canRead,
{{/auth_jwks}}  request: { query: List{{resource_pascal}}QuerySchema },
  responses: { 200: { description: "A page of {{resource}}", ...json({{resource_singular_pascal}}ListSchema) }, ...commonErrors },
});

const get{{resource_singular_pascal}} = createRoute({
  method: "get",
  path: "/{{resource}}/{id}",
  tags: ["{{resource}}"],
  summary: "Get one {{resource_singular}}",
{{#auth_jwks}}  security,
  middleware: canRead,
{{/auth_jwks}}  request: { params: {{resource_singular_pascal}}IdParamsSchema },
  responses: {
    200: { description: "The {{resource_singular}}", ...json({{resource_singular_pascal}}Schema) },
    404: failure("No such {{resource_singular}} (code not_found)"),
    ...commonErrors,
  },
});

const create{{resource_singular_pascal}} = createRoute({
  method: "post",
  path: "/{{resource}}",
  tags: ["{{resource}}"],
  summary: "Create one {{resource_singular}}",
{{#auth_jwks}}  security,
  middleware: canWrite,
{{/auth_jwks}}{{#queue_bullmq}}  description:
    "Optional header `Idempotency-Key` (1 to 255 printable ASCII characters): the same key with the same body " +
    "within 24 hours answers the first {{resource_singular}} again, with `Idempotent-Replayed: true`; with another body, 409 conflict.",
  // Documented, not validated by zod-openapi: a validated header would become a required
  // argument of every typed-client call. The handler checks it (idempotencyKeyOf).
  parameters: [
    { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 1, maxLength: 255 } },
  ],
{{/queue_bullmq}}  request: { body: { required: true, ...json(Create{{resource_singular_pascal}}Schema) } },
  responses: {
    201: { description: "The new {{resource_singular}}", ...json({{resource_singular_pascal}}Schema) },
{{#queue_bullmq}}    409: failure("Idempotency-Key already used with another body (code conflict)"),
{{/queue_bullmq}}    ...bodyErrors,
    ...commonErrors,
  },
});

const update{{resource_singular_pascal}} = createRoute({
  method: "patch",
  path: "/{{resource}}/{id}",
  tags: ["{{resource}}"],
  summary: "Change some fields of one {{resource_singular}}",
{{#auth_jwks}}  security,
  middleware: canWrite,
{{/auth_jwks}}  request: { params: {{resource_singular_pascal}}IdParamsSchema, body: { required: true, ...json(Update{{resource_singular_pascal}}Schema) } },
  responses: {
    200: { description: "The updated {{resource_singular}}", ...json({{resource_singular_pascal}}Schema) },
    404: failure("No such {{resource_singular}} (code not_found)"),
    ...bodyErrors,
    ...commonErrors,
  },
});

const delete{{resource_singular_pascal}} = createRoute({
  method: "delete",
  path: "/{{resource}}/{id}",
  tags: ["{{resource}}"],
  summary: "Delete one {{resource_singular}}",
{{#auth_jwks}}  security,
  middleware: canWrite,
{{/auth_jwks}}  request: { params: {{resource_singular_pascal}}IdParamsSchema },
  responses: {
    204: { description: "Deleted" },
    404: failure("No such {{resource_singular}} (code not_found)"),
    ...commonErrors,
  },
});

export interface {{resource_pascal}}Deps {
  {{resource_camel}}: {{resource_pascal}}Repository;
}

// Chained, so that AppType (and the typed client) carries every route.
export function {{resource_camel}}Routes(deps: {{resource_pascal}}Deps) {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  return router
    .openapi(list{{resource_pascal}}, async (c) => {
      const { limit, offset } = c.req.valid("query");
      const page = await deps.{{resource_camel}}.list(limit + 1, offset);
      const more = page.length > limit;
      return c.json({ items: page.slice(0, limit), nextOffset: more ? offset + limit : null }, 200);
    })
    .openapi(get{{resource_singular_pascal}}, async (c) => {
      const {{resource_singular_camel}} = await deps.{{resource_camel}}.get(c.req.valid("param").id);
      if (!{{resource_singular_camel}}) throw new NotFoundError("{{resource_singular}}");
      return c.json({{resource_singular_camel}}, 200);
    })
    .openapi(create{{resource_singular_pascal}}, async (c) => {
{{#queue_bullmq}}      // Unlike items, no job is enqueued: when this resource needs one, enqueue it as the
      // items' creator does ({{#db_postgres}}an outbox row in the same transaction, src/lib/db/create-item.ts{{/db_postgres}}{{^db_postgres}}src/lib/items/memory-create-item.ts{{/db_postgres}}).
      const input = c.req.valid("json");
      const key = idempotencyKeyOf(c.req.header("idempotency-key"));
      // Keys are per caller and per resource: the same key on /v1/items is another request.
{{#auth_jwks}}      const caller = `{{resource}} user:${c.var.user?.userId ?? ""}`;
{{/auth_jwks}}{{^auth_jwks}}      const caller = "{{resource}} anonymous";
{{/auth_jwks}}      const { {{resource_singular_camel}}, replayed } = await deps.{{resource_camel}}.create(
        input,
        key === undefined ? undefined : { caller, key, hash: requestHash(input) },
      );
      if (replayed) c.header("Idempotent-Replayed", "true");
{{/queue_bullmq}}{{^queue_bullmq}}      const {{resource_singular_camel}} = await deps.{{resource_camel}}.create(c.req.valid("json"));
{{/queue_bullmq}}      const id = {{resource_singular_camel}}.id;
      c.header("Location", `/v1/{{resource}}/${id}`);
      return c.json({{resource_singular_camel}}, 201);
    })
    .openapi(update{{resource_singular_pascal}}, async (c) => {
      const {{resource_singular_camel}} = await deps.{{resource_camel}}.update(c.req.valid("param").id, c.req.valid("json"));
      if (!{{resource_singular_camel}}) throw new NotFoundError("{{resource_singular}}");
      return c.json({{resource_singular_camel}}, 200);
    })
    .openapi(delete{{resource_singular_pascal}}, async (c) => {
      const removed = await deps.{{resource_camel}}.remove(c.req.valid("param").id);
      if (!removed) throw new NotFoundError("{{resource_singular}}");
      return c.body(null, 204);
    });
}
