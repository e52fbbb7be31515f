// Answer precedence and where each mistake is reported (scaffolds/engine/answers, prompt).
#include <catch2/catch.hpp>

#include <sstream>

#include "e2e/temp_tree.h"
#include "sample_template.h"
#include "scaffolds/engine/answers.h"
#include "scaffolds/engine/scaffold_error.h"

using namespace svc::scaffolds;
using svc::e2e::TempTree;

namespace {

Manifest sample() { return parse_manifest(testing::kSampleManifest, "template.yaml", "sample"); }

std::string error_of(const Manifest& m, const AnswerInputs& in) {
  try {
    resolve_answers(m, in);
  } catch (const ScaffoldError& e) {
    return std::string(e.what()) + " | " + e.hint();
  }
  return "";
}

}  // namespace

TEST_CASE("scaffolds: flags beat the answers file, which beats defaults", "[scaffolds]") {
  TempTree tree;
  auto file = tree.write_file("answers.yaml", "name: from-file\nport: 9000\ndb: none\n");
  AnswerInputs in;
  in.flags = {{"name", "from-flag"}, {"db", "postgres"}};
  in.answers_file = file.string();
  Answers a = resolve_answers(sample(), in);
  CHECK(a.at("name") == "from-flag");
  CHECK(a.at("port") == "9000");
  CHECK(a.at("db") == "postgres");
  CHECK(a.at("metrics") == "false");
  CHECK(a.at("owner") == "team a");
}

TEST_CASE("scaffolds: an answers file's unknown key or bad value is located", "[scaffolds]") {
  TempTree tree;
  AnswerInputs in;
  in.flags = {{"name", "orders"}};
  in.answers_file = tree.write_file("a.yaml", "port: 80\ncolour: red\n").string();
  std::string unknown = error_of(sample(), in);
  CHECK(unknown.find(in.answers_file + ":2:1: unknown variable 'colour'") == 0);
  CHECK(unknown.find("name, port, db, metrics, owner") != std::string::npos);

  in.answers_file = tree.write_file("b.yaml", "port: 80\ndb: mysql\n").string();
  CHECK(error_of(sample(), in).find(in.answers_file + ":2:5: bad value for db: 'mysql' is not one of: postgres, none") == 0);
}

TEST_CASE("scaffolds: a flag is checked against the template's variables", "[scaffolds]") {
  AnswerInputs in;
  in.flags = {{"name", "orders"}, {"queue", "bullmq"}};
  CHECK(error_of(sample(), in).find("--queue: template sample has no variable 'queue' | template sample has the variables: "
                                    "name, port, db, metrics, owner") == 0);
  in.flags = {{"name", "Orders"}};
  CHECK(error_of(sample(), in).find("NAME: 'Orders' is not a valid name") == 0);
  in.flags = {{"name", "orders"}, {"owner", "x"}, {"metrics", "perhaps"}};
  CHECK(error_of(sample(), in).find("--set metrics: 'perhaps' is not true or false") == 0);
}

TEST_CASE("scaffolds: with nobody to ask, a missing answer names the flag that supplies it", "[scaffolds]") {
  CHECK(error_of(sample(), {}) == "missing the service name | pass it as NAME: svc new NAME --template sample");
  Manifest m = sample();
  m.variables[4].default_value.reset();  // owner
  AnswerInputs in;
  in.flags = {{"name", "orders"}};
  CHECK(error_of(m, in) == "no value for owner and no terminal to ask | pass --set owner=VALUE or put owner in --answers FILE");
}

TEST_CASE("scaffolds: the prompt asks what flags and file left open and re-asks after a bad answer", "[scaffolds]") {
  std::istringstream typed("Bad Name\norders\n70000\n8080\nyes\n\n");
  std::ostringstream shown;
  Prompter prompter(typed, shown);
  AnswerInputs in;
  in.flags = {{"db", "none"}};
  in.prompter = &prompter;
  Answers a = resolve_answers(sample(), in);
  CHECK(a.at("name") == "orders");
  CHECK(a.at("port") == "8080");
  CHECK(a.at("db") == "none");        // from the flag: not asked
  CHECK(a.at("metrics") == "true");
  CHECK(a.at("owner") == "team a");   // empty answer: the default
  CHECK(shown.str().find("'Bad Name' is not a valid name") != std::string::npos);
  CHECK(shown.str().find("'70000' is not a port") != std::string::npos);
  CHECK(shown.str().find("Database") == std::string::npos);
  CHECK(shown.str().find("HTTP port [3000]: ") != std::string::npos);
}

TEST_CASE("scaffolds: the prompt gives up when the input ends", "[scaffolds]") {
  std::istringstream typed("");
  std::ostringstream shown;
  Prompter prompter(typed, shown);
  AnswerInputs in;
  in.prompter = &prompter;
  CHECK(error_of(sample(), in).find("no answer for name: the input ended") == 0);
}
