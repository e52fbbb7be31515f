// Link facts of Kubernetes manifests: containers of workloads with their literal
// `env` values, `envFrom` ConfigMaps and worker commands, and ConfigMap data.
#include <set>

#include "checks/facts/links/link_facts.h"
#include "checks/facts/links/link_facts_yaml.h"
#include "checks/facts/links/link_urls.h"

namespace svc::engine {
namespace {

// The pod spec of a workload, wherever its kind keeps it.
YAML::Node pod_spec(const std::string& kind, const YAML::Node& doc) {
  static const std::set<std::string> templated = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                                                  "Job", "Rollout", "ReplicationController"};
  if (kind == "Pod") return doc["spec"];
  if (templated.count(kind)) return doc["spec"]["template"]["spec"];
  if (kind == "CronJob") return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"];
  return YAML::Node();
}

class ManifestReader {
 public:
  ManifestReader(const SourceFile& file, LinkFacts& out) : file_(file), out_(out) {}

  void read(const YAML::Node& doc) {
    if (!doc.IsMap()) return;
    std::string kind = yaml_string(doc["kind"]);
    if (kind == "List") {
      for (const auto& item : yaml_list(doc["items"])) read(item);
      return;
    }
    const YAML::Node meta = doc["metadata"];
    std::string name = meta ? yaml_string(meta["name"]) : "";
    std::string ns = meta && meta["namespace"] ? yaml_string(meta["namespace"]) : "default";
    if (kind == "ConfigMap") return read_config_map(doc["data"], name, ns);
    YAML::Node spec = pod_spec(kind, doc);
    if (!spec || !spec.IsMap()) return;
    for (const char* list : {"initContainers", "containers"})
      for (const auto& c : yaml_list(spec[list]))
        if (c.IsMap()) read_container(c, name, ns);
  }

 private:
  void read_config_map(const YAML::Node& data, const std::string& name, const std::string& ns) {
    ConfigMapDecl cm{name, ns, {}};
    for_each_pair(data, [&](const YAML::Node& k, const YAML::Node& v) {
      if (auto s = yaml_scalar(v); s && s->find("{{") == std::string::npos)
        add_env_var(cm.data, {k.Scalar(), strip_password(*s), yaml_span(file_, k)});
    });
    if (!cm.data.empty()) out_.config_maps.push_back(std::move(cm));
  }

  void read_container(const YAML::Node& c, const std::string& workload, const std::string& ns) {
    ProcessDecl p;
    p.kind = ProcessDecl::Kind::kubernetes;
    p.name = workload;
    p.container = yaml_string(c["name"]);
    p.namespace_ = ns;
    p.image = yaml_string(c["image"]);
    p.span = yaml_span(file_, c["name"] ? c["name"] : c);
    for (const auto& e : yaml_list(c["env"])) {
      if (!e.IsMap()) continue;
      auto value = yaml_scalar(e["value"]);  // valueFrom (secrets, fields) is not knowable
      std::string var = yaml_string(e["name"]);
      if (value && !var.empty() && value->find("{{") == std::string::npos)
        add_env_var(p.env, {var, strip_password(*value), yaml_span(file_, e["name"])});
    }
    for (const auto& from : yaml_list(c["envFrom"]))
      if (from.IsMap() && from["configMapRef"])
        if (auto n = yaml_scalar(from["configMapRef"]["name"]))
          p.config_maps.push_back({*n, yaml_span(file_, from["configMapRef"]["name"])});
    std::vector<YAML::Node> parts = yaml_list(c["command"]);
    for (const auto& a : yaml_list(c["args"])) parts.push_back(a);
    for (auto& q : queues_of_command(command_words(parts))) {
      q.span = p.span;
      p.queues.push_back(std::move(q));
    }
    for (const char* kind : {"livenessProbe", "readinessProbe", "startupProbe"}) read_probe(c[kind], kind, p);
    out_.processes.push_back(std::move(p));
  }

  // `httpGet: {path: /ping}` (the path defaults to /), or an `exec` command calling a URL.
  void read_probe(const YAML::Node& probe, const std::string& kind, ProcessDecl& p) {
    if (!probe || !probe.IsMap()) return;
    // Spans are taken from the nodes where they stand: assigning a YAML::Node would
    // rebind the shared document's node, not this variable.
    std::string path;
    SourceSpan at = yaml_span(file_, probe);
    if (const YAML::Node get = probe["httpGet"]; get && get.IsMap()) {
      path = get["path"] ? yaml_string(get["path"]) : "/";
      at = yaml_span(file_, get["path"] ? get["path"] : get);
    } else if (const YAML::Node exec = probe["exec"]; exec && exec.IsMap()) {
      std::string command;
      for (const auto& part : yaml_list(exec["command"])) command += yaml_string(part) + " ";
      path = probe_path(command);
    }
    if (path.empty() || path.find("{{") != std::string::npos) return;  // templated: not knowable
    p.probes.push_back({"the Kubernetes " + kind + " of " + p.name, path, at});
  }

  const SourceFile& file_;
  LinkFacts& out_;
};

}  // namespace

void extract_kubernetes_links(const SourceFile& file, const Documents& documents, LinkFacts& out) {
  ManifestReader reader(file, out);
  for (const auto& doc : documents.yaml()) {
    try {
      reader.read(doc);
    } catch (const YAML::Exception&) {
      // One odd document never hides the rest.
    }
  }
}

}  // namespace svc::engine
