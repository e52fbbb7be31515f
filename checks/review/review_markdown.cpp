// `svc review --format markdown`: the review document, for a pull request or an ADR
// folder. GitHub renders its tables and its Mermaid diagram.
#include <sstream>

#include <fmt/format.h>

#include "checks/review/review.h"

namespace svc::review {
namespace {

constexpr std::size_t kRowsShown = 25;  // longer lists are cut with a count: the JSON has them all

// Free text: `hc<AppType>` would otherwise be read as an HTML tag and vanish.
std::string text(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '<' ? std::string("&lt;") : c == '>' ? std::string("&gt;") : std::string(1, c);
  return out;
}

// Table cells: a pipe or a newline would end the cell.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : text(s)) out += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
  return out.empty() ? "-" : out;
}

std::string where(const Evidence& e) {
  if (e.path.empty()) return "";
  return e.line > 0 ? fmt::format("`{}:{}`", e.path, e.line) : fmt::format("`{}`", e.path);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void more(std::ostream& out, std::size_t total) {
  if (total > kRowsShown) out << fmt::format("\n_… and {} more (see `--format json`)._\n", total - kRowsShown);
}

void write_system(const System& s, std::ostream& out) {
  out << "## The system\n\n| Service | Kind | Language | Framework |\n|---|---|---|---|\n";
  for (const auto& x : s.services)
    out << fmt::format("| `{}` | {} | {} | {} |\n", x.path, x.kind, cell(x.language), cell(x.framework));
  for (const auto& a : s.next_apps) {
    out << fmt::format("\n### Next.js app `{}`\n\n{} route handlers, {} Server Actions, {} tRPC procedures.\n",
                       a.path, a.route_handlers.size(), a.server_actions.size(), a.trpc_procedures.size());
    if (!a.route_handlers.empty()) {
      out << "\n| Route | Method | Where |\n|---|---|---|\n";
      for (std::size_t i = 0; i < a.route_handlers.size() && i < kRowsShown; ++i) {
        const auto& r = a.route_handlers[i];
        out << fmt::format("| `{}` | {} | `{}:{}` |\n", r.route, r.method, r.path, r.line);
      }
      more(out, a.route_handlers.size());
    }
    if (!a.server_actions.empty()) {
      out << "\n| Server Action | Where |\n|---|---|\n";
      for (std::size_t i = 0; i < a.server_actions.size() && i < kRowsShown; ++i)
        out << fmt::format("| `{}` | `{}:{}` |\n", a.server_actions[i].name, a.server_actions[i].path,
                           a.server_actions[i].line);
      more(out, a.server_actions.size());
    }
    for (const auto& c : a.segment_config)
      out << fmt::format("\n- `{} = {}` at `{}:{}`", c.name, c.value, c.path, c.line);
    if (!a.segment_config.empty()) out << '\n';
  }
  if (!s.databases.empty()) {
    out << "\n### Databases\n\n| Database | Services |\n|---|---|\n";
    for (const auto& d : s.databases) out << fmt::format("| {} | {} |\n", cell(d.label), cell(joined(d.services)));
  }
  if (!s.tables.empty()) {
    out << fmt::format("\n### Tables ({})\n\n| Table | Owner | Read by | Written by |\n|---|---|---|---|\n",
                       s.tables.size());
    for (std::size_t i = 0; i < s.tables.size() && i < kRowsShown; ++i) {
      const auto& t = s.tables[i];
      out << fmt::format("| `{}` | {} | {} | {} |\n", t.name, cell(t.owner), cell(joined(t.readers)),
                         cell(joined(t.writers)));
    }
    more(out, s.tables.size());
  }
  if (!s.queues.empty()) {
    out << "\n### Queues\n\n| Queue | Producers | Consumers |\n|---|---|---|\n";
    for (const auto& q : s.queues)
      out << fmt::format("| `{}` | {} | {} |\n", q.name, cell(joined(q.producers)), cell(joined(q.consumers)));
  }
  if (!s.calls.empty()) {
    out << "\n### Calls\n\n| From | To | Via |\n|---|---|---|\n";
    for (const auto& c : s.calls) out << fmt::format("| `{}` | `{}` | {} |\n", c.from, c.to, cell(c.via));
  }
}

void write_coupling(const Review& review, std::ostream& out) {
  const Coupling& c = review.coupling;
  out << "\n## Coupling\n\n### Data\n\n";
  if (c.data.empty()) out << "No table or database is shared.\n";
  else out << "| Kind | Table or database | Owner | Also touched by | Where |\n|---|---|---|---|---|\n";
  for (const auto& d : c.data)
    out << fmt::format("| {} | `{}` | {} | {} | {} |\n", d.kind, d.subject, cell(d.owner), cell(joined(d.modules)),
                       d.evidence.empty() ? "-" : where(d.evidence.front()));
  out << "\n### Code\n\n";
  if (c.code.empty()) out << "No module imports another.\n";
  else out << "| From | To | Imports | Cycle | First import |\n|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < c.code.size() && i < kRowsShown; ++i) {
    const auto& x = c.code[i];
    out << fmt::format("| `{}` | `{}` | {} | {} | {} |\n", x.from, x.to, x.imports, x.cycle ? "yes" : "", where(x.example));
  }
  more(out, c.code.size());
  out << "\n### Change\n\n";
  if (!review.history) out << "Not measured: no history (see the notes).\n";
  else if (c.change.empty()) out << "No two modules change together above the thresholds.\n";
  else out << "| Module | Module | Shared commits | Revisions | Degree | |\n|---|---|---|---|---|---|\n";
  for (const auto& x : c.change)
    out << fmt::format("| `{}` | `{}` | {} | {} / {} | {:.2f} | {} |\n", x.a, x.b, x.shared_commits, x.revisions_a,
                       x.revisions_b, x.degree, x.distributed_monolith ? "ships together" : "");
  out << "\n### Team\n\n";
  if (!review.history) out << "Not measured: no history (see the notes).\n";
  else out << "| Module | Commits | Main author | Share | Authors | Owners |\n|---|---|---|---|---|---|\n";
  for (const auto& t : c.team)
    out << fmt::format("| `{}` | {} | {} | {:.0f}% | {} | {} |\n", t.path, t.commits,
                       t.authors.empty() ? "-" : cell(t.authors.front().name), t.main_share * 100, t.authors.size(),
                       cell(joined(t.owners)));
}

void write_candidate(const Candidate& c, std::ostream& out) {
  out << fmt::format("\n### `{}`: {}\n\n{}{}\n", c.path, c.verdict, text(c.recommendation),
                     c.proposed ? " _(proposed by svc)_" : "");
  for (const auto& r : c.reasons) out << "- " << text(r) << '\n';
  if (!c.framework.empty()) out << fmt::format("\n**Framework:** {}; client: {}.\n", c.framework, text(c.client));
  out << "\n**Tables that would move:** " << (c.tables.empty() ? "none" : "`" + joined(c.tables) + "`") << "\n";
  if (!c.blockers.empty()) {
    out << "\n**Blockers:**\n\n";
    for (const auto& b : c.blockers) out << "- " << (b.path.empty() ? "" : where(b) + " ") << text(b.note) << '\n';
  }
  if (!c.authors.empty()) {
    out << "\n**Authors on both sides:** ";
    std::string list;
    for (const auto& a : c.authors) list += (list.empty() ? "" : ", ") + fmt::format("{} ({} in, {} out)", a.name, a.inside, a.outside);
    out << list << "\n";
  }
  if (!c.steps.empty()) out << "\n**Steps:**\n\n";
  for (std::size_t i = 0; i < c.steps.size(); ++i) out << i + 1 << ". " << text(c.steps[i]) << '\n';
  if (!c.svc_new.empty()) out << "\n```sh\n" << c.svc_new << "\n```\n";
}

}  // namespace

void write_review_markdown(const Review& review, std::ostream& out) {
  out << "# Architecture review\n\n";
  out << (review.history ? fmt::format("Made by `svc review` from the code and {} commits of history.\n", review.commits)
                         : std::string("Made by `svc review` from the code (no history).\n"));
  out << "\n## Verdicts\n\n| Criterion | Verdict | Summary |\n|---|---|---|\n";
  for (const auto& c : review.criteria) out << fmt::format("| {} | **{}** | {} |\n", c.id, c.verdict, cell(c.summary));
  out << '\n';
  write_system(review.system, out);
  out << "\n### Diagram\n\n```mermaid\n";
  std::ostringstream diagram;
  // Each owner's tables collapsed into one node: the services and their coupling stay readable.
  graph::write_mermaid(graph::drawn(review.graph, {}), diagram);
  out << diagram.str() << "```\n";
  out << "\n## Split criteria\n";
  for (const auto& c : review.criteria) {
    out << fmt::format("\n### {}: {}\n\n{}\n", c.id, c.verdict, text(c.summary));
    if (!c.evidence.empty()) out << '\n';
    for (const auto& e : c.evidence) out << "- " << (e.path.empty() ? "" : where(e) + " ") << text(e.note) << '\n';
  }
  write_coupling(review, out);
  out << "\n## Candidates\n";
  if (review.candidates.empty()) out << "\nNone (see the notes).\n";
  for (const auto& c : review.candidates) write_candidate(c, out);
  out << "\n## Notes\n\n";
  for (const auto& n : review.notes) out << "- " << text(n) << '\n';
}

}  // namespace svc::review
