// Graphviz DOT (`dot -Tsvg`): a cluster per service with its tables, one shape per kind.
#include <map>
#include <set>

#include "checks/graph/graph.h"

namespace svc::graph {
namespace {

// Inside a DOT quoted string: backslash and quote escaped, control characters
// dropped, so any name is a valid id and no label can end the string early.
std::string escape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
  }
  return out;
}

std::string quoted(const std::string& text) { return '"' + escape(text) + '"'; }

// Graphviz reads `&name;` in any label as an entity: '&' itself is written as one.
std::string label_text(const std::string& text) {
  std::string out;
  for (char c : escape(text)) out += c == '&' ? std::string("&amp;") : std::string(1, c);
  return out;
}

std::string quoted_label(const std::string& text) { return '"' + label_text(text) + '"'; }

// A node's display lines joined by DOT's centred line break.
std::string label_of(const Node& node) {
  std::string out;
  for (const auto& line : display_lines(node)) out += (out.empty() ? "" : "\\n") + label_text(line);
  return '"' + out + '"';
}

struct NodeStyle {
  const char* shape;
  const char* style;
  const char* fill;
};

NodeStyle style_of(const std::string& kind) {
  static const std::map<std::string, NodeStyle> styles = {
      {"service", {"box", "rounded,filled", "#e8f0fe"}},
      {"database", {"cylinder", "filled", "#fef7e0"}},
      {"table", {"note", "filled", "#ffffff"}},
      {"tables", {"folder", "filled", "#f8f9fa"}},
      {"queue", {"hexagon", "filled", "#e6f4ea"}},
      {"external", {"box", "dashed", "#ffffff"}},
  };
  auto it = styles.find(kind);
  return it == styles.end() ? NodeStyle{"box", "solid", "#ffffff"} : it->second;
}

class DotWriter {
 public:
  DotWriter(const Graph& graph, std::ostream& out) : graph_(graph), out_(out) {
    children_ = children_by_parent(graph_);
    for (const auto& [_, ids] : children_) child_ids_.insert(ids.begin(), ids.end());
    for (const auto& n : graph_.nodes) by_id_.emplace(n.id, &n);
  }

  void write() {
    out_ << "digraph svc {\n"
            "  rankdir=LR;\n"
            "  graph [fontname=\"Helvetica\", fontsize=12];\n"
            "  node [fontname=\"Helvetica\", fontsize=11];\n"
            "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (const auto& n : graph_.nodes)
      if (!child_ids_.count(n.id)) write_top_level(n);
    for (const auto& e : graph_.edges) write_edge(e);
    out_ << "}\n";
  }

 private:
  void write_node(const Node& node, const char* indent) {
    NodeStyle s = style_of(node.kind);
    out_ << indent << quoted(node.id) << " [label=" << label_of(node) << ", shape=" << quoted(s.shape)
         << ", style=" << quoted(s.style) << ", fillcolor=" << quoted(s.fill);
    if (auto it = node.attributes.find("tables"); it != node.attributes.end())
      out_ << ", tooltip=" << quoted_label(it->second);  // a collapsed node's names, on hover in SVG
    out_ << "];\n";
  }

  // Graphviz draws a subgraph whose name starts with "cluster" as a box around its nodes.
  void write_top_level(const Node& node) {
    auto it = children_.find(node.id);
    if (it == children_.end()) return write_node(node, "  ");
    out_ << "  subgraph " << quoted("cluster_" + node.id) << " {\n"
         << "    label=" << quoted_label(node.label) << ";\n"
         << "    style=\"rounded,dashed\";\n"
         << "    color=\"#9aa0a6\";\n";
    write_node(node, "    ");
    for (const auto& child : it->second) write_node(*by_id_.at(child), "    ");
    out_ << "  }\n";
  }

  // Change coupling is no dependency: no arrowhead, dashed, and it does not move nodes
  // (constraint=false), so history does not reshape the drawing of the architecture.
  void write_edge(const Edge& e) {
    std::string caption = edge_caption(e);
    out_ << "  " << quoted(e.from) << " -> " << quoted(e.to) << " [label=" << quoted_label(caption);
    if (!e.label.empty() && e.label != caption) out_ << ", tooltip=" << quoted_label(e.label);
    bool coupling = e.kind == "co-changes";
    if (coupling) out_ << ", dir=none, constraint=false";
    if (e.violation) out_ << ", color=\"#dd0000\", fontcolor=\"#dd0000\", penwidth=2";
    else if (coupling) out_ << ", color=\"#8e24aa\", fontcolor=\"#8e24aa\"";
    if (coupling) out_ << ", style=\"dashed\"";
    else if (e.violation) out_ << ", style=\"bold\"";
    out_ << "];\n";
  }

  const Graph& graph_;
  std::ostream& out_;
  std::map<std::string, std::vector<std::string>> children_;
  std::set<std::string> child_ids_;
  std::map<std::string, const Node*> by_id_;
};

}  // namespace

void write_dot(const Graph& graph, std::ostream& out) {
  Graph sorted = normalized(graph);
  DotWriter(sorted, out).write();
}

}  // namespace svc::graph
