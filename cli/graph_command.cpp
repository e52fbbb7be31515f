// `svc graph`: the services of a tree with their databases, tables, queues and calls,
// drawn from the same facts `svc audit` extracts, with no rule run.
#include <atomic>
#include <csignal>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "checks/core/rule_catalog.h"
#include "checks/engine/runner.h"
#include "checks/workspace/workspace.h"
#include "checks/graph/graph.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "common/output_file.h"

namespace svc::cli {
namespace {

std::atomic<std::size_t> g_interrupted{0};
extern "C" void on_graph_sigint(int) { g_interrupted = 1; }

const char* const kGraphFooter =
    "Exit codes: 0 the graph was written, 2 usage, configuration or I/O error,\n"
    "130 interrupted. Violations are drawn, not counted: `svc audit` fails on them.\n\n"
    "Formats:\n"
    "  mermaid  a flowchart GitHub draws inside a ```mermaid block (the default)\n"
    "  dot      Graphviz: a cluster per service with its tables\n"
    "  json     {\"nodes\": [...], \"edges\": [...]} with stable ids, for other tools\n\n"
    "Examples:\n"
    "  svc graph                                   Mermaid for the current folder\n"
    "  svc graph --format dot | dot -Tsvg > graph.svg     (dot is Graphviz)\n"
    "  svc graph services --format json --output graph.json\n\n"
    "In a README, put the Mermaid output between a line ```mermaid and a line ```:\n"
    "GitHub draws it as a diagram.\n\n"
    "Red, bold edges are what `svc audit` reports: a service reading or changing another\n"
    "service's tables (db-cross-service-access, db-migration-outside-owner) and a second\n"
    "service on one database (db-shared-database). See `svc explain ID`.";

// The facts, and the one rule whose judgement the graph draws as it stands
// (build_graph() says which); no other rule runs.
engine::AuditOptions graph_audit(const std::string& path, const std::string& config) {
  engine::AuditOptions options;
  options.root = path;
  options.config_path = config;
  options.collect_facts = {"routes", "tables", "links", "next"};
  options.disable = engine::RuleCatalog::builtin().ids();  // facts only: the graph judges for itself
  options.cancel = &g_interrupted;
  return options;
}

}  // namespace

int run_graph_command(const std::vector<std::string>& args) {
  CLI::App app{"Draw the services of a repository with their databases, tables, queues and calls.",
               "svc graph"};
  std::string path = ".", format = "mermaid", output, config;
  app.add_option("path", path, "Folder to draw (a git work tree or a plain folder)")->capture_default_str();
  app.add_option("--format", format, "Output format")
      ->check(CLI::IsMember(graph::graph_formats()))->capture_default_str();
  app.add_option("--output", output, "Write the graph to FILE (atomically) instead of stdout");
  app.add_option("--config", config, "Configuration file (default: PATH/.svc.yaml when present)");
  app.footer(kGraphFooter);
  if (int code = parse_arguments(app, "graph", args); code >= 0) return code;

  std::signal(SIGINT, on_graph_sigint);
  engine::AuditResult result;
  try {
    result = engine::run_audit(graph_audit(path, config));
  } catch (const engine::Interrupted&) {
    std::cerr << "svc: interrupted\n";
    return kInterrupted;
  } catch (const engine::ConfigError& e) {
    return report_error(e.what(), "fix the configuration; `svc audit` reports the same error");
  } catch (const engine::WorkspaceError& e) {
    return report_error(e.what(), "pass the folder to draw, e.g. `svc graph services`");
  } catch (const engine::UsageError& e) {
    return report_error(e.what(), "run 'svc graph --help' for usage");
  }
  for (const auto& p : result.problems) std::cerr << "svc: warning: " << p << '\n';

  std::ostringstream buffer;
  graph::graph_writer_for(format)(graph::build_graph(result), buffer);
  if (output.empty()) {
    std::cout << buffer.str() << std::flush;
  } else if (std::string err; !write_output_file(output, buffer.str(), err)) {
    return report_error(fmt::format("cannot write {}: {}", output, err));
  }
  return kSuccess;
}

}  // namespace svc::cli
