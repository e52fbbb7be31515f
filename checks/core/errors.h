#pragma once
// The errors every stage of the audit may end with; the CLI turns them into exit codes.
#include <stdexcept>

namespace svc::engine {

// A request the user got wrong (unknown rule id in --only, say): exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace svc::engine
