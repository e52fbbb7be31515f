#include "checks/local_rules/rule_file.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <re2/re2.h>

#include "checks/core/findings.h"
#include "checks/local_rules/rule_options.h"
#include "checks/syntax/query.h"
#include "checks/workspace/config.h"
#include "checks/workspace/services.h"
#include "common/yaml_guard.h"
#include "common/yaml_reader.h"

namespace svc::engine {
namespace {

const std::set<std::string>& service_kinds() {
  static const std::set<std::string> kinds = {"nextjs", "http", "worker", "schema", "other"};
  return kinds;
}

const std::set<std::string>& service_languages() {
  static const std::set<std::string> languages = {"typescript", "javascript", "python", "go"};
  return languages;
}


// "no-axios" -> "NoAxios", SARIF's rule name.
std::string camel_name(const std::string& id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

bool is_rule_id(const std::string& id) {
  static const RE2 shape("[a-z0-9][a-z0-9-]{0,63}");
  return RE2::FullMatch(id, shape);
}

class RuleFileReader : public YamlReader {
 public:
  RuleFileReader(std::string display, const std::string& text)
      : YamlReader([this](int line, int column, const std::string& message) { raise(line, column, message); }),
        display_(std::move(display)) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines_.push_back(line);
    std::string stem = display_.substr(display_.find_last_of('/') + 1);
    label_ = "rule file " + stem;
  }

  RuleInfo read(const YAML::Node& root) {
    if (!root || root.IsNull()) raise(1, 1, "the file is empty: a rule needs at least id, summary, message, languages and patterns");
    expect(root, YAML::NodeType::Map, "a rule file");
    unique_keys(root);
    RuleInfo r;
    if (!root["id"]) fail(root, "a rule needs an id (like no-axios: it becomes local/no-axios)");
    std::string id = scalar(root["id"], "id");
    if (id.rfind(kLocalRulePrefix, 0) == 0) id = id.substr(std::string(kLocalRulePrefix).size());
    if (!is_rule_id(id))
      fail(root["id"], fmt::format("id '{}' must be lower-case letters, digits and dashes (like no-axios)", id));
    r.id = kLocalRulePrefix + id;
    label_ = "rule " + r.id;
    for (const auto& kv : root) {
      static const std::set<std::string> fields = {
          "id", "name", "severity", "summary", "description", "message", "docs", "help_uri", "languages",
          "prefilter", "prefilter_regex", "patterns", "unless_service", "once_per_service", "options", "services",
          "tests"};
      std::string key = kv.first.Scalar();
      if (fields.count(key) || key.rfind("x-", 0) == 0) continue;
      if (key == "implementation" || key == "needs")
        fail(kv.first, fmt::format("'{}' is for built-in rules: a repository's rules are patterns only", key));
      fail(kv.first, fmt::format("unknown field '{}' (expected one of: {}; or x-<anything> for YAML anchors)", key,
                                 fmt::join(fields, ", ")));
    }
    r.name = root["name"] ? scalar(root["name"], "name") : camel_name(id);
    r.severity = Severity::warning;
    if (auto s = root["severity"]) {
      auto parsed = parse_severity(scalar(s, "severity"));
      if (!parsed) fail(s, fmt::format("bad severity '{}' (expected off, info, warning or error)", s.Scalar()));
      r.severity = *parsed;
    }
    r.summary = required_text(root, "summary", "one line: what the rule flags");
    r.description = root["description"] ? scalar(root["description"], "description") : r.summary;
    r.message = required_text(root, "message", "what a finding says, with {fields} from each pattern's args");
    r.implementation = "pattern";
    if (auto h = root["help_uri"]) {
      r.help_uri = scalar(h, "help_uri");
      static const RE2 uri("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
      if (!RE2::FullMatch(r.help_uri, uri)) fail(h, "help_uri must be an absolute URI (like https://wiki.example.com/rules/no-axios)");
    }
    r.doc = root["docs"] ? scalar(root["docs"], "docs") : generated_doc(r);

    if (!root["languages"]) fail(root, "a rule needs languages: (typescript, javascript, python, go or sql)");
    languages_ = languages(root["languages"], {}, "languages");
    for (Language l : languages_) r.languages.push_back(l);
    if (auto p = root["prefilter"]) r.prefilter = scalars(p, "prefilter");
    for (std::size_t i = 0; i < r.prefilter.size(); ++i)
      if (r.prefilter[i].empty()) fail(root["prefilter"][i], "a prefilter literal cannot be empty");
    if (auto re = root["prefilter_regex"]) r.prefilter_regex = regex(re, "prefilter_regex");
    if (auto o = root["options"]) options_ = options(o);
    r.options = options_.IsMap() ? options_ : YAML::Node(YAML::NodeType::Map);
    for (std::size_t i = 0; i < r.prefilter.size(); ++i) {
      std::string unknown;
      substitute_options(r.prefilter[i], options_, &unknown);
      if (!unknown.empty()) fail(root["prefilter"][i], fmt::format("prefilter uses ${{{}}}, which options: does not define", unknown));
    }

    message_fields_ = message_fields(r.message);
    if (auto once = root["once_per_service"]) {
      keys(once, {"count_in"}, "once_per_service");
      if (!once["count_in"]) fail(once, "once_per_service needs count_in: the message field that gets \"(and N more)\"");
      std::string field = scalar(once["count_in"], "count_in");
      if (!message_fields_.count(field))
        fail(once["count_in"], fmt::format("count_in names '{}', which is not a {{field}} of the message", field));
    }
    auto patterns = root["patterns"];
    if (!patterns) fail(root, "a rule needs patterns: (a list of queries, see docs/guide/custom-rules.md)");
    expect(patterns, YAML::NodeType::Sequence, "patterns");
    if (patterns.size() == 0) fail(patterns, "patterns is empty: a rule needs at least one");
    for (const auto& p : patterns) pattern(p);
    if (auto unless = root["unless_service"]) unless_service(unless);
    if (auto s = root["services"]) services(s);
    if (auto t = root["tests"]) tests(t);
    r.spec = root;
    return r;
  }

 private:
  [[noreturn]] void raise(int line, int column, const std::string& message) const {
    throw RuleFileError(display_, line, column, fmt::format("{}: {}", label_, message));
  }

  std::string required_text(const YAML::Node& root, const char* key, const char* what) const {
    if (!root[key]) fail(root, fmt::format("a rule needs {}: ({})", key, what));
    std::string v = scalar(root[key], key);
    if (v.empty()) fail(root[key], fmt::format("{} is empty", key));
    return v;
  }

  // Without `docs:`, `svc explain` and SARIF's help show what the file does say.
  static std::string generated_doc(const RuleInfo& r) {
    std::string doc = fmt::format("# {}\n\n{}\n", r.id, r.summary);
    if (r.description != r.summary) doc += fmt::format("\n{}\n", r.description);
    return doc;
  }

  std::set<Language> languages(const YAML::Node& n, const std::set<Language>& within, const std::string& what) const {
    std::set<Language> out;
    for (const auto& name : scalars(n, what)) {
      std::vector<Language> named = rule_languages_named(name);
      // Patterns are tree-sitter queries: only the languages with a grammar.
      if (named.empty() || !grammar_for(named.front()) || named.front() == Language::json)
        fail(n, fmt::format("unknown language '{}' in {} (expected typescript, tsx, javascript, python, go or sql)", name, what));
      for (Language l : named) {
        if (!within.empty() && !within.count(l))
          fail(n, fmt::format("{} names {}, which the rule's languages do not", what, name));
        out.insert(l);
      }
    }
    if (out.empty()) fail(n, what + " is empty");
    return out;
  }

  std::shared_ptr<const re2::RE2> regex(const YAML::Node& n, const std::string& what) const {
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled = std::make_shared<RE2>(scalar(n, what), options);
    if (!compiled->ok()) fail(n, fmt::format("{} is not a valid RE2 expression: {}", what, compiled->error()));
    return compiled;
  }

  // Defaults of the options `.svc.yaml` may override: single values or lists of them.
  YAML::Node options(const YAML::Node& n) const {
    expect(n, YAML::NodeType::Map, "options");
    static const RE2 name("[A-Za-z_][A-Za-z0-9_]*");
    for (const auto& kv : n) {
      if (!RE2::FullMatch(kv.first.Scalar(), name))
        fail(kv.first, fmt::format("option name '{}' must be letters, digits and _", kv.first.Scalar()));
      if (kv.first.Scalar() == "severity" || kv.first.Scalar() == "fail")
        fail(kv.first, fmt::format("'{}' is set in .svc.yaml for every rule: it cannot be an option", kv.first.Scalar()));
      if (kv.second.IsSequence()) {
        for (const auto& item : kv.second) expect(item, YAML::NodeType::Scalar, "option '" + kv.first.Scalar() + "': each entry");
      } else {
        expect(kv.second, YAML::NodeType::Scalar, "option '" + kv.first.Scalar() + "'");
      }
    }
    return n;
  }

  // Where byte `offset` of the scalar `n` stands in the file (1-based line and column).
  std::pair<int, int> position_in(const YAML::Node& n, std::size_t offset) const {
    const YAML::Mark m = n.Mark();
    const std::string& value = n.Scalar();
    offset = std::min(offset, value.size());
    int before = static_cast<int>(std::count(value.begin(), value.begin() + static_cast<long>(offset), '\n'));
    std::size_t line_start = value.rfind('\n', offset == 0 ? 0 : offset - 1);
    std::size_t column_in = line_start == std::string::npos || offset == 0 ? offset : offset - line_start - 1;
    bool block = m.line >= 0 && static_cast<std::size_t>(m.line) < lines_.size() &&
                 static_cast<std::size_t>(m.column) < lines_[m.line].size() &&
                 (lines_[m.line][m.column] == '|' || lines_[m.line][m.column] == '>');
    if (block) {
      std::size_t line = static_cast<std::size_t>(m.line) + 1 + before;
      std::size_t indent = line < lines_.size() ? lines_[line].find_first_not_of(' ') : 0;
      if (indent == std::string::npos) indent = 0;
      return {static_cast<int>(line) + 1, static_cast<int>(indent + column_in) + 1};
    }
    if (before == 0) {
      bool quoted = static_cast<std::size_t>(m.line) < lines_.size() && static_cast<std::size_t>(m.column) < lines_[m.line].size() &&
                    (lines_[m.line][m.column] == '"' || lines_[m.line][m.column] == '\'');
      return {m.line + 1, m.column + 1 + static_cast<int>(column_in) + (quoted ? 1 : 0)};
    }
    return {m.line + 1 + before, static_cast<int>(column_in) + 1};
  }

  // The query text of `n` (options filled in), compiled for each language; returns the
  // capture names of each top-level pattern, by language.
  std::vector<std::vector<std::string>> compile(const YAML::Node& n, const std::set<Language>& langs,
                                                const std::string& what) const {
    std::string source = scalar(n, what);
    if (source.find_first_not_of(" \t\r\n") == std::string::npos) fail(n, what + " is empty");
    std::string unknown;
    source = substitute_options(source, options_, &unknown);
    if (!unknown.empty()) fail(n, fmt::format("{} uses ${{{}}}, which options: does not define", what, unknown));
    std::vector<std::vector<std::string>> out;
    for (Language l : langs) {
      try {
        Query q(l, source);
        for (uint32_t p = 0; p < q.pattern_count(); ++p) out.push_back(q.pattern_captures(p));
      } catch (const QueryError& e) {
        auto [line, column] = position_in(n, e.offset);
        raise(line, column, fmt::format("{}: {}", what, e.what()));
      }
    }
    return out;
  }

  void queries_with_inside(const YAML::Node& n, const std::set<Language>& langs, const std::string& what) const {
    std::vector<YAML::Node> list;
    if (n.IsSequence()) {
      for (const auto& q : n) list.push_back(q);
    } else {
      list.push_back(n);
    }
    for (const auto& q : list)
      for (const auto& captures : compile(q, langs, what))
        if (std::find(captures.begin(), captures.end(), "inside") == captures.end())
          fail(q, fmt::format("each pattern of {} must capture the enclosing node as @inside", what));
  }

  void pattern(const YAML::Node& p) const {
    expect(p, YAML::NodeType::Map, "a pattern");
    keys(p, {"languages", "query", "report", "inside", "not_inside", "in_tests", "in_route_handler", "args"}, "a pattern");
    std::set<Language> langs = p["languages"] ? languages(p["languages"], languages_, "the pattern's languages") : languages_;
    if (!p["query"]) fail(p, "a pattern needs a query:");
    std::string report = p["report"] ? scalar(p["report"], "report") : "match";
    std::map<std::string, std::string> args;
    if (auto a = p["args"]) {
      expect(a, YAML::NodeType::Map, "args");
      for (const auto& kv : a) args[kv.first.Scalar()] = scalar(kv.second, "args: " + kv.first.Scalar());
    }
    for (const auto& field : message_fields_)
      if (!args.count(field))
        fail(p["args"] ? p["args"] : p, fmt::format("the message uses {{{}}}, which this pattern's args do not give", field));
    for (const auto& captures : compile(p["query"], langs, "query")) {
      auto has = [&](const std::string& c) { return std::find(captures.begin(), captures.end(), c) != captures.end(); };
      if (!has(report))
        fail(p["report"] ? p["report"] : p["query"],
             fmt::format("each pattern of the query must capture @{} (the node a finding points at{})", report,
                         p["report"] ? "" : "; report: names another capture"));
      for (const auto& [name, value] : args)
        for (const auto& field : message_fields(value))
          if (!has(field))
            fail(p["args"][name], fmt::format("args: {} uses {{{}}}, but a pattern of the query has no @{} capture", name,
                                              field, field));
    }
    if (auto q = p["inside"]) queries_with_inside(q, langs, "inside");
    if (auto q = p["not_inside"]) queries_with_inside(q, langs, "not_inside");
    if (auto t = p["in_tests"]) boolean(t, "in_tests");
    if (auto h = p["in_route_handler"]) boolean(h, "in_route_handler");
  }

  void unless_service(const YAML::Node& n) const {
    keys(n, {"dependencies", "patterns"}, "unless_service");
    if (auto d = n["dependencies"]) scalars(d, "dependencies");
    if (auto ps = n["patterns"]) {
      expect(ps, YAML::NodeType::Sequence, "unless_service: patterns");
      for (const auto& p : ps) {
        keys(p, {"languages", "query"}, "an unless_service pattern");
        if (!p["query"]) fail(p, "a pattern needs a query:");
        auto langs = p["languages"] ? languages(p["languages"], languages_, "the pattern's languages") : languages_;
        compile(p["query"], langs, "query");
      }
    }
  }

  void services(const YAML::Node& n) const {
    keys(n, {"frameworks", "languages", "kinds", "dependencies", "names", "owns_tables"}, "services");
    auto among = [&](const char* key, const std::set<std::string>& known, const char* what) {
      if (!n[key]) return;
      scalars(n[key], std::string("services: ") + key);
      for (const auto& item : n[key])
        if (!known.count(item.Scalar()))
          fail(item, fmt::format("unknown {} '{}' (expected one of: {})", what, item.Scalar(), fmt::join(known, ", ")));
    };
    among("frameworks", known_frameworks(), "framework");
    among("languages", service_languages(), "service language");
    among("kinds", service_kinds(), "service kind");
    if (auto d = n["dependencies"]) scalars(d, "services: dependencies");
    if (auto d = n["names"]) scalars(d, "services: names");
    if (auto o = n["owns_tables"]) boolean(o, "owns_tables");
  }

  void tests(const YAML::Node& n) const {
    expect(n, YAML::NodeType::Sequence, "tests");
    for (const auto& t : n) {
      keys(t, {"name", "files"}, "a test");
      if (auto name = t["name"]) scalar(name, "name");
      if (!t["files"]) fail(t, "a test needs files: (a mapping of path to contents)");
      expect(t["files"], YAML::NodeType::Map, "files");
      for (const auto& kv : t["files"]) {
        std::string path = kv.first.Scalar();
        if (path.empty() || path[0] == '/' || path.find("..") != std::string::npos || path.find('\\') != std::string::npos)
          fail(kv.first, fmt::format("'{}': a test file's path must be relative and stay inside the fixture", path));
        scalar(kv.second, path);
      }
    }
  }

  std::string display_;
  std::vector<std::string> lines_;
  std::string label_;
  std::set<Language> languages_;
  YAML::Node options_;
  std::set<std::string> message_fields_;
};

}  // namespace

RuleInfo load_rule_file(const std::string& text, const std::string& display) {
  RuleFileReader reader(display, text);
  if (yaml_expands_beyond(text))
    throw RuleFileError(display, 1, 1, fmt::format("YAML aliases here expand to more than {} nodes", kMaxYamlNodes));
  std::vector<YAML::Node> documents;
  try {
    for (auto& node : load_yaml_stream(text)) documents.push_back(node);
  } catch (const YAML::Exception& e) {
    std::string stem = display.substr(display.find_last_of('/') + 1);
    throw RuleFileError(display, e.mark.line + 1, e.mark.column + 1, fmt::format("rule file {}: {}", stem, e.msg));
  }
  if (documents.size() > 1 && !documents[1].IsNull()) {
    YAML::Mark at = documents[1].Mark();
    throw RuleFileError(display, at.line + 1, at.column + 1, "a second YAML document: one rule per file (remove the `---`)");
  }
  RuleInfo r = reader.read(documents.empty() ? YAML::Node() : documents[0]);
  r.source = display;
  r.source_text = text;
  return r;
}

std::vector<InlineFixture> inline_fixtures(const RuleInfo& rule) {
  std::vector<InlineFixture> out;
  if (!rule.spec || !rule.spec["tests"]) return out;
  std::size_t n = 0;
  for (const auto& t : rule.spec["tests"]) {
    InlineFixture f;
    f.name = t["name"] ? t["name"].Scalar() : fmt::format("test {}", ++n);
    for (const auto& kv : t["files"]) f.files.push_back({kv.first.Scalar(), kv.second.Scalar()});
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace svc::engine
