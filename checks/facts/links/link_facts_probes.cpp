// Health probes declared next to a service: its Dockerfile HEALTHCHECK and the checks of
// its fly.toml. Compose and Kubernetes probes are read with their processes
// (link_facts_compose.cpp, link_facts_k8s.cpp).
#include <re2/re2.h>

#include "common/toml.h"
#include "checks/dockerfile/dockerfile.h"
#include "checks/facts/links/link_facts.h"

namespace svc::engine {

std::string probe_path(const std::string& command) {
  // A URL with a scheme (any host, the path optional), or a local address with a path:
  // `wget -qO- localhost:8080/healthz`. A bare `/dev/null` or `-h localhost` is no URL.
  static const RE2 with_scheme(R"re(\bhttps?://[^/\s'"]+(/[^\s'"?#\\;|&)]*)?)re");
  static const RE2 local(R"re(\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::[^/\s'"]+)?(/[^\s'"?#\\;|&)]*))re");
  std::string path;
  if (!RE2::PartialMatch(command, with_scheme, &path) && !RE2::PartialMatch(command, local, &path)) return "";
  return path.empty() ? "/" : path;
}

void extract_dockerfile_probes(const SourceFile& file, const docker::Dockerfile& df, LinkFacts& out) {
  const docker::Stage* final = df.final_stage();
  const docker::Instruction* check = final ? df.last_in_chain(*final, "HEALTHCHECK") : nullptr;
  if (!check || check->subcommand != "CMD") return;
  std::string command = check->command;
  for (const auto& word : check->exec) command += " " + word;
  std::string path = probe_path(command);
  if (path.empty()) return;
  out.probes.push_back({"the Dockerfile HEALTHCHECK", path,
                        {file.position_of(check->begin), file.position_of(check->end)}});
}

// `[[http_service.checks]] path = "/ping"` and `[[services.http_checks]] path = "/ping"`.
void extract_fly_probes(const SourceFile& file, LinkFacts& out) {
  toml::table table;
  try {
    table = toml::parse(file.text());
  } catch (const toml::parse_error&) {
    return;
  }
  auto add_checks = [&](const toml::array* checks) {
    if (!checks) return;
    for (const auto& check : *checks) {
      const auto* t = check.as_table();
      auto path = t ? (*t)["path"].value<std::string>() : std::nullopt;
      if (!path || path->empty()) continue;
      Position at{static_cast<int>(t->source().begin.line), 1};
      out.probes.push_back({"the fly.toml check", *path, {at, at}});
    }
  };
  add_checks(table["http_service"]["checks"].as_array());
  if (const auto* services = table["services"].as_array())
    for (const auto& s : *services)
      if (const auto* t = s.as_table()) add_checks((*t)["http_checks"].as_array());
}

}  // namespace svc::engine
