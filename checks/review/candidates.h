#pragma once
// Candidates for a split: those named with --candidate, else proposed from the domains
// of each app (docs/guide/review.md, "Candidates"). Each is weighed the same way: the
// tables that would move, what blocks the move, who works on both sides, and the steps.
#include <vector>

#include "checks/review/review_context.h"

namespace svc::review {

// Change coupling between fine modules: candidates, then domains, then units.
struct FineCoupling {
  std::vector<history::ChangePair> pairs;
  history::ModuleOf module_of;
};

std::vector<Candidate> propose_candidates(const ReviewContext& context, const std::vector<Criterion>& criteria,
                                          const FineCoupling& change);
// Fills everything after `path` and `proposed`.
void assess_candidate(const ReviewContext& context, const std::vector<Criterion>& criteria,
                      const FineCoupling& change, Candidate& candidate);

}  // namespace svc::review
