#include "scaffolds/engine/resource_names.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/variables.h"

namespace svc::scaffolds {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool vowel(char c) { return std::string("aeiou").find(c) != std::string::npos; }

// Words ending so are singular already (status, bus, analysis, address).
bool singular_ending(const std::string& w) { return ends_with(w, "us") || ends_with(w, "is") || ends_with(w, "ss"); }

std::string singular_of(const std::string& p) {
  if (singular_ending(p)) return p;
  if (ends_with(p, "ies") && p.size() > 3) return p.substr(0, p.size() - 3) + "y";
  for (const char* t : {"uses", "sses", "xes", "zes", "ches", "shes"})
    if (ends_with(p, t)) return p.substr(0, p.size() - 2);
  if (ends_with(p, "s")) return p.substr(0, p.size() - 1);
  return p;
}

std::string plural_of(const std::string& s) {
  if (ends_with(s, "y") && s.size() > 1 && !vowel(s[s.size() - 2])) return s.substr(0, s.size() - 1) + "ies";
  for (const char* t : {"s", "x", "z", "ch", "sh"})
    if (ends_with(s, t)) return s + "es";
  return s + "s";
}

// Examples a fixture can hold, as JSON literals: two different values per type.
std::pair<std::string, std::string> examples(const std::string& type) {
  if (type == "string") return {"\"example\"", "\"another\""};
  if (type == "text") return {"\"A longer text.\"", "\"Another text.\""};
  if (type == "int") return {"42", "7"};
  if (type == "number") return {"4.5", "12.25"};
  if (type == "bool") return {"true", "false"};
  if (type == "datetime") return {"\"2026-01-02T03:04:05Z\"", "\"2026-02-03T04:05:06Z\""};
  return {"\"3f0c2a55-41b1-4b3e-9a53-2d0f1e8f6a10\"", "\"0b7d6c52-9a4e-4f0e-8d1c-2e3f4a5b6c7d\""};
}

void add_names(ExtraValues& v, const std::string& prefix, const std::string& slug) {
  DerivedNames d = derive_names(slug);
  v.values[prefix] = slug;
  v.values[prefix + "_snake"] = d.snake;
  v.values[prefix + "_camel"] = d.camel;
  v.values[prefix + "_pascal"] = d.pascal;
  v.values[prefix + "_title"] = d.title;
}

bool identifier(const std::string& s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z') || s.size() > 50) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

const std::vector<std::string>& resource_field_types() {
  static const std::vector<std::string> types = {"string", "text", "int", "number", "bool", "datetime", "uuid"};
  return types;
}

ResourceNames resource_names(const std::string& name) {
  if (!is_slug(name))
    throw ScaffoldError(fmt::format("'{}' is not a resource name", name),
                        "lowercase letters, digits and single dashes, starting with a letter: e.g. widgets, line-items");
  ResourceNames n;
  std::string one = singular_of(name);
  n.singular = one;
  n.plural = one == name ? plural_of(name) : name;
  if (n.singular == n.plural)
    throw ScaffoldError(fmt::format("'{}' has the same singular and plural", name), "pick a countable noun, e.g. widgets");
  return n;
}

std::vector<ResourceField> parse_fields(const std::string& spec) {
  if (spec.empty()) return {{"name", "string", false}};
  std::vector<ResourceField> out;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    std::string part = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    std::size_t colon = part.find(':');
    ResourceField f;
    f.name = part.substr(0, colon);
    f.type = colon == std::string::npos ? "string" : part.substr(colon + 1);
    if (!f.type.empty() && f.type.back() == '?') f.nullable = true, f.type.pop_back();
    const auto& types = resource_field_types();
    if (!identifier(f.name))
      throw ScaffoldError(fmt::format("--fields: '{}' is not a field name", f.name),
                          "snake_case: lowercase letters, digits and _, starting with a letter");
    if (f.name == "id" || f.name == "created_at" || f.name == "updated_at")
      throw ScaffoldError(fmt::format("--fields: '{}' is added by the template itself", f.name),
                          "every resource has id, created_at and updated_at already");
    if (std::find(types.begin(), types.end(), f.type) == types.end())
      throw ScaffoldError(fmt::format("--fields: {} has the unknown type '{}'", f.name, f.type),
                          fmt::format("types: {}; a trailing ? makes a field nullable (note:text?)", join(types)));
    if (!seen.insert(f.name).second) throw ScaffoldError(fmt::format("--fields: '{}' is given twice", f.name));
    out.push_back(f);
  }
  return out;
}

ExtraValues resource_values(const ResourceNames& names, const std::vector<ResourceField>& fields) {
  ExtraValues v;
  add_names(v, "resource", names.plural);
  add_names(v, "resource_singular", names.singular);
  auto& list = v.lists["fields"];
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const ResourceField& f = fields[i];
    ExtraValues::Record r;
    std::string as_slug = f.name;
    std::replace(as_slug.begin(), as_slug.end(), '_', '-');
    DerivedNames d = derive_names(as_slug);
    r["name"] = f.name;
    r["name_camel"] = d.camel;
    r["name_pascal"] = d.pascal;
    r["name_title"] = d.title;
    r["type"] = f.type;
    for (const auto& t : resource_field_types()) r["type_" + t] = f.type == t;
    r["nullable"] = f.nullable;
    r["required"] = !f.nullable;
    auto [example, other] = examples(f.type);
    r["example"] = example;
    r["example_other"] = other;
    r["first"] = i == 0;
    r["last"] = i + 1 == fields.size();
    list.push_back(std::move(r));
  }
  return v;
}

std::string fields_spec(const std::vector<ResourceField>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ",") + f.name + ":" + f.type + (f.nullable ? "?" : "");
  return out;
}

ExtraValues record_values(const ResourceRecord& record) {
  ExtraValues v = resource_values(resource_names(record.name), parse_fields(record.fields));
  v.values["migration_number"] = record.migration;
  v.values["migration_index"] = record.migration.empty() ? "0" : std::to_string(std::stoi(record.migration));
  v.values["previous_migration"] = record.previous;
  v.values["first_migration"] = record.previous.empty();
  v.values["migration_when"] = record.when;
  return v;
}

}  // namespace svc::scaffolds
