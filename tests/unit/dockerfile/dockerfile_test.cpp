#include <catch2/catch.hpp>

#include "checks/dockerfile/dockerfile.h"
#include "checks/dockerfile/dockerfile_substitution.h"

using namespace svc::engine;
using namespace svc::engine::docker;

namespace {

std::unique_ptr<Dockerfile> parse_text(const std::string& text) {
  SourceFile file("Dockerfile", Language::dockerfile, text);
  return parse(file);
}

std::vector<std::string> keywords(const Dockerfile& df) {
  std::vector<std::string> out;
  for (const auto& ins : df.instructions) out.push_back(ins.keyword);
  return out;
}

const Instruction& only(const Dockerfile& df, std::string_view keyword) {
  for (const auto& ins : df.instructions)
    if (ins.is(keyword)) return ins;
  FAIL("no " << keyword);
  return df.instructions.front();
}

}  // namespace

TEST_CASE("keywords are case-insensitive and comments are skipped", "[dockerfile]") {
  auto df = parse_text("# a comment\nfrom node:22 as Build\n  # indented comment\nRun npm ci\ncmd [\"node\"]\n");
  CHECK(keywords(*df) == std::vector<std::string>{"FROM", "RUN", "CMD"});
  REQUIRE(df->stages.size() == 1);
  CHECK(df->stages[0].name == "build");
  CHECK(df->instructions[1].line == 4);
  CHECK(df->problems.empty());
}

TEST_CASE("instruction offsets point at the keyword", "[dockerfile]") {
  std::string text = "FROM node:22\n  USER app\n";
  auto df = parse_text(text);
  const auto& user = only(*df, "USER");
  CHECK(text.substr(user.begin, user.end - user.begin) == "USER app");
  CHECK(user.line == 2);
}

TEST_CASE("parser directives: escape and syntax, only at the top", "[dockerfile]") {
  auto df = parse_text("# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  C:\\\n");
  CHECK(df->syntax == "docker/dockerfile:1");
  CHECK(df->escape == '`');
  const auto& run = only(*df, "RUN");
  CHECK(run.command == "dir   C:\\");
  CHECK(run.end_line == 5);

  auto late = parse_text("FROM x\n# escape=`\nRUN a `\nUSER b\n");
  CHECK(late->escape == '\\');
  CHECK(keywords(*late) == std::vector<std::string>{"FROM", "RUN", "USER"});

  // A comment that is not a known directive ends the directive block.
  auto after_comment = parse_text("# hello\n# escape=`\nFROM x\n");
  CHECK(after_comment->escape == '\\');
}

TEST_CASE("line continuations drop comment and blank lines", "[dockerfile]") {
  auto df = parse_text("FROM x\nRUN apt-get update \\\n# a comment inside\n\n    && apt-get install -y curl\nUSER app\n");
  const auto& run = only(*df, "RUN");
  CHECK(run.command == "apt-get update     && apt-get install -y curl");
  CHECK(run.line == 2);
  CHECK(run.end_line == 5);
  CHECK(only(*df, "USER").line == 6);
}

TEST_CASE("heredoc bodies are not instructions", "[dockerfile]") {
  auto df = parse_text(
      "FROM x\nRUN <<EOF\nUSER root\nEOF\nRUN <<-'END' bash\n\tFROM y\n\tEND\nCOPY <<CONF /etc/app.conf\nkey=1\nCONF\n"
      "RUN cat <<A <<\"B\"\none\nA\ntwo\nB\nUSER app\n");
  CHECK(keywords(*df) == std::vector<std::string>{"FROM", "RUN", "RUN", "COPY", "RUN", "USER"});
  CHECK(df->stages.size() == 1);
  const auto& first = df->instructions[1];
  REQUIRE(first.heredocs.size() == 1);
  CHECK(first.heredocs[0].delimiter == "EOF");
  CHECK(first.heredocs[0].body == "USER root\n");
  const auto& dash = df->instructions[2];
  REQUIRE(dash.heredocs.size() == 1);
  CHECK(dash.heredocs[0].strip_tabs);
  CHECK(dash.heredocs[0].quoted);
  CHECK(dash.heredocs[0].delimiter == "END");
  CHECK(df->instructions[3].heredocs.at(0).body == "key=1\n");
  CHECK(df->instructions[4].heredocs.size() == 2);
  CHECK(df->problems.empty());
}

TEST_CASE("a quoted << is not a heredoc, and an unterminated one is reported", "[dockerfile]") {
  auto quoted = parse_text("FROM x\nRUN echo \"<<EOF\"\nUSER app\n");
  CHECK(keywords(*quoted) == std::vector<std::string>{"FROM", "RUN", "USER"});

  auto open = parse_text("FROM x\nUSER app\nRUN <<EOF\necho hi\n");
  CHECK(keywords(*open) == std::vector<std::string>{"FROM", "USER", "RUN"});
  REQUIRE(open->problems.size() == 1);
  CHECK_FALSE(open->instructions[2].heredocs.at(0).terminated);
}

TEST_CASE("exec form is a JSON string array, anything else is shell form", "[dockerfile]") {
  auto df = parse_text(
      "FROM x\nCMD [\"node\", \"server.js\"]\nCMD ['node', 'server.js']\nCMD [\"node\", \"server.js\"\n"
      "ENTRYPOINT node server.js\nRUN [\"echo\", \\\n  \"hi\"]\nCMD\n");
  const auto& ins = df->instructions;
  CHECK(ins[1].form == CommandForm::exec);
  CHECK(ins[1].exec == std::vector<std::string>{"node", "server.js"});
  CHECK(ins[2].form == CommandForm::shell);
  CHECK(ins[3].form == CommandForm::shell);
  CHECK(ins[4].form == CommandForm::shell);
  CHECK(ins[4].command == "node server.js");
  CHECK(ins[5].form == CommandForm::exec);
  CHECK(ins[6].form == CommandForm::none);
}

TEST_CASE("HEALTHCHECK flags, CMD and NONE", "[dockerfile]") {
  auto df = parse_text(
      "FROM x\nHEALTHCHECK --interval=30s --timeout=3s \\\n  CMD curl -f http://localhost/health || exit 1\n"
      "healthcheck none\nHEALTHCHECK CMD [\"/bin/probe\"]\n");
  const auto& hc = df->instructions[1];
  CHECK(hc.subcommand == "CMD");
  CHECK(hc.form == CommandForm::shell);
  REQUIRE(hc.flag("interval"));
  CHECK(hc.flag("interval")->value == "30s");
  CHECK(hc.flag("timeout")->value == "3s");
  CHECK(df->instructions[2].subcommand == "NONE");
  CHECK(df->instructions[3].form == CommandForm::exec);
}

TEST_CASE("flags of FROM and COPY", "[dockerfile]") {
  auto df = parse_text(
      "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM gcr.io/distroless/static\n"
      "COPY --from=build --chown=\"app:app\" --link /out /app\n");
  CHECK(df->stages[0].image == "golang:1.22");
  CHECK(df->from_of(df->stages[0]).flag("platform")->value == "$BUILDPLATFORM");
  const auto& copy = only(*df, "COPY");
  CHECK(copy.flag("from")->value == "build");
  CHECK(copy.flag("chown")->value == "app:app");
  REQUIRE(copy.flag("link"));
  CHECK(copy.flag("link")->value.empty());
  CHECK(copy.arguments == "/out /app");
}

TEST_CASE("stages, aliases and FROM <alias> chains", "[dockerfile]") {
  auto df = parse_text(
      "FROM node:22 AS Base\nUSER node\nFROM base as build\nRUN npm ci\nFROM node:22-slim AS other\n"
      "FROM BUILD\nCMD [\"node\"]\n");
  REQUIRE(df->stages.size() == 4);
  CHECK(df->stages[1].parent == 0);
  CHECK(df->stages[2].parent == -1);
  CHECK(df->stages[3].parent == 1);
  auto chain = df->stage_chain(*df->final_stage());
  REQUIRE(chain.size() == 3);
  CHECK(chain[0]->name == "base");
  CHECK(chain[2] == df->final_stage());
  const Instruction* user = df->last_in_chain(*df->final_stage(), "USER");
  REQUIRE(user);
  CHECK(user->line == 2);
  CHECK(df->last_in_chain(df->stages[2], "USER") == nullptr);
}

TEST_CASE("an alias only names an earlier stage", "[dockerfile]") {
  auto df = parse_text("FROM later\nFROM node:22 AS later\n");
  CHECK(df->stages[0].parent == -1);
  CHECK(df->stages[1].parent == -1);
}

TEST_CASE("ENTRYPOINT clears a CMD inherited from the base stage, not its own", "[dockerfile]") {
  auto df = parse_text(
      "FROM x AS base\nCMD node a.js\nFROM base AS one\nENTRYPOINT [\"tini\"]\n"
      "FROM base AS two\nCMD [\"b\"]\nENTRYPOINT [\"tini\"]\nFROM base\n");
  auto one = df->start_command(df->stages[1]);
  CHECK(one.entrypoint);
  CHECK(one.cmd == nullptr);
  auto two = df->start_command(df->stages[2]);
  REQUIRE(two.cmd);
  CHECK(two.cmd->line == 6);
  auto last = df->start_command(df->stages[3]);
  REQUIRE(last.cmd);
  CHECK(last.cmd->line == 2);
  CHECK(last.entrypoint == nullptr);
}

TEST_CASE("ARG and ENV substitution in USER", "[dockerfile]") {
  auto df = parse_text(
      "ARG APP_USER=root\nARG BASE=node\nARG TAG\nFROM ${BASE}:${TAG:-22}\nUSER $APP_USER\nARG APP_USER\n"
      "USER ${APP_USER}\nENV RUN_AS=x\nENV RUN_AS=app HOME=\"/home/$RUN_AS\"\nUSER ${RUN_AS}:${RUN_AS}\nARG UID=1000\n"
      "USER ${UID:+$UID}\nUSER ${MISSING:-nobody}\nENV APP_USER=web\nUSER $APP_USER\nUSER '$RUN_AS'\nUSER \\$x\n");
  // TAG is a build argument with no default: built as written it is unset, so the default applies.
  CHECK(df->stages[0].resolved_image == "node:22");
  std::vector<std::optional<std::string>> users;
  for (const auto& ins : df->instructions)
    if (ins.is("USER")) users.push_back(ins.resolved);
  REQUIRE(users.size() == 8);
  CHECK_FALSE(users[0].has_value());  // the global ARG is not visible before `ARG APP_USER`
  CHECK(users[1] == "root");
  CHECK(users[2] == "app:app");
  CHECK(users[3] == "1000");
  CHECK(users[4] == "nobody");  // MISSING is not in the file: the build as written takes the default
  CHECK(users[5] == "web");           // ENV wins over ARG
  CHECK(users[6] == "$RUN_AS");
  CHECK(users[7] == "$x");
  const auto& env = df->instructions[8];
  REQUIRE(env.assignments.size() == 2);
  CHECK(env.assignments[1].value == "/home/x");  // Docker expands with the values before this ENV
}

TEST_CASE("global ARGs resolve FROM, and undeclared names are empty there", "[dockerfile]") {
  auto df = parse_text("ARG REGISTRY\nARG NODE=22\nFROM ${PREFIX}node:${NODE}-slim\nFROM $REGISTRY/app\n");
  CHECK(df->stages[0].resolved_image == "node:22-slim");
  CHECK_FALSE(df->stages[1].resolved_image.has_value());
  CHECK(df->stages[1].display_image() == "$REGISTRY/app");
}

TEST_CASE("ENV passes through FROM <alias>, ARG does not", "[dockerfile]") {
  auto df = parse_text("FROM x AS base\nENV WHO=app\nARG OTHER=root\nFROM base\nUSER $WHO\nUSER $OTHER\n");
  const auto& final = *df->final_stage();
  CHECK(df->instructions[final.instructions[0]].resolved == "app");
  CHECK_FALSE(df->instructions[final.instructions[1]].resolved.has_value());
}

TEST_CASE("expand handles modifiers, quotes and escapes", "[dockerfile]") {
  Scope scope;
  scope.env = {{"A", "1"}, {"EMPTY", ""}, {"U", std::nullopt}};
  scope.undeclared_is_empty = true;
  CHECK(expand("x${A}y$A", scope, '\\') == "x1y1");
  CHECK(expand("${EMPTY:-d}|${EMPTY-d}|${NONE-d}", scope, '\\') == "d||d");
  CHECK(expand("${A:+alt}|${EMPTY:+alt}|${EMPTY+alt}", scope, '\\') == "alt||alt");
  CHECK(expand("${A:-${U}}", scope, '\\') == "1");  // the unused default does not matter
  CHECK_FALSE(expand("${EMPTY:-$U}", scope, '\\').has_value());
  CHECK_FALSE(expand("$U", scope, '\\').has_value());
  CHECK_FALSE(expand("${A#x}", scope, '\\').has_value());
  CHECK_FALSE(expand("${A", scope, '\\').has_value());
  CHECK(expand("\"a b\" 'c$A' `$A", scope, '`') == "a b c$A $A");
  CHECK(expand("$ and $1x", scope, '\\') == "$ and x");
}

TEST_CASE("garbage never throws", "[dockerfile]") {
  for (const char* text : {"", "\n\n", "# only a comment", "RUN echo hi", "FROM", "FROM \\", "\\", "USER",
                           "FROM x\nCMD [[[[[[[[[[", "FROM x\nRUN <<", "FROM x\nRUN <<EOF", "ARG ${{{{",
                           "FROM ${A:-${B:-${C:-${D", "\xEF\xBB\xBF" "FROM x\nUSER 0\n", "FROM x AS",
                           "FROM x\nENV", "FROM x\nHEALTHCHECK", "\t\t\n   \\\n"}) {
    INFO(text);
    std::unique_ptr<Dockerfile> df;
    CHECK_NOTHROW(df = parse_text(text));
    REQUIRE(df);
    if (const Stage* final = df->final_stage()) {
      CHECK_NOTHROW(df->start_command(*final));
      CHECK_NOTHROW(df->last_in_chain(*final, "USER"));
    }
  }
  std::string deep = "FROM x\nCMD " + std::string(100000, '[') + "\nUSER " + std::string(5000, '$') + "{";
  CHECK_NOTHROW(parse_text(deep));
  auto bom = parse_text("\xEF\xBB\xBF" "FROM x\nUSER 0\n");
  CHECK(bom->stages.size() == 1);
  CHECK(bom->problems.empty());
}

TEST_CASE("image references are normalized for matching", "[dockerfile]") {
  CHECK(normalized_image("docker.io/library/Node:22@sha256:abc") == "node:22");
  CHECK(normalized_image("gcr.io/distroless/static:nonroot") == "gcr.io/distroless/static:nonroot");
}

TEST_CASE("simple_command_words splits plain commands only", "[dockerfile]") {
  CHECK(simple_command_words("node  \"dist/server.js\" --port 3000") ==
        std::vector<std::string>{"node", "dist/server.js", "--port", "3000"});
  CHECK_FALSE(simple_command_words("npm run migrate && node server.js").has_value());
  CHECK_FALSE(simple_command_words("NODE_ENV=production node server.js").has_value());
  CHECK_FALSE(simple_command_words("uvicorn app:app --port $PORT").has_value());
}
