#include <catch2/catch.hpp>

#include "checks/builtin/shutdown/shutdown_facts.h"

using svc::builtin::judge_start_command;
using svc::builtin::shell_words;

namespace {
std::string dev(const std::string& command) { return judge_start_command(shell_words(command)).dev_server.value_or(""); }
}  // namespace

TEST_CASE("start commands that run a development server", "[builtin]") {
  CHECK(dev("flask run --host=0.0.0.0") == "flask run");
  CHECK(dev("python -m flask --app app run") == "flask run");
  CHECK(dev("alembic upgrade head && uvicorn app.main:app --reload") == "uvicorn --reload");
  CHECK(dev("poetry run uvicorn app.main:app --reload-dir app") == "uvicorn --reload");
  CHECK(dev("sh -c \"fastapi dev app/main.py\"") == "fastapi dev");
  CHECK(dev("python manage.py runserver 0.0.0.0:8000") == "manage.py runserver");
  CHECK(dev("./manage.py runserver 0.0.0.0:8000") == "manage.py runserver");
  CHECK(dev("python manage.py migrate && python manage.py runserver 0.0.0.0:8000") == "manage.py runserver");
}

TEST_CASE("production servers and scripts are not dev servers", "[builtin]") {
  CHECK(dev("uvicorn app.main:app --host 0.0.0.0") == "");
  CHECK(dev("gunicorn -k uvicorn.workers.UvicornWorker app.main:app") == "");
  CHECK(dev("fastapi run app/main.py") == "");
  CHECK(dev("python manage.py migrate") == "");
  CHECK(dev("python -c \"import app\"") == "");
  auto script = judge_start_command(shell_words("python -u app.py"));
  CHECK(script.script.value_or("") == "app.py");
  auto module = judge_start_command(shell_words("python3 -m app.server"));
  CHECK(module.script.value_or("") == "app.server");
  CHECK(module.module);
  CHECK(svc::builtin::script_files("app.server", true) ==
        std::vector<std::string>{"app/server.py", "app/server/__main__.py"});
}
