#pragma once
// UTF-8 as svc reads and writes it: audited files must be UTF-8, and text from the
// audited tree (file names, matched code) must be made safe before it reaches a report.
#include <cstddef>
#include <string>
#include <string_view>

namespace svc::engine {

// The length of the well-formed UTF-8 sequence at s[i] and its code point; 0 when it is
// malformed (truncated, overlong, a surrogate or beyond U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& code_point);

bool is_valid_utf8(std::string_view text);

// `text` for a report: every byte that is not valid UTF-8, every C0 control character
// and DEL written as \xNN, every C1 control character as \u00NN, the rest unchanged. A
// name that is not UTF-8 would break JSON and SARIF, and a newline or an escape
// sequence would forge a `::error` line in a workflow log or repaint a terminal.
std::string printable(std::string_view text);

}  // namespace svc::engine
