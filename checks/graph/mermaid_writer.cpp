// Mermaid `flowchart LR`, as GitHub renders it in a ```mermaid block.
#include <cctype>
#include <map>
#include <set>

#include "checks/graph/graph.h"

namespace svc::graph {
namespace {

// Words the flowchart parser reads as statements when they open a line or stand alone.
bool is_keyword(std::string id) {
  static const std::set<std::string> keywords = {"end", "graph", "flowchart", "subgraph", "direction", "style",
                                                 "class", "classdef", "click", "linkstyle", "call", "href"};
  for (auto& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return keywords.count(id) > 0;
}

// Mermaid ids may hold only [A-Za-z0-9_]: each run of anything else becomes one '_'.
// Two ids that sanitise alike get _2, _3 ... in the order they are first asked for,
// which is id order, so the result is as stable as the graph.
class MermaidIds {
 public:
  const std::string& of(const std::string& id) {
    auto it = assigned_.find(id);
    if (it != assigned_.end()) return it->second;
    std::string base = sanitize(id), name = base;
    for (int n = 2; taken_.count(name); ++n) name = base + "_" + std::to_string(n);
    taken_.insert(name);
    return assigned_.emplace(id, name).first->second;
  }

  static std::string sanitize(const std::string& id) {
    std::string out;
    for (unsigned char c : id) {
      if (std::isalnum(c) || c == '_') out += static_cast<char>(c);
      else if (out.empty() || out.back() != '_') out += '_';
    }
    if (out.empty() || out == "_") out = "node";
    if (is_keyword(out)) out += '_';
    return out;
  }

 private:
  std::map<std::string, std::string> assigned_;
  std::set<std::string> taken_;
};

// Text inside "..." of a label: quotes and markup become entity codes (`#quot;`),
// '#' first so that codes already written are not mangled; line breaks become spaces.
std::string escape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '#': out += "#35;"; break;
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '&': out += "#amp;"; break;
      case '|': out += "#124;"; break;
      case '`': out += "#96;"; break;
      case '\n': case '\r': case '\t': out += ' '; break;
      default:
        if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
    }
  }
  return out;
}

std::string node_text(const Node& node) {
  std::string out;
  for (const auto& line : display_lines(node)) out += (out.empty() ? "" : "<br/>") + escape(line);
  return '"' + out + '"';
}

std::string shaped(const Node& node) {
  std::string text = node_text(node);
  if (node.kind == "database") return "[(" + text + ")]";
  if (node.kind == "queue") return "{{" + text + "}}";
  if (node.kind == "external") return "([" + text + "])";
  if (node.kind == "tables") return "[[" + text + "]]";
  return "[" + text + "]";
}

// Fill and stroke per kind; kinds not listed keep Mermaid's default look.
const std::map<std::string, std::string>& class_styles() {
  static const std::map<std::string, std::string> styles = {
      {"service", "fill:#e8f0fe,stroke:#1a73e8,color:#111"},
      {"database", "fill:#fef7e0,stroke:#b06000,color:#111"},
      {"table", "fill:#ffffff,stroke:#9aa0a6,color:#111"},
      {"tables", "fill:#f8f9fa,stroke:#9aa0a6,color:#111"},
      {"queue", "fill:#e6f4ea,stroke:#188038,color:#111"},
      {"external", "fill:#f1f3f4,stroke:#5f6368,color:#111,stroke-dasharray:4 2"},
  };
  return styles;
}

class MermaidWriter {
 public:
  MermaidWriter(const Graph& graph, std::ostream& out) : graph_(graph), out_(out) {
    children_ = children_by_parent(graph_);
    for (const auto& [_, ids] : children_) child_ids_.insert(ids.begin(), ids.end());
    for (const auto& n : graph_.nodes) {
      by_id_.emplace(n.id, &n);
      ids_.of(n.id);  // nodes claim their names before groups and stray edge ends
    }
  }

  void write() {
    out_ << "flowchart LR\n";
    for (const auto& n : graph_.nodes)
      if (!child_ids_.count(n.id)) write_top_level(n);
    write_edges();
    write_classes();
  }

 private:
  void write_node(const Node& node, const char* indent) {
    out_ << indent << ids_.of(node.id) << shaped(node) << ":::" << MermaidIds::sanitize(node.kind) << '\n';
    kinds_.insert(node.kind);
  }

  // A parent and its children share a subgraph titled with the parent's label.
  void write_top_level(const Node& node) {
    auto it = children_.find(node.id);
    if (it == children_.end()) return write_node(node, "  ");
    out_ << "  subgraph " << ids_.of("group:" + node.id) << "[\"" << escape(node.label) << "\"]\n";
    write_node(node, "    ");
    for (const auto& child : it->second) write_node(*by_id_.at(child), "    ");
    out_ << "  end\n";
  }

  // Violations are thick arrows; change coupling a dotted line with no arrowhead, as
  // it is no dependency.
  static const char* link_of(const Edge& e) {
    if (e.kind == "co-changes") return " -.-|";
    return e.violation ? " ==>|" : " -->|";
  }

  // linkStyle counts every link in the order written, so the index is the edge's position.
  void write_edges() {
    std::vector<std::size_t> violations, couplings;
    for (std::size_t i = 0; i < graph_.edges.size(); ++i) {
      const Edge& e = graph_.edges[i];
      out_ << "  " << ids_.of(e.from) << link_of(e) << escape(edge_caption(e)) << "| " << ids_.of(e.to) << '\n';
      if (e.violation) violations.push_back(i);
      else if (e.kind == "co-changes") couplings.push_back(i);
    }
    write_link_style(couplings, "stroke:#8e24aa,color:#8e24aa");
    write_link_style(violations, "stroke:#d00,stroke-width:2px,color:#d00");
  }

  void write_link_style(const std::vector<std::size_t>& links, const char* style) {
    if (links.empty()) return;
    out_ << "  linkStyle ";
    for (std::size_t i = 0; i < links.size(); ++i) out_ << (i ? "," : "") << links[i];
    out_ << ' ' << style << '\n';
  }

  void write_classes() {
    for (const auto& kind : kinds_) {
      auto it = class_styles().find(kind);
      if (it != class_styles().end()) out_ << "  classDef " << MermaidIds::sanitize(kind) << ' ' << it->second << '\n';
    }
  }

  const Graph& graph_;
  std::ostream& out_;
  MermaidIds ids_;
  std::map<std::string, std::vector<std::string>> children_;
  std::set<std::string> child_ids_, kinds_;
  std::map<std::string, const Node*> by_id_;
};

}  // namespace

void write_mermaid(const Graph& graph, std::ostream& out) {
  Graph sorted = normalized(graph);
  MermaidWriter(sorted, out).write();
}

}  // namespace svc::graph
