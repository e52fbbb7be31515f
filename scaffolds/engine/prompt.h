#pragma once
// Interactive questions for `svc new`, on streams so tests can script the answers.
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scaffolds/engine/variables.h"

namespace svc::scaffolds {

class Prompter {
 public:
  Prompter(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  // Asks until the answer is valid (saying why it is not, then asking again); an empty
  // answer takes the default. Throws ScaffoldError when the input ends.
  std::string ask(const Variable& variable);
  // Picks one of `options` (by name or number).
  std::string choose(const std::string& question, const std::vector<std::string>& options,
                     const std::vector<std::string>& descriptions);

 private:
  std::optional<std::string> read_line(const std::string& question);

  std::istream& in_;
  std::ostream& out_;
};

}  // namespace svc::scaffolds
