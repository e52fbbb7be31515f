// `svc graph`: the services of a tree with their databases, tables, queues and calls,
// drawn from the same facts `svc audit` extracts, with no rule run.
#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "checks/core/rule_catalog.h"
#include "checks/engine/runner.h"
#include "checks/workspace/workspace.h"
#include "checks/graph/graph.h"
#include "cli/command_run.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"

namespace svc::cli {
namespace {

std::atomic<std::size_t> g_interrupted{0};
extern "C" void on_graph_sigint(int) { g_interrupted = 1; }

const char* const kGraphFooter =
    "Exit codes: 0 the graph was written, 2 usage, configuration or I/O error,\n"
    "130 interrupted. Violations are drawn, not counted: `svc audit` fails on them.\n\n"
    "Formats:\n"
    "  mermaid  a flowchart GitHub draws inside a ```mermaid block (the default)\n"
    "  dot      Graphviz: a box per service around what it owns\n"
    "  json     {\"nodes\": [...], \"edges\": [...]} with stable ids, for other tools;\n"
    "           always every table (--tables changes nothing), narrowed by --focus\n\n"
    "What is drawn: services, databases, queues, calls and what services do to each\n"
    "other's tables. Each service's tables are one node (\"24 tables\"), and the edges to\n"
    "them one edge with a count (\"reads 7 tables\"), so a shared schema package does\n"
    "not bury the services; --tables draws every table. --focus PATH draws one service\n"
    "(its folder or any path inside it, or a node id from --format json) with what it\n"
    "owns and its neighbours one edge away: what it calls and what calls it, its\n"
    "databases and queues, the owners of the tables it touches.\n\n"
    "Examples:\n"
    "  svc graph                                   Mermaid for the current folder\n"
    "  svc graph --format dot | dot -Tsvg > graph.svg     (dot is Graphviz)\n"
    "  svc graph --focus services/billing          billing and its neighbours\n"
    "  svc graph --tables --format dot             every table, as before a review\n"
    "  svc graph services --format json --output graph.json\n\n"
    "In a README, put the Mermaid output between a line ```mermaid and a line ```:\n"
    "GitHub draws it as a diagram.\n\n"
    "Lines: solid arrows read as a sentence (billing calls orders, reads 3 tables of\n"
    "orders); a dashed line without arrowhead is change coupling (co-changes, added by\n"
    "`svc review` from git history). Red, bold edges are what `svc audit` reports: a\n"
    "service reading or changing another service's tables (db-cross-service-access,\n"
    "db-migration-outside-owner) and a second service on one database\n"
    "(db-shared-database); a merged edge is red when any edge in it is. See `svc explain ID`.";

// The facts, and the one rule whose judgement the graph draws as it stands
// (build_graph() says which); no other rule runs.
engine::AuditOptions graph_audit(const std::string& path, const std::string& config) {
  engine::AuditOptions options;
  options.root = path;
  options.config_path = config;
  options.collect_facts = {"routes", "tables", "links", "next"};
  options.local_rules = false;  // nor the repository's own rules
  options.disable = engine::RuleCatalog::builtin().ids();  // facts only: the graph judges for itself
  options.cancel = &g_interrupted;
  return options;
}

// --focus as typed, seen from the drawn folder: kept when it names something there
// (or nothing anywhere), else an absolute or working-directory path inside the folder
// made relative to it.
std::string focus_in_root(const std::string& root, const std::string& focus) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path typed(focus);
  if (typed.is_relative() && fs::exists(fs::path(root) / typed, ec)) return focus;
  if (!fs::exists(typed, ec)) return focus;
  fs::path relative = fs::weakly_canonical(typed, ec).lexically_relative(fs::weakly_canonical(root, ec));
  if (ec || relative.empty() || *relative.begin() == "..") return focus;
  return relative.generic_string();
}

// The options, checked against the graph: a focus path must exist under the root, or
// a root-level service would silently stand for every typo.
int draw_options(const graph::Graph& full, const std::string& root, const std::string& format,
                 graph::DrawOptions& options) {
  if (format == "json") options.tables = true;  // tools want every table
  if (options.focus.empty()) return -1;
  options.focus = focus_in_root(root, options.focus);
  std::string id = graph::focus_node(full, options.focus);
  std::error_code ec;
  bool named = !id.empty() && (id == options.focus || std::filesystem::exists(std::filesystem::path(root) / options.focus, ec));
  if (named) return -1;
  return report_error("--focus: " + graph::unknown_focus_message(full, options.focus),
                      "pass a service's folder (or a path inside it) relative to the drawn folder, or a node id "
                      "from `svc graph --format json`");
}

}  // namespace

int run_graph_command(const std::vector<std::string>& args) {
  CLI::App app{"Draw the services of a repository with their databases, tables, queues and calls.",
               "svc graph"};
  std::string path = ".", format = "mermaid", output, config;
  graph::DrawOptions draw;
  app.add_option("path", path, "Folder to draw (a git work tree or a plain folder)")->capture_default_str();
  app.add_option("--format", format, "Output format")
      ->check(CLI::IsMember(graph::graph_formats()))->capture_default_str();
  app.add_flag("--tables", draw.tables, "Draw every table as its own node (default: one node per owner)");
  app.add_option("--focus", draw.focus, "Draw only this service (a folder or path inside it, or a node id) "
                                        "and its neighbours")->type_name("PATH");
  app.add_option("--output", output, "Write the graph to FILE (atomically) instead of stdout")->type_name("FILE");
  app.add_option("--config", config, "Configuration file (default: PATH/.svc.yaml when present)")->type_name("FILE");
  app.footer(kGraphFooter);
  if (int code = parse_arguments(app, "graph", args); code >= 0) return code;

  std::signal(SIGINT, on_graph_sigint);
  engine::AuditResult result;
  if (int code = run_reporting_errors("graph", "draw, e.g. `svc graph services`",
                                      [&] { result = engine::run_audit(graph_audit(path, config)); });
      code >= 0)
    return code;
  for (const auto& p : result.problems) std::cerr << "svc: warning: " << p << '\n';

  graph::Graph full = graph::build_graph(result);
  if (int code = draw_options(full, path, format, draw); code >= 0) return code;
  std::ostringstream buffer;
  try {
    graph::graph_writer_for(format)(graph::drawn(full, draw), buffer);
  } catch (const graph::UnknownFocus& e) {  // draw_options() checked it: kept for safety
    return report_error(std::string("--focus: ") + e.what());
  }
  return write_result(output, buffer.str());
}

}  // namespace svc::cli
