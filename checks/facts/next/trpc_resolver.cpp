#include "checks/facts/next/trpc_resolver.h"

#include <set>

#include "checks/syntax/module_resolver.h"

namespace svc::engine {
namespace {

constexpr int kMaxDepth = 12;  // import chains and router nesting deeper than this are cycles

class ProcedureResolver {
 public:
  ProcedureResolver(const std::string& root, const std::vector<const FileFacts*>& files)
      : files_(files), modules_(root, paths(files)) {}

  std::vector<ResolvedProcedure> run() {
    for (const Symbol& root : roots()) walk(root, "", true, 0);
    std::set<std::pair<int, std::size_t>> mounted;
    for (int f = 0; f < static_cast<int>(files_.size()); ++f)
      for (const auto& m : next(f).mounts)
        if (Symbol s = lookup(f, m.target, 0); s.kind == Symbol::router) mounted.insert({s.file, s.index});
    for (int f = 0; f < static_cast<int>(files_.size()); ++f)
      for (std::size_t i = 0; i < next(f).routers.size(); ++i)
        if (!visited_.count({f, i}) && !mounted.count({f, i})) walk({Symbol::router, f, i}, "", false, 0);
    for (int f = 0; f < static_cast<int>(files_.size()); ++f)
      for (const auto& p : next(f).procedures)
        if (p.router.empty() && !emitted_.count(&p)) out_.push_back({p.key, false, files_[f], &p});
    return std::move(out_);
  }

 private:
  struct Symbol {
    enum Kind { none, router, procedure };
    Kind kind = none;
    int file = -1;
    std::size_t index = 0;
  };

  static std::vector<std::string> paths(const std::vector<const FileFacts*>& files) {
    std::vector<std::string> out;
    for (const auto* f : files) out.push_back(f->path);
    return out;
  }

  const NextFacts& next(int file) const { return files_[file]->next; }

  // A router or standalone procedure bound to `name` in one file.
  Symbol defined(int file, const std::string& name) const {
    const NextFacts& n = next(file);
    for (std::size_t i = 0; i < n.routers.size(); ++i)
      if (n.routers[i].name == name) return {Symbol::router, file, i};
    for (std::size_t i = 0; i < n.procedures.size(); ++i)
      if (n.procedures[i].router.empty() && n.procedures[i].key == name) return {Symbol::procedure, file, i};
    return {};
  }

  // The only router or procedure of that name in any file: for imports of a package.
  Symbol by_name(const std::string& name) const {
    Symbol found;
    for (int f = 0; f < static_cast<int>(files_.size()); ++f)
      if (Symbol s = defined(f, name); s.kind != Symbol::none) {
        if (found.kind != Symbol::none) return {};  // ambiguous
        found = s;
      }
    return found;
  }

  Symbol lookup(int file, const std::string& target, int depth) const {
    if (depth > kMaxDepth) return {};
    auto dot = target.find('.');
    std::string name = target.substr(0, dot);
    std::string member = dot == std::string::npos ? "" : target.substr(dot + 1);
    if (member.empty())
      if (Symbol s = defined(file, name); s.kind != Symbol::none) return s;
    for (const auto& import : next(file).imports) {
      if (import.local != name) continue;
      std::string wanted = import.kind == ImportKind::namespace_object ? member : import.imported;
      if (wanted.empty() || (!member.empty() && import.kind != ImportKind::namespace_object)) return {};
      auto resolved = modules_.resolve(files_[file]->path, import.module);
      if (resolved.file >= 0) return lookup(resolved.file, wanted, depth + 1);
      return by_name(import.kind == ImportKind::default_export ? import.local : wanted);
    }
    return {};
  }

  static bool contains(const std::vector<Symbol>& symbols, const Symbol& s) {
    for (const auto& x : symbols)
      if (x.file == s.file && x.index == s.index) return true;
    return false;
  }

  // Routers handlers serve (an app often serves one from two places: a route and a server caller).
  std::vector<Symbol> roots() const {
    std::vector<Symbol> out;
    for (int f = 0; f < static_cast<int>(files_.size()); ++f)
      for (const auto& r : next(f).roots)
        if (Symbol s = lookup(f, r.target, 0); s.kind == Symbol::router && !contains(out, s)) out.push_back(s);
    if (out.empty())
      if (Symbol s = by_name("appRouter"); s.kind == Symbol::router) out.push_back(s);
    return out;
  }

  void emit(const std::string& path, bool rooted, int file, const TrpcProcedure& p) {
    emitted_.insert(&p);
    out_.push_back({path, rooted, files_[file], &p});
  }

  void walk(const Symbol& router, const std::string& prefix, bool rooted, int depth) {
    bool first = visited_.insert({router.file, router.index}).second;
    if (depth > kMaxDepth || (!first && !rooted)) return;  // under a root, each mount is a path of its own
    if (!walking_.insert({router.file, router.index}).second) return;  // a cycle
    const NextFacts& n = next(router.file);
    const std::string& name = n.routers[router.index].name;
    for (const auto& p : n.procedures)
      if (p.router == name) emit(prefix + p.key, rooted, router.file, p);
    for (const auto& m : n.mounts) {
      if (m.router != name) continue;
      Symbol s = lookup(router.file, m.target, 0);
      std::string path = prefix + m.key;
      if (s.kind == Symbol::router) walk(s, m.key.empty() ? prefix : path + ".", rooted, depth + 1);
      if (s.kind == Symbol::procedure) emit(path, rooted, s.file, next(s.file).procedures[s.index]);
    }
    walking_.erase({router.file, router.index});
  }

  const std::vector<const FileFacts*>& files_;
  ModuleMap modules_;
  std::set<std::pair<int, std::size_t>> visited_, walking_;
  std::set<const TrpcProcedure*> emitted_;
  std::vector<ResolvedProcedure> out_;
};

}  // namespace

std::vector<ResolvedProcedure> resolve_trpc_procedures(const std::string& service_root,
                                                       const std::vector<const FileFacts*>& files) {
  return ProcedureResolver(service_root, files).run();
}

}  // namespace svc::engine
