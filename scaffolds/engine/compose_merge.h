#pragma once
// A new service joins a repository's compose file: the services, volumes and networks
// of the template's own compose file are added under the file's top-level keys, as
// text, so every comment, order and quoting of the file stays as the team wrote it.
#include <string>

namespace svc::scaffolds {

// `existing` is the repository's compose file (named `display_path` in messages);
// `addition` the template's rendered compose file. Returns the edited text. Throws
// ScaffoldError when the file cannot be read as YAML, already defines one of the names
// added, or holds a key in a form that cannot be extended by adding lines.
std::string merge_compose(const std::string& existing, const std::string& addition, const std::string& display_path);

}  // namespace svc::scaffolds
