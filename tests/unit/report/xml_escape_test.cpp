#include <catch2/catch.hpp>

#include "checks/report/xml_escape.h"

using namespace svc::report;

TEST_CASE("xml escape: markup characters become entities", "[report][junit]") {
  CHECK(xml_text("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
  CHECK(xml_text("]]>") == "]]&gt;");
  CHECK(xml_attribute("x=\"1\" & y") == "x=&quot;1&quot; &amp; y");
}

TEST_CASE("xml escape: whitespace survives attribute normalization", "[report][junit]") {
  CHECK(xml_text("a\tb\nc\rd") == "a\tb\nc&#13;d");
  CHECK(xml_attribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
}

TEST_CASE("xml escape: characters XML 1.0 forbids are replaced", "[report][junit]") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(xml_text(std::string("a\0b", 3)) == "a" + replacement + "b");
  CHECK(xml_text("\x01\x0B\x1F") == replacement + replacement + replacement);
  CHECK(xml_text("\x7F") == "\x7F");                          // DEL is allowed in XML 1.0
  CHECK(xml_text("\xEF\xBF\xBE\xEF\xBF\xBF") == replacement + replacement);  // U+FFFE, U+FFFF
}

TEST_CASE("xml escape: UTF-8 is kept, malformed bytes are replaced one by one", "[report][junit]") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(xml_text("caf\xC3\xA9 \xF0\x9F\x9A\x80 \xE2\x82\xAC") == "caf\xC3\xA9 \xF0\x9F\x9A\x80 \xE2\x82\xAC");
  CHECK(xml_text("caf\xE9!") == "caf" + replacement + "!");             // Latin-1
  CHECK(xml_text("\xC0\xAF") == replacement + replacement);              // overlong '/'
  CHECK(xml_text("\xED\xA0\x80") == replacement + replacement + replacement);  // a surrogate
  CHECK(xml_text("\xF4\x90\x80\x80") == replacement + replacement + replacement + replacement);  // > U+10FFFF
  CHECK(xml_text("ab\xE2\x82") == "ab" + replacement + replacement);    // truncated at the end
}
