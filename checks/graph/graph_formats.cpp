// The table `svc graph --format` picks a writer from.
#include <utility>

#include "checks/graph/graph.h"

namespace svc::graph {
namespace {

const std::vector<std::pair<std::string, GraphWriter>>& writers() {
  static const std::vector<std::pair<std::string, GraphWriter>> table = {
      {"mermaid", &write_mermaid},
      {"dot", &write_dot},
      {"json", &write_json},
  };
  return table;
}

}  // namespace

const std::vector<std::string>& graph_formats() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [name, _] : writers()) out.push_back(name);
    return out;
  }();
  return names;
}

GraphWriter graph_writer_for(const std::string& format) {
  for (const auto& [name, writer] : writers())
    if (name == format) return writer;
  return nullptr;
}

}  // namespace svc::graph
