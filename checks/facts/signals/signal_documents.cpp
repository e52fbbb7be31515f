// Signals of files without code: notebooks, Go modules and programs, vercel.json crons,
// OpenAPI documents, Kubernetes CronJobs. Read from the text (vercel.json from its JSON
// tree), so they hold for files with no grammar, and for a notebook too large to read
// (its name is enough).
#include <re2/re2.h>

#include "checks/facts/signals/signal_sink.h"
#include "common/ascii.h"

namespace svc::engine {
namespace {

std::string_view file_name(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_openapi_name(std::string_view name) {
  std::string lower = ascii_lower(name);
  for (std::string_view stem : {"openapi.", "swagger."})
    for (std::string_view ext : {"json", "yaml", "yml"})
      if (lower == std::string(stem) + std::string(ext)) return true;
  return false;
}

// The line of the top-level `openapi: 3.1.0` / `"swagger": "2.0"`, or 0 when the text
// declares none. The whole text is searched: generated documents sort their keys.
int openapi_line(const SourceFile& file) {
  static const RE2 yaml(R"((?m)^['"]?(openapi|swagger)['"]?\s*:\s*['"]?[23]\.)");
  static const RE2 json(R"re("(openapi|swagger)"\s*:\s*"[23]\.)re");
  re2::StringPiece input(file.text()), match;
  const RE2& pattern = file.language() == Language::json ? json : yaml;
  if (!pattern.Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) return 0;
  return file.position_of(static_cast<std::size_t>(match.data() - file.text().data())).line;
}

bool is_vercel_config(std::string_view path) { return file_name(path) == "vercel.json"; }

// The value of `key` in a JSON object node, or a null node.
TSNode json_member(const SyntaxTree& tree, TSNode object, std::string_view key) {
  for (TSNode pair : named_children(object))
    if (node_type(pair) == "pair" && string_value(tree, field(pair, "key")) == key) return field(pair, "value");
  return TSNode{};
}

// `"crons": [{ "path": "/api/cron/digest", "schedule": "0 9 * * *" }]`: one signal per
// entry, on the line of its path; 'Access-Control-Allow-Origin' in `headers` is CORS.
void vercel_signals(const SourceFile& file, const SyntaxTree* tree, SignalFacts& out) {
  const std::string& text = file.text();
  for (auto at = text.find("Access-Control-Allow-Origin"); at != std::string::npos;
       at = text.find("Access-Control-Allow-Origin", at + 1))
    add_signal(out, SignalKind::cors, "vercel.json headers: Access-Control-Allow-Origin",
               line_span(file.position_of(at).line));
  if (!tree) return;
  TSNode root = ts_node_named_child_count(tree->root()) ? ts_node_named_child(tree->root(), 0) : TSNode{};
  if (ts_node_is_null(root) || node_type(root) != "object") return;
  TSNode crons = json_member(*tree, root, "crons");
  if (ts_node_is_null(crons) || node_type(crons) != "array") return;
  for (TSNode entry : named_children(crons)) {
    if (node_type(entry) != "object") continue;
    TSNode path = json_member(*tree, entry, "path");
    if (auto value = string_value(*tree, path))
      add_signal(out, SignalKind::cron, "vercel.json crons: " + *value, span_of(*tree, ts_node_parent(path)));
  }
}

// `kind: CronJob` documents, with their schedule when it is written plainly.
void cronjob_signals(const SourceFile& file, SignalFacts& out) {
  static const RE2 kind(R"((?m)^kind:\s*CronJob\s*$)");
  static const RE2 schedule(R"((?m)^\s+schedule:\s*['"]?([^'"\n#]+?)['"]?\s*$)");
  const std::string& text = file.text();
  re2::StringPiece input(text), match;
  for (std::size_t pos = 0; kind.Match(input, pos, input.size(), RE2::UNANCHORED, &match, 1);) {
    std::size_t at = static_cast<std::size_t>(match.data() - text.data());
    pos = at + match.size();
    re2::StringPiece rest(text.data() + pos, text.size() - pos);
    std::string when;
    RE2::PartialMatch(rest, schedule, &when);
    add_signal(out, SignalKind::cron, when.empty() ? "Kubernetes CronJob" : "Kubernetes CronJob: " + when,
               line_span(file.position_of(at).line));
  }
}

bool is_go_test(std::string_view path) { return path.ends_with("_test.go"); }

// The line of a Go program's entry, `func main()` in package main (a service's other
// files share the package, so the package alone would count each of them); 0 for none.
int main_line(const SourceFile& file) {
  static const RE2 package(R"((?m)^package\s+main\s*$)");
  static const RE2 main(R"((?m)^func\s+main\s*\(\s*\))");
  re2::StringPiece input(file.text()), match;
  if (!RE2::PartialMatch(input, package) || !main.Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) return 0;
  return file.position_of(static_cast<std::size_t>(match.data() - file.text().data())).line;
}

}  // namespace

bool is_signal_file_by_name(std::string_view path) {
  return path.ends_with(".ipynb") || file_name(path) == "go.mod" || path.ends_with(".go");
}

bool document_wants_signals(const SourceFile& file) {
  std::string_view path = file.path();
  std::string_view name = file_name(path);
  if (path.ends_with(".ipynb") || name == "go.mod") return true;
  if (path.ends_with(".go")) return !is_go_test(path) && main_line(file) > 0;
  switch (file.language()) {
    case Language::json:
      if (is_vercel_config(path))
        return file.text().find("\"crons\"") != std::string::npos ||
               file.text().find("Access-Control-Allow-Origin") != std::string::npos;
      return is_openapi_name(name) || openapi_line(file) > 0;
    case Language::yaml:
      return is_openapi_name(name) || openapi_line(file) > 0 ||
             file.text().find("CronJob") != std::string::npos;
    default: return false;
  }
}

void extract_document_signals(const SourceFile& file, const SyntaxTree* tree, SignalFacts& out) {
  std::string_view path = file.path();
  std::string_view name = file_name(path);
  if (path.ends_with(".ipynb")) return add_signal(out, SignalKind::notebook, "Jupyter notebook", line_span(1));
  if (name == "go.mod") {
    static const RE2 module(R"((?m)^module\s+"?([^\s"]+))");
    std::string module_path;
    RE2::PartialMatch(file.text(), module, &module_path);
    return add_signal(out, SignalKind::go_module, module_path.empty() ? "go.mod" : "module " + module_path,
                      line_span(1));
  }
  if (path.ends_with(".go")) {
    if (int line = is_go_test(path) ? 0 : main_line(file); line > 0)
      add_signal(out, SignalKind::go_module, "Go program (func main)", line_span(line));
    return;
  }
  if (file.language() != Language::json && file.language() != Language::yaml) return;
  if (file.language() == Language::json && is_vercel_config(path)) vercel_signals(file, tree, out);
  if (int line = openapi_line(file); line > 0 || is_openapi_name(name))
    add_signal(out, SignalKind::openapi_document, "OpenAPI document " + std::string(name), line_span(line > 0 ? line : 1));
  if (file.language() == Language::yaml) cronjob_signals(file, out);
}

}  // namespace svc::engine
