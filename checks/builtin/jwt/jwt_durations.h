#pragma once
// Token lifetimes as JWT libraries spell them, in seconds: vercel/ms and jose time
// spans ("1h", "2 days"), units implied by a constant's name
// (ACCESS_TOKEN_EXPIRE_MINUTES) and datetime.timedelta keywords. No syntax trees
// here, so the arithmetic is easy to test on its own.
#include <optional>
#include <string>
#include <string_view>

namespace svc::builtin {

// "1h", "30m", "7d", "2 days", "1.5 hours", "+2h" → seconds. A number without a
// unit is milliseconds for vercel/ms (jsonwebtoken's "120" = 120 ms) when
// `bare_is_ms`, and not a span otherwise (jose rejects it). nullopt when not a span.
std::optional<double> parse_time_span(std::string_view text, bool bare_is_ms);

// Seconds per unit named by the last unit word of an identifier, in snake_case or
// camelCase: ACCESS_TOKEN_EXPIRE_MINUTES → 60, jwtTtlSeconds → 1; nullopt when the
// name carries no unit.
std::optional<double> unit_from_name(std::string_view name);

// Seconds per unit of a datetime.timedelta keyword ("hours" → 3600).
std::optional<double> timedelta_unit(std::string_view keyword);

// A lifetime in the largest unit that states it exactly: "8 days", "1 hour",
// "90 minutes", "3601 seconds".
std::string describe_seconds(double seconds);

}  // namespace svc::builtin
