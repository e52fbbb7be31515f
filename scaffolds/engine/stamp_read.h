#pragma once
// Reading back the `template:` section `svc new` wrote into a service's .svc.yaml: which
// template, which version, the answers, and the hash of every file as generated.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "scaffolds/engine/resource_names.h"

namespace svc::scaffolds {

struct Stamp {
  std::string template_name;
  int version = 0;
  std::map<std::string, std::string> answers;  // as written: numbers and booleans as text
  std::map<std::string, std::string> files;    // path in the service -> "xxh3:..."
  std::vector<ResourceRecord> resources;       // added by `svc add resource`
  std::vector<std::string> owns;               // the first service's owns: list
  std::string text;                            // the whole file, to edit it in place
};

// Throws ScaffoldError naming the file (and line:column where YAML says) when the folder
// has no .svc.yaml, or one without a template: section (`svc new` did not make it).
Stamp read_stamp(const std::filesystem::path& service_dir);

}  // namespace svc::scaffolds
