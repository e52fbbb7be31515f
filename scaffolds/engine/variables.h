#pragma once
// Template variables: their types, how a raw answer is checked and normalised, and the
// names derived from a slug.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svc::scaffolds {

enum class VariableType { slug, string, integer, port, choice, boolean };

struct Variable {
  std::string name;
  VariableType type = VariableType::string;
  std::vector<std::string> choices;          // type choice only
  std::optional<std::string> default_value;  // normalised, like an answer
  std::string prompt;
  std::string help;
};

// Normalised answers by variable name: slugs and strings as given, numbers in decimal,
// booleans "true"/"false", choices one of their choices.
using Answers = std::map<std::string, std::string>;

std::optional<VariableType> parse_variable_type(const std::string& text);
const char* variable_type_name(VariableType type);

struct CheckedValue {
  std::string value;  // normalised when error is empty
  std::string error;  // why the raw text is not a valid answer
  bool ok() const { return error.empty(); }
};
CheckedValue check_value(const Variable& variable, const std::string& raw);

// Lowercase letters, digits and single dashes, starting with a letter, at most 63 chars
// (a DNS label: the name ends up in hostnames, images and package names).
bool is_slug(const std::string& text);

// "my-svc" -> my_svc, mySvc, MySvc, My Svc.
struct DerivedNames {
  std::string snake, camel, pascal, title;
};
DerivedNames derive_names(const std::string& slug);

// "postgres, none" for messages and prompts.
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

}  // namespace svc::scaffolds
