#pragma once
// The split criteria of the playbook's guide to dedicated backends, each judged split,
// stay or unclear from evidence in the code, the data model and the history. The
// thresholds are documented in docs/guide/review.md; change them there too.
#include <vector>

#include "checks/review/review_context.h"

namespace svc::review {

// criteria_product.cpp: what the product asks of its backend.
Criterion judge_public_api(const ReviewContext& context, const System& system);
Criterion judge_long_running_work(const ReviewContext& context, const System& system);
Criterion judge_background_jobs(const ReviewContext& context, const System& system);
Criterion judge_language_needs(const ReviewContext& context, const System& system);
// criteria_structure.cpp: what the code, its data and its people already look like.
Criterion judge_complex_architecture(const ReviewContext& context, const System& system, const Coupling& coupling);
Criterion judge_team(const ReviewContext& context, const Coupling& coupling);

// Evidence lists are capped: a criterion shows its first few places and counts the rest.
constexpr std::size_t kEvidencePerCriterion = 12;
void add_evidence(Criterion& criterion, Evidence evidence, std::size_t& hidden);
void close_evidence(Criterion& criterion, std::size_t hidden);

}  // namespace svc::review
