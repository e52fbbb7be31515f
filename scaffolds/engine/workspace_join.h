#pragma once
// A new service joins the repository's package workspace when it has one: pnpm
// (pnpm-workspace.yaml), npm or yarn (package.json `workspaces`) for a TypeScript
// service, uv (`[tool.uv.workspace]` in pyproject.toml) for a Python one. The member is
// added as text, the file's layout kept, and the result read back to check it.
#include <optional>
#include <string>
#include <vector>

namespace svc::scaffolds {

struct WorkspaceFile {
  std::string path;  // relative to the repository root
  std::string text;  // its current content
};

struct WorkspaceEdit {
  std::string path;
  std::string content;      // the edited file
  std::string description;  // "adds services/orders to the npm workspaces"
};

// Which file declares the workspace for `language` ("typescript" or "python"), among the
// ones the repository holds; `read(path)` returns a root file's text when it exists.
template <typename Read>
std::optional<WorkspaceFile> find_workspace_file(const std::string& language, Read read) {
  std::vector<const char*> candidates = {"pnpm-workspace.yaml", "package.json"};
  if (language == "python") candidates = {"pyproject.toml"};
  for (const char* path : candidates)
    if (std::optional<std::string> text = read(path)) {
      std::string t = *text;
      bool declares = language == "python" ? t.find("[tool.uv.workspace]") != std::string::npos
                      : std::string(path) == "package.json" ? t.find("\"workspaces\"") != std::string::npos
                                                            : true;
      if (declares) return WorkspaceFile{path, std::move(t)};
    }
  return std::nullopt;
}

// The edit that makes `service_dir` a member, or nothing when a member glob already
// covers it. Throws ScaffoldError when the file cannot be read or extended.
std::optional<WorkspaceEdit> join_workspace(const WorkspaceFile& file, const std::string& service_dir);

}  // namespace svc::scaffolds
