#include "common/yaml_guard.h"

#include <functional>
#include <map>
#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace svc::engine {
namespace {

// Sizes of anchored nodes as the events go by; an alias adds its anchor's size.
class ExpansionCounter : public YAML::EventHandler {
 public:
  explicit ExpansionCounter(std::size_t limit) : limit_(limit) {}
  bool beyond() const { return total_ > limit_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t anchor) override {
    auto it = sizes_.find(anchor);
    add(it == sizes_.end() ? 1 : it->second);
  }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(anchor);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back({anchor, 1});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open_.push_back({anchor, 1});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    YAML::anchor_t anchor;
    std::size_t size;
  };
  // Sums saturate just past the limit: an expansion can overflow any integer.
  std::size_t sum(std::size_t a, std::size_t b) const { return a + b > limit_ + 1 || a + b < a ? limit_ + 1 : a + b; }
  void add(std::size_t n) {
    if (open_.empty()) total_ = sum(total_, n);
    else open_.back().size = sum(open_.back().size, n);
  }
  void leaf(YAML::anchor_t anchor) {
    if (anchor) sizes_[anchor] = 1;
    add(1);
  }
  void close() {
    if (open_.empty()) return;
    Open done = open_.back();
    open_.pop_back();
    if (done.anchor) sizes_[done.anchor] = done.size;
    add(done.size);
  }

  std::size_t limit_, total_ = 0;
  std::vector<Open> open_;
  std::map<YAML::anchor_t, std::size_t> sizes_;
};

// Lines that can begin a document after the first: `---` or `...` at a line's start.
std::size_t document_markers(const std::string& text) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (text.compare(at, 3, "---") == 0 || text.compare(at, 3, "...") == 0) ++n;
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return n;
}

// Feeds the stream's events to `handler` document by document; false when it would
// yield more documents than the text can hold (yaml-cpp's endless loop). Throws as the
// parser does.
bool each_document(const std::string& text, YAML::EventHandler& handler, const std::function<bool()>& stop = {}) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  std::size_t most = document_markers(text) + 1, documents = 0;
  while (parser.HandleNextDocument(handler)) {
    if (++documents > most) return false;
    if (stop && stop()) break;
  }
  return true;
}

// Events, none kept: enough to learn whether the stream ends.
struct NoHandler : YAML::EventHandler {
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

std::vector<std::string> yaml_document_texts(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0, lines_before = 0, lines = 0;
  auto starts_document = [&](std::size_t at) {
    return text.compare(at, 3, "---") == 0 &&
           (at + 3 == text.size() || text[at + 3] == '\n' || text[at + 3] == ' ' || text[at + 3] == '\r' ||
            text[at + 3] == '\t');
  };
  for (std::size_t at = 0; at <= text.size() && out.size() + 1 < kMaxYamlDocuments;) {
    if (at > start && at < text.size() && starts_document(at)) {
      out.push_back(std::string(lines_before, '\n') + text.substr(start, at - start));
      start = at;
      lines_before = lines;
    }
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) break;
    at = nl + 1;
    ++lines;
  }
  out.push_back(std::string(lines_before, '\n') + text.substr(start));
  return out;
}

std::vector<YAML::Node> load_yaml_stream(const std::string& text) {
  NoHandler none;
  if (each_document(text, none)) return YAML::LoadAll(text);  // ends: read it whole, in one pass
  std::vector<YAML::Node> out;
  for (const auto& document : yaml_document_texts(text)) out.push_back(YAML::Load(document));
  return out;
}

bool yaml_expands_beyond(const std::string& text, std::size_t limit) {
  // Without both an anchor and an alias there is nothing to expand.
  if (text.find('&') == std::string::npos || text.find('*') == std::string::npos) return false;
  ExpansionCounter counter(limit);
  try {
    each_document(text, counter, [&] { return counter.beyond(); });
  } catch (const YAML::Exception&) {
  }
  return counter.beyond();
}

}  // namespace svc::engine
