// Complex architecture and team: what the code, its data and the people who change it
// say about splitting. Thresholds are documented in docs/guide/review.md.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "checks/review/criteria.h"
#include "checks/review/wording.h"

namespace svc::review {
namespace {

constexpr std::size_t kManyTables = 30, kFewTables = 15;
constexpr std::size_t kManyDomains = 6, kFewDomains = 4;
constexpr std::size_t kDomainFiles = 3;   // a domain of one or two files is a detail, not a part of the design
constexpr std::size_t kDomainsNamed = 12;
constexpr std::size_t kActiveAuthorCommits = 3;  // an author with fewer commits in the window is a visitor
constexpr std::size_t kLargeTeam = 8, kSmallTeam = 3;
constexpr std::size_t kOwnedAreaCommits = 10;
constexpr double kOwnedAreaShare = 0.5;

}  // namespace

Criterion judge_complex_architecture(const ReviewContext& context, const System& system, const Coupling& coupling) {
  Criterion c{"complex-architecture", "", "", {}};
  std::size_t hidden = 0;
  std::map<std::string, std::map<std::string, std::size_t>> files;  // app -> domain -> files
  for (const auto& f : context.audit.facts)
    if (auto d = context.modules.domain_of(f.path); !d.empty()) ++files[context.service_path(f.path)][d];
  std::size_t most_domains = 0;
  for (const auto& [app, ds] : files) {
    std::vector<std::pair<std::size_t, std::string>> sized;  // largest first
    for (const auto& [d, n] : ds)
      if (n >= kDomainFiles) sized.push_back({n, domain_name(d)});
    most_domains = std::max(most_domains, sized.size());
    if (sized.size() < 2) continue;
    std::stable_sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string names;
    for (std::size_t i = 0; i < sized.size() && i < kDomainsNamed; ++i)
      names += (names.empty() ? "" : ", ") + fmt::format("{} ({})", sized[i].second, sized[i].first);
    if (sized.size() > kDomainsNamed) names += fmt::format(" and {} more", sized.size() - kDomainsNamed);
    add_evidence(c, {app, 0, fmt::format("{} domains of {} files or more, largest first: {}", sized.size(),
                                         kDomainFiles, names)},
                 hidden);
  }
  std::size_t cycles = 0;
  for (const auto& code : coupling.code)
    if (code.cycle) {
      ++cycles;
      add_evidence(c, {code.example.path, code.example.line,
                       fmt::format("{} imports {} and is imported back (a cycle)", code.from, code.to)},
                   hidden);
    }
  for (const auto& d : coupling.data)
    if (d.kind != "shared-table" || d.owner.empty())
      add_evidence(c, {d.evidence.empty() ? "" : d.evidence.front().path, d.evidence.empty() ? 0 : d.evidence.front().line,
                       fmt::format("{} {}", d.kind, d.subject)},
                   hidden);
  std::vector<std::string> monoliths;
  for (const auto& ch : coupling.change)
    if (ch.distributed_monolith) {
      monoliths.push_back(ch.a + " + " + ch.b);
      add_evidence(c, {ch.a, 0, fmt::format("{} and {} change together in {:.0f}% of their commits", ch.a, ch.b,
                                            ch.degree * 100)},
                   hidden);
    }
  close_evidence(c, hidden);
  std::size_t tables = system.tables.size();
  if (tables >= kManyTables && most_domains >= kManyDomains) c.verdict = "split";
  else if (tables < kFewTables && most_domains < kFewDomains && cycles == 0) c.verdict = "stay";
  else c.verdict = "unclear";
  c.summary = fmt::format("{}, {}, up to {} in one app, {}, {}", counted(system.services.size(), "service"),
                          counted(tables, "table"), counted(most_domains, "domain"), counted(cycles, "import cycle"),
                          counted(coupling.data.size(), "data coupling"));
  if (!monoliths.empty())
    c.summary += fmt::format("; {} of services {} together (a distributed monolith)",
                             counted(monoliths.size(), "pair"), monoliths.size() == 1 ? "ships" : "ship");
  return c;
}

Criterion judge_team(const ReviewContext& context, const Coupling& coupling) {
  Criterion c{"team", "unclear", "", {}};
  if (!context.history.available) {
    c.summary = "no history to read: " + context.history.why;
    return c;
  }
  std::map<std::string, std::size_t> per_author;
  for (const auto& commit : context.history.commits) ++per_author[commit.email];
  std::size_t active = 0;
  for (const auto& [_, n] : per_author) active += n >= kActiveAuthorCommits;
  std::size_t hidden = 0;
  std::set<std::string> area_owners;
  std::size_t areas = 0;
  for (const auto& m : coupling.team) {
    if (m.commits < kOwnedAreaCommits || m.authors.empty() || m.main_share < kOwnedAreaShare) continue;
    ++areas;
    area_owners.insert(m.authors.front().email);
    add_evidence(c, {m.path, 0, fmt::format("{} wrote {:.0f}% of its {} commits", m.authors.front().name,
                                            m.main_share * 100, m.commits)},
                 hidden);
  }
  close_evidence(c, hidden);
  // A team's languages, as far as the code shows them: any Python or Go file says more.
  bool typescript_only = std::none_of(context.audit.facts.begin(), context.audit.facts.end(),
                                      [](const engine::FileFacts& f) {
                                        return f.path.ends_with(".py") || f.path.ends_with(".go") ||
                                               f.path.ends_with("go.mod");
                                      }) &&
                         std::all_of(context.services.services().begin(), context.services.services().end(),
                                     [](const engine::Service& s) { return s.language != "python"; });
  if (active >= kLargeTeam && area_owners.size() >= 2) c.verdict = "split";
  else if (active <= kSmallTeam) c.verdict = "stay";
  c.summary = fmt::format("{} (at least {} commits) in {}; {} with a main author{}",
                          counted(active, "active author"), kActiveAuthorCommits,
                          counted(context.history.commits.size(), "commit"), counted(areas, "area"),
                          typescript_only ? "; the code is all TypeScript/JavaScript" : "");
  return c;
}

}  // namespace svc::review
