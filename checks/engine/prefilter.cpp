#include "checks/engine/prefilter.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace svc::engine {

Prefilter::Prefilter(const std::vector<const RuleInfo*>& rules) : rules_(rules) {
  std::map<std::string, int> index;
  RE2::Options options;
  options.set_max_mem(64 << 20);
  set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const RuleInfo* rule : rules_) {
    std::vector<int> mine;
    for (const auto& literal : rule->prefilter) {
      auto [it, fresh] = index.emplace(literal, static_cast<int>(texts_.size()));
      if (fresh) {
        texts_.push_back(literal);
        if (set_->Add(RE2::QuoteMeta(literal), nullptr) != it->second)
          throw std::logic_error("prefilter literal not added: " + literal);
      }
      mine.push_back(it->second);
    }
    literals_.push_back(std::move(mine));
  }
  if (texts_.empty() || !set_->Compile()) set_.reset();
}

Prefilter::Found Prefilter::scan(const std::string& text) const {
  Found found(texts_.size(), 0);
  std::vector<int> hits;
  RE2::Set::ErrorInfo error{};
  if (set_ && set_->Match(text, &hits, &error)) {
    for (int i : hits) found[i] = 1;
  } else if (set_ && error.kind != RE2::Set::kNoError) {
    // The set's automaton outgrew its memory on this text: search literal by literal.
    for (std::size_t i = 0; i < texts_.size(); ++i) found[i] = text.find(texts_[i]) != std::string::npos;
  }
  return found;
}

bool Prefilter::passes(std::size_t rule, const Found& found, const std::string& text) const {
  const auto& mine = literals_.at(rule);
  bool literal = mine.empty() || std::any_of(mine.begin(), mine.end(), [&](int i) { return found[i] != 0; });
  return literal && (!rules_[rule]->prefilter_regex || RE2::PartialMatch(text, *rules_[rule]->prefilter_regex));
}

}  // namespace svc::engine
