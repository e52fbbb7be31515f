#pragma once
// Django URLconfs as route facts: each `urlpatterns` (and any other list of path()
// entries) is a container, path()/re_path()/url() entries its routes, include() a
// mount of another URLconf under the entry's prefix, and a Django REST framework
// router (`router.register(r'users', UserViewSet)`) a container of its own.
#include <string>

#include "checks/facts/routes/route_facts.h"

namespace svc::engine {

class SyntaxTree;

void extract_django_route_facts(const SyntaxTree& tree, RouteFacts& out);

// A re_path()/url() regex as a route path: "^api/v1/users/(?P<pk>[0-9]+)/$" ->
// "api/v1/users/{pk}/"; anchors, optional slashes and escapes dropped.
std::string django_regex_path(const std::string& regex);

}  // namespace svc::engine
