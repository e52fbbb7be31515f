#pragma once
// Token lifetimes as Go code writes them (auth-jwt-long-lived): `time.Duration`
// arithmetic (`72 * time.Hour`, `time.Minute * 15`), and expiry times set from the
// clock (`time.Now().Add(24 * time.Hour)`, `.AddDate(0, 0, 7)`,
// `time.Now().Unix() + 3600`). Only literal arithmetic: a value read at run time is
// not judged.
#include <optional>

#include "checks/syntax/syntax_tree.h"

namespace svc::builtin {

struct GoSpan {
  double seconds;
  TSNode at;  // the expression that says it
};

// A constant duration expression in seconds: `72 * time.Hour`; nullopt when the
// expression is no duration or not constant (a bare number is nanoseconds: not judged).
std::optional<GoSpan> go_duration(const engine::SyntaxTree& tree, TSNode expr);

// How far after now an expiry time lies: the first `time.Now().Add(d)`,
// `time.Now().AddDate(y, m, d)` or `time.Now().Unix() + n` in `value`.
std::optional<GoSpan> go_expiry_offset(const engine::SyntaxTree& tree, TSNode value);

}  // namespace svc::builtin
