// A review assembled: system, criteria, coupling, candidates and notes, in that order,
// because the criteria weigh the coupling and the candidates weigh the criteria.
#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "checks/history/codeowners.h"
#include "checks/review/candidates.h"
#include "checks/review/wording.h"
#include "common/paths.h"
#include "checks/review/criteria.h"

namespace svc::review {
namespace {

std::string day(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

void add_history(const ReviewContext& context, Review& review, FineCoupling& fine) {
  const auto& history = context.history;
  const auto& modules = context.modules;
  if (!history.available) {
    review.notes.push_back("No change or team coupling: " + history.why);
    return;
  }
  review.history = true;
  review.commits = history.commits.size();
  review.history_days = static_cast<std::size_t>(std::max(0, context.options.history_days));
  review.notes.push_back(fmt::format(
      "History: {} from {} to {}{}; {} skipped, {} changing more than {} files left out.",
      counted(history.commits.size(), "commit"), day(history.since), day(history.until),
      context.options.history_days > 0 ? fmt::format(" (the last {} days before HEAD)", context.options.history_days)
                                       : "",
      counted(history.merges, "merge"), counted(history.too_large, "commit"), context.options.max_commit_files));
  auto unit_of = [&](const std::string& p) { return modules.unit_of(p); };
  for (auto& pair : history::change_coupling(history, unit_of, context.options.thresholds)) {
    ChangeCoupling c{pair, false};
    c.distributed_monolith = modules.is_service(c.a) && modules.is_service(c.b) &&
                             c.degree >= context.options.distributed_monolith;
    review.coupling.change.push_back(std::move(c));
  }
  // CODEOWNERS sits at the repository's root, which may be above the reviewed folder.
  std::string repository_root = context.audit.root;
  for (const auto& segment : engine::path_segments(context.audit.repository_prefix)) {
    (void)segment;
    repository_root += "/..";
  }
  auto owners = history::CodeOwners::read(repository_root);
  if (owners) review.notes.push_back("Owners from " + owners->file() + ".");
  for (auto& m : history::authors_by_module(history, unit_of)) {
    TeamModule t{m.path, std::move(m.authors), m.commits, m.main_share, {}};
    if (owners) t.owners = owners->owners_of(context.audit.repository_prefix + m.path + "/");
    review.coupling.team.push_back(std::move(t));
  }
  fine.module_of = [&modules](const std::string& p) {
    if (auto c = modules.candidate_of(p); !c.empty()) return c;
    if (auto d = modules.domain_of(p); !d.empty()) return d;
    return modules.unit_of(p);
  };
  fine.pairs = history::change_coupling(history, fine.module_of, context.options.thresholds);
  // Pairs that involve a candidate or a domain inside an app are reported too: inside a
  // monolith they are the only change coupling there is to see.
  for (const auto& pair : fine.pairs)
    if (pair.a.find('*') != std::string::npos || pair.b.find('*') != std::string::npos ||
        !modules.candidate_of(pair.a + "/x").empty() || !modules.candidate_of(pair.b + "/x").empty())
      review.coupling.change.push_back({pair, false});
  std::stable_sort(review.coupling.change.begin(), review.coupling.change.end(),
                   [](const ChangeCoupling& x, const ChangeCoupling& y) { return x.degree > y.degree; });
}

// Change coupling between services, drawn: the review's picture shows what ships together.
void add_co_changes(Review& review) {
  for (const auto& c : review.coupling.change) {
    auto a = "service:" + c.a, b = "service:" + c.b;
    auto has = [&](const std::string& id) {
      return std::any_of(review.graph.nodes.begin(), review.graph.nodes.end(), [&](const auto& n) { return n.id == id; });
    };
    if (!has(a) || !has(b)) continue;
    review.graph.edges.push_back({a, b, "co-changes",
                                  fmt::format("changed together in {:.0f}% of commits", c.degree * 100),
                                  c.distributed_monolith});
  }
  review.graph = graph::normalized(std::move(review.graph));
}

}  // namespace

Review build_review(const engine::AuditResult& audit, const history::History& history, const ReviewOptions& options) {
  engine::ServiceMap services(audit.services, audit.packages);
  engine::DerivedFacts derived(services, audit.facts, audit.config);
  ModuleMap modules(services, options.candidates);
  ReviewContext context{audit, services, derived, modules, history, options, {}, {}};
  context.imports = resolve_imports(context);
  context.table_uses = collect_table_uses(context);

  Review review;
  review.root = audit.root;
  review.graph = graph::build_graph(audit, services, derived);
  review.system = summarize_system(context, review.graph);
  review.coupling.data = data_coupling(context, review.system);
  review.coupling.code = code_coupling(context);
  FineCoupling fine;
  add_history(context, review, fine);
  add_co_changes(review);

  review.criteria = {judge_public_api(context, review.system), judge_long_running_work(context, review.system),
                     judge_background_jobs(context, review.system), judge_language_needs(context, review.system),
                     judge_complex_architecture(context, review.system, review.coupling),
                     judge_team(context, review.coupling)};

  if (options.candidates.empty()) {
    review.candidates = propose_candidates(context, review.criteria, fine);
    if (review.candidates.empty())
      review.notes.push_back("No candidate proposed: no domain of an app has tables of its own with few imports "
                             "from the rest, and no split criterion points at one. Name one with --candidate PATH.");
  } else {
    for (const auto& path : modules.candidates()) {
      Candidate c;
      c.path = path;
      assess_candidate(context, review.criteria, fine, c);
      if (c.files == 0) review.notes.push_back(fmt::format("--candidate {} selects no file svc reads.", path));
      review.candidates.push_back(std::move(c));
    }
  }
  if (audit.skipped.total())
    review.notes.push_back(fmt::format("{} files were not read ({}).", audit.skipped.total(), audit.skipped.breakdown()));
  review.notes.push_back("Code coupling counts the imports svc resolves (relative paths, workspace packages, "
                         "tsconfig aliases, Python modules of the tree); computed paths are not followed.");
  return review;
}

}  // namespace svc::review
