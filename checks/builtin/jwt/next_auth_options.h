#pragma once
// NextAuth (v4) and Auth.js (v5) options objects, and what they say about sessions:
// whether they are JWTs (sealed with the shared NEXTAUTH_SECRET/AUTH_SECRET) and
// where their lifetime is written. auth-jwt-shared-secret recognises the same
// objects with its YAML queries; the two are kept in step by hand.
#include <string>
#include <vector>

#include "checks/syntax/syntax_tree.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin {

// NextAuth's lifetime of a session, and of its JWT, when `maxAge` is not set: 30 days.
constexpr double kNextAuthDefaultMaxAge = 30 * 24 * 60 * 60;

struct NextAuthOptions {
  enum class Strategy { unset, jwt, database, unknown };  // unknown: written, not a literal

  TSNode object;                         // the options object literal
  Strategy strategy = Strategy::unset;   // `session: { strategy }` (v3: `session: { jwt: bool }`)
  bool adapter = false;                  // `adapter` (v3: `database`): database sessions by default
  bool spread = false;                   // `...authConfig`: keys svc cannot see
  TSNode max_age{};                      // the token's lifetime: `jwt.maxAge`, else `session.maxAge`
  std::string max_age_key;               // "jwt.maxAge" or "session.maxAge"
  std::vector<TSNode> max_age_values;    // every `maxAge` value under `session` and `jwt`

  // Sessions are JWTs: said so, or NextAuth's default for options without an adapter.
  bool jwt_sessions() const {
    return strategy == Strategy::jwt || (strategy == Strategy::unset && !adapter && !spread);
  }
};

// Finds the options objects of a file: literals given to `NextAuth(…)` (also Auth.js's
// lazy `NextAuth((req) => ({…}))`), objects declared in the file and passed to it by
// name, and objects typed or checked as `NextAuthOptions`/`NextAuthConfig` (and
// `AuthOptions`/`AuthConfig` in a file importing next-auth or @auth/*).
class NextAuthOptionsReader {
 public:
  explicit NextAuthOptionsReader(std::string rule);
  std::vector<NextAuthOptions> read(const engine::SyntaxTree& tree) const;

 private:
  engine::QueryBatch batch_;
};

}  // namespace svc::builtin
