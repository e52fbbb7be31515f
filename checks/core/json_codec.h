#pragma once
// How per-file results are written to and read from the result cache (nlohmann::json,
// stored as MessagePack). Types declare their fields with SVC_JSON_FIELDS next to where
// the cache needs them; this header adds what nlohmann 3.11 lacks (std::optional,
// std::variant) and the core types everything else is built from.
#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "checks/core/findings.h"
#include "checks/core/source_file.h"

namespace nlohmann {

template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) j = *v;
    else j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) v.reset();
    else v = j.get<T>();
  }
};

// [index, value]: the alternative is named by its position in the variant.
template <class... Ts>
struct adl_serializer<std::variant<Ts...>> {
  static void to_json(json& j, const std::variant<Ts...>& v) {
    std::visit([&](const auto& x) { j = json::array({v.index(), x}); }, v);
  }
  static void from_json(const json& j, std::variant<Ts...>& v) {
    from_index(j.at(0).get<std::size_t>(), j.at(1), v, std::index_sequence_for<Ts...>{});
  }

 private:
  template <std::size_t... I>
  static void from_index(std::size_t index, const json& value, std::variant<Ts...>& v, std::index_sequence<I...>) {
    bool found = ((index == I ? (v.template emplace<I>(value.get<std::variant_alternative_t<I, std::variant<Ts...>>>()),
                                 true)
                              : false) || ...);
    if (!found) throw std::out_of_range("variant index out of range");
  }
};

}  // namespace nlohmann

// SVC_JSON_FIELDS(Type, a, b, c): to_json/from_json for a struct as the array [a, b, c],
// nlohmann's NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE without the field names, which would
// take most of a cache entry. Old entries never meet a new layout: the cache is keyed by
// the svc build.
#define SVC_JSON_TO_(field) j.push_back(t.field);
#define SVC_JSON_FROM_(field) j.at(i++).get_to(t.field);
#define SVC_JSON_FIELDS(Type, ...)                                              \
  [[maybe_unused]] inline void to_json(nlohmann::json& j, const Type& t) {      \
    j = nlohmann::json::array();                                               \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(SVC_JSON_TO_, __VA_ARGS__))        \
  }                                                                            \
  [[maybe_unused]] inline void from_json(const nlohmann::json& j, Type& t) {    \
    std::size_t i = 0;                                                         \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(SVC_JSON_FROM_, __VA_ARGS__))      \
  }

namespace svc::engine {

SVC_JSON_FIELDS(Position, line, column)
SVC_JSON_FIELDS(SourceSpan, begin, end)
SVC_JSON_FIELDS(Finding, rule, severity, path, line, column, end_line, end_column, service,
                   message, matched_text, source_line, fingerprint, suppressed, suppression_reason)

}  // namespace svc::engine
