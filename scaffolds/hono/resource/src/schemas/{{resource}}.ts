// The contract of the {{resource}} resource. Types are derived from these schemas, and the
// OpenAPI document is generated from them: change the schema, not a type next to it.
import { z } from "@hono/zod-openapi";

// Each field's rules, shared by the answer and the requests.
const fields = {
{{#fields}}  {{name_camel}}: {{#type_string}}z.string().trim().min(1).max(200){{/type_string}}{{#type_text}}z.string().max(10000){{/type_text}}{{#type_int}}z.number().int().min(-2147483648).max(2147483647){{/type_int}}{{#type_number}}z.number(){{/type_number}}{{#type_bool}}z.boolean(){{/type_bool}}{{#type_datetime}}z.iso.datetime({ offset: true }){{/type_datetime}}{{#type_uuid}}z.uuid(){{/type_uuid}}.openapi({ example: {{example}} }),
{{/fields}}};

export const {{resource_singular_pascal}}Schema = z
  .object({
    id: z.uuid().openapi({ example: "3f0c2a55-41b1-4b3e-9a53-2d0f1e8f6a10" }),
{{#fields}}    {{name_camel}}: fields.{{name_camel}}{{#nullable}}.nullable(){{/nullable}},
{{/fields}}    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .openapi("{{resource_singular_pascal}}");

// A nullable field may be left out (null).
export const Create{{resource_singular_pascal}}Schema = z
  .object({
{{#fields}}    {{name_camel}}: fields.{{name_camel}}{{#nullable}}.nullable().optional(){{/nullable}},
{{/fields}}  })
  .strict()
  .openapi("Create{{resource_singular_pascal}}");

// Only the fields to change; null clears a nullable field and is refused for the others.
export const Update{{resource_singular_pascal}}Schema = z
  .object({
{{#fields}}    {{name_camel}}: fields.{{name_camel}}{{#nullable}}.nullable(){{/nullable}}.optional(),
{{/fields}}  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: "at least one field is required" })
  .openapi("Update{{resource_singular_pascal}}");

export const {{resource_singular_pascal}}ListSchema = z
  .object({
    items: z.array({{resource_singular_pascal}}Schema),
    nextOffset: z.number().int().nonnegative().nullable(),
  })
  .strict()
  .openapi("{{resource_singular_pascal}}List");

export const {{resource_singular_pascal}}IdParamsSchema = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});

export const List{{resource_pascal}}QuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: "limit", in: "query" } }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ param: { name: "offset", in: "query" } }),
});

export type {{resource_singular_pascal}} = z.infer<typeof {{resource_singular_pascal}}Schema>;
export type Create{{resource_singular_pascal}} = z.infer<typeof Create{{resource_singular_pascal}}Schema>;
export type Update{{resource_singular_pascal}} = z.infer<typeof Update{{resource_singular_pascal}}Schema>;
export type {{resource_singular_pascal}}List = z.infer<typeof {{resource_singular_pascal}}ListSchema>;
