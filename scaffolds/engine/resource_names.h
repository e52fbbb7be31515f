#pragma once
// The names and fields of a resource `svc add resource` adds, checked and spelled the
// ways templates need them (plural and singular; snake, camel, Pascal; per-type flags
// and example values for fixtures).
#include <string>
#include <vector>

#include "scaffolds/engine/render.h"

namespace svc::scaffolds {

struct ResourceField {
  std::string name;  // snake_case, as given
  std::string type;  // one of resource_field_types()
  bool nullable = false;
};

// string, text, int, number, bool, datetime, uuid.
const std::vector<std::string>& resource_field_types();

// NAME is a slug, plural or singular ("widgets", "category"); throws ScaffoldError.
struct ResourceNames {
  std::string plural, singular;  // slugs
};
ResourceNames resource_names(const std::string& name);

// "name:string,price:number,note:text?" (a trailing ? makes a field nullable); throws
// ScaffoldError naming the bad part. Empty: one field, name:string.
std::vector<ResourceField> parse_fields(const std::string& spec);

// A resource `svc add resource` wrote, as .svc.yaml records it, so that `svc upgrade`
// renders it again with the same names, fields and migration.
struct ResourceRecord {
  std::string name;       // NAME as given
  std::string fields;     // the --fields spec, normalised ("name:string,note:text?")
  std::string migration;  // migration_number then ("" without a database)
  std::string previous;   // previous_migration then
  std::string when;       // migration_when then
};

// `fields` written back as a --fields spec.
std::string fields_spec(const std::vector<ResourceField>& fields);

// resource_values() with the migration values a record kept.
ExtraValues record_values(const ResourceRecord& record);

// What resource/ files see: resource, resource_snake/_camel/_pascal/_title, the same with
// resource_singular, and the list `fields` (name, name_camel, name_pascal, name_title,
// type, type_<t>, nullable, required, example, example_other, first, last).
ExtraValues resource_values(const ResourceNames& names, const std::vector<ResourceField>& fields);

}  // namespace svc::scaffolds
