// JavaScript/TypeScript signals: one walk of the tree, and the public-API signals (CORS,
// API keys and bearer tokens read from requests, webhook signature checks, OpenAPI
// generators).
#include "checks/facts/signals/signals_js.h"

#include "checks/facts/signals/signal_libraries.h"
#include "checks/syntax/code_syntax.h"
#include "common/ascii.h"

namespace svc::engine {
namespace {

bool opens_with_use_client(const SyntaxTree& tree) {
  for (TSNode child : named_children(tree.root())) {
    std::string_view type = node_type(child);
    if (type == "comment" || type == "hash_bang_line") continue;
    if (type != "expression_statement" || ts_node_named_child_count(child) == 0) return false;
    auto value = string_value(tree, ts_node_named_child(child, 0));
    return value && *value == "use client";
  }
  return false;
}

// Whether `node` is what an assignment writes (`headers['x-api-key'] = key`): a request
// being built, not one being read.
bool is_assigned(TSNode node) {
  TSNode parent = ts_node_parent(node);
  return !ts_node_is_null(parent) && node_type(parent) == "assignment_expression" &&
         ts_node_eq(field(parent, "left"), node);
}

// `delete headers.Authorization`: a request being built (axios' transformRequest).
bool is_deleted(TSNode node) {
  TSNode parent = ts_node_parent(node);
  return !ts_node_is_null(parent) && node_type(parent) == "unary_expression" && node_type(ts_node_child(parent, 0)) == "delete";
}

}  // namespace

JsSignals::JsSignals(const SyntaxTree& tree, SignalFacts& out) : tree_(tree), out_(out), g_(js_route_grammar()) {}

void JsSignals::run() {
  std::string_view path = tree_.file().path();
  client_ = opens_with_use_client(tree_);
  collect_bindings();
  ui_ = client_ || react_ || path.ends_with(".tsx") || path.ends_with(".jsx");
  for_each_node(tree_.root(), [&](TSNode node) { on_node(node); });
  finish_hmac();
}

void JsSignals::on_node(TSNode node) {
  std::string_view type = node_type(node);
  if (type == "import_statement") {
    TSNode source = field(node, "source");
    if (auto module = string_value(tree_, source)) on_module(*module, node);
  } else if (type == "call_expression") {
    on_call(node);
  } else if (type == "new_expression") {
    on_new(node);
  } else if (type == "string" || type == "template_string") {
    on_string(node);
  } else if (type == "subscript_expression") {  // req.headers['x-api-key']
    auto key = string_value(tree_, field(node, "index"));
    if (key && reads_headers(field(node, "object")) && !is_assigned(node))
      on_header_read(text(field(node, "object")) + "['" + *key + "']", *key, node);
  } else if (type == "member_expression") {  // req.headers.authorization
    std::string property = text(field(node, "property"));
    if (ascii_lower(property) == "authorization" && reads_headers(field(node, "object")) && !is_assigned(node) &&
        !is_deleted(node))
      on_header_read(text(node), property, node);
  } else if (type == "pair") {
    on_pair(node);
  } else if (type == "decorator") {
    on_decorator(node);
  } else if (type == "expression_statement") {
    on_statement(node);
  } else if (type == "variable_declarator") {
    on_declarator(node);
  }
}

// An import (static, dynamic or required) of a library that is itself a signal.
void JsSignals::on_module(std::string_view specifier, TSNode at) {
  if (is_media_package(specifier) && !client_ && !react_)  // a PDF viewer or image cropper runs in the browser
    add(SignalKind::media_processing, "import " + std::string(specifier), at);
  if (is_openapi_package(specifier) && !openapi_seen_) {
    openapi_seen_ = true;
    add(SignalKind::openapi_document, "import " + std::string(specifier), at);
  }
}

void JsSignals::on_call(TSNode call) {
  TSNode fn = field(call, "function");
  if (node_type(fn) == "import" || tree_.text(fn) == "require") {
    if (std::string module = first_literal(call); !module.empty()) on_module(module, call);
    return;
  }
  std::string path = member_path(tree_, fn, g_);
  if (path.empty()) {
    // `new Webhook(secret).verify(payload, headers)`
    TSNode object = node_type(fn) == "member_expression" ? field(fn, "object") : TSNode{};
    if (!ts_node_is_null(object) && node_type(object) == "new_expression" && text(field(fn, "property")) == "verify" &&
        text(field(object, "constructor")) == "Webhook")
      add(SignalKind::webhook_signature, "new Webhook().verify", call);
    return;
  }
  auto parts = member_path_parts(tree_, fn, g_);
  on_public_call(call, parts, path);
  on_work_call(call, parts, path);
}

void JsSignals::on_public_call(TSNode call, const std::vector<std::string>& parts, const std::string& path) {
  const std::string& first = parts.front();
  const std::string& last = parts.back();
  // cors(), app.use(cors()), fastify.register(cors, {...}), app.enableCors().
  if (parts.size() == 1 && is_cors_package(module_of(first)))
    add(SignalKind::cors, first + "() from " + module_of(first), call);
  for (TSNode arg : named_children(field(call, "arguments")))
    if (node_type(arg) == "identifier" && is_cors_package(module_of(text(arg))))
      add(SignalKind::cors, path + "(" + text(arg) + ") from " + module_of(text(arg)), call);
  if (last == "enableCors") add(SignalKind::cors, path + "()", call);

  // Reading a header or query parameter: `headers.get('x-api-key')`, `c.req.header(...)`.
  if (last == "get" || last == "has" || last == "header" || last == "getHeader") {
    std::string key = first_literal(call);
    std::string receiver = parts.size() >= 2 ? ascii_lower(parts[parts.size() - 2]) : "";
    bool header = last == "header" || last == "getHeader" || receiver == "headers" ||
                  (last == "get" && (receiver == "req" || receiver == "request"));  // Express's req.get()
    bool query = last == "get" && (receiver == "searchparams" || receiver == "query");
    if (!key.empty() && header) on_header_read(path + "('" + key + "')", key, call);
    if (!key.empty() && query && is_api_key_header(header_key(key)))
      add(SignalKind::api_key_check, path + "('" + key + "')", call);
  }

  // Webhook signatures: Stripe, svix and kin, or an HMAC compared to a signature header.
  if (last == "constructEvent" || last == "constructEventAsync") add(SignalKind::webhook_signature, path, call);
  if (last == "verify" && parts.size() >= 2) {
    const std::string& receiver = parts[parts.size() - 2];
    if (webhook_verifiers_.count(receiver))
      add(SignalKind::webhook_signature, path + " (" + (module_of("Webhook").empty() ? "" : module_of("Webhook") + " ") + "Webhook)", call);
    else if (ascii_lower(receiver).find("webhook") != std::string::npos)
      add(SignalKind::webhook_signature, path, call);
  }
  if (last == "createHmac") hmacs_.push_back(call);
  if (last == "timingSafeEqual") timing_safe_ = true;
}

// `req.headers`, `request.headers`: an object whose last member is `headers`.
bool JsSignals::reads_headers(TSNode object) const {
  auto parts = member_path_parts(tree_, object, g_);
  return !parts.empty() && ascii_lower(parts.back()) == "headers";
}

void JsSignals::on_header_read(std::string_view reader, std::string_view name, TSNode at) {
  if (in_hook(at)) return;  // a React hook builds requests; it serves none
  std::string key = header_key(name);
  if (is_api_key_header(key)) add(SignalKind::api_key_check, reader, at);
  if (key == "authorization") add(SignalKind::bearer_token, reader, at);
  if (key.find("signature") != std::string::npos && signature_header_.empty()) signature_header_ = name;
}

// 'Access-Control-Allow-Origin' set on a response, in a headers object or in config;
// not one read from a response (`res.headers.get(...)`), sent in a request, nor a type.
void JsSignals::on_string(TSNode node) {
  auto value = string_value(tree_, node);
  if (!value || header_key(*value) != "access-control-allow-origin") return;
  TSNode parent = ts_node_parent(node);
  if (node_type(parent) == "literal_type" || in_outgoing_request(node)) return;
  if (node_type(parent) == "arguments") {
    auto parts = member_path_parts(tree_, field(ts_node_parent(parent), "function"), g_);
    if (!parts.empty() && (parts.back() == "get" || parts.back() == "has")) return;
  }
  add(SignalKind::cors, *value, node);
}

// An HMAC is a webhook check when the file reads a signature header, or compares in
// constant time in a webhook's file; otherwise it may sign cookies or URLs.
void JsSignals::finish_hmac() {
  bool webhook_file = ascii_lower(tree_.file().path()).find("webhook") != std::string::npos;
  if (signature_header_.empty() && !(timing_safe_ && webhook_file)) return;
  std::string note = signature_header_.empty() ? "createHmac + timingSafeEqual" : "createHmac + '" + signature_header_ + "'";
  for (TSNode call : hmacs_) add(SignalKind::webhook_signature, note, call);
}

std::string JsSignals::first_literal(TSNode call) const {
  for (TSNode arg : named_children(field(call, "arguments"))) {
    if (node_type(arg) == "comment") continue;
    auto value = string_value(tree_, arg);
    return value ? *value : std::string();
  }
  return {};
}

void extract_js_signals(const SyntaxTree& tree, SignalFacts& out) { JsSignals(tree, out).run(); }

}  // namespace svc::engine
