#include "checks/facts/derived_facts.h"

namespace svc::engine {

DerivedFacts::DerivedFacts(const ServiceMap& services, const std::vector<FileFacts>& facts, const Config& config)
    : services_(services),
      facts_(facts),
      config_(config),
      routes_once_(new std::once_flag[services.services().size()]),
      routes_(services.services().size()) {}

const ServiceRoutes& DerivedFacts::routes(std::size_t index) const {
  std::call_once(routes_once_[index], [&] {
    routes_[index].emplace(services_.services()[index], service_facts(facts_, static_cast<int>(index)));
  });
  return *routes_[index];
}

const ServiceLinks& DerivedFacts::links() const {
  std::call_once(links_once_, [&] { links_ = compute_service_links(services_, facts_, config_); });
  return *links_;
}

const TableOwnership& DerivedFacts::ownership() const {
  std::call_once(ownership_once_,
                 [&] { ownership_ = compute_table_ownership(services_, facts_, config_, links()); });
  return *ownership_;
}

const std::vector<ResolvedTableRef>& DerivedFacts::table_references() const {
  std::call_once(references_once_, [&] { references_ = resolve_table_references(services_, facts_, ownership()); });
  return references_;
}

}  // namespace svc::engine
