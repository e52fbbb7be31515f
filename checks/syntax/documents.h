#pragma once
// A YAML or JSON file's documents, parsed on first use and then shared by every fact
// kind and check that reads the file: a compose file or a package.json is parsed once
// per audit, not once per reader. One per file, used by the one thread handling it.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "checks/core/source_file.h"

namespace svc::engine {

class Documents {
 public:
  explicit Documents(const SourceFile& file) : file_(file) {}

  // Every YAML document of the file; a broken one is left out, never the rest.
  const std::vector<YAML::Node>& yaml() const;
  // The file as JSON (comments allowed); is_discarded() when it is not JSON.
  const nlohmann::json& json() const;

 private:
  const SourceFile& file_;
  mutable std::optional<std::vector<YAML::Node>> yaml_;
  mutable std::optional<nlohmann::json> json_;
};

// Every document of a YAML text; a broken document ends the list, never the audit.
std::vector<YAML::Node> load_yaml_documents(const std::string& text);

}  // namespace svc::engine
