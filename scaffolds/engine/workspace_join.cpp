#include "scaffolds/engine/workspace_join.h"

#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "common/path_glob.h"
#include "common/toml.h"
#include "common/yaml_guard.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

[[noreturn]] void cannot(const WorkspaceFile& f, const std::string& why, const std::string& service_dir) {
  throw ScaffoldError(fmt::format("{}: {}", f.path, why),
                      fmt::format("add {} to the workspace yourself, or generate with --dir outside this repository",
                                  service_dir));
}

// Whether the member globs already decide on `dir`: a glob takes it in, or an exclusion
// (`!glob` as pnpm writes them, uv's `exclude`) keeps it out on purpose.
bool covered(const std::vector<std::string>& globs, const std::vector<std::string>& excludes, const std::string& dir) {
  auto norm = [](std::string g) {
    while (g.rfind("./", 0) == 0) g = g.substr(2);
    while (!g.empty() && g.back() == '/') g.pop_back();
    return g;
  };
  bool in = false;
  for (const auto& g : globs) {
    if (!g.empty() && g[0] == '!') {
      if (engine::path_glob_matches(norm(g.substr(1)), dir)) return true;
    } else if (engine::path_glob_matches(norm(g), dir)) {
      in = true;
    }
  }
  for (const auto& e : excludes)
    if (engine::path_glob_matches(norm(e), dir)) return true;
  return in;
}

// The index of the `]` closing the bracket at `open`, skipping quoted strings.
std::size_t closing_bracket(const std::string& text, std::size_t open) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && --depth == 0) {
      return i;
    }
  }
  return std::string::npos;
}

// `item` appended to the array opening at `open`, in the array's own layout: on its own
// line at the last element's indentation when the array spans lines.
std::string append_to_array(const std::string& text, std::size_t open, const std::string& item) {
  std::size_t close = closing_bracket(text, open);
  if (close == std::string::npos) return "";
  std::size_t last = text.find_last_not_of(" \t\r\n", close - 1);
  std::string inside = text.substr(open + 1, close - open - 1);
  if (last == open) return text.substr(0, open + 1) + item + text.substr(close);  // an empty array
  bool trailing_comma = text[last] == ',';
  if (inside.find('\n') == std::string::npos)
    return text.substr(0, last + 1) + (trailing_comma ? " " : ", ") + item + text.substr(last + 1);
  std::size_t line_start = text.rfind('\n', last);
  std::size_t indent_end = text.find_first_not_of(" \t", line_start + 1);
  std::string indent = text.substr(line_start + 1, indent_end - line_start - 1);
  return text.substr(0, last + 1) + (trailing_comma ? "" : ",") + "\n" + indent + item + (trailing_comma ? "," : "") +
         text.substr(last + 1);
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::optional<WorkspaceEdit> join_npm(const WorkspaceFile& f, const std::string& dir) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(f.text);
  } catch (const nlohmann::json::parse_error& e) {
    cannot(f, fmt::format("not valid JSON ({})", e.what()), dir);
  }
  const nlohmann::json* list = nullptr;
  if (doc.contains("workspaces")) list = &doc["workspaces"];
  if (list && list->is_object() && list->contains("packages")) list = &(*list)["packages"];
  if (!list || !list->is_array()) cannot(f, "`workspaces` is not a list of folders", dir);
  std::vector<std::string> globs;
  for (const auto& g : *list)
    if (g.is_string()) globs.push_back(g.get<std::string>());
  if (covered(globs, {}, dir)) return std::nullopt;
  // The array after "workspaces" (or its "packages"): the first '[' that follows.
  std::size_t key = f.text.find("\"workspaces\"");
  std::size_t packages = f.text.find("\"packages\"", key);
  std::size_t from = doc["workspaces"].is_object() && packages != std::string::npos ? packages : key;
  std::string edited = append_to_array(f.text, f.text.find('[', from), quoted(dir));
  nlohmann::json check;
  try {
    check = nlohmann::json::parse(edited);
  } catch (const nlohmann::json::parse_error&) {
    cannot(f, "could not add the service to `workspaces` without breaking the file", dir);
  }
  return WorkspaceEdit{f.path, edited, fmt::format("adds {} to the npm workspaces", dir)};
}

std::optional<WorkspaceEdit> join_pnpm(const WorkspaceFile& f, const std::string& dir) {
  if (engine::yaml_expands_beyond(f.text)) cannot(f, "YAML aliases here expand too far", dir);
  YAML::Node doc;
  try {
    doc = YAML::Load(f.text);
  } catch (const YAML::Exception& e) {
    cannot(f, fmt::format("{}:{}: {}", e.mark.line + 1, e.mark.column + 1, e.msg), dir);
  }
  std::vector<std::string> globs;
  if (doc.IsMap() && doc["packages"] && doc["packages"].IsSequence())
    for (const auto& g : doc["packages"]) globs.push_back(g.as<std::string>(""));
  if (covered(globs, {}, dir)) return std::nullopt;
  std::string edited;
  std::size_t at = f.text.rfind("\npackages:", std::string::npos);
  at = f.text.rfind("packages:", 0) == 0 ? 0 : (at == std::string::npos ? at : at + 1);
  if (at == std::string::npos) {
    edited = f.text + (f.text.empty() || f.text.back() == '\n' ? "" : "\n") + "packages:\n  - " + quoted(dir) + "\n";
  } else {
    std::size_t eol = f.text.find('\n', at);
    std::string header = f.text.substr(at, eol - at);
    std::size_t bracket = header.find('[');
    if (bracket != std::string::npos) {
      edited = append_to_array(f.text, at + bracket, quoted(dir));
    } else {
      // After the last `- ` line of the block (or the header when it has none yet).
      std::size_t insert = eol == std::string::npos ? f.text.size() : eol + 1;
      std::string indent = "  ";
      for (std::size_t p = insert; p < f.text.size();) {
        std::size_t e = f.text.find('\n', p);
        std::string line = f.text.substr(p, e == std::string::npos ? std::string::npos : e - p);
        std::size_t c = line.find_first_not_of(" \t");
        if (c != std::string::npos && c == 0 && line[0] != '#') break;  // the next top-level key
        if (c != std::string::npos && line[c] == '-') {
          indent = line.substr(0, c);
          insert = e == std::string::npos ? f.text.size() : e + 1;
        }
        if (e == std::string::npos) break;
        p = e + 1;
      }
      std::string before = f.text.substr(0, insert);
      if (!before.empty() && before.back() != '\n') before += "\n";
      edited = before + indent + "- " + quoted(dir) + "\n" + f.text.substr(insert);
    }
  }
  try {
    YAML::Node check = YAML::Load(edited);
    if (!check["packages"] || !check["packages"].IsSequence()) throw YAML::Exception({}, "no packages");
  } catch (const YAML::Exception&) {
    cannot(f, "could not add the service to `packages` without breaking the file", dir);
  }
  return WorkspaceEdit{f.path, edited, fmt::format("adds {} to the pnpm workspace", dir)};
}

std::optional<WorkspaceEdit> join_uv(const WorkspaceFile& f, const std::string& dir) {
  toml::table doc;
  try {
    doc = toml::parse(f.text);
  } catch (const toml::parse_error& e) {
    cannot(f, fmt::format("{}:{}: {}", e.source().begin.line, e.source().begin.column, e.description()), dir);
  }
  auto strings = [](const toml::node_view<toml::node>& n) {
    std::vector<std::string> out;
    if (const toml::array* a = n.as_array())
      for (const auto& v : *a)
        if (auto s = v.value<std::string>()) out.push_back(*s);
    return out;
  };
  auto ws = doc["tool"]["uv"]["workspace"];
  if (covered(strings(ws["members"]), strings(ws["exclude"]), dir)) return std::nullopt;
  std::size_t section = f.text.find("[tool.uv.workspace]");
  std::size_t next = f.text.find("\n[", section + 1);
  std::size_t members = f.text.find("members", section);
  std::string edited;
  if (members != std::string::npos && (next == std::string::npos || members < next)) {
    edited = append_to_array(f.text, f.text.find('[', members), quoted(dir));
  } else {
    std::size_t eol = f.text.find('\n', section);
    std::size_t insert = eol == std::string::npos ? f.text.size() : eol + 1;
    edited = f.text.substr(0, insert) + (eol == std::string::npos ? "\n" : "") + "members = [" + quoted(dir) + "]\n" +
             f.text.substr(insert);
  }
  try {
    toml::table check = toml::parse(edited);
    if (!covered(strings(check["tool"]["uv"]["workspace"]["members"]), {}, dir)) throw std::runtime_error("lost");
  } catch (const std::exception&) {
    cannot(f, "could not add the service to `[tool.uv.workspace] members` without breaking the file", dir);
  }
  return WorkspaceEdit{f.path, edited, fmt::format("adds {} to the uv workspace members", dir)};
}

}  // namespace

std::optional<WorkspaceEdit> join_workspace(const WorkspaceFile& file, const std::string& service_dir) {
  if (file.path == "pyproject.toml") return join_uv(file, service_dir);
  if (file.path == "package.json") return join_npm(file, service_dir);
  return join_pnpm(file, service_dir);
}

}  // namespace svc::scaffolds
