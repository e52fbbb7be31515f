#include "checks/facts/links/link_facts.h"

#include "checks/facts/links/link_facts_code.h"
#include "checks/facts/routes/route_resolver.h"
#include "common/ascii.h"
#include "common/paths.h"

namespace svc::engine {

// Defined next to their readers: link_facts_compose.cpp, link_facts_k8s.cpp, link_facts_env.cpp.
void extract_compose_links(const SourceFile& file, const Documents& documents, LinkFacts& out);
void extract_kubernetes_links(const SourceFile& file, const Documents& documents, LinkFacts& out);
void extract_env_file_links(const SourceFile& file, LinkFacts& out);
// link_facts_probes.cpp.
void extract_dockerfile_probes(const SourceFile& file, const docker::Dockerfile& df, LinkFacts& out);
void extract_fly_probes(const SourceFile& file, LinkFacts& out);

namespace {

bool is_kubernetes_manifest(const SourceFile& file) {
  const std::string& t = file.text();
  return t.find("apiVersion") != std::string::npos && t.find("kind:") != std::string::npos;
}

// Code worth parsing for links holds a URL, reads the environment or settings, or
// names a queue (or imports a queue library: job handler modules); anything else has
// nothing to give.
bool code_may_link(const std::string& text) {
  for (const char* lit : {"://", "env", "settings", "config", "Config", "Queue", "Worker", "task", "delay",
                          "enqueue", "Processor", "bullmq", "from rq", "import rq"})
    if (text.find(lit) != std::string::npos) return true;
  return false;
}

}  // namespace

bool is_compose_file(const std::string& path) {
  std::string name = base_name(path);
  if (!name.ends_with(".yml") && !name.ends_with(".yaml")) return false;
  return name.rfind("docker-compose", 0) == 0 || name.rfind("compose.", 0) == 0 || name.rfind("compose-", 0) == 0 ||
         name.find(".compose.") != std::string::npos || name.find("-compose.") != std::string::npos;
}

bool is_fly_config(const std::string& path) {
  std::string name = base_name(path);
  return name.rfind("fly.", 0) == 0 && name.ends_with(".toml");
}

bool is_env_file(const std::string& path) {
  std::string name = base_name(path);
  return name == ".env" || name.rfind(".env.", 0) == 0 || name.ends_with(".env");
}

bool LinkFacts::empty() const {
  return processes.empty() && env.empty() && config_maps.empty() && database_urls.empty() && service_urls.empty() &&
         env_reads.empty() && queues.empty() && probes.empty();
}

bool wants_link_facts(const SourceFile& file) {
  switch (file.language()) {
    case Language::yaml: return is_compose_file(file.path()) || is_kubernetes_manifest(file);
    case Language::text: return is_env_file(file.path());
    case Language::dockerfile: return ascii_lower(file.text()).find("healthcheck") != std::string::npos;
    case Language::toml: return is_fly_config(file.path());
    case Language::typescript:
    case Language::tsx:
    case Language::javascript:
    case Language::python: return !is_test_path(file.path()) && code_may_link(file.text());
    default: return false;
  }
}

void extract_link_facts(const SourceFile& file, const SyntaxTree* tree, const docker::Dockerfile* dockerfile,
                        const Documents& documents, LinkFacts& out) {
  switch (file.language()) {
    case Language::dockerfile:
      if (dockerfile) extract_dockerfile_probes(file, *dockerfile, out);
      break;
    case Language::toml:
      if (is_fly_config(file.path())) extract_fly_probes(file, out);
      break;
    case Language::yaml:
      if (is_compose_file(file.path())) extract_compose_links(file, documents, out);
      else extract_kubernetes_links(file, documents, out);
      break;
    case Language::text: extract_env_file_links(file, out); break;
    case Language::typescript:
    case Language::tsx:
    case Language::javascript:
      if (tree) extract_js_links(*tree, out);
      break;
    case Language::python:
      if (tree) extract_python_links(*tree, out);
      break;
    default: break;
  }
}

}  // namespace svc::engine
