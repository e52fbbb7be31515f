#pragma once
// `svc review`: what an architecture review before a split needs, in one model that the
// text, Markdown and JSON writers print. Built from one facts-only audit run and the
// repository's history; judged by the criteria of the playbook's guide to dedicated
// backends (docs/guide/review.md explains each verdict and threshold).
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "checks/graph/graph.h"
#include "checks/history/coupling.h"

namespace svc::engine {
struct AuditResult;
}
namespace svc::history {
struct History;
}

namespace svc::review {

struct Evidence {
  std::string path;  // relative to the reviewed folder, as in `svc audit`
  int line = 0;      // 0 for a whole file or folder
  std::string note;
};

struct ServiceSummary {
  std::string name, path, language, framework, kind;
};

struct RouteHandler {
  std::string route, method, path;  // route: "/api/links/:id"; path: the file
  int line = 0;
};

struct ServerActionRef {
  std::string name, path;
  int line = 0;
};

struct ProcedureRef {
  std::string name, type, path;  // "link.update", "mutation"
  int line = 0;
};

struct SegmentSetting {
  std::string name, value, path;  // "maxDuration", "300"
  int line = 0;
};

struct NextApp {
  std::string path;
  std::vector<RouteHandler> route_handlers;
  std::vector<ServerActionRef> server_actions;
  std::vector<ProcedureRef> trpc_procedures;
  std::vector<SegmentSetting> segment_config;
};

struct DatabaseSummary {
  std::string id, label;
  std::vector<std::string> services;  // paths of the services that connect
};

struct TableSummary {
  std::string name;
  std::string owner;  // a service path; "" when no one owns it
  std::vector<std::string> readers, writers;  // service paths other than the owner
};

struct QueueSummary {
  std::string name;
  std::vector<std::string> producers, consumers;  // service paths
};

struct CallSummary {
  std::string from, to, via;  // service paths (or an external name); via: env var or URL
};

struct System {
  std::vector<ServiceSummary> services;
  std::vector<NextApp> next_apps;
  std::vector<DatabaseSummary> databases;
  std::vector<TableSummary> tables;
  std::vector<QueueSummary> queues;
  std::vector<CallSummary> calls;
};

// One criterion of the guide: split, stay or unclear, and why.
struct Criterion {
  std::string id;       // public-api | long-running-work | background-jobs | language-needs | complex-architecture | team
  std::string verdict;  // split | stay | unclear
  std::string summary;  // one line
  std::vector<Evidence> evidence;
};

// Tables more than one module touches, and databases more than one service uses.
struct DataCoupling {
  std::string kind;  // shared-database | cross-service-read | cross-service-write | shared-table
  std::string subject;  // the table or database
  std::string owner;    // the owning service's path, "" for none
  std::vector<std::string> modules;  // who else touches it
  std::vector<Evidence> evidence;
};

// Imports from one module into another.
struct CodeCoupling {
  std::string from, to;
  std::size_t imports = 0;
  bool cycle = false;  // `to` also imports `from`, directly or through others
  Evidence example;    // the first import
};

struct ChangeCoupling : history::ChangePair {
  bool distributed_monolith = false;  // two services that ship together most of the time
};

struct TeamModule {
  std::string path;
  std::vector<history::AuthorCommits> authors;
  std::size_t commits = 0;
  double main_share = 0.0;
  std::vector<std::string> owners;  // CODEOWNERS
};

struct Coupling {
  std::vector<DataCoupling> data;
  std::vector<CodeCoupling> code;
  std::vector<ChangeCoupling> change;
  std::vector<TeamModule> team;
};

struct SpanningAuthor {
  std::string name;
  std::size_t inside = 0, outside = 0;  // commits in the candidate and in the rest
};

struct Candidate {
  std::string path;         // a folder or a glob (a domain inside an app: "apps/web/**/billing/**")
  bool proposed = false;    // proposed by svc rather than named with --candidate
  std::string verdict;      // split | stay | unclear
  std::string recommendation;  // one sentence
  std::string framework;    // hono | fastapi
  std::string client;       // the type-safe client path the guide pairs with it
  std::vector<std::string> reasons;  // why it was proposed or judged so
  std::vector<std::string> tables;   // that would move with it
  std::vector<Evidence> blockers;
  std::vector<SpanningAuthor> authors;  // who also works outside it
  std::vector<std::string> steps;
  std::string svc_new;
  std::size_t files = 0;
};

struct Review {
  std::string root;
  System system;
  std::vector<Criterion> criteria;
  Coupling coupling;
  std::vector<Candidate> candidates;
  std::vector<std::string> notes;
  // History summary: what the change and team sections are based on.
  bool history = false;
  std::size_t commits = 0, history_days = 0;
  graph::Graph graph;  // the system as drawn, with co-changes edges between services
};

struct ReviewOptions {
  std::vector<std::string> candidates;  // --candidate: folders or globs, relative to the root
  history::CouplingThresholds thresholds;
  double distributed_monolith = 0.5;  // change-coupling degree between two services that flags them
  int history_days = 365;
  std::size_t max_commit_files = 50;
};

// Everything but the history read and the audit run, which the command does.
Review build_review(const engine::AuditResult& audit, const history::History& history, const ReviewOptions& options);

}  // namespace svc::review

namespace svc::review {

using ReviewWriter = void (*)(const Review& review, std::ostream& out);
// The formats `svc review --format` accepts, the default first.
const std::vector<std::string>& review_formats();
// nullptr for an unknown format.
ReviewWriter review_writer_for(const std::string& format);

void write_review_text(const Review& review, std::ostream& out);      // a short summary for a terminal
void write_review_markdown(const Review& review, std::ostream& out);  // the review document
void write_review_json(const Review& review, std::ostream& out);      // version 1, docs/guide/review.md

}  // namespace svc::review
