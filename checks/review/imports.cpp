// Imports resolved to where they lead in the reviewed tree: relative paths against the
// importing file, workspace packages and tsconfig aliases through the PackageMap, Python
// modules against the importing service's folder. What leaves the tree (the registry,
// the standard library) is dropped.
#include <set>

#include "checks/review/review_context.h"
#include "common/paths.h"

namespace svc::review {
namespace {

std::string stem(const std::string& path) {
  auto slash = path.rfind('/');
  auto dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path;
  std::string s = path.substr(0, dot);
  // `index.ts` and `__init__.py` stand for their folder.
  for (const char* index : {"/index", "/__init__"})
    if (s.size() > std::char_traits<char>::length(index) && s.ends_with(index))
      return s.substr(0, s.size() - std::char_traits<char>::length(index));
  return s;
}

class Resolver {
 public:
  explicit Resolver(const ReviewContext& context) : context_(context) {
    for (const auto& f : context.audit.facts) {
      std::string s = stem(f.path);
      known_.insert(s);
      for (auto slash = s.rfind('/'); slash != std::string::npos; slash = s.rfind('/', slash - 1)) {
        known_.insert(s.substr(0, slash));
        if (slash == 0) break;
      }
    }
  }

  std::string resolve(const std::string& from, const std::string& spec) const {
    if (spec.empty()) return "";
    if (spec[0] == '.') return relative(from, spec);
    if (spec[0] == '/') return "";
    auto targets = context_.services.packages().resolve(from, spec);
    if (!targets.empty()) return targets.front();
    if (is_python(from)) return python_absolute(from, spec);
    return "";
  }

 private:
  static bool is_python(const std::string& path) { return path.ends_with(".py"); }

  std::string relative(const std::string& from, const std::string& spec) const {
    std::string dir = engine::dir_of(from);
    if (!is_python(from) || spec.find('/') != std::string::npos) {
      std::string joined = engine::join_relative(dir.empty() ? "." : dir, spec);
      return joined == "." ? "" : stem(joined);
    }
    // Python: `.models` is a sibling, `..core.db` climbs one package.
    std::size_t dots = spec.find_first_not_of('.');
    if (dots == std::string::npos) dots = spec.size();
    std::string up;
    for (std::size_t i = 1; i < dots; ++i) up += "../";
    std::string rest = spec.substr(dots);
    for (auto& c : rest)
      if (c == '.') c = '/';
    std::string joined = engine::join_relative(dir.empty() ? "." : dir, up + (rest.empty() ? "." : rest));
    return joined == "." ? "" : joined;
  }

  // `app.billing.models` from services/api/app/main.py: the service's folder, its src/,
  // then the root; the first that names a module of the tree.
  std::string python_absolute(const std::string& from, const std::string& spec) const {
    std::string rel = spec;
    for (auto& c : rel)
      if (c == '.') c = '/';
    std::vector<std::string> bases;
    if (int s = context_.services.service_of(from); s >= 0 && context_.service(s).path != ".")
      bases = {context_.service(s).path + "/", context_.service(s).path + "/src/"};
    bases.push_back("");
    for (const auto& base : bases)
      if (known_.count(base + rel)) return base + rel;
    return "";
  }

  const ReviewContext& context_;
  std::set<std::string> known_;  // every file's stem and the folders above it
};

}  // namespace

std::vector<ResolvedImport> resolve_imports(const ReviewContext& context) {
  Resolver resolver(context);
  std::vector<ResolvedImport> out;
  for (const auto& f : context.audit.facts)
    for (const auto& m : f.imports.modules) {
      if (m.type_only) continue;
      std::string to = resolver.resolve(f.path, m.specifier);
      if (!to.empty()) out.push_back({f.path, m.line, m.specifier, std::move(to)});
    }
  return out;
}

}  // namespace svc::review
