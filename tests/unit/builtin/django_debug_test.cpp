#include <catch2/catch.hpp>

#include "checks/builtin/error_leak/error_leak_django.h"

using namespace svc::builtin::error_leak;
using svc::engine::Language;
using svc::engine::SourceFile;
using svc::engine::SyntaxTree;

namespace {

// The DEBUG assignments of a settings module that are on by default.
std::vector<std::string> debug_on(const std::string& text) {
  SourceFile file("config/settings.py", Language::python, text);
  auto tree = SyntaxTree::parse(file);
  std::vector<std::string> out;
  for (const auto& d : django_debug_settings(*tree)) out.push_back(d.text);
  return out;
}

}  // namespace

TEST_CASE("Django DEBUG on by default", "[builtin]") {
  CHECK(debug_on("DEBUG = True\n").size() == 1);
  CHECK(debug_on("DEBUG = env.bool('DEBUG', True)\n").size() == 1);
  CHECK(debug_on("DEBUG = env.bool(\"DJANGO_DEBUG\", default=True)\n").size() == 1);
  CHECK(debug_on("DEBUG = os.environ.get('DEBUG', 'True')\n").size() == 1);
  CHECK(debug_on("DEBUG = os.environ.get('DEBUG', 'False')\n").size() == 1);  // a non-empty string is true
  CHECK(debug_on("DEBUG = os.getenv(\"DEBUG\", \"1\") == \"1\"\n").size() == 1);
  CHECK(debug_on("DEBUG = bool(int(os.environ.get('DEBUG', 1)))\n").size() == 1);
  CHECK(debug_on("DEBUG = get_bool_from_env('DEBUG', True)\n").size() == 1);
}

TEST_CASE("Django DEBUG off by default, or decided in a branch", "[builtin]") {
  CHECK(debug_on("DEBUG = False\n").empty());
  CHECK(debug_on("DEBUG = env.bool('DJANGO_DEBUG', default=False)\n").empty());
  CHECK(debug_on("DEBUG = os.getenv('DEBUG', '0') == '1'\n").empty());
  CHECK(debug_on("DEBUG = os.environ.get('DEBUG', 'False').lower() == 'true'\n").empty());
  CHECK(debug_on("DEBUG = os.environ.get('DEBUG')\n").empty());
  CHECK(debug_on("DEBUG = config('DEBUG', default=False, cast=bool)\n").empty());
  CHECK(debug_on("if ENV == 'dev':\n    DEBUG = True\n").empty());
}

TEST_CASE("settings modules for local runs and tests are not deployed", "[builtin]") {
  CHECK(is_deployed_django_settings("config/settings.py", ""));
  CHECK(is_deployed_django_settings("config/settings/production.py", ""));
  CHECK(is_deployed_django_settings("config/django/base.py", "INSTALLED_APPS = []\n"));
  CHECK_FALSE(is_deployed_django_settings("config/settings/local.py", ""));
  CHECK_FALSE(is_deployed_django_settings("config/settings/test.py", ""));
  CHECK_FALSE(is_deployed_django_settings("config/settings/dev_docker.py", ""));
  CHECK_FALSE(is_deployed_django_settings("mysite/local_settings.py", ""));
  CHECK_FALSE(is_deployed_django_settings("app/asgi.py", "get_resolver(settings.ROOT_URLCONF)\n"));
  CHECK_FALSE(is_deployed_django_settings("app/constants.py", "DEBUG = True\n"));
}
