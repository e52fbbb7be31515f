// Code coupling: imports from one top-level module into another, counted, with the
// cycles among them (modules that import each other, directly or around a loop).
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "checks/review/review_context.h"

namespace svc::review {
namespace {

// Tarjan's strongly connected components: an edge inside one component is in a cycle.
std::map<std::string, int> components(const std::map<std::string, std::set<std::string>>& edges) {
  std::map<std::string, int> index, low, component;
  std::vector<std::string> stack;
  std::set<std::string> on_stack;
  int next = 0, count = 0;
  std::function<void(const std::string&)> visit = [&](const std::string& v) {
    index[v] = low[v] = next++;
    stack.push_back(v);
    on_stack.insert(v);
    if (auto it = edges.find(v); it != edges.end())
      for (const auto& w : it->second) {
        if (!index.count(w)) {
          visit(w);
          low[v] = std::min(low[v], low[w]);
        } else if (on_stack.count(w)) {
          low[v] = std::min(low[v], index[w]);
        }
      }
    if (low[v] != index[v]) return;
    for (std::string w; w != v;) {
      w = stack.back();
      stack.pop_back();
      on_stack.erase(w);
      component[w] = count;
    }
    ++count;
  };
  for (const auto& [v, _] : edges)
    if (!index.count(v)) visit(v);
  return component;
}

}  // namespace

std::vector<CodeCoupling> code_coupling(const ReviewContext& context) {
  std::map<std::pair<std::string, std::string>, CodeCoupling> pairs;
  std::map<std::string, std::set<std::string>> edges;
  for (const auto& i : context.imports) {
    std::string from = context.modules.unit_of(i.from), to = context.modules.unit_of(i.inside());
    if (from.empty() || to.empty() || from == to || from == "." || to == ".") continue;
    auto [it, fresh] = pairs.try_emplace({from, to}, CodeCoupling{from, to, 0, false, {i.from, i.line, i.specifier}});
    ++it->second.imports;
    edges[from].insert(to);
  }
  auto component = components(edges);
  std::vector<CodeCoupling> out;
  for (auto& [key, c] : pairs) {
    c.cycle = component.count(c.from) && component.count(c.to) && component[c.from] == component[c.to];
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const CodeCoupling& a, const CodeCoupling& b) {
    return a.imports > b.imports;
  });
  return out;
}

}  // namespace svc::review
