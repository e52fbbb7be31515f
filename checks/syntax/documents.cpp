#include "checks/syntax/documents.h"

#include <algorithm>

namespace svc::engine {

const std::vector<YAML::Node>& Documents::yaml() const {
  if (!yaml_) yaml_ = load_yaml_documents(file_.text());
  return *yaml_;
}

const nlohmann::json& Documents::json() const {
  if (!json_) json_ = nlohmann::json::parse(file_.text(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  return *json_;
}

std::vector<YAML::Node> load_yaml_documents(const std::string& text) {
  try {
    return YAML::LoadAll(text);
  } catch (const YAML::Exception&) {
  }
  // One bad document (a Helm template, say) should not hide the others.
  std::vector<YAML::Node> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t sep = text.find("\n---", start);
    std::string part = text.substr(start, sep == std::string::npos ? std::string::npos : sep + 1 - start);
    try {
      // Keep line numbers: pad with the newlines before this document.
      out.push_back(YAML::Load(std::string(std::count(text.begin(), text.begin() + start, '\n'), '\n') + part));
    } catch (const YAML::Exception&) {
    }
    if (sep == std::string::npos) break;
    start = text.find('\n', sep + 1);
    if (start == std::string::npos) break;
    ++start;
  }
  return out;
}

}  // namespace svc::engine
