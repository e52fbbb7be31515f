// A repository's rule file is checked when it is loaded: each mistake is an error at its
// file:line:column that names the rule, never a rule that silently matches nothing.
#include <catch2/catch.hpp>

#include <string>

#include "checks/local_rules/rule_file.h"
#include "checks/local_rules/rule_options.h"
#include "checks/workspace/config.h"

using namespace svc::engine;

namespace {

constexpr const char* kGood = R"(id: no-console
summary: Use the logger
message: "{what}: use log.info"
languages: [typescript]
prefilter: ["console."]
patterns:
  - query: |
      (call_expression
        function: (member_expression object: (identifier) @o (#eq? @o "console"))) @match
    args: {what: "`{match}`"}
)";

// The error loading `text` gives, "" when it loads.
std::string error_of(const std::string& text) {
  try {
    load_rule_file(text, ".svc/rules/r.yaml");
  } catch (const RuleFileError& e) {
    return e.what();
  }
  return "";
}

// kGood with `from` replaced by `to`.
std::string good_with(const std::string& from, const std::string& to) {
  std::string text = kGood;
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("rule file: a good rule loads as local/<id>", "[local-rules]") {
  RuleInfo r = load_rule_file(kGood, ".svc/rules/r.yaml");
  CHECK(r.id == "local/no-console");
  CHECK(r.name == "NoConsole");
  CHECK(r.severity == Severity::warning);
  CHECK(r.implementation == "pattern");
  CHECK(r.local());
  CHECK(r.source == ".svc/rules/r.yaml");
  CHECK(r.doc.find("# local/no-console") == 0);
  CHECK(load_rule_file(good_with("id: no-console", "id: local/no-console"), "x.yaml").id == "local/no-console");
}

TEST_CASE("rule file: each mistake stops at its line and column, naming the rule", "[local-rules]") {
  CHECK(error_of("id: x\nsummary: [unclosed\n").find(".svc/rules/r.yaml:3:1:") == 0);
  CHECK(error_of("id: x\nsummary: [unclosed\n").find("rule file r.yaml:") != std::string::npos);
  CHECK(error_of(good_with("languages:", "langauges:")) ==
        ".svc/rules/r.yaml:4:1: rule local/no-console: unknown field 'langauges' (expected one of: description, docs, "
        "help_uri, id, languages, message, name, once_per_service, options, patterns, prefilter, prefilter_regex, "
        "services, severity, summary, tests, unless_service; or x-<anything> for YAML anchors)");
  CHECK(error_of(good_with("prefilter:", "implementation: cpp\nprefilter:")).find("5:1: rule local/no-console: "
                                                                                  "'implementation' is for built-in rules") !=
        std::string::npos);
  // A query that does not compile: the line and column of the bad node inside the block.
  CHECK(error_of(good_with("(call_expression", "(call_expresion")) ==
        ".svc/rules/r.yaml:8:8: rule local/no-console: query: typescript query: unknown node type at `call_expresion`");
  // A predicate on a capture the pattern does not have.
  CHECK(error_of(good_with("(#eq? @o", "(#eq? @obj")).find(":9:") != std::string::npos);
  CHECK(error_of(good_with("(#eq? @o", "(#eq? @obj")).find("a predicate names a capture the pattern does not have") !=
        std::string::npos);
  CHECK(error_of(good_with("#eq?", "#equals?")).find("unknown predicate #equals?") != std::string::npos);
  CHECK(error_of(good_with("(#eq? @o \"console\")", "(#match? @o \"(\")")).find("bad regular expression") !=
        std::string::npos);
  CHECK(error_of(good_with("    args: {what: \"`{match}`\"}", "    args: {what: \"`{fn}`\"}")) ==
        ".svc/rules/r.yaml:10:18: rule local/no-console: args: what uses {fn}, but a pattern of the query has no @fn "
        "capture");
  CHECK(error_of(good_with("    args: {what: \"`{match}`\"}", "    args: {}")).find("the message uses {what}") !=
        std::string::npos);
  CHECK(error_of(good_with(") @match", ") @call")).find("must capture @match") != std::string::npos);
  CHECK(error_of(good_with("languages: [typescript]", "languages: [rust]")).find("unknown language 'rust'") !=
        std::string::npos);
  CHECK(error_of(good_with("id: no-console", "id: No Console")).find("1:5: rule file r.yaml: id 'No Console'") !=
        std::string::npos);
  CHECK(error_of(good_with("summary: Use the logger", "summary: a\nsummary: b")).find("'summary' is given twice") !=
        std::string::npos);
  CHECK(error_of(good_with("    args:", "    inside: \"(function_declaration) @fn\"\n    args:"))
            .find("must capture the enclosing node as @inside") != std::string::npos);
  CHECK(error_of(good_with("@o \"console\"", "@o ${names}")).find("uses ${names}, which options: does not define") !=
        std::string::npos);
  CHECK(error_of(good_with("patterns:", "services: {frameworks: [hnoo]}\npatterns:")).find("unknown framework 'hnoo'") !=
        std::string::npos);
  CHECK(error_of(good_with("patterns:", "services: {kinds: [api]}\npatterns:")).find("unknown service kind 'api'") !=
        std::string::npos);
  CHECK(error_of(good_with("patterns:", "tests:\n  - files: {\"../x.ts\": \"\"}\npatterns:"))
            .find("must be relative and stay inside the fixture") != std::string::npos);
  CHECK(error_of("") .find("the file is empty") != std::string::npos);
  CHECK(error_of(std::string(kGood) + "---\nid: other\n").find("one rule per file") != std::string::npos);
}

TEST_CASE("rule file: options fill queries and the prefilter", "[local-rules]") {
  std::string text = good_with("(#eq? @o \"console\")", "(#any-of? @o ${objects})") + "options:\n  objects: [console, logger]\n";
  text.replace(text.find("[\"console.\"]"), 12, "[\"${objects}\"]");
  RuleInfo r = load_rule_file(text, "x.yaml");
  YAML::Node options = YAML::Load("{objects: [print, \"a\\\"b\"]}");
  RuleInfo filled = with_options(r, options);
  CHECK(filled.prefilter == std::vector<std::string>{"print", "a\"b"});
  CHECK(filled.spec["patterns"][0]["query"].as<std::string>().find("(#any-of? @o \"print\" \"a\\\"b\")") !=
        std::string::npos);
  // The rule's own YAML is left as it was, for the next run.
  CHECK(r.spec["patterns"][0]["query"].as<std::string>().find("${objects}") != std::string::npos);
  CHECK(substitute_options("`${x}` ${not an option}", YAML::Load("{x: 1}")) == "`1` ${not an option}");
}
