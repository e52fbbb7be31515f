#include <catch2/catch.hpp>

#include "checks/builtin/jwt/jwt_durations.h"

using namespace svc::builtin;

TEST_CASE("time spans read as vercel/ms and jose do", "[jwt_durations]") {
  CHECK(parse_time_span("1h", true) == Approx(3600));
  CHECK(parse_time_span("30m", true) == Approx(1800));
  CHECK(parse_time_span("7d", true) == Approx(7 * 86400));
  CHECK(parse_time_span("2 days", true) == Approx(2 * 86400));
  CHECK(parse_time_span("1.5 Hours", true) == Approx(5400));
  CHECK(parse_time_span("+2h", false) == Approx(7200));
  CHECK(parse_time_span("1y", true) == Approx(365.25 * 86400));
  CHECK(parse_time_span("500ms", true) == Approx(0.5));
  // A bare number is milliseconds for jsonwebtoken ("120" = 120 ms), no span for jose.
  CHECK(parse_time_span("120", true) == Approx(0.12));
  CHECK_FALSE(parse_time_span("120", false));
  CHECK_FALSE(parse_time_span("soon", true));
  CHECK_FALSE(parse_time_span("1 fortnight", true));
  CHECK_FALSE(parse_time_span("", true));
}

TEST_CASE("a constant's name gives its unit", "[jwt_durations]") {
  CHECK(unit_from_name("ACCESS_TOKEN_EXPIRE_MINUTES") == Approx(60));
  CHECK(unit_from_name("ACCESS_TOKEN_EXPIRE_SECONDS") == Approx(1));
  CHECK(unit_from_name("jwtTtlHours") == Approx(3600));
  CHECK(unit_from_name("REFRESH_TOKEN_EXPIRE_DAYS") == Approx(86400));
  CHECK(unit_from_name("TOKEN_TTL_MS") == Approx(0.001));
  CHECK_FALSE(unit_from_name("JWT_EXPIRES_IN"));
  CHECK_FALSE(unit_from_name("TOKEN_TTL"));
}

TEST_CASE("timedelta keywords and lifetimes in words", "[jwt_durations]") {
  CHECK(timedelta_unit("hours") == Approx(3600));
  CHECK(timedelta_unit("weeks") == Approx(604800));
  CHECK_FALSE(timedelta_unit("months"));
  CHECK(describe_seconds(8 * 86400) == "8 days");
  CHECK(describe_seconds(3600) == "1 hour");
  CHECK(describe_seconds(5400) == "90 minutes");
  CHECK(describe_seconds(960) == "16 minutes");
  CHECK(describe_seconds(3601) == "3601 seconds");
  // NextAuth's default session maxAge, 30 * 24 * 60 * 60 seconds.
  CHECK(describe_seconds(2592000) == "30 days");
}
