#pragma once
// What the compose and Kubernetes extractors share: yaml-cpp nodes read with their
// source positions, and `environment`-style blocks in both of their shapes.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "checks/facts/links/link_facts.h"
#include "checks/syntax/documents.h"
#include "common/paths.h"

namespace svc::engine {

// From the node's mark to the end of its line: findings point at the whole entry.
SourceSpan yaml_span(const SourceFile& file, const YAML::Node& node);

// A scalar's text, or nullopt for maps, sequences and null.
std::optional<std::string> yaml_scalar(const YAML::Node& node);
std::string yaml_string(const YAML::Node& node);  // "" unless a scalar

// The pairs of a map, entries merged in by `<<: *anchor` first, so a caller that lets
// later pairs win gets YAML's precedence.
void for_each_pair(const YAML::Node& map,
                   const std::function<void(const YAML::Node& key, const YAML::Node& value)>& fn);

// Scalars of a string or a list of strings (`env_file`, `command`).
std::vector<YAML::Node> yaml_list(const YAML::Node& node);

// `KEY=value` / `KEY: value` variables in their order, the last of a name winning;
// multi-line and very long values (files, certificates) are left out.
void add_env_var(std::vector<EnvVar>& env, EnvVar var);

// Queues a worker's command line consumes: `rq worker high default`,
// `celery -A app worker -Q emails,sms`. Spans are left to the caller.
std::vector<QueueRef> queues_of_command(const std::vector<std::string>& words);
// The words of a command given as a string or a list, each item split like a shell
// would near enough (`sh -c "rq worker a b"` yields rq, worker, a, b).
std::vector<std::string> command_words(const std::vector<YAML::Node>& parts);


}  // namespace svc::engine
