// auth-jwt-long-lived: tokens issued to live longer than `max_minutes` (playbook, Auth
// between services: short-lived JWTs). Queries find where a lifetime is written
// (`expiresIn:`, an `exp` claim, jose `setExpirationTime`, expiry-named constants,
// assignments and keywords); the lifetime itself is computed here, since a query
// cannot compare "60 * 24 * 8 minutes" with 15 minutes. Lifetimes in a refresh
// token's context are legitimately long and are skipped.
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "checks/builtin/jwt/go_lifetimes.h"
#include "checks/builtin/jwt/jwt_durations.h"
#include "checks/builtin/jwt/next_auth_options.h"
#include "checks/engine/check.h"
#include "checks/syntax/query.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin {
namespace {

using namespace engine;

constexpr std::size_t kMaxDetail = 60;  // longer source text is cut in messages

// Where a lifetime may be written: @name holds the key, variable or keyword.
constexpr const char* kJsSites = R"(
  (pair key: (_) @name value: (_) @value)
  (variable_declarator name: (identifier) @name value: (_) @value)
  (assignment_expression left: (_) @name right: (_) @value)
  (call_expression function: (member_expression property: (property_identifier) @name)
    arguments: (arguments . (_) @value) (#eq? @name "setExpirationTime"))
)";
// Go: claims keys (`ExpiresAt:`, `"exp":`), assignments (`claims["exp"] = …`),
// constants and variables, jwx's `t.Set(jwt.ExpirationKey, …)` and builder `.Expiration(…)`.
constexpr const char* kGoSites = R"(
  (keyed_element key: (literal_element (_) @name) value: (literal_element (_) @value))
  (assignment_statement left: (expression_list . (_) @name) right: (expression_list . (_) @value))
  (short_var_declaration left: (expression_list . (_) @name) right: (expression_list . (_) @value))
  (const_spec name: (identifier) @name value: (expression_list . (_) @value))
  (var_spec name: (identifier) @name value: (expression_list . (_) @value))
  (call_expression function: (selector_expression field: (field_identifier) @fn)
    arguments: (argument_list . (_) @name . (_) @value) (#eq? @fn "Set"))
  (call_expression function: (selector_expression field: (field_identifier) @name)
    arguments: (argument_list . (_) @value .) (#eq? @name "Expiration"))
  (field_declaration name: (field_identifier) @name tag: (_) @value)
)";
constexpr const char* kPySites = R"(
  (pair key: (string) @name value: (_) @value)
  (assignment left: (_) @name right: (_) @value)
  (keyword_argument name: (identifier) @name value: (_) @value)
)";

// What a name says about the value it holds.
const RE2 kExpiryName(R"((?i)expir|ttl|lifetime|max_?age|valid_?for|duration|(^|_)exp$)");
const RE2 kTokenContext(R"((?i)jwt|token|access|(^|[\s._])sign)");
const RE2 kRefresh(R"((?i)refresh)");
// Single-use links (password reset, email verification, invitations) are not sessions.
const RE2 kSingleUse(R"((?i)reset|invit|email|magic|confirm)");
// A cookie's `maxAge` (milliseconds for Express, seconds for the cookie package and
// Next.js) bounds the cookie, not the token in it, whose own expiry is read where it is set.
const RE2 kMaxAge(R"((?i)^max_?age$)");
const RE2 kCookie(R"((?i)cookie)");

constexpr const char* kTokenFix =
    "issue access tokens for {:g} minutes or less and renew sessions with a refresh token or the IdP";
constexpr const char* kNextAuthFix =
    "set `session.maxAge` to {:g} * 60 seconds or less (NextAuth renews the token while the user is active), "
    "or use database sessions with an adapter";

bool is_function(std::string_view type) {
  return type == "function_declaration" || type == "function_expression" || type == "function" ||
         type == "arrow_function" || type == "method_definition" || type == "generator_function_declaration" ||
         type == "function_definition" || type == "lambda" || type == "func_literal" ||
         type == "method_declaration";
}

// The last identifier-like word of a key: `payload["exp"]` → exp, `app.config["X"]` → X.
std::string last_word(std::string_view text) {
  std::string out, cur;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') cur += c;
    else if (!cur.empty()) out = cur, cur.clear();
  }
  return cur.empty() ? out : cur;
}

struct Lifetime {
  double seconds;
  TSNode at;           // the value reported
  std::string detail;  // how it is written, for the message
};

class Evaluator {
 public:
  explicit Evaluator(const SyntaxTree& tree) : tree_(tree) {}

  // Literal arithmetic: 60 * 24 * 8, (15 * 60), -1.
  std::optional<double> constant(TSNode n) const {
    if (ts_node_is_null(n)) return std::nullopt;
    std::string_view type = node_type(n);
    if (type == "number" || type == "integer" || type == "float" || type == "int_literal" || type == "float_literal") {
      std::string digits;
      for (char c : tree_.text(n))
        if (c != '_') digits += c;
      char* end = nullptr;
      double v = std::strtod(digits.c_str(), &end);
      return end == digits.c_str() + digits.size() ? std::optional<double>(v) : std::nullopt;
    }
    if (type == "parenthesized_expression" && ts_node_named_child_count(n) == 1)
      return constant(ts_node_named_child(n, 0));
    if (type == "unary_expression" || type == "unary_operator") {
      auto v = constant(field(n, "argument"));
      std::string_view op = tree_.text(field(n, "operator"));
      if (!v || (op != "-" && op != "+")) return std::nullopt;
      return op == "-" ? -*v : *v;
    }
    if (type != "binary_expression" && type != "binary_operator") return std::nullopt;
    auto l = constant(field(n, "left")), r = constant(field(n, "right"));
    if (!l || !r) return std::nullopt;
    std::string_view op = tree_.text(field(n, "operator"));
    if (op == "+") return *l + *r;
    if (op == "-") return *l - *r;
    if (op == "*") return *l * *r;
    if ((op == "/" || op == "//") && *r != 0) return op == "/" ? *l / *r : std::floor(*l / *r);
    if (op == "**") return std::pow(*l, *r);
    return std::nullopt;
  }

  // `now + 3600`, `Math.floor(Date.now() / 1000) + 60 * 60`: the constant added to a clock.
  std::optional<std::pair<double, TSNode>> offset(TSNode n) const {
    std::string_view type = node_type(n);
    if ((type != "binary_expression" && type != "binary_operator") || tree_.text(field(n, "operator")) != "+")
      return std::nullopt;
    TSNode l = field(n, "left"), r = field(n, "right");
    if (auto v = constant(r); v && !constant(l)) return std::make_pair(*v, r);
    if (auto v = constant(l); v && !constant(r)) return std::make_pair(*v, l);
    return std::nullopt;
  }

  // The first `timedelta(…)` call in n with only literal arguments, in seconds.
  std::optional<std::pair<double, TSNode>> timedelta(TSNode n) const {
    if (node_type(n) == "call") {
      std::string_view fn = tree_.text(field(n, "function"));
      if (fn == "timedelta" || (fn.size() > 10 && fn.substr(fn.size() - 10) == ".timedelta")) {
        auto v = timedelta_seconds(field(n, "arguments"));
        return v ? std::optional(std::make_pair(*v, n)) : std::nullopt;
      }
    }
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i)
      if (auto v = timedelta(ts_node_named_child(n, i))) return v;
    return std::nullopt;
  }

  // `process.env.JWT_EXPIRES_IN || '7d'`, `os.getenv(…) or 3600`: the literal default.
  TSNode fallback(TSNode n) const {
    std::string_view type = node_type(n);
    if (type != "binary_expression" && type != "boolean_operator") return n;
    std::string_view op = tree_.text(field(n, "operator"));
    return op == "||" || op == "??" || op == "or" ? field(n, "right") : n;
  }

 private:
  std::optional<double> timedelta_seconds(TSNode args) const {
    static const char* positional[] = {"days", "seconds", "microseconds"};
    double total = 0;
    uint32_t index = 0;
    for (uint32_t i = 0; i < ts_node_named_child_count(args); ++i) {
      TSNode a = ts_node_named_child(args, i);
      if (node_type(a) == "comment") continue;
      std::string_view keyword;
      TSNode value = a;
      if (node_type(a) == "keyword_argument") {
        keyword = tree_.text(field(a, "name"));
        value = field(a, "value");
      } else {
        if (index >= 3) return std::nullopt;
        keyword = positional[index++];
      }
      auto per = timedelta_unit(keyword);
      auto v = constant(value);
      if (!per || !v) return std::nullopt;
      total += *v * *per;
    }
    return total;
  }

  const SyntaxTree& tree_;
};

}  // namespace

class AuthJwtLongLived : public Check {
 public:
  bool file_local() const override { return true; }
  void configure(const YAML::Node& options) override {
    if (options && options["max_minutes"]) max_minutes_ = options["max_minutes"].as<double>();
  }

  void check_file(const FileContext& ctx, FindingSink& out) const override {
    if (!ctx.tree || is_test_path(ctx.file.path())) return;
    bool python = ctx.file.language() == Language::python;
    bool go = ctx.file.language() == Language::go;
    auto report = [&](const Lifetime& life, const std::string& fix) {
      MessageArgs args = {{"lifetime", describe_seconds(life.seconds)},
                          {"detail", life.detail},
                          {"max", fmt::format("{:g}", max_minutes_)},
                          {"fix", fix}};
      out.report(ctx.file, ts_node_start_byte(life.at), ts_node_end_byte(life.at), args);
    };
    // NextAuth's `maxAge` values are read with their options object, not as sites below.
    std::set<uint32_t> next_auth_values;
    // Every options object names NextAuth, NextAuthOptions/Config or AuthOptions/Config:
    // most files that pass the rule's prefilter do not, and skip the reader's queries.
    if (!python && !go && ctx.file.text().find("Auth") != std::string::npos)
      for (const auto& options : next_auth_.read(*ctx.tree)) {
        for (TSNode v : options.max_age_values) next_auth_values.insert(ts_node_start_byte(v));
        if (auto life = next_auth_lifetime(*ctx.tree, options); life && life->seconds > max_minutes_ * 60)
          report(*life, fmt::format(kNextAuthFix, max_minutes_));
      }
    // Compiled on first use: a run whose files all come from the cache compiles nothing.
    const LazyQuery& sites = python ? py_sites_ : go ? go_sites_ : js_sites_;
    sites.get(ctx.file.language()).for_each(*ctx.tree, [&](const QueryMatch& m) {
      if (next_auth_values.count(ts_node_start_byte(m["value"]))) return;
      auto life = go ? go_lifetime(*ctx.tree, m["name"], m["value"]) : lifetime(*ctx.tree, m["name"], m["value"]);
      if (!life || life->seconds <= max_minutes_ * 60) return;
      report(*life, fmt::format(kTokenFix, max_minutes_));
    });
  }

 private:
  // A NextAuth session token lives `jwt.maxAge`, else `session.maxAge`, else 30 days;
  // all in seconds. Only JWT sessions are judged: a database session is revocable.
  std::optional<Lifetime> next_auth_lifetime(const SyntaxTree& tree, const NextAuthOptions& options) const {
    if (!options.jwt_sessions()) return std::nullopt;
    if (ts_node_is_null(options.max_age)) {
      if (options.spread) return std::nullopt;  // `...authConfig` may set it
      return Lifetime{kNextAuthDefaultMaxAge, options.object, "NextAuth's default for JWT sessions without `maxAge`"};
    }
    auto seconds = Evaluator(tree).constant(options.max_age);
    if (!seconds) return std::nullopt;
    return Lifetime{*seconds, options.max_age,
                    fmt::format("{}: {} seconds", options.max_age_key, cut(tree.text(options.max_age)))};
  }

  std::optional<Lifetime> lifetime(const SyntaxTree& tree, TSNode name_node, TSNode value) const {
    bool python = tree.file().language() == Language::python;
    std::string name = last_word(tree.text(name_node));
    bool expires_in = !python && name == "expiresIn";
    bool absolute = name == "setExpirationTime" || name == "exp";
    // Cheap test first: the context walks up to the enclosing function, taking the text
    // of every call argument on the way.
    if (!absolute && !expires_in && !RE2::PartialMatch(name, kExpiryName)) return std::nullopt;
    std::string context = name + " " + context_of(tree, name_node);
    if (RE2::PartialMatch(context, kRefresh) || RE2::PartialMatch(name, kSingleUse)) return std::nullopt;
    if (RE2::PartialMatch(name, kMaxAge) && RE2::PartialMatch(context, kCookie)) return std::nullopt;
    Evaluator eval(tree);
    TSNode site = ts_node_parent(name_node);
    std::string shown = name == "setExpirationTime" ? fmt::format("{}({})", name, cut(tree.text(value)))
                        : node_type(site) == "pair" ? fmt::format("{}: {}", name, cut(tree.text(value)))
                                                    : fmt::format("{} = {}", name, cut(tree.text(value)));

    if (absolute) {
      // A number here is an absolute time; only a span or an offset from now is a lifetime.
      if (python)
        if (auto td = eval.timedelta(value)) return Lifetime{td->first, td->second, cut(tree.text(td->second))};
      if (auto s = string_value(tree, value); s && name == "setExpirationTime")
        if (auto v = parse_time_span(*s, false)) return Lifetime{*v, value, shown};
      if (auto off = eval.offset(value)) return Lifetime{off->first, value, shown + " seconds"};
      return std::nullopt;
    }

    if (!RE2::PartialMatch(context, kTokenContext)) return std::nullopt;
    if (python)
      if (auto td = eval.timedelta(value)) return Lifetime{td->first, td->second, cut(tree.text(td->second))};
    TSNode v = eval.fallback(value);
    std::optional<double> per = expires_in ? std::optional<double>(1) : unit_from_name(name);
    if (auto s = string_value(tree, v)) {
      if (auto span = parse_time_span(*s, false)) return Lifetime{*span, v, shown};
      // A bare number: the constant's unit if its name has one, else what jsonwebtoken
      // makes of it (milliseconds).
      auto number = parse_time_span(*s + "s", false);
      if (number && per && !expires_in) return Lifetime{*number * *per, v, shown + unit_word(*per)};
      if (number && !python) return Lifetime{*number / 1000, v, shown + " ms"};
      return std::nullopt;
    }
    auto n = eval.constant(v);
    if (!n) return std::nullopt;
    double unit = per.value_or(1);  // a bare number of a JWT lifetime is seconds
    return Lifetime{*n * unit, v, shown + unit_word(unit)};
  }

  // Go: an expiry time (`ExpiresAt`, `"exp"`, jwx's ExpirationKey) is judged by its
  // offset from now; an expiry-named constant or variable in a token's context by its
  // duration (`72 * time.Hour`) or, for a bare number, the unit its name gives.
  std::optional<Lifetime> go_lifetime(const SyntaxTree& tree, TSNode name_node, TSNode value) const {
    std::string name = last_word(tree.text(name_node));
    bool absolute = name == "exp" || name == "ExpiresAt" || name == "ExpirationKey" || name == "Expiration";
    if (!absolute && !RE2::PartialMatch(name, kExpiryName)) return std::nullopt;
    // `ExpiresAt` is as common on sessions, caches and signed URLs: only a file that
    // names a JWT library, or a token around the site, is about tokens.
    static const RE2 jwt_file(R"((?i)jwt|jwx|jose)");
    std::string context = name + " " + context_of(tree, name_node);
    if (!RE2::PartialMatch(tree.file().text(), jwt_file) && !RE2::PartialMatch(context, kTokenContext)) return std::nullopt;
    if (RE2::PartialMatch(context, kRefresh) || RE2::PartialMatch(name, kSingleUse)) return std::nullopt;
    if (RE2::PartialMatch(name, kMaxAge) && RE2::PartialMatch(context, kCookie)) return std::nullopt;
    std::string shown = fmt::format("{}: {}", name, cut(tree.text(value)));
    // A config struct's default: `TokenExpiry time.Duration `env:"JWT_TOKEN_EXPIRY" envDefault:"24h"``.
    if (node_type(ts_node_parent(value)) == "field_declaration") {
      static const RE2 default_tag(R"re(\b(?:envDefault|default):"([^"]+)")re");
      std::string span;
      if (!RE2::PartialMatch(tree.text(value), default_tag, &span) || !RE2::PartialMatch(context, kTokenContext))
        return std::nullopt;
      auto seconds = parse_time_span(span, false);
      if (!seconds) return std::nullopt;
      return Lifetime{*seconds, value, fmt::format("{} defaults to {}", name, span)};
    }
    if (auto off = go_expiry_offset(tree, value)) return Lifetime{off->seconds, off->at, shown};
    if (absolute || !RE2::PartialMatch(context, kTokenContext)) return std::nullopt;
    if (auto d = go_duration(tree, value)) return Lifetime{d->seconds, d->at, shown};
    if (node_type(value) != "int_literal") return std::nullopt;
    auto per = unit_from_name(name);
    auto n = Evaluator(tree).constant(value);
    if (!per || !n) return std::nullopt;
    return Lifetime{*n * *per, value, shown + unit_word(*per)};
  }

  static std::string unit_word(double per) {
    if (per == 60) return " minutes";
    if (per == 3600) return " hours";
    if (per == 86400) return " days";
    if (per == 604800) return " weeks";
    if (per == 0.001) return " ms";
    return " seconds";
  }

  static std::string cut(std::string_view text) {
    std::string out(text.substr(0, text.find('\n')));
    if (out.size() > kMaxDetail || out.size() < text.size()) out = out.substr(0, kMaxDetail) + "…";
    return out;
  }

  // Names around a site up to its enclosing function: keys, variables, callees and the
  // other arguments of the calls it sits in, and the function's own name. Enough to
  // tell an access token's lifetime from a refresh token's.
  static std::string context_of(const SyntaxTree& tree, TSNode node) {
    std::string out;
    TSNode child = node, arg = node;  // arg: the call argument on the way up, skipped below
    for (TSNode n = ts_node_parent(node); !ts_node_is_null(n); arg = child, child = n, n = ts_node_parent(n)) {
      std::string_view type = node_type(n);
      if (is_function(type)) {
        // Its own name, or the variable or key an anonymous function is stored under.
        TSNode name = field(n, "name");
        TSNode parent = ts_node_parent(n);
        if (!ts_node_is_null(name)) out += " " + std::string(tree.text(name));
        else if (!ts_node_is_null(parent)) out += " " + name_of(tree, parent);
        break;
      }
      if (type == "call_expression" || type == "call") {
        out += " " + std::string(tree.text(field(n, "function")));
        TSNode args = field(n, "arguments");
        for (uint32_t i = 0; !ts_node_is_null(args) && i < ts_node_named_child_count(args); ++i) {
          TSNode a = ts_node_named_child(args, i);
          if (!ts_node_eq(a, arg) && !is_function(node_type(a))) out += " " + std::string(tree.text(a));
        }
      } else {
        out += " " + name_of(tree, n);
      }
    }
    return out;
  }

  // The name a declaration-like node gives: a pair's key, a variable, an assignment's target.
  static std::string name_of(const SyntaxTree& tree, TSNode n) {
    std::string_view type = node_type(n);
    const char* f = type == "pair" ? "key"
                    : type == "variable_declarator" || type == "class_definition" || type == "class_declaration"
                        ? "name"
                    : type == "assignment_expression" || type == "assignment" ? "left"
                    : type == "keyword_argument" || type == "const_spec" || type == "var_spec" ? "name"
                    : type == "keyed_element" ? "key"
                    : type == "short_var_declaration" || type == "assignment_statement" ? "left"
                                                  : nullptr;
    if (!f) return "";
    TSNode name = field(n, f);
    return ts_node_is_null(name) ? "" : std::string(tree.text(name));
  }

  LazyQuery js_sites_{"auth-jwt-long-lived", kJsSites}, py_sites_{"auth-jwt-long-lived", kPySites},
      go_sites_{"auth-jwt-long-lived", kGoSites};
  NextAuthOptionsReader next_auth_{"auth-jwt-long-lived"};
  double max_minutes_ = 15;
};

std::unique_ptr<engine::Check> make_auth_jwt_long_lived() { return std::make_unique<AuthJwtLongLived>(); }

}  // namespace svc::builtin
