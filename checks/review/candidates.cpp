// Proposed candidates: the domains of an app whose tables nothing else touches and that
// little else imports or changes with, or that a split criterion points at.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/review/candidates.h"
#include "common/paths.h"

namespace svc::review {
namespace {

constexpr std::size_t kMaxProposals = 5;
constexpr std::size_t kFewIncomingImports = 3;
constexpr std::size_t kMinFiles = 3;  // a folder of one or two files is not a service

struct DomainStats {
  std::size_t files = 0, incoming = 0, criteria = 0;
  std::set<std::string> tables, exclusive;
  double change = 0.0;  // strongest change coupling to another module
};

}  // namespace

std::vector<Candidate> propose_candidates(const ReviewContext& context, const std::vector<Criterion>& criteria,
                                          const FineCoupling& change) {
  std::map<std::string, DomainStats> domains;
  std::map<std::string, std::set<std::string>> per_service;
  for (const auto& f : context.audit.facts)
    if (auto d = context.modules.domain_of(f.path); !d.empty()) {
      ++domains[d].files;
      per_service[context.service_path(f.path)].insert(d);
    }
  // A service with one domain is that domain: it is split already. Nor is a service's
  // namesake folder (services/reports/src/reports) a part of it.
  for (const auto& [service, ds] : per_service)
    for (const auto& d : ds)
      if (ds.size() < 2 || domain_name(d) == engine::base_name(service)) domains.erase(d);
  std::map<std::string, std::set<std::string>> touchers;  // table -> domains or units touching it
  for (const auto& u : context.table_uses) {
    std::string d = context.modules.domain_of(u.path);
    std::string who = d.empty() ? context.modules.unit_of(u.path) : d;
    if (!u.definition) touchers[u.table].insert(who);
    if (!d.empty()) domains[d].tables.insert(u.table);
  }
  for (auto& [d, s] : domains)
    for (const auto& t : s.tables)
      if (touchers[t].size() == 1 && touchers[t].count(d)) s.exclusive.insert(t);
  for (const auto& i : context.imports) {
    std::string from = context.modules.domain_of(i.from), to = context.modules.domain_of(i.inside());
    if (!to.empty() && from != to && domains.count(to)) ++domains[to].incoming;
  }
  for (const auto& c : criteria)
    if (c.verdict == "split")
      for (const auto& e : c.evidence)
        if (auto d = context.modules.domain_of(e.path); !d.empty() && domains.count(d)) ++domains[d].criteria;
  for (const auto& p : change.pairs)
    for (const auto* m : {&p.a, &p.b})
      if (domains.count(*m)) domains[*m].change = std::max(domains[*m].change, p.degree);

  std::vector<std::pair<std::string, const DomainStats*>> picked;
  for (const auto& [d, s] : domains) {
    if (s.files < kMinFiles || s.change >= context.options.distributed_monolith) continue;
    bool separable = !s.exclusive.empty() && s.incoming <= kFewIncomingImports;
    if (separable || s.criteria > 0) picked.push_back({d, &s});
  }
  std::stable_sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.second->criteria, a.second->exclusive.size(), b.second->incoming) >
           std::make_tuple(b.second->criteria, b.second->exclusive.size(), a.second->incoming);
  });
  if (picked.size() > kMaxProposals) picked.resize(kMaxProposals);

  std::vector<Candidate> out;
  for (const auto& [d, s] : picked) {
    Candidate c;
    c.path = d;
    c.proposed = true;
    if (s->criteria)
      c.reasons.push_back(fmt::format("{} place{} of split-criteria evidence lie in it", s->criteria,
                                      s->criteria == 1 ? "" : "s"));
    if (!s->exclusive.empty())
      c.reasons.push_back(fmt::format("no other module touches its table{} {}", s->exclusive.size() == 1 ? "" : "s",
                                      fmt::join(s->exclusive, ", ")));
    c.reasons.push_back(fmt::format("{} import{} of its code from the rest of the app", s->incoming,
                                    s->incoming == 1 ? "" : "s"));
    assess_candidate(context, criteria, change, c);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace svc::review
