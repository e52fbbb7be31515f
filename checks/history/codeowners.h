#pragma once
// GitHub/GitLab CODEOWNERS: who must review which paths. `svc review` lists the owners of
// each module next to the authors history shows.
#include <optional>
#include <string>
#include <vector>

namespace svc::history {

struct CodeOwnersRule {
  std::string pattern;              // as written
  std::vector<std::string> owners;  // "@acme/payments", "jane@example.com"
  int line = 0;
};

class CodeOwners {
 public:
  // The first of .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS (GitLab: .gitlab/CODEOWNERS)
  // under `root`; nullopt when there is none. `file` then names it, relative to root.
  static std::optional<CodeOwners> read(const std::string& root);
  // Parses text (for tests). GitLab `[Section]` headers are skipped; `^` optional sections too.
  static CodeOwners parse(const std::string& text, const std::string& file);

  const std::string& file() const { return file_; }
  const std::vector<CodeOwnersRule>& rules() const { return rules_; }
  // The owners of a path relative to the repository root: the last rule that matches
  // wins, as GitHub reads it (gitignore-style patterns). A path ending in "/" is a folder:
  // what would own the files directly inside it. Empty when none matches.
  std::vector<std::string> owners_of(const std::string& path) const;

 private:
  std::string file_;
  std::vector<CodeOwnersRule> rules_;
};

}  // namespace svc::history
