#include "checks/syntax/documents.h"

#include "common/yaml_guard.h"

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
    return load_yaml_stream(text);
  } catch (const YAML::Exception&) {
  }
  // One bad document (a Helm template, say) should not hide the others.
  std::vector<YAML::Node> out;
  for (const auto& document : yaml_document_texts(text)) {
    try {
      YAML::Node node = YAML::Load(document);
      if (!node.IsNull()) out.push_back(std::move(node));
    } catch (const YAML::Exception&) {
    }
  }
  return out;
}

}  // namespace svc::engine
