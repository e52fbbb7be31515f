// jobs-non-idempotent: a job enqueued without a job id whose consumer does not skip
// already-processed jobs by a key from the job's data (playbook, Background jobs). Each
// file's producers and handlers are read while its tree is alive (job_sites_*.cpp); once
// all files are done they are joined across the workspace through the link facts' queue
// names.
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "checks/builtin/jobs/job_sites.h"
#include "checks/engine/check.h"
#include "checks/facts/facts.h"
#include "checks/syntax/module_resolver.h"
#include "checks/facts/routes/route_facts_js.h"  // is_local_module
#include "checks/facts/routes/route_resolver.h"

namespace svc::builtin {

// For the result cache.
SVC_JSON_FIELDS(ImportedName, module, name)
SVC_JSON_FIELDS(JobProducer, system, job, how, call, queue_site, queue_import, queue, handler, volatile_id)
SVC_JSON_FIELDS(JobHandler, name, extent, line, consumer, skip, delegate_import)
SVC_JSON_FIELDS(QueueBinding, name, site)
SVC_JSON_FIELDS(JobSites, producers, handlers, queues, mentions_celery)

namespace {

using namespace engine;

bool same(Position a, Position b) { return a.line == b.line && a.column == b.column; }
bool before(Position a, Position b) { return std::tie(a.line, a.column) < std::tie(b.line, b.column); }
bool contains(const SourceSpan& s, Position p) { return !before(p, s.begin) && !before(s.end, p); }

// A consumer looked at: where it is and how its handler skips processed jobs.
struct Consumer {
  std::string site;  // path:line of the handler
  SkipKey skip = SkipKey::none;
};

// The workspace's job sites with the facts and modules that join them.
class JobJoin {
 public:
  JobJoin(const WorkspaceContext& ctx, const std::map<std::string, JobSites>& files) : ctx_(ctx), files_(files) {
    for (const auto& f : ctx.facts)
      for (const auto& q : f.links.queues) queues_[f.path].push_back(&q);
    for (const auto& [path, sites] : files) service_files_[ctx.services.service_of(path)].push_back(path);
  }

  // The queue fact of `system` at a site: the queue a producer's object or call names.
  const QueueRef* produced_at(const std::string& path, Position site, std::string_view system) const {
    auto it = queues_.find(path);
    if (it == queues_.end()) return nullptr;
    for (const QueueRef* q : it->second)
      if (q->produces && q->system == system && same(q->span.begin, site)) return q;
    return nullptr;
  }

  // The file an import names, among the files of the importer's service that had job sites.
  const std::pair<const std::string, JobSites>* resolve(const std::string& from, const std::string& module) const {
    int service = ctx_.services.service_of(from);
    auto files = service_files_.find(service);
    if (module.empty() || files == service_files_.end()) return nullptr;
    std::string root = service >= 0 ? ctx_.services.services()[service].path : ".";
    auto target = ModuleMap(root, files->second).resolve(from, module);
    if (target.file < 0) return nullptr;
    return &*files_.find(files->second[target.file]);
  }

  // BullMQ: the queue a producer's receiver is bound to, here or in the module it imports.
  std::optional<std::string> bullmq_queue(const std::string& path, const JobProducer& p) const {
    if (!p.queue.empty()) return p.queue;
    if (p.queue_import.module.empty()) {
      const QueueRef* q = produced_at(path, p.queue_site, "bullmq");
      return q ? q->queue : "";
    }
    const auto* target = resolve(path, p.queue_import.module);
    if (!target && !is_local_module(p.queue_import.module)) return by_name(p.queue_import.name);
    if (!target) return std::nullopt;  // not known to be a queue
    for (const auto& b : target->second.queues)
      if (b.name == p.queue_import.name) {
        const QueueRef* q = produced_at(target->first, b.site, "bullmq");
        return q ? q->queue : "";
      }
    return std::nullopt;
  }

  // A class's static queue accessor imported from a package (`OrdersQueue.getInstance()`
  // from '@shop/queues'): the one binding of that name in the workspace, if only one.
  std::optional<std::string> by_name(const std::string& name) const {
    std::set<std::tuple<std::string, int, int>> sites_named;
    const QueueRef* found = nullptr;
    for (const auto& [file, sites] : files_)
      for (const auto& b : sites.queues)
        if (b.name == name && sites_named.emplace(file, b.site.line, b.site.column).second)
          found = produced_at(file, b.site, "bullmq");
    if (sites_named.size() != 1) return std::nullopt;
    return found ? found->queue : "";
  }

  // Consumers of a queue (BullMQ) or task (Celery) as the link facts find them.
  std::vector<Consumer> consumers(std::string_view system, const std::string& queue, const std::string& task) const {
    std::vector<Consumer> out;
    for (const auto& [path, refs] : queues_)
      for (const QueueRef* q : refs)
        if (!q->produces && q->system == system && (system == "celery" ? q->task == task : q->queue == queue))
          out.push_back(consumer_at(path, q->span.begin));
    return out;
  }

  // RQ: the function enqueued, found through its import, in the producer's file, or by name.
  std::vector<Consumer> rq_consumers(const std::string& path, const ImportedName& fn) const {
    if (const auto* target = resolve(path, fn.module)) return functions_named(*target, fn.name);
    if (auto here = files_.find(path); here != files_.end() && fn.module.empty()) {
      auto found = functions_named(*here, fn.name);
      if (!found.empty()) return found;
    }
    std::vector<Consumer> out;
    int service = ctx_.services.service_of(path);
    for (const auto& file : files_)
      if (ctx_.services.service_of(file.first) == service)
        for (auto& c : functions_named(file, fn.name)) out.push_back(c);
    return out;
  }

 private:
  Consumer consumer_at(const std::string& path, Position site) const {
    Consumer c{fmt::format("{}:{}", path, site.line), SkipKey::none};
    auto file = files_.find(path);
    if (file == files_.end()) return c;
    const JobHandler* best = nullptr;  // the innermost consumer node holding the fact
    for (const auto& h : file->second.handlers)
      if (h.consumer && contains(h.extent, site) && (!best || before(best->extent.begin, h.extent.begin))) best = &h;
    if (!best) return c;
    c = {fmt::format("{}:{}", path, best->line), best->skip};
    if (best->delegate_import.module.empty()) return c;
    const auto* target = resolve(path, best->delegate_import.module);
    auto found = target ? functions_named(*target, best->delegate_import.name) : std::vector<Consumer>{};
    return found.empty() ? Consumer{c.site, SkipKey::unseen} : found.front();
  }

  static std::vector<Consumer> functions_named(const std::pair<const std::string, JobSites>& file,
                               const std::string& name) {
    std::vector<Consumer> out;
    for (const auto& h : file.second.handlers)
      if (!h.name.empty() && h.name == name) out.push_back({fmt::format("{}:{}", file.first, h.line), h.skip});
    return out;
  }

  const WorkspaceContext& ctx_;
  const std::map<std::string, JobSites>& files_;
  std::map<std::string, std::vector<const QueueRef*>> queues_;
  std::map<int, std::vector<std::string>> service_files_;
};

// What a producer lacks, and the fix: `fix` when no consumer skips by a data key,
// `own_fix` when a consumer skips by the job's own id, which a duplicate enqueue escapes.
struct Wording {
  std::string ids, missing, fix, own_fix, key;
};

const Wording& wording(const std::string& system) {
  static const std::map<std::string, Wording> words = {
      {"bullmq", {"job ids", "a jobId",
                  "pass { jobId: <stable id from the data> }, or make the handler skip work whose data key "
                  "(e.g. the order id) it has already processed",
                  "set the jobId from the data ({ jobId: <stable id from the data> }) so that a duplicate enqueue "
                  "gets the id its consumer has already processed",
                  "jobId"}},
      {"celery", {"task ids", "a task_id",
                  "send it with apply_async(..., task_id=<stable id from the arguments>), or make the task skip "
                  "work whose key from its arguments it has already processed",
                  "send it with apply_async(..., task_id=<stable id from the arguments>) so that a duplicate "
                  "enqueue gets the id its task has already processed",
                  "task_id"}},
      {"rq", {"job ids", "a job_id",
              "pass job_id=<stable id from the arguments> to enqueue(), or make the function skip work whose "
              "key from its arguments it has already processed",
              "pass job_id=<stable id from the arguments> to enqueue() so that a duplicate enqueue gets the id "
              "its function has already processed",
              "job_id"}},
  };
  return words.at(system);
}

// The consumer a finding names, and what the message says of it.
std::string consumer_text(const Consumer* c, const Wording& w) {
  if (!c) return "no consumer of it was found in the workspace";
  switch (c->skip) {
    case SkipKey::own_id:
      return fmt::format("its consumer ({}) skips {} it has processed, but without {} each enqueue gets a new "
                         "id, so a duplicate enqueue runs twice",
                         c->site, w.ids, w.missing);
    case SkipKey::unseen:
      return fmt::format("the handler of its consumer ({}) could not be followed, so nothing shows that it skips "
                         "already-processed jobs",
                         c->site);
    default: return fmt::format("its consumer ({}) does not skip already-processed jobs", c->site);
  }
}

struct FileSites {
  std::string path;
  JobSites sites;
};
SVC_JSON_FIELDS(FileSites, path, sites)

class JobsNonIdempotent : public Check {
 public:
  // A file's producers and consumers, joined across files at the end.
  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    if (!ctx.tree || is_test_path(ctx.file.path())) return nullptr;
    FileSites found{ctx.file.path(), {}};
    if (ctx.file.language() == Language::python) extract_python_job_sites(*ctx.tree, found.sites);
    else extract_js_job_sites(*ctx.tree, found.sites);
    return found.sites.empty() ? nullptr : notes_for(std::move(found));
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<FileSites>(saved);
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    std::map<std::string, JobSites> files;
    for (const FileSites* f : notes_of<FileSites>(ctx)) files.emplace(f->path, f->sites);
    JobJoin join(ctx, files);
    for (const auto& [path, sites] : files)
      for (const auto& p : sites.producers) judge(join, path, sites, p, out);
  }

 private:
  // Reports the producer unless every consumer found skips already-processed jobs.
  static void judge(const JobJoin& join, const std::string& path, const JobSites& sites, const JobProducer& p,
                    FindingSink& out) {
    std::string queue, job;
    std::vector<Consumer> consumers;
    if (p.system == "bullmq") {
      auto q = join.bullmq_queue(path, p);
      if (!q) return;
      queue = *q;
      if (!queue.empty()) consumers = join.consumers("bullmq", queue, "");
      job = fmt::format("{} {} on queue {}", p.how.rfind("are", 0) == 0 ? "jobs" : "job", p.job,
                        queue.empty() ? "(name not written here)" : queue);
    } else if (p.system == "celery") {
      const QueueRef* fact = join.produced_at(path, p.call.begin, "celery");
      std::string task = fact && !fact->task.empty() ? fact->task : p.job;
      if (task.empty()) return;
      consumers = join.consumers("celery", "", task);
      if (consumers.empty() && !sites.mentions_celery) return;  // a `.delay` nothing says is Celery's
      queue = fact ? fact->queue : "";
      job = "Celery task " + task + (queue.empty() ? "" : " on queue " + queue);
    } else {
      const QueueRef* fact = join.produced_at(path, p.call.begin, "rq");
      queue = fact ? fact->queue : "";
      consumers = join.rq_consumers(path, p.handler);
      job = "RQ job " + p.job + (queue.empty() ? "" : " on queue " + queue);
    }
    // Only a key from the job's data catches a second enqueue of the same work.
    const Consumer* unchecked = nullptr;
    for (const auto& c : consumers)
      if (c.skip != SkipKey::data && !unchecked) unchecked = &c;
    if (!consumers.empty() && !unchecked) return;
    const Wording& w = wording(p.system);
    bool own_id = unchecked && unchecked->skip == SkipKey::own_id;
    // An id from the clock or randomness is new on every call: as good as none.
    std::string missing = p.volatile_id.empty()
                              ? w.missing
                              : fmt::format("a stable {0} (its {0} is new on every call, built from `{1}`)", w.key,
                                            p.volatile_id.size() > 40 ? p.volatile_id.substr(0, 37) + "..." : p.volatile_id);
    MessageArgs args = {{"job", job},
                        {"how", p.how},
                        {"missing", missing},
                        {"consumer", consumer_text(unchecked, w)},
                        {"fix", own_id ? w.own_fix : w.fix}};
    out.report_at(path, p.call.begin, p.call.end, args, fmt::format("{} {}", job, p.how));
  }
};

}  // namespace

std::unique_ptr<engine::Check> make_jobs_non_idempotent() { return std::make_unique<JobsNonIdempotent>(); }

}  // namespace svc::builtin
