#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace svc::engine::docker {

// Variable values by name; nullopt when declared but unknown (a build argument
// without default, or a value built from one).
using Values = std::map<std::string, std::optional<std::string>>;

// The variables visible at one point of a Dockerfile.
struct Scope {
  Values env;   // ENV, inherited through `FROM <alias>`; wins over an ARG of the same name
  Values args;  // the stage's ARGs, or the global ARGs for a FROM line
  // A FROM line sees only global ARGs, so an undeclared name is empty there. Inside
  // a stage it may come from the base image's ENV, so its value is unknown.
  bool undeclared_is_empty = false;
};

// Substitutes $X, ${X}, ${X:-word}, ${X-word}, ${X:+word}, ${X+word} and ${X:?msg},
// and removes quotes and escapes, as Docker does for the words of ENV, ARG, USER,
// FROM... Returns nullopt when the result depends on a value the file does not give.
std::optional<std::string> expand(std::string_view word, const Scope& scope, char escape);

}  // namespace svc::engine::docker
