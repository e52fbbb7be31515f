// Link facts of JavaScript/TypeScript: URL literals, environment reads, BullMQ queues.
#include <re2/re2.h>

#include "checks/facts/links/link_facts_code.h"
#include "checks/syntax/query.h"
#include "checks/facts/routes/route_facts_js.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {
namespace {

constexpr char kLinkPatterns[] = R"q(
(string) @string
(template_string) @string
(variable_declarator name: (identifier) @name value: (string) @value) @constant
(new_expression constructor: (_) @ctor arguments: (arguments) @args) @new
(call_expression
  function: (member_expression object: (_) @object property: (property_identifier) @method)
  arguments: (arguments . [(string) (identifier)] @key)
  (#any-of? @method "get" "getOrThrow")
  (#match? @object "(^|\\.)(config|configService|ConfigService|env)$")) @config_get
((member_expression object: (_) @object property: (property_identifier) @name) @env
  (#match? @object
    "^(process\\.env|import\\.meta\\.env|Bun\\.env|(this\\.)?(env|config|settings|cfg|conf|appConfig))$"))
((subscript_expression object: (_) @object index: (string) @key) @env_index
  (#match? @object "^(process\\.env|import\\.meta\\.env)$"))
((variable_declarator name: (object_pattern) @names value: (_) @object) @destructure
  (#match? @object "^(process\\.env|import\\.meta\\.env|Bun\\.env)$"))
(decorator (call_expression function: (identifier) @deco arguments: (arguments . [(string) (identifier)] @name))
  (#any-of? @deco "Processor" "InjectQueue")) @decorator
)q";

class JsLinkExtractor {
 public:
  JsLinkExtractor(const SyntaxTree& tree, LinkFacts& out) : tree_(tree), out_(out), g_(js_route_grammar()) {}

  void run() {
    const Query& query = js_query<kLinkPatterns>(tree_.file().language());
    auto by_root = matches_by_root(query, tree_, {"constant", "string", "new", "config_get", "env", "env_index",
                                                  "destructure", "decorator"});
    for (const QueryMatch& m : by_root["constant"])
      if (auto v = string_value(tree_, m["value"])) constants_[std::string(tree_.text(m["name"]))] = *v;
    for (const QueryMatch& m : by_root["string"]) add_url_literal(tree_, m["string"], out_);
    for (const QueryMatch& m : by_root["env"]) add_env_read(tree_.text(m["name"]), span_of(tree_, m["env"]), out_);
    for (const char* root : {"env_index", "config_get"})
      for (const QueryMatch& m : by_root[root])
        for (const auto& key : literal_strings(tree_, m["key"], g_, &constants_))
          add_env_read(key, span_of(tree_, m[root]), out_);
    for (const QueryMatch& m : by_root["destructure"]) add_destructured(m["names"]);
    if (uses_bullmq()) {
      for (const QueryMatch& m : by_root["new"]) add_bullmq(m);
      for (const QueryMatch& m : by_root["decorator"]) add_nest_queue(m);
    }
  }

 private:
  // `const { ORDERS_URL, BILLING_URL: billing } = process.env`
  void add_destructured(TSNode pattern) {
    for (TSNode n : named_children(pattern)) {
      std::string_view type = node_type(n);
      if (type == "shorthand_property_identifier_pattern") add_env_read(tree_.text(n), span_of(tree_, n), out_);
      if (type == "pair_pattern") add_env_read(tree_.text(field(n, "key")), span_of(tree_, n), out_);
    }
  }

  bool uses_bullmq() const {
    const std::string& text = tree_.file().text();
    return text.find("bullmq") != std::string::npos || text.find("'bull'") != std::string::npos ||
           text.find("\"bull\"") != std::string::npos || text.find("@nestjs/bull") != std::string::npos;
  }

  // A queue name argument: a string or a constant of this file; a path never is one
  // (`new Worker('./thread.js')` is a worker thread).
  std::optional<std::string> queue_name(TSNode arg) const {
    auto names = literal_strings(tree_, arg, g_, &constants_);
    if (names.size() != 1 || names[0].empty() || names[0].find_first_of("/\\") != std::string::npos)
      return std::nullopt;
    return names[0];
  }

  // `new Queue('emails')` produces, `new Worker('emails', handler)` consumes.
  void add_bullmq(const QueryMatch& m) {
    std::string ctor(tree_.text(m["ctor"]));
    ctor = ctor.substr(ctor.rfind('.') == std::string::npos ? 0 : ctor.rfind('.') + 1);
    if (ctor != "Queue" && ctor != "Worker") return;
    auto args = call_arguments(m["args"]);
    if (args.empty()) return;
    if (auto name = queue_name(args[0]))
      out_.queues.push_back({"bullmq", *name, "", ctor == "Queue", span_of(tree_, m["new"])});
  }

  // NestJS: `@Processor('emails')` consumes, `@InjectQueue('emails')` produces.
  void add_nest_queue(const QueryMatch& m) {
    if (auto name = queue_name(m["name"]))
      out_.queues.push_back({"bullmq", *name, "", tree_.text(m["deco"]) == "InjectQueue",
                             span_of(tree_, m["decorator"])});
  }

  const SyntaxTree& tree_;
  LinkFacts& out_;
  const RouteGrammar& g_;
  StringConstants constants_;
};

}  // namespace

void extract_js_links(const SyntaxTree& tree, LinkFacts& out) { JsLinkExtractor(tree, out).run(); }

}  // namespace svc::engine
