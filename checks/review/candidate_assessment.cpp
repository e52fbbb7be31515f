// One candidate weighed: the tables that would move with it, what blocks the move (code
// outside that uses those tables or imports the candidate, code of the app it imports,
// change coupling to the rest), the authors on both sides, and the steps to take.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "checks/review/candidates.h"
#include "checks/review/wording.h"
#include "common/path_glob.h"
#include "common/paths.h"

namespace svc::review {
namespace {

constexpr std::size_t kBlockersShown = 15;
constexpr std::size_t kFewBlockers = 5, kManyBlockers = 25;

// "apps/web/**/billing/**" -> "billing"; "services/payments" -> "payments".
std::string service_name(const std::string& selector) {
  std::string name;
  for (auto seg : engine::split_segments(selector))
    if (seg.find_first_of("*?") == std::string_view::npos) name = std::string(seg);
  std::string out;
  for (char c : name) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::isalnum(static_cast<unsigned char>(l))) out += l;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "service" : out;
}

// Where the repository keeps its services: the folder most of them sit in.
std::string services_folder(const ReviewContext& context) {
  std::map<std::string, int> parents;
  for (const auto& s : context.services.services())
    if (s.path != "." && s.kind() != "other" && s.kind() != "schema") ++parents[engine::folder_of(s.path)];
  std::string best = "services";
  int most = 0;
  for (const auto& [folder, n] : parents)
    if (n > most && folder != ".") best = folder, most = n;
  return best;
}

bool points_at(const std::vector<Criterion>& criteria, const std::string& id, const std::string& selector) {
  for (const auto& c : criteria)
    if (c.id == id)
      for (const auto& e : c.evidence)
        if (!e.path.empty() && selects(selector, e.path)) return true;
  return false;
}

}  // namespace

void assess_candidate(const ReviewContext& context, const std::vector<Criterion>& criteria,
                      const FineCoupling& change, Candidate& c) {
  auto inside = [&](const std::string& path) { return selects(c.path, path); };
  for (const auto& f : context.audit.facts) c.files += inside(f.path);
  if (c.files == 0) {
    c.verdict = "unclear";
    c.recommendation = "It selects no file svc reads: check the path or glob.";
    return;
  }

  // Tables: a table moves when the candidate uses it at least as much as the rest does,
  // and writes it or nothing outside does. Otherwise it stays, and the candidate's use
  // of it is a blocker: an API call to the rest after the split.
  std::map<std::string, std::vector<const TableUse*>> in, out;
  for (const auto& u : context.table_uses) (inside(u.path) ? in : out)[u.table].push_back(&u);
  auto uses_of = [](const std::vector<const TableUse*>& uses) {
    return std::count_if(uses.begin(), uses.end(), [](const TableUse* u) { return !u->definition; });
  };
  auto writes = [](const std::vector<const TableUse*>& uses) {
    return std::any_of(uses.begin(), uses.end(), [](const TableUse* u) { return u->write; });
  };
  std::vector<Evidence> blockers;
  for (const auto& [table, uses] : in) {
    auto others = out.find(table);
    const std::vector<const TableUse*> none;
    const auto& outside = others == out.end() ? none : others->second;
    auto inside_count = uses_of(uses), outside_count = uses_of(outside);
    bool outside_writes = std::any_of(outside.begin(), outside.end(),
                                      [](const TableUse* u) { return u->write && !u->definition; });
    if (outside_count > inside_count || (!writes(uses) && outside_writes)) {
      const TableUse* first = uses.front();
      blockers.push_back({first->path, first->line,
                          fmt::format("{} {}, which stays with the rest ({} there): call its API instead",
                                      first->write ? "writes" : "reads", table, counted(outside_count, "use"))});
      continue;
    }
    c.tables.push_back(table);
    for (const TableUse* u : outside)
      if (!u->definition)
        blockers.push_back({u->path, u->line, fmt::format("{} {} from outside the candidate: call the new service instead",
                                                          u->write ? "writes" : "reads", table)});
  }
  // Code: the rest importing the candidate, and the candidate importing app code that
  // is not a package (which would have to move with it or become one).
  for (const auto& i : context.imports) {
    bool from_in = inside(i.from), to_in = inside(i.inside());
    if (!from_in && to_in)
      blockers.push_back({i.from, i.line, fmt::format("imports '{}' from the candidate", i.specifier)});
    else if (from_in && !to_in &&
             context.services.packages().containing(i.inside()) == context.services.packages().containing(i.from) &&
             context.modules.service_of(i.inside()) == context.modules.service_of(i.from))
      blockers.push_back({i.from, i.line,
                          fmt::format("imports '{}' from the app: move it along or publish it as a package", i.specifier)});
  }
  std::size_t hard = blockers.size();
  // Change: modules that change with it in most commits.
  bool ships_together = false;
  // A candidate is a module of the fine pass under its own path (a --candidate, or a domain).
  for (const auto& p : change.pairs) {
    if (p.a != c.path && p.b != c.path) continue;
    const std::string& other = p.a == c.path ? p.b : p.a;
    ships_together = ships_together || p.degree >= context.options.distributed_monolith;
    blockers.push_back({other, 0, fmt::format("changes with the candidate in {} of its commits (degree {:.2f})",
                                              p.shared_commits, p.degree)});
  }
  if (blockers.size() > kBlockersShown) {
    std::size_t more = blockers.size() - kBlockersShown;
    blockers.resize(kBlockersShown);
    blockers.push_back({"", 0, fmt::format("and {} more", more)});
  }
  c.blockers = std::move(blockers);

  // People: authors with commits on both sides.
  std::map<std::string, SpanningAuthor> authors;
  for (const auto& commit : context.history.commits) {
    bool in_c = false, out_c = false;
    for (const auto& f : commit.files) (inside(f) ? in_c : out_c) = true;
    if (!in_c && !out_c) continue;
    auto& a = authors[commit.email];
    a.name = commit.author;
    a.inside += in_c;
    a.outside += out_c;
  }
  for (auto& [_, a] : authors)
    if (a.inside && a.outside) c.authors.push_back(a);
  std::sort(c.authors.begin(), c.authors.end(), [](const auto& a, const auto& b) { return a.inside > b.inside; });
  if (c.authors.size() > 5) c.authors.resize(5);

  // Verdict and the way there.
  bool python = points_at(criteria, "language-needs", c.path);
  bool jobs = points_at(criteria, "background-jobs", c.path) || points_at(criteria, "long-running-work", c.path);
  bool reason = python || jobs || points_at(criteria, "public-api", c.path);
  if (!c.proposed) {  // proposals say why they were proposed
    if (reason) c.reasons.push_back("split criteria point at it (their evidence lies in it)");
    if (!c.tables.empty())
      c.reasons.push_back(fmt::format("{} table{} would move with it", c.tables.size(), c.tables.size() == 1 ? "" : "s"));
  }
  if (ships_together || hard > kManyBlockers) c.verdict = "stay";
  else if (hard <= kFewBlockers && (reason || !c.tables.empty())) c.verdict = "split";
  else c.verdict = "unclear";
  c.recommendation =
      c.verdict == "split"  ? (hard ? fmt::format("Worth a service of its own once {} blocker{} {} cleared.", hard,
                                                  hard == 1 ? "" : "s", hard == 1 ? "is" : "are")
                                    : std::string("Worth a service of its own; nothing outside holds on to it."))
      : c.verdict == "stay" ? (ships_together ? std::string("Keep it in place: it changes together with the rest "
                                                            "most of the time, so a split would not make it independent.")
                                              : fmt::format("Keep it in place for now: {} outside depend on it.", counted(hard, "place")))
                            : fmt::format("Weigh the {} first: the criteria do not decide it.", counted(hard, "blocker"));
  c.framework = python ? "fastapi" : "hono";
  c.client = python ? "OpenAPI document -> TanStack Query hooks (openapi-rq), as the guide's FastAPI workflow"
                    : "hc<AppType> from hono/client: end-to-end types with no code generation";
  std::string name = service_name(c.path);
  std::string dir = services_folder(context) + "/" + name;
  c.svc_new = fmt::format("svc new {} --template {} --dir {} --db postgres{} --yes", name, c.framework, dir,
                          jobs ? (python ? " --queue celery" : " --queue bullmq") : "");
  c.steps.push_back("Start the service: " + c.svc_new);
  if (!c.tables.empty())
    c.steps.push_back(fmt::format("Move {} into its database; from then on only the new service migrates {}",
                                  c.tables.size() == 1 ? "table " + c.tables.front() : counted(c.tables.size(), "table"),
                                  c.tables.size() == 1 ? "it" : "them"));
  if (hard) c.steps.push_back(fmt::format("Clear the {}: each use of a table across the new boundary becomes a "
                                          "call to its owner's API, each import a package or an API call",
                                          counted(hard, "blocker")));
  c.steps.push_back(fmt::format("Move the code of {} ({} files) behind routes of the new service", c.path, c.files));
  c.steps.push_back(python ? "Generate the client from its OpenAPI document (openapi-rq) and call it from the app"
                           : "Export `AppType` from the new service and call it from the app with hc<AppType>");
  if (jobs) c.steps.push_back(python ? "Run long work in a Celery worker, not in requests"
                                     : "Run long work in a BullMQ worker, not in requests");
  c.steps.push_back("Run `svc audit`: db-cross-service-access reports any table access left behind");
}

}  // namespace svc::review
