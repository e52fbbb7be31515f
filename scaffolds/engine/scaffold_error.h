#pragma once
// What `svc new` reports when it cannot go on: the problem, and what the user can do.
#include <stdexcept>
#include <string>

namespace svc::scaffolds {

class ScaffoldError : public std::runtime_error {
 public:
  explicit ScaffoldError(const std::string& what, std::string hint = "")
      : std::runtime_error(what), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

// Ctrl-C while files were being written: the writer rolled back before throwing it.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace svc::scaffolds
