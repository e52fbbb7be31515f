CREATE TABLE "{{resource_snake}}" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
{{#fields}}	"{{name}}" {{#type_string}}text{{/type_string}}{{#type_text}}text{{/type_text}}{{#type_int}}integer{{/type_int}}{{#type_number}}double precision{{/type_number}}{{#type_bool}}boolean{{/type_bool}}{{#type_datetime}}timestamp with time zone{{/type_datetime}}{{#type_uuid}}uuid{{/type_uuid}}{{#required}} NOT NULL{{/required}},
{{/fields}}	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "{{resource_snake}}_created_at_id_idx" ON "{{resource_snake}}" USING btree ("created_at","id");
