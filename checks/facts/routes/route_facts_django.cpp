// Route facts of a Django URLconf (route_facts_django.h). The root URLconf is the one
// nothing includes: every `urlpatterns` is an app, and an include() makes it a child.
#include "checks/facts/routes/route_facts_django.h"

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "checks/syntax/code_syntax.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::engine {
namespace {

constexpr std::string_view kUrlpatterns = "urlpatterns";

std::string_view last_segment(std::string_view path) {
  auto dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

bool is_entry_function(std::string_view fn) {
  std::string_view base = last_segment(fn);
  return base == "path" || base == "re_path" || base == "url";
}

// DRF's DefaultRouter/SimpleRouter and the routers built on them; FastAPI's APIRouter is not one.
bool is_router_class(std::string_view fn) {
  std::string_view base = last_segment(fn);
  return base.size() > 6 && base.ends_with("Router") && base != "APIRouter";
}

class DjangoRouteExtractor {
 public:
  DjangoRouteExtractor(const SyntaxTree& tree, RouteFacts& out) : tree_(tree), out_(out), g_(python_route_grammar()) {}

  void run() {
    // First the names: string constants, routers and lists of path() entries.
    for_each_node(tree_.root(), [&](TSNode n) {
      if (node_type(n) != "assignment") return;
      TSNode left = field(n, "left"), right = field(n, "right");
      if (ts_node_is_null(right) || node_type(left) != "identifier") return;
      std::string name = text(left);
      if (auto value = string_value(tree_, right)) constants_[name] = *value;
      if (name == "application" && node_type(right) == "call") on_application_wrapper(right);
      if (node_type(right) == "call" && is_router_class(member_path(tree_, field(right, "function"), g_))) {
        if (routers_.insert(name).second) add_container(name, ContainerKind::router, right);
      } else if (name == kUrlpatterns ||
                 (node_type(right) == "list" && holds_entries(right) && ts_node_is_null(enclosing_function(n, g_)))) {
        // A list built inside a function (an AdminSite's get_urls()) is mounted where svc cannot see.
        lists_.insert(name);
      }
    });
    for (const auto& name : lists_) {
      if (name != kUrlpatterns) add_container(name, ContainerKind::router, tree_.root());
    }
    if (wraps_application_with_health_) out_.health_library = wraps_application_with_health_;
    // Then what they hold, wherever it is assigned or added (`if settings.DEBUG: urlpatterns += [...]`).
    for_each_node(tree_.root(), [&](TSNode n) {
      std::string_view type = node_type(n);
      if (type == "assignment" || type == "augmented_assignment") {
        TSNode left = field(n, "left"), right = field(n, "right");
        if (ts_node_is_null(right) || node_type(left) != "identifier" || !lists_.count(text(left))) return;
        std::string name = text(left);
        if (name == kUrlpatterns && !root_) {
          root_ = true;
          add_container(name, ContainerKind::app, n);
          out_.servers.push_back({"django", name, span_of(tree_, n), first_line(n)});
        }
        add_patterns(name, right);
      } else if (type == "call") {
        on_call(n);
      }
    });
  }

 private:
  std::string text(TSNode n) const { return std::string(tree_.text(n)); }

  std::string first_line(TSNode n) const {
    std::string t = text(n);
    return t.substr(0, t.find('\n'));
  }

  // asgi.py/wsgi.py: `application = health_check(application, "/health/")`, a middleware
  // answering the health path before Django's URLconf sees the request.
  void on_application_wrapper(TSNode call) {
    for (TSNode arg : named_children(field(call, "arguments"))) {
      auto value = string_value(tree_, arg);
      if (!value || value->empty() || value->front() != '/') continue;
      if (value->find("health") != std::string::npos || value->find("livez") != std::string::npos ||
          value->find("readyz") != std::string::npos)
        wraps_application_with_health_ = span_of(tree_, call);
    }
  }

  bool holds_entries(TSNode list) const {
    for (TSNode item : named_children(list))
      if (node_type(item) == "call" && is_entry_function(member_path(tree_, field(item, "function"), g_))) return true;
    return false;
  }

  void add_container(const std::string& name, ContainerKind kind, TSNode at) {
    out_.containers.push_back({name, "django", kind, "", false, span_of(tree_, at)});
  }

  // `router.register(r'users', UserViewSet)`, `urlpatterns.append(path(...))`, `.extend([...])`.
  void on_call(TSNode call) {
    TSNode fn = field(call, "function"), args = field(call, "arguments");
    if (node_type(fn) != "attribute" || ts_node_is_null(args)) return;
    std::string object = text(field(fn, "object")), method = text(field(fn, "attribute"));
    if (routers_.count(object) && method == "register") {
      auto paths = route_paths(python_argument(tree_, args, 0, "prefix"));
      Handler handler{std::nullopt, name_ref(tree_, python_argument(tree_, args, 1, "viewset"), g_)};
      for (const auto& p : paths)
        out_.routes.push_back({{object, "", ""}, "ALL", django_regex_path(p.path), p.dynamic, {}, handler,
                               span_of(tree_, call)});
    } else if (lists_.count(object) && (method == "append" || method == "extend")) {
      add_patterns(object, python_argument(tree_, args, 0, ""));
    }
  }

  // What a list of patterns is made of: entries, other lists, a router's urls.
  void add_patterns(const std::string& container, TSNode e) {
    if (ts_node_is_null(e)) return;
    std::string_view type = node_type(e);
    if (type == "list" || type == "tuple" || type == "parenthesized_expression") {
      for (TSNode item : named_children(e)) add_patterns(container, item);
    } else if (type == "list_splat") {
      if (ts_node_named_child_count(e)) add_patterns(container, ts_node_named_child(e, 0));
    } else if (type == "binary_operator") {
      add_patterns(container, field(e, "left"));
      add_patterns(container, field(e, "right"));
    } else if (type == "call") {
      if (is_entry_function(member_path(tree_, field(e, "function"), g_))) add_entry(container, e);
    } else if (type == "identifier" || type == "attribute") {
      NameRef child = included(e);
      if (!child.empty() && child.name != container) mount(container, child, "", true, e);
    }
  }

  // `path("api/", include("orders.urls"))`, `path("health/", views.health)`.
  void add_entry(const std::string& container, TSNode call) {
    TSNode args = field(call, "arguments");
    std::string fn = member_path(tree_, field(call, "function"), g_);
    bool regex = last_segment(fn) != "path";
    auto paths = route_paths(python_argument(tree_, args, 0, "route"));
    if (paths.empty()) return;
    std::string path = regex ? django_regex_path(paths[0].path) : paths[0].path;
    TSNode view = python_argument(tree_, args, 1, "view");
    if (ts_node_is_null(view)) return;
    if (node_type(view) == "call" && last_segment(member_path(tree_, field(view, "function"), g_)) == "include") {
      TSNode target = python_argument(tree_, field(view, "arguments"), 0, "arg");
      if (node_type(target) == "tuple" && ts_node_named_child_count(target))  // include((patterns, "app_name"))
        target = ts_node_named_child(target, 0);
      NameRef child = included(target);
      if (child.module.rfind("health_check", 0) == 0) out_.health_library = span_of(tree_, call);
      if (node_type(target) == "list") {  // include([path(...), ...])
        child = {anonymous_name(target), "", ""};
        add_container(child.name, ContainerKind::router, target);
        add_patterns(child.name, target);
      }
      mount(container, child, path, !paths[0].dynamic, call);
      return;
    }
    if (node_type(view) == "attribute" && text(field(view, "attribute")) == "urls") {  // admin.site.urls
      mount(container, included(view), path, !paths[0].dynamic, call);
      return;
    }
    // A class-based view (`HealthView.as_view()`) is a call: its handler is not followed.
    Handler handler{std::nullopt, node_type(view) == "call" ? NameRef{} : name_ref(tree_, view, g_)};
    out_.routes.push_back(
        {{container, "", ""}, "ALL", path, paths[0].dynamic, {}, handler, span_of(tree_, call), view_class(view)});
  }

  // `OrderView.as_view(...)` / `views.OrderView.as_view()`: "OrderView"; "" for anything else.
  std::string view_class(TSNode view) const {
    if (node_type(view) != "call") return "";
    TSNode fn = field(view, "function");
    if (node_type(fn) != "attribute" || text(field(fn, "attribute")) != "as_view") return "";
    std::string object(text(field(fn, "object")));
    return object.substr(object.find_last_of('.') == std::string::npos ? 0 : object.find_last_of('.') + 1);
  }

  // A route argument; long regexes are often split over lines (`(r"^a/" r"(?P<b>...)/")`).
  std::vector<PathArgument> route_paths(TSNode n) const {
    while (!ts_node_is_null(n) && node_type(n) == "parenthesized_expression" && ts_node_named_child_count(n))
      n = ts_node_named_child(n, 0);
    if (!ts_node_is_null(n) && node_type(n) == "concatenated_string") {
      std::string joined;
      for (TSNode part : named_children(n)) {
        auto value = string_value(tree_, part);
        if (!value) return path_arguments(tree_, n, g_, constants_);
        joined += *value;
      }
      return {{joined, false}};
    }
    return path_arguments(tree_, n, g_, constants_);
  }

  // What an include() or a pattern list names: a module by its dotted name, a router's
  // `urls`, a list of this file, or an imported URLconf module's `urlpatterns`.
  NameRef included(TSNode target) const {
    if (ts_node_is_null(target)) return {};
    if (auto module = string_value(tree_, target)) return {"", std::string(kUrlpatterns), *module};
    std::string_view type = node_type(target);
    if (type == "identifier") {
      std::string name = text(target);
      if (lists_.count(name) || routers_.count(name)) return {name, "", ""};
      return {name, std::string(kUrlpatterns), ""};  // `from orders import urls as order_urls`
    }
    if (type == "attribute" && text(field(target, "attribute")) == "urls") {
      TSNode object = field(target, "object");
      if (node_type(object) == "identifier") return {text(object), "", ""};  // router.urls
    }
    return name_ref(tree_, target, g_);
  }

  void mount(const std::string& parent, const NameRef& child, const std::string& prefix, bool known, TSNode at) {
    out_.mounts.push_back({{parent, "", ""}, child, prefix, false, known, span_of(tree_, at), "", true});
  }

  const SyntaxTree& tree_;
  RouteFacts& out_;
  const RouteGrammar& g_;
  StringConstants constants_;
  std::set<std::string> routers_, lists_;
  bool root_ = false;
  std::optional<SourceSpan> wraps_application_with_health_;
};

// The group that starts at `open` ("(" ... ")"), nesting included: its end.
std::size_t group_end(const std::string& s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\\') ++i;
    else if (s[i] == '(') ++depth;
    else if (s[i] == ')' && --depth == 0) return i;
  }
  return s.size();
}

}  // namespace

std::string django_regex_path(const std::string& regex) {
  std::string out;
  for (std::size_t i = 0; i < regex.size(); ++i) {
    char c = regex[i];
    if ((c == '^' && i == 0) || (c == '$' && i + 1 == regex.size())) continue;
    if (c == '\\' && i + 1 < regex.size()) {
      out.push_back(regex[++i]);
    } else if (c == '(') {
      std::size_t end = group_end(regex, i);
      std::string group = regex.substr(i, end - i);
      bool optional = end + 1 < regex.size() && regex[end + 1] == '?';
      if (group.rfind("(?P<", 0) == 0) out += "{" + group.substr(4, group.find('>') - 4) + "}";
      else if (group.rfind("(?:", 0) == 0 && !optional) out += django_regex_path(group.substr(3));
      else if (group.rfind("(?:", 0) != 0) out += "{param}";
      i = optional ? end + 1 : end;  // an optional group `(?:api/)?` is left out
    } else if (c == '?' && !out.empty() && out.back() == '/') {
      out.pop_back();  // `/?`: an optional slash
    } else if (c != '?' && c != '+' && c != '*') {
      out.push_back(c);
    }
  }
  return out;
}

void extract_django_route_facts(const SyntaxTree& tree, RouteFacts& out) {
  std::string_view text = tree.file().text();
  if (text.find("urlpatterns") == std::string_view::npos && text.find("Router(") == std::string_view::npos &&
      text.find("application =") == std::string_view::npos)
    return;
  DjangoRouteExtractor(tree, out).run();
}

}  // namespace svc::engine
