// `svc review` on a terminal: the verdicts, the coupling in numbers and the candidates
// with the command that starts each, on one screen. The Markdown has the rest.
#include <algorithm>

#include <fmt/format.h>

#include "checks/review/review.h"
#include "checks/review/wording.h"

namespace svc::review {

void write_review_text(const Review& review, std::ostream& out) {
  const System& s = review.system;
  out << fmt::format("svc review: {} ({}), {}, {}; {}\n\n", counted(s.services.size(), "service"),
                     counted(s.next_apps.size(), "Next.js app"), counted(s.tables.size(), "table"),
                     counted(s.queues.size(), "queue"),
                     review.history ? counted(review.commits, "commit") + " of history" : std::string("no history"));
  for (const auto& c : review.criteria) out << fmt::format("  {:<21}{:<9}{}\n", c.id, c.verdict, c.summary);
  const Coupling& k = review.coupling;
  std::size_t cycles = std::count_if(k.code.begin(), k.code.end(), [](const CodeCoupling& c) { return c.cycle; });
  std::size_t monoliths = std::count_if(k.change.begin(), k.change.end(),
                                        [](const ChangeCoupling& c) { return c.distributed_monolith; });
  out << fmt::format("\nCoupling: {} data, {} code ({} in cycles), {} change pairs ({} ship together)\n", k.data.size(),
                     k.code.size(), cycles, k.change.size(), monoliths);
  if (!review.candidates.empty()) out << "\nCandidates:\n";
  for (const auto& c : review.candidates) {
    out << fmt::format("  {}  {}: {}\n", c.path, c.verdict, c.recommendation);
    if (!c.svc_new.empty())
      out << fmt::format("    {} would move, {}; start with: {}\n", counted(c.tables.size(), "table"),
                         counted(c.blockers.size(), "blocker"), c.svc_new);
  }
  if (!review.notes.empty()) out << "\nNotes:\n";
  for (const auto& n : review.notes) out << "  " << n << '\n';
  out << "\nThe whole review: svc review --format markdown --output review.md\n";
}

const std::vector<std::string>& review_formats() {
  static const std::vector<std::string> formats = {"text", "markdown", "json"};
  return formats;
}

ReviewWriter review_writer_for(const std::string& format) {
  if (format == "text") return &write_review_text;
  if (format == "markdown") return &write_review_markdown;
  if (format == "json") return &write_review_json;
  return nullptr;
}

}  // namespace svc::review
