// Python signals: data and media libraries, FastAPI's OpenAPI document, CORS middleware,
// API keys and bearer tokens read from requests, webhook checks, mail, sleeps, Celery
// beat and APScheduler schedules, and work started without waiting for it.
#include <map>
#include <set>

#include "checks/facts/signals/signal_libraries.h"
#include "checks/syntax/code_syntax.h"
#include "checks/facts/signals/signal_sink.h"
#include "common/ascii.h"

namespace svc::engine {
namespace {

class PythonSignals {
 public:
  PythonSignals(const SyntaxTree& tree, SignalFacts& out) : tree_(tree), out_(out), g_(python_route_grammar()) {}

  void run() {
    for_each_node(tree_.root(), [&](TSNode node) { on_node(node); });
    if (!signature_header_.empty() || (timing_safe_ && path_mentions("webhook")))
      for (TSNode call : hmacs_)
        add(SignalKind::webhook_signature,
            signature_header_.empty() ? "hmac + compare_digest" : "hmac + '" + signature_header_ + "'", call);
  }

 private:
  void on_node(TSNode node) {
    std::string_view type = node_type(node);
    if (type == "import_statement" || type == "import_from_statement") on_import(node);
    else if (type == "call") on_call(node);
    else if (type == "string") on_string(node);
    else if (type == "subscript") on_subscript(node);
    else if (type == "default_parameter" || type == "typed_default_parameter") on_parameter(node);
    else if (type == "assignment") on_assignment(node);
    else if (type == "expression_statement") on_statement(node);
  }

  void on_import(TSNode node) {
    std::vector<std::pair<std::string, std::string>> names;  // (local, module)
    if (node_type(node) == "import_statement") {
      for (TSNode name : named_children(node)) {
        TSNode alias = node_type(name) == "aliased_import" ? field(name, "alias") : TSNode{};
        if (node_type(name) == "aliased_import") name = field(name, "name");
        std::string module = text(name);
        names.emplace_back(ts_node_is_null(alias) ? module.substr(0, module.find('.')) : text(alias), module);
      }
      for (const auto& [_, module] : names) on_module(module, node);
    } else {
      TSNode module = field(node, "module_name");
      if (node_type(module) == "relative_import") return;
      std::string from = text(module);
      on_module(from, node);
      for (TSNode name : named_children(node)) {
        if (ts_node_eq(name, module)) continue;
        TSNode alias = node_type(name) == "aliased_import" ? field(name, "alias") : TSNode{};
        if (node_type(name) == "aliased_import") name = field(name, "name");
        if (node_type(name) == "dotted_name") names.emplace_back(ts_node_is_null(alias) ? text(name) : text(alias), from);
      }
    }
    for (const auto& [local, module] : names) imported_[local] = module;
  }

  void on_module(const std::string& module, TSNode at) {
    std::string root = module.substr(0, module.find('.'));
    modules_.insert(root);
    if (is_python_data_package(root)) add(SignalKind::python_data_lib, "import " + root, at);
    if (is_python_media_package(root)) add(SignalKind::media_processing, "import " + root, at);
    if (is_python_openapi_package(root) && !openapi_seen_) {
      openapi_seen_ = true;
      add(SignalKind::openapi_document, "import " + root, at);
    }
  }

  void on_call(TSNode call) {
    std::string path = member_path(tree_, field(call, "function"), g_);
    if (path.empty()) return;
    auto parts = member_path_parts(tree_, field(call, "function"), g_);
    const std::string& first = parts.front();
    const std::string& last = parts.back();
    TSNode args = field(call, "arguments");
    std::string module = module_of(first);

    // Public API: CORS, FastAPI's generated document, API keys and bearer tokens.
    if (path == "CORS" && module.starts_with("flask_cors")) add(SignalKind::cors, "CORS() from flask_cors", call);
    for (TSNode arg : named_children(args))
      if (text(arg) == "CORSMiddleware") add(SignalKind::cors, path + "(CORSMiddleware)", call);
    if ((path == "FastAPI" && module == "fastapi") || path == "fastapi.FastAPI") {
      TSNode url = python_argument(tree_, args, kKeywordOnly, "openapi_url");
      if (ts_node_is_null(url) || node_type(url) != "none")
        add(SignalKind::openapi_document, "FastAPI() serves /openapi.json", call);
    }
    if (last == "APIKeyHeader" || last == "APIKeyQuery" || last == "APIKeyCookie")
      add(SignalKind::api_key_check, path + "()", call);
    if (last == "HTTPBearer" || last == "OAuth2PasswordBearer" || last == "OAuth2AuthorizationCodeBearer")
      add(SignalKind::bearer_token, path + "()", call);
    if (last == "get" && parts.size() >= 2) {
      std::string receiver = ascii_lower(parts[parts.size() - 2]);
      auto key = first_literal(args);
      if (key && (receiver == "headers" || receiver == "meta")) on_header_read(path + "('" + *key + "')", *key, call);
      if (key && (receiver == "args" || receiver == "query_params" || receiver == "get") &&
          is_api_key_header(header_key(*key)))
        add(SignalKind::api_key_check, path + "('" + *key + "')", call);
    }

    // Webhook signatures.
    if (last == "construct_event") add(SignalKind::webhook_signature, path, call);
    if (last == "verify" && parts.size() >= 2 && ascii_lower(parts[parts.size() - 2]).find("webhook") != std::string::npos)
      add(SignalKind::webhook_signature, path, call);
    if (path == "hmac.new" || path == "hmac.digest") hmacs_.push_back(call);
    if (last == "compare_digest") timing_safe_ = true;

    // Mail.
    bool smtp = modules_.count("smtplib") > 0;
    if (path == "smtplib.SMTP" || path == "smtplib.SMTP_SSL" || (module == "smtplib" && (path == "SMTP" || path == "SMTP_SSL")))
      add(SignalKind::mail_send, "smtplib." + last, call);
    if (last == "send_mail" || last == "send_mass_mail" || path.ends_with("Emails.send") ||
        ((last == "sendmail" || last == "send_message") && (smtp || modules_.count("fastapi_mail"))) ||
        (last == "send" && modules_.count("sendgrid")))
      add(SignalKind::mail_send, path, call);

    // Sleeps; `asyncio.sleep(0)` only yields to the loop.
    bool sleeper = path == "time.sleep" || path == "asyncio.sleep" ||
                   (path == "sleep" && (module == "time" || module == "asyncio"));
    if (sleeper && first_text(args) != "0") add(SignalKind::sleep_poll, path, call);

    // Schedules: Celery beat's crontab, APScheduler.
    if (last == "crontab" || last == "CronTrigger" || path.ends_with("CronTrigger.from_crontab"))
      add(SignalKind::cron, text(call), call);
    if (last == "add_job" || last == "scheduled_job") {
      TSNode trigger = python_argument(tree_, args, last == "add_job" ? 1 : 0, "trigger");
      auto value = string_value(tree_, trigger);
      if (value && *value == "cron") add(SignalKind::cron, path + "(trigger='cron')", call);
    }

    // FastAPI's BackgroundTasks: work run after the response, in the same process.
    if (last == "add_task" && parts.size() >= 2) add(SignalKind::fire_and_forget, path, call);
  }

  void on_header_read(const std::string& reader, const std::string& name, TSNode at) {
    std::string key = header_key(name);
    if (is_api_key_header(key)) add(SignalKind::api_key_check, reader, at);
    if (key == "authorization") add(SignalKind::bearer_token, reader, at);
    if (key.find("signature") != std::string::npos && signature_header_.empty()) signature_header_ = name;
  }

  void on_subscript(TSNode node) {  // request.headers['X-API-Key'], request.META['HTTP_AUTHORIZATION']
    TSNode parent = ts_node_parent(node);
    if (node_type(parent) == "assignment" && ts_node_eq(field(parent, "left"), node)) return;  // setting one
    auto parts = member_path_parts(tree_, field(node, "value"), g_);
    auto key = string_value(tree_, field(node, "subscript"));
    if (!key || parts.empty()) return;
    std::string receiver = ascii_lower(parts.back());
    if (receiver == "headers" || receiver == "meta") on_header_read(text(node), *key, node);
  }

  // `x_api_key: str = Header(...)`, `authorization: str = Header(None)` in a FastAPI route.
  void on_parameter(TSNode node) {
    TSNode value = field(node, "value");
    if (ts_node_is_null(value) || node_type(value) != "call") return;
    std::string callee = member_path(tree_, field(value, "function"), g_);
    if (callee != "Header" && callee != "fastapi.Header") return;
    TSNode alias = python_argument(tree_, field(value, "arguments"), kKeywordOnly, "alias");
    std::string name = string_value(tree_, alias).value_or(text(field(node, "name")));
    std::string key = header_key(name);
    if (is_api_key_header(key)) add(SignalKind::api_key_check, "Header " + name, node);
    if (key == "authorization") add(SignalKind::bearer_token, "Header " + name, node);
  }

  void on_string(TSNode node) {
    auto value = string_value(tree_, node);
    if (!value) return;
    if (*value == "corsheaders" || *value == "corsheaders.middleware.CorsMiddleware")
      return add(SignalKind::cors, *value, node);
    if (header_key(*value) != "access-control-allow-origin") return;
    TSNode parent = ts_node_parent(node);
    if (node_type(parent) == "argument_list") {
      auto parts = member_path_parts(tree_, field(ts_node_parent(parent), "function"), g_);
      if (!parts.empty() && parts.back() == "get") return;  // read from a response
    }
    add(SignalKind::cors, *value, node);
  }

  void on_assignment(TSNode node) {  // app.conf.beat_schedule = {...}, CELERY_BEAT_SCHEDULE = {...}
    std::string left = text(field(node, "left"));
    if (left.ends_with("beat_schedule") || left == "CELERY_BEAT_SCHEDULE" || left == "CELERYBEAT_SCHEDULE")
      add(SignalKind::cron, "Celery " + left, node);
  }

  // `asyncio.create_task(notify(user))` as a statement in a function: nobody awaits it.
  void on_statement(TSNode statement) {
    if (ts_node_named_child_count(statement) == 0 || ts_node_is_null(enclosing_function(statement, g_))) return;
    TSNode call = ts_node_named_child(statement, 0);
    if (node_type(call) != "call") return;
    std::string path = member_path(tree_, field(call, "function"), g_);
    if (path.ends_with("create_task") || path == "asyncio.ensure_future")
      add(SignalKind::fire_and_forget, path + "() not awaited", statement);
  }

  std::optional<std::string> first_literal(TSNode args) const {
    TSNode first = python_argument(tree_, args, 0, "");
    return string_value(tree_, first);
  }
  std::string first_text(TSNode args) const {
    TSNode first = python_argument(tree_, args, 0, "");
    return ts_node_is_null(first) ? "" : text(first);
  }
  std::string module_of(const std::string& local) const {
    auto it = imported_.find(local);
    return it == imported_.end() ? "" : it->second;
  }
  bool path_mentions(std::string_view word) const {
    return ascii_lower(tree_.file().path()).find(word) != std::string::npos;
  }
  std::string text(TSNode node) const { return std::string(tree_.text(node)); }
  void add(SignalKind kind, std::string_view note, TSNode at) { add_signal(out_, kind, note, tree_, at); }

  const SyntaxTree& tree_;
  SignalFacts& out_;
  const RouteGrammar& g_;
  std::map<std::string, std::string> imported_;  // local name -> module
  std::set<std::string> modules_;                // top-level packages imported
  bool openapi_seen_ = false;
  std::vector<TSNode> hmacs_;
  std::string signature_header_;
  bool timing_safe_ = false;
};

}  // namespace

void extract_python_signals(const SyntaxTree& tree, SignalFacts& out) { PythonSignals(tree, out).run(); }

}  // namespace svc::engine
