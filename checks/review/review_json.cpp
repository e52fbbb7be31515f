// `svc review --format json`: version 1 of the contract in docs/guide/review.md. Fields
// are added, never renamed; keys keep the documented order.
#include <nlohmann/json.hpp>

#include "checks/review/review.h"

namespace svc::review {
namespace {

using json = nlohmann::ordered_json;

json evidence(const Evidence& e) { return {{"path", e.path}, {"line", e.line}, {"note", e.note}}; }

template <typename T, typename Fn>
json list(const std::vector<T>& items, Fn fn) {
  json out = json::array();
  for (const auto& i : items) out.push_back(fn(i));
  return out;
}

json system(const System& s) {
  return {
      {"services", list(s.services, [](const ServiceSummary& x) {
         return json{{"name", x.name}, {"path", x.path}, {"language", x.language}, {"framework", x.framework},
                     {"kind", x.kind}};
       })},
      {"next_apps", list(s.next_apps, [](const NextApp& a) {
         return json{
             {"path", a.path},
             {"route_handlers", list(a.route_handlers, [](const RouteHandler& r) {
                return json{{"route", r.route}, {"method", r.method}, {"path", r.path}, {"line", r.line}};
              })},
             {"server_actions", list(a.server_actions, [](const ServerActionRef& r) {
                return json{{"name", r.name}, {"path", r.path}, {"line", r.line}};
              })},
             {"trpc_procedures", list(a.trpc_procedures, [](const ProcedureRef& r) {
                return json{{"name", r.name}, {"type", r.type}, {"path", r.path}, {"line", r.line}};
              })},
             {"segment_config", list(a.segment_config, [](const SegmentSetting& r) {
                return json{{"name", r.name}, {"value", r.value}, {"path", r.path}, {"line", r.line}};
              })}};
       })},
      {"databases", list(s.databases, [](const DatabaseSummary& d) {
         return json{{"id", d.id}, {"label", d.label}, {"services", d.services}};
       })},
      {"tables", list(s.tables, [](const TableSummary& t) {
         return json{{"name", t.name}, {"owner", t.owner}, {"readers", t.readers}, {"writers", t.writers}};
       })},
      {"queues", list(s.queues, [](const QueueSummary& q) {
         return json{{"name", q.name}, {"producers", q.producers}, {"consumers", q.consumers}};
       })},
      {"calls", list(s.calls, [](const CallSummary& c) { return json{{"from", c.from}, {"to", c.to}, {"via", c.via}}; })}};
}

json coupling(const Coupling& c) {
  return {
      {"data", list(c.data, [](const DataCoupling& d) {
         return json{{"kind", d.kind}, {"subject", d.subject}, {"owner", d.owner}, {"modules", d.modules},
                     {"evidence", list(d.evidence, evidence)}};
       })},
      {"code", list(c.code, [](const CodeCoupling& x) {
         return json{{"from", x.from}, {"to", x.to}, {"imports", x.imports}, {"cycle", x.cycle},
                     {"example", evidence(x.example)}};
       })},
      {"change", list(c.change, [](const ChangeCoupling& x) {
         return json{{"a", x.a}, {"b", x.b}, {"shared_commits", x.shared_commits}, {"revisions_a", x.revisions_a},
                     {"revisions_b", x.revisions_b}, {"degree", x.degree},
                     {"distributed_monolith", x.distributed_monolith}};
       })},
      {"team", list(c.team, [](const TeamModule& t) {
         return json{{"path", t.path},
                     {"authors", list(t.authors, [](const history::AuthorCommits& a) {
                        return json{{"name", a.name}, {"commits", a.commits}};
                      })},
                     {"commits", t.commits}, {"main_share", t.main_share}, {"owners", t.owners}};
       })}};
}

json candidate(const Candidate& c) {
  return {{"path", c.path},
          {"recommendation", c.recommendation},
          {"framework", c.framework},
          {"tables", c.tables},
          {"blockers", list(c.blockers, evidence)},
          {"steps", c.steps},
          {"svc_new", c.svc_new},
          {"verdict", c.verdict},
          {"proposed", c.proposed},
          {"client", c.client},
          {"reasons", c.reasons},
          {"files", c.files},
          {"authors", list(c.authors, [](const SpanningAuthor& a) {
             return json{{"name", a.name}, {"inside", a.inside}, {"outside", a.outside}};
           })}};
}

}  // namespace

void write_review_json(const Review& review, std::ostream& out) {
  json doc = {{"version", 1},
              {"system", system(review.system)},
              {"criteria", list(review.criteria, [](const Criterion& c) {
                 return json{{"id", c.id}, {"verdict", c.verdict}, {"summary", c.summary},
                             {"evidence", list(c.evidence, evidence)}};
               })},
              {"coupling", coupling(review.coupling)},
              {"candidates", list(review.candidates, candidate)},
              {"notes", review.notes},
              {"history", {{"available", review.history}, {"commits", review.commits}, {"days", review.history_days}}}};
  out << doc.dump(2) << '\n';
}

}  // namespace svc::review
