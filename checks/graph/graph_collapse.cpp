// Tables folded into one node per owner: on a monorepo with a shared schema package,
// sixty table nodes would otherwise bury the services and the calls between them.
#include <set>
#include <tuple>

#include "checks/graph/graph_drawing.h"

namespace svc::graph {
namespace {

std::string count_of(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

// A table with no owner is claimed by several services (a conflict) or by none: its
// group is named after who claims it, so the same claimants share one node.
struct GroupKey {
  std::string id, owner;
  std::set<std::string> claimants;
};

class TableGroups {
 public:
  explicit TableGroups(const Graph& full) {
    for (const auto& n : full.nodes) ids_.insert(n.id);
    for (const auto& e : full.edges)
      if (e.kind == "owns") claimants_[e.to].insert(e.from);
  }

  GroupKey key_of(const Node& table) const {
    if (!table.parent.empty() && ids_.count(table.parent)) return {"tables:" + table.parent, table.parent, {}};
    auto it = claimants_.find(table.id);
    if (it == claimants_.end() || it->second.empty()) return {"tables:unowned", "", {}};
    std::string id = "tables:";
    for (const auto& c : it->second) id += (id.size() > 7 ? "+" : "") + c;
    return {id, "", it->second};
  }

 private:
  std::set<std::string> ids_;
  std::map<std::string, std::set<std::string>> claimants_;
};

Node group_node(const GroupKey& key, const std::vector<std::string>& names) {
  std::string what = !key.owner.empty() ? "table" : key.claimants.empty() ? "unowned table" : "shared table";
  Node node{key.id, "tables", count_of(names.size(), what), key.owner, {}};
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  node.attributes["count"] = std::to_string(names.size());
  node.attributes["tables"] = list;
  if (key.owner.empty() && !key.claimants.empty()) node.attributes["conflict"] = "true";
  return node;
}

struct Merged {
  std::size_t count = 0;
  std::string table;  // the first table's name: one table is named, more are counted
  bool violation = false;
};

std::string merged_label(const std::string& kind, const Merged& m) {
  return kind + " " + (m.count == 1 && !m.table.empty() ? m.table : count_of(m.count, "table"));
}

}  // namespace

Collapsed collapsed_tables(const Graph& full) {
  Collapsed out;
  TableGroups groups(full);
  std::map<std::string, std::pair<GroupKey, std::vector<std::string>>> members;  // group id -> key, table names
  for (const auto& n : full.nodes) {
    if (n.kind != "table") {
      out.graph.nodes.push_back(n);
      continue;
    }
    GroupKey key = groups.key_of(n);
    out.group_of[n.id] = key.id;
    auto& member = members.try_emplace(key.id, key, std::vector<std::string>{}).first->second;
    member.second.push_back(n.label);
  }
  for (const auto& [_, member] : members) out.graph.nodes.push_back(group_node(member.first, member.second));

  std::map<std::string, std::string> names;  // table id -> name
  for (const auto& n : full.nodes)
    if (n.kind == "table") names[n.id] = n.label;
  auto group = [&](const std::string& id) {
    auto it = out.group_of.find(id);
    return it == out.group_of.end() ? id : it->second;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Merged> merged;
  for (const auto& e : full.edges) {
    std::string from = group(e.from), to = group(e.to);
    if (from == e.from && to == e.to) {
      out.graph.edges.push_back(e);
      continue;
    }
    if (from == to) continue;  // a foreign key between two tables of one owner
    Merged& m = merged[{from, to, e.kind}];
    if (++m.count == 1) m.table = names[to != e.to ? e.to : e.from];
    m.violation = m.violation || e.violation;
  }
  for (const auto& [key, m] : merged) {
    const auto& [from, to, kind] = key;
    out.graph.edges.push_back({from, to, kind, merged_label(kind, m), m.violation, m.count});
  }
  out.graph = normalized(std::move(out.graph));
  return out;
}

}  // namespace svc::graph
