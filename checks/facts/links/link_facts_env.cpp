// Link facts of `.env` files: their variables, as dotenv reads them.
#include <cctype>

#include "checks/facts/links/link_facts.h"
#include "checks/facts/links/link_facts_yaml.h"
#include "checks/facts/links/link_urls.h"

namespace svc::engine {
namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// `"quoted"` / `'quoted'` lose their quotes; an unquoted value ends at ` #`.
std::string env_value(std::string_view raw) {
  raw = trim(raw);
  if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
    auto close = raw.find(raw.front(), 1);
    return std::string(raw.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  if (auto hash = raw.find(" #"); hash != std::string_view::npos) raw = trim(raw.substr(0, hash));
  return std::string(raw);
}

}  // namespace

void extract_env_file_links(const SourceFile& file, LinkFacts& out) {
  out.env_file = true;
  for (int n = 1; n <= file.line_count(); ++n) {
    std::string_view line = trim(file.line(n));
    if (line.empty() || line.front() == '#') continue;
    if (line.substr(0, 7) == "export ") line = trim(line.substr(7));
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = trim(line.substr(0, eq));
    if (!valid_name(name)) continue;
    std::size_t begin = static_cast<std::size_t>(name.data() - file.text().data());
    std::size_t end = static_cast<std::size_t>(line.data() + line.size() - file.text().data());
    add_env_var(out.env, {std::string(name), strip_password(env_value(line.substr(eq + 1))),
                          {file.position_of(begin), file.position_of(end)}});
  }
}

}  // namespace svc::engine
