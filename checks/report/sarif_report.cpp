// SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps, IDEs) ingest.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/report/reporter.h"

namespace svc::report {
namespace {

using nlohmann::json;

constexpr const char* kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kRootBase = "SRCROOT";

std::string_view sarif_level(engine::Severity s) {
  switch (s) {
    case engine::Severity::error: return "error";
    case engine::Severity::warning: return "warning";
    case engine::Severity::info: return "note";
    case engine::Severity::off: break;
  }
  return "none";
}

// Percent-encodes everything but RFC 3986 unreserved characters and '/', so paths
// with spaces, '#', '%' or non-ASCII names stay valid URI references.
std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    out += keep ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::string root_uri(const std::string& root) {
  std::string uri = "file://" + uri_path(root);
  if (uri.back() != '/') uri += '/';
  return uri;
}

// Code scanning reads artifact URIs from the repository's root, so an audit of a
// subfolder names files from there too (as the github format does).
std::string repository_root(const engine::AuditResult& r) {
  std::string root = r.root, prefix = r.repository_prefix;
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  if (!prefix.empty() && root.size() > prefix.size() &&
      root.compare(root.size() - prefix.size(), prefix.size(), prefix) == 0 && root[root.size() - prefix.size() - 1] == '/')
    return root.substr(0, root.size() - prefix.size());
  return root;
}

json text(const std::string& s) { return {{"text", s}}; }

json rule_descriptor(const engine::RuleInfo& rule) {
  // help.text is required by the schema; fall back to the description for a rule
  // whose doc page is missing.
  const std::string& help = rule.doc.empty() ? rule.description : rule.doc;
  json out = {{"id", rule.id},
              {"name", rule.name},
              {"shortDescription", text(rule.summary)},
              {"fullDescription", text(rule.description)},
              {"help", {{"text", help}, {"markdown", help}}},
              {"defaultConfiguration", {{"level", sarif_level(rule.severity)}}}};
  // A repository's own rule has a page only if its file names one (help_uri:).
  if (!rule.help_uri.empty()) out["helpUri"] = rule.help_uri;
  if (rule.local()) out["properties"] = {{"source", rule.source}, {"tags", {"local"}}};
  return out;
}

json location(const engine::Finding& f, const std::string& prefix) {
  json region = {{"startLine", f.line},
                 {"startColumn", f.column},
                 {"endLine", std::max(f.end_line, f.line)},
                 {"endColumn", std::max(f.end_column, 1)}};
  if (!f.source_line.empty()) region["snippet"] = text(f.source_line);
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", uri_path(prefix + f.path)}, {"uriBaseId", kRootBase}}},
            {"region", region}}}};
}

using RuleIndex = std::map<std::string, std::size_t, std::less<>>;

json result_for(const engine::Finding& f, const RuleIndex& rule_index, const std::string& prefix) {
  json r = {{"ruleId", f.rule},
            {"level", sarif_level(f.severity)},
            {"message", text(f.message)},
            {"locations", json::array({location(f, prefix)})},
            {"partialFingerprints", {{"svc/v1", f.fingerprint}}}};
  if (auto it = rule_index.find(f.rule); it != rule_index.end()) r["ruleIndex"] = it->second;
  if (f.suppressed)
    r["suppressions"] = json::array({{{"kind", "inSource"}, {"justification", f.suppression_reason}}});
  if (!f.service.empty()) r["properties"] = {{"service", f.service}};
  return r;
}

// Files the run could not look at: unreadable ones one by one, skipped ones as counts.
json notifications(const engine::AuditResult& r) {
  json out = json::array();
  for (const auto& p : r.problems)
    out.push_back({{"level", "warning"}, {"message", text(p)}, {"descriptor", {{"id", "svc/file-problem"}}}});
  const auto& s = r.skipped;
  if (s.total() > s.unreadable)  // unreadable ones are among the problems above
    out.push_back({{"level", "note"},
                   {"message", text(fmt::format("skipped {} files ({})", s.total(), s.breakdown()))},
                   {"descriptor", {{"id", "svc/skipped-files"}}}});
  return out;
}

}  // namespace

void write_sarif(const engine::AuditResult& r, const ReportOptions&, std::ostream& out) {
  json rules = json::array();
  RuleIndex rule_index;
  for (const auto& rule : r.rules) {
    rule_index.emplace(rule.id, rules.size());
    rules.push_back(rule_descriptor(rule));
  }
  json results = json::array();
  for (const auto& f : r.findings) results.push_back(result_for(f, rule_index, r.repository_prefix));

  json invocation = {{"executionSuccessful", true}};
  if (json n = notifications(r); !n.empty()) invocation["toolExecutionNotifications"] = std::move(n);

  json run = {
      {"tool",
       {{"driver",
         {{"name", "svc"},
          {"version", SVC_VERSION},
          {"semanticVersion", SVC_VERSION},
          {"informationUri", engine::kRepositoryUrl},
          {"rules", rules}}}}},
      {"originalUriBaseIds", {{kRootBase, {{"uri", root_uri(repository_root(r))}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"invocations", json::array({invocation})},
      {"results", results},
  };
  json doc = {{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", json::array({run})}};
  out << doc.dump(2) << '\n';
}

}  // namespace svc::report
