// Escaping for the hand-written XML of the JUnit report: no XML library is needed
// for a document this small, but its text must always stay well-formed.
#pragma once
#include <string>
#include <string_view>

namespace svc::report {

// `text` as XML 1.0 character data or a double- or single-quoted attribute value:
// markup characters become entities, characters XML 1.0 forbids (control characters
// other than tab, newline and carriage return, U+FFFE, U+FFFF) and malformed UTF-8
// become U+FFFD. In attributes, tab, newline and carriage return become character
// references, because a parser would otherwise normalize them to spaces.
std::string xml_text(std::string_view text);
std::string xml_attribute(std::string_view text);

}  // namespace svc::report
