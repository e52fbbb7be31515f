// Link facts of a docker-compose file: its services, how each is built, what it
// depends on, its environment and env files, and the queues its command consumes.
#include "checks/facts/links/link_facts.h"
#include "checks/facts/links/link_facts_yaml.h"
#include "checks/facts/links/link_urls.h"

namespace svc::engine {

namespace {

class ComposeReader {
 public:
  ComposeReader(const SourceFile& file, LinkFacts& out) : file_(file), out_(out), dir_(folder_of(file.path())) {}

  void run(const std::vector<YAML::Node>& docs) {
    if (docs.empty() || !docs.front().IsMap()) return;
    const YAML::Node& root = docs.front();
    YAML::Node services = root["services"];
    if (!services) services = legacy_services(root);
    if (!services || !services.IsMap()) return;
    out_.compose = true;
    for (const auto& kv : services) {
      if (!kv.second.IsMap() && !kv.second.IsNull()) continue;
      out_.processes.push_back(read_service(kv.first, kv.second));
    }
  }

 private:
  // Compose file format 1: services at the top level.
  static YAML::Node legacy_services(const YAML::Node& root) {
    for (const auto& kv : root)
      if (!kv.second.IsMap() || (!kv.second["image"] && !kv.second["build"])) return YAML::Node();
    return root;
  }

  ProcessDecl read_service(const YAML::Node& key, const YAML::Node& body) {
    ProcessDecl p;
    p.kind = ProcessDecl::Kind::compose;
    p.name = key.Scalar();
    p.span = yaml_span(file_, key);
    for_each_pair(body, [&](const YAML::Node& k, const YAML::Node& v) {
      const std::string& field = k.Scalar();
      if (field == "build") read_build(v, p);
      else if (field == "image") p.image = yaml_string(v);
      else if (field == "environment") read_environment(v, p.env);
      else if (field == "env_file") read_env_files(v, p);
      else if (field == "depends_on" || field == "links") read_depends_on(v, p);
      else if (field == "command") read_command(v, p);
      else if (field == "healthcheck") read_healthcheck(v, p);
    });
    return p;
  }

  // `build: ./dir` or `build: {context: ., dockerfile: services/orders/Dockerfile}`.
  void read_build(const YAML::Node& v, ProcessDecl& p) {
    std::string context = v.IsScalar() ? v.Scalar() : yaml_string(v["context"]);
    if (context.empty()) context = ".";
    if (context.find("://") != std::string::npos || context.rfind("git@", 0) == 0) return;  // a remote context
    p.build = join_relative(dir_, context);
    if (v.IsMap())
      if (auto df = yaml_scalar(v["dockerfile"]); df && !p.build.empty()) p.dockerfile = join_relative(p.build, *df);
  }

  void read_environment(const YAML::Node& v, std::vector<EnvVar>& env) {
    if (v.IsSequence()) {
      for (const auto& item : v) {  // - NAME=value (a bare NAME passes the shell's value through)
        std::string s = yaml_string(item);
        auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0) continue;
        add_env_var(env, {s.substr(0, eq), strip_password(s.substr(eq + 1)), yaml_span(file_, item)});
      }
      return;
    }
    for_each_pair(v, [&](const YAML::Node& k, const YAML::Node& val) {
      if (auto s = yaml_scalar(val)) add_env_var(env, {k.Scalar(), strip_password(*s), yaml_span(file_, k)});
    });
  }

  // `env_file: .env`, a list of paths, or a list of {path:, required:}.
  void read_env_files(const YAML::Node& v, ProcessDecl& p) {
    for (const auto& item : yaml_list(v)) {
      std::string path = item.IsMap() ? yaml_string(item["path"]) : yaml_string(item);
      if (auto joined = join_relative(dir_, path); !joined.empty() && joined != ".") p.env_files.push_back(joined);
    }
  }

  void read_depends_on(const YAML::Node& v, ProcessDecl& p) {
    if (v.IsMap()) {
      for (const auto& kv : v) p.depends_on.push_back({kv.first.Scalar(), yaml_span(file_, kv.first)});
      return;
    }
    for (const auto& item : yaml_list(v)) {
      std::string name = yaml_string(item);
      name = name.substr(0, name.find(':'));  // links: "service:alias"
      if (!name.empty()) p.depends_on.push_back({name, yaml_span(file_, item)});
    }
  }

  void read_command(const YAML::Node& v, ProcessDecl& p) {
    for (auto& q : queues_of_command(command_words(yaml_list(v)))) {
      q.span = yaml_span(file_, v);
      p.queues.push_back(std::move(q));
    }
  }

  // `test: ["CMD", "curl", "-f", "http://localhost:3000/ping"]` or `test: curl -f ... || exit 1`.
  void read_healthcheck(const YAML::Node& v, ProcessDecl& p) {
    if (!v.IsMap() || yaml_string(v["disable"]) == "true") return;
    std::string command;
    for (const auto& part : yaml_list(v["test"])) command += yaml_string(part) + " ";
    if (std::string path = probe_path(command); !path.empty())
      p.probes.push_back({"the compose healthcheck of " + p.name, path, yaml_span(file_, v["test"])});
  }

  const SourceFile& file_;
  LinkFacts& out_;
  std::string dir_;
};

}  // namespace

void extract_compose_links(const SourceFile& file, const Documents& documents, LinkFacts& out) {
  try {
    ComposeReader(file, out).run(documents.yaml());
  } catch (const YAML::Exception&) {
    // A node of an unexpected shape: keep what was read.
  }
}

}  // namespace svc::engine
