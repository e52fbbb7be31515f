// arch-graphql: a service that runs a GraphQL server (playbook, Common mistakes:
// GraphQL "because it's flexible"; pay for it only with a concrete reason). One
// finding per service, at the first manifest line that declares a server package.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "checks/engine/check.h"
#include "checks/syntax/documents.h"
#include "checks/workspace/manifests.h"
#include "common/paths.h"

namespace svc::builtin {
namespace {

using namespace engine;

// Runtime dependencies only: a GraphQL server among devDependencies mocks an upstream
// in tests, and requirements-dev.txt / requirements-test.txt are the same.
std::set<std::string> runtime_dependencies(const SourceFile& file, const Documents& documents) {
  std::string name = base_name(file.path());
  if (name == "pyproject.toml") return pyproject_dependencies(file.text());
  if (name != "package.json")
    return name.find("dev") != std::string::npos || name.find("test") != std::string::npos
               ? std::set<std::string>{}
               : requirements_dependencies(file.text());
  std::set<std::string> out;
  const auto& json = documents.json();
  if (json.is_discarded() || !json.is_object()) return out;
  for (const char* key : {"dependencies", "peerDependencies", "optionalDependencies"}) {
    auto it = json.find(key);
    if (it == json.end() || !it->is_object()) continue;
    for (const auto& [dep, _] : it->items()) {
      std::string d = dep;
      std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return std::tolower(c); });
      out.insert(d);
    }
  }
  return out;
}

// `"@apollo/server":` in package.json; `strawberry-graphql[…]`, `Strawberry_GraphQL`
// (PEP 503 spellings) in pyproject.toml and requirements files.
std::optional<std::pair<std::size_t, std::size_t>> locate(const SourceFile& file, const std::string& package) {
  std::string pattern;
  if (file.language() == Language::json) {
    pattern = "(\"" + RE2::QuoteMeta(package) + "\")\\s*:";
  } else {
    std::string name;
    for (char c : package) name += (c == '-' || c == '_' || c == '.') ? std::string("[-_.]") : RE2::QuoteMeta(std::string(1, c));
    pattern = "(?im)(?:^[ \\t]*|[\"'])(" + name + ")(?:[ \\t]*[\\[<>=!~;@\"']|[ \\t]*$)";
  }
  RE2 re(pattern);
  re2::StringPiece match;
  if (!RE2::PartialMatch(file.text(), re, &match)) return std::nullopt;
  std::size_t begin = match.data() - file.text().data();
  return std::make_pair(begin, begin + match.size());
}

struct Hit {
  std::string service_key;  // the service's folder, or the manifest's outside any service
  std::string path, package;
  Position begin, end;
  std::string line;
  std::string service_name;
};
SVC_JSON_FIELDS(Hit, service_key, path, package, begin, end, line, service_name)

class ArchGraphql : public Check {
 public:
  void configure(const YAML::Node& options) override {
    if (const auto& list = options["server_packages"]; list && list.IsSequence()) {
      servers_.clear();
      for (const auto& p : list) servers_.push_back(p.as<std::string>());
    }
  }

  // The GraphQL server packages a manifest declares, under its service's folder.
  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    const SourceFile& file = ctx.file;
    if (!is_manifest(base_name(file.path()))) return nullptr;
    std::string key = ctx.service ? ctx.service->path : folder_of(file.path());
    std::string service_name = ctx.service ? ctx.service->name : base_name(key);
    std::vector<Hit> hits;
    for (const auto& dep : runtime_dependencies(file, ctx.documents)) {
      if (!is_server(dep)) continue;
      auto at = locate(file, dep);
      if (!at) continue;
      Position b = file.position_of(at->first);
      hits.push_back({key, file.path(), dep, b, file.position_of(at->second), std::string(file.line(b.line)),
                      service_name});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      return std::tie(a.begin.line, a.begin.column) < std::tie(b.begin.line, b.begin.column);
    });
    return hits.empty() ? nullptr : notes_for(std::move(hits));
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<std::vector<Hit>>(saved);
  }

  // One finding per service, at its first declaration (notes come in path order).
  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    std::map<std::string, std::vector<const Hit*>> by_service;
    for (const auto* hits : notes_of<std::vector<Hit>>(ctx))
      for (const Hit& h : *hits) by_service[h.service_key].push_back(&h);
    for (auto& [_, hits] : by_service) {
      std::string packages;
      std::set<std::string> seen;
      for (const Hit* h : hits)
        if (seen.insert(h->package).second) packages += (packages.empty() ? "" : ", ") + h->package;
      const Hit& first = *hits.front();
      bool json = base_name(first.path) == "package.json";
      MessageArgs args = {
          {"service", first.service_name},
          {"packages", packages},
          {"manifest", first.path},
          {"suppress", json ? "a top-level \"//\": \"svc-ignore-file arch-graphql: <reason>\" entry in package.json"
                            : "a `# svc-ignore arch-graphql: <reason>` comment above this line"},
      };
      out.report_at(first.path, first.begin, first.end, args, first.line);
    }
  }

 private:
  // `apollo-server*` matches every apollo-server-<integration> package.
  bool is_server(const std::string& dep) const {
    return std::any_of(servers_.begin(), servers_.end(), [&](const std::string& p) {
      if (!p.empty() && p.back() == '*') return dep.compare(0, p.size() - 1, p, 0, p.size() - 1) == 0;
      return dep == p;
    });
  }

  std::vector<std::string> servers_;
};

}  // namespace

std::unique_ptr<engine::Check> make_arch_graphql() { return std::make_unique<ArchGraphql>(); }

}  // namespace svc::builtin
