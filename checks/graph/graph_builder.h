#pragma once
// The parts build_graph() is made of; internal to checks/graph.
#include <set>
#include <string>

#include <yaml-cpp/yaml.h>

#include "checks/workspace/config.h"
#include "checks/engine/runner.h"
#include "checks/facts/derived_facts.h"
#include "checks/workspace/services.h"
#include "checks/graph/graph.h"

namespace svc::graph {

std::string service_node_id(const engine::ServiceMap& services, int index);

// Edges are highlighted where `svc audit` would report: a rule turned off in the
// configuration highlights nothing, and its options (as configured, else their
// defaults) decide what it judges.
bool rule_enabled(const engine::Config& config, const std::string& rule);
YAML::Node rule_option(const engine::Config& config, const std::string& rule, const std::string& key);
std::set<std::string> rule_option_strings(const engine::Config& config, const std::string& rule,
                                          const std::string& key);

// graph_links.cpp: databases with `connects`, queues with `produces`/`consumes`, `calls`.
void add_links(const engine::AuditResult& result, const engine::ServiceMap& services,
               const engine::DerivedFacts& derived, Graph& graph);
// graph_tables.cpp: tables under their owners with `owns`, and `reads`/`writes` across owners.
void add_tables(const engine::AuditResult& result, const engine::ServiceMap& services,
                const engine::DerivedFacts& derived, Graph& graph);

}  // namespace svc::graph
