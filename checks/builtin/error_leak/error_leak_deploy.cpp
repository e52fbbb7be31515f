#include "checks/builtin/error_leak/error_leak_deploy.h"

#include <algorithm>
#include <cctype>

#include "checks/dockerfile/dockerfile.h"
#include "checks/facts/links/link_facts.h"
#include "checks/facts/links/link_facts_yaml.h"
#include "common/paths.h"

namespace svc::builtin::error_leak {
namespace {

using namespace engine;

bool flask_variable(const std::string& name) { return name == "FLASK_DEBUG" || name == "FLASK_ENV"; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string unquoted(std::string v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
  return v;
}

}  // namespace

const Setting* debug_setting(const Settings& env, std::string* variable) {
  if (auto d = env.find("FLASK_DEBUG"); d != env.end()) {
    std::string v = lower(d->second.value);
    if (v.empty() || v == "0" || v == "false" || v == "no") return nullptr;
    *variable = "FLASK_DEBUG";
    return &d->second;
  }
  if (auto e = env.find("FLASK_ENV"); e != env.end() && lower(e->second.value) == "development") {
    *variable = "FLASK_ENV";
    return &e->second;
  }
  return nullptr;
}

DockerfileFacts read_dockerfile(const SourceFile& file, const docker::Dockerfile& df) {
  DockerfileFacts out;
  out.dev = is_dev_name(base_name(file.path()));
  for (const auto& stage : df.stages) {
    StageFacts facts;
    facts.name = stage.name;
    StageStart start = stage_start(df, stage);
    if (start.at)
      facts.start = Start{judge_start_command(start.words),
                          {file.position_of(start.at->begin), file.position_of(start.at->end)},
                          std::string(file.line(start.at->line))};
    // ENV of the chain in order: a later stage's setting wins.
    for (const auto* s : df.stage_chain(stage))
      for (std::size_t i : s->instructions) {
        const auto& ins = df.instructions[i];
        if (!ins.is("ENV")) continue;
        for (const auto& a : ins.assignments)
          if (flask_variable(a.name))
            facts.env[a.name] = {a.value.value_or(unquoted(a.raw_value)), file.path(),
                                 {file.position_of(ins.begin), file.position_of(ins.end)},
                                 std::string(file.line(ins.line))};
      }
    out.stages.push_back(std::move(facts));
  }
  return out;
}

std::vector<ComposeService> read_compose(const SourceFile& file, const Documents& documents) {
  std::vector<ComposeService> out;
  const std::string& path = file.path();
  if (!is_compose_file(path) || is_dev_name(base_name(path))) return out;
  const auto& docs = documents.yaml();
  if (docs.empty() || !docs.front().IsMap()) return out;
  const YAML::Node services = docs.front()["services"];
  if (!services || !services.IsMap()) return out;
  try {
    for (const auto& kv : services) {
      const YAML::Node& body = kv.second;
      if (!body.IsMap() || !body["build"]) continue;
      ComposeService s;
      YAML::Node build = body["build"];
      std::string context = build.IsScalar() ? build.Scalar() : yaml_string(build["context"]);
      s.folder = join_relative(folder_of(path), context.empty() ? "." : context);
      std::string dockerfile = build.IsMap() ? yaml_string(build["dockerfile"]) : "";
      s.dockerfile = join_relative(s.folder, dockerfile.empty() ? "Dockerfile" : dockerfile);
      if (build.IsMap()) s.target = lower(yaml_string(build["target"]));
      for_each_pair(body, [&](const YAML::Node& k, const YAML::Node& v) {
        if (k.Scalar() == "command") {
          SourceSpan span = yaml_span(file, k);
          s.command = Start{judge_start_command(command_words(yaml_list(v))), span,
                            std::string(file.line(span.begin.line))};
        }
        if (k.Scalar() != "environment") return;
        auto set = [&](const std::string& name, const std::string& value, const YAML::Node& at) {
          if (!flask_variable(name)) return;
          SourceSpan span = yaml_span(file, at);
          s.env[name] = {value, file.path(), span, std::string(file.line(span.begin.line))};
        };
        if (v.IsMap()) {
          for_each_pair(v, [&](const YAML::Node& name, const YAML::Node& value) {
            set(name.Scalar(), yaml_string(value), name);
          });
        } else {
          for (const auto& item : yaml_list(v)) {
            std::string entry = yaml_string(item);
            auto eq = entry.find('=');
            if (eq != std::string::npos) set(entry.substr(0, eq), entry.substr(eq + 1), item);
          }
        }
      });
      out.push_back(std::move(s));
    }
  } catch (const YAML::Exception&) {
    // An entry of an unexpected shape: the services read so far stand.
  }
  return out;
}

}  // namespace svc::builtin::error_leak
