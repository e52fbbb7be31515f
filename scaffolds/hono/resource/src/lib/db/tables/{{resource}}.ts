// The {{resource_snake}} table of the {{resource}} resource. Change it here, then `npm run
// db:generate` writes the migration into drizzle/. ../schema.ts re-exports it.
import * as pg from "drizzle-orm/pg-core";

export const {{resource_camel}} = pg.pgTable(
  "{{resource_snake}}",
  {
    id: pg.uuid("id").primaryKey().defaultRandom(),
{{#fields}}    {{name_camel}}: {{#type_string}}pg.text("{{name}}"){{/type_string}}{{#type_text}}pg.text("{{name}}"){{/type_text}}{{#type_int}}pg.integer("{{name}}"){{/type_int}}{{#type_number}}pg.doublePrecision("{{name}}"){{/type_number}}{{#type_bool}}pg.boolean("{{name}}"){{/type_bool}}{{#type_datetime}}pg.timestamp("{{name}}", { withTimezone: true }){{/type_datetime}}{{#type_uuid}}pg.uuid("{{name}}"){{/type_uuid}}{{#required}}.notNull(){{/required}},
{{/fields}}    createdAt: pg.timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: pg.timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The list's order: oldest first, then by id.
  (table) => [pg.index("{{resource_snake}}_created_at_id_idx").on(table.createdAt, table.id)],
);
