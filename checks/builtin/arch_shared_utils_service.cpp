// arch-shared-utils-service: a "utils/common/shared" service other services call over
// the network (playbook, Common mistakes: a distributed singleton; make it a library).
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/facts/links/link_names.h"
#include "checks/facts/links/service_links.h"

namespace svc::builtin {
namespace {

using namespace engine;

std::set<std::string> words_of(const YAML::Node& node) {
  std::set<std::string> out;
  if (node && node.IsSequence())
    for (const auto& w : node) out.insert(name_key(w.as<std::string>()));
  return out;
}

std::vector<std::string> tokens(const std::string& key) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= key.size()) {
    std::size_t e = key.find('-', b);
    std::string t = key.substr(b, e == std::string::npos ? std::string::npos : e - b);
    if (!t.empty()) out.push_back(t);
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

// Who a call targets: an svc service, or a compose service svc did not discover.
std::string target_id(const ServiceCall& c) {
  return c.callee >= 0 ? "s:" + std::to_string(c.callee) : "c:" + name_key(c.callee_name);
}

class ArchSharedUtilsService : public Check {
 public:
  void configure(const YAML::Node& options) override {
    if (options["utility_words"]) utility_ = words_of(options["utility_words"]);
    if (options["shared_words"]) shared_ = words_of(options["shared_words"]);
    if (options["min_callers"]) min_callers_ = options["min_callers"].as<int>();
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    const ServiceLinks& links = ctx.derived.links();
    std::map<std::string, std::vector<const ServiceCall*>> by_target;
    for (const auto& c : links.calls)
      if (!c.tentative && c.caller >= 0) by_target[target_id(c)].push_back(&c);
    for (const auto& [id, calls] : by_target) {
      const ServiceCall& first = *calls.front();
      std::vector<std::string> names = first.callee >= 0 ? links.names_of(ctx.services, first.callee)
                                                         : std::vector<std::string>{first.callee_name};
      auto named = std::find_if(names.begin(), names.end(), [&](const std::string& n) { return utility_name(n); });
      if (named == names.end()) continue;
      auto callers = callers_of(ctx, links, calls, names);
      if (static_cast<int>(callers.size()) < min_callers_) continue;
      report(ctx, links, first, *named, callers, out);
    }
  }

 private:
  // `utils`, `shared-utils`, `acme-helpers`: a utility word anywhere. `common`,
  // `shared`, `core-lib`: a name made of nothing but such words (`shared-auth` is an
  // auth service). Suffixes such as -service and -api do not count.
  bool utility_name(const std::string& name) const {
    auto parts = tokens(name_stem(name_key(name)));
    if (parts.empty()) return false;
    bool utility = std::any_of(parts.begin(), parts.end(), [&](const std::string& t) { return utility_.count(t); });
    bool all_shared = std::all_of(parts.begin(), parts.end(),
                                  [&](const std::string& t) { return utility_.count(t) || shared_.count(t); });
    return utility || (all_shared && !(parts.size() == 1 && parts[0] == "core"));
  }

  // Caller name -> the first evidence of its calls, other services only.
  std::map<std::string, const ServiceCall*> callers_of(const WorkspaceContext& ctx, const ServiceLinks& links,
                                                       const std::vector<const ServiceCall*>& calls,
                                                       const std::vector<std::string>& target_names) const {
    std::map<std::string, const ServiceCall*> out;
    for (const ServiceCall* c : calls) {
      auto caller_names = links.names_of(ctx.services, c->caller);
      bool own_process = std::any_of(caller_names.begin(), caller_names.end(), [&](const std::string& n) {
        return std::find(target_names.begin(), target_names.end(), n) != target_names.end();
      });
      if (own_process) continue;
      auto& slot = out[ctx.services.services()[c->caller].name];
      if (!slot || std::make_pair(c->site.path, c->site.span.begin.line) <
                       std::make_pair(slot->site.path, slot->site.span.begin.line))
        slot = c;
    }
    return out;
  }

  static std::string evidence(const ServiceCall& c) {
    switch (c.how) {
      case CallKind::depends_on: return fmt::format("depends_on at {}", c.site.describe());
      case CallKind::url: return fmt::format("URL at {}", c.site.describe());
      case CallKind::env_var: break;
    }
    return fmt::format("{} at {}", c.detail, c.site.describe());
  }

  // At the service's compose definition, else its Kubernetes workload, else its entry file.
  void report(const WorkspaceContext& ctx, const ServiceLinks& links, const ServiceCall& first, const std::string& name,
              const std::map<std::string, const ServiceCall*>& callers, FindingSink& out) const {
    const ProcessInfo* site = nullptr;
    for (const auto& p : links.processes) {
      bool same = first.callee >= 0 ? p.service == first.callee : name_key(p.name) == name_key(first.callee_name);
      if (!same || p.tentative) continue;
      if (!site || (site->kind != ProcessDecl::Kind::compose && p.kind == ProcessDecl::Kind::compose)) site = &p;
    }
    std::string list;
    for (const auto& [caller, call] : callers)
      list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", caller, evidence(*call));
    MessageArgs args = {{"service", first.callee >= 0 ? ctx.services.services()[first.callee].name : first.callee_name},
                        {"name", name},
                        {"count", std::to_string(callers.size())},
                        {"callers", list}};
    std::string matched = "utility service " + name;
    if (site) return out.report_at(site->site.path, site->site.span.begin, site->site.span.end, args, matched);
    if (first.callee >= 0) out.report_at(ctx.services.services()[first.callee].anchor_file(), {}, {}, args, matched);
  }

  std::set<std::string> utility_ = {"utils", "util", "utilities", "helpers", "helper", "misc", "toolbox"};
  std::set<std::string> shared_ = {"common", "commons", "shared", "lib", "libs", "core", "corelib", "general"};
  int min_callers_ = 1;
};

}  // namespace

std::unique_ptr<engine::Check> make_arch_shared_utils_service() { return std::make_unique<ArchSharedUtilsService>(); }

}  // namespace svc::builtin
