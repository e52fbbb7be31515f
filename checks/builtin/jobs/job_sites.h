#pragma once
// Where one file enqueues and handles background jobs, for jobs-non-idempotent.
// Queue and task names come from the link facts (QueueRef) found at the same sites;
// what is kept here is what facts do not say: whether a producer passes a job id and
// whether a handler skips jobs it has already processed. Small and owned, so the
// syntax tree can go once the file is done.
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "checks/facts/routes/route_facts.h"  // SourceSpan
#include "checks/syntax/syntax_tree.h"

namespace svc::builtin {

// A name imported from another module (`import { emails } from './queues'`,
// `from app.tasks import send_receipt`); empty module when defined in this file.
struct ImportedName {
  std::string module, name;
};

// A call that enqueues a job without an id, or with one built from the clock or
// randomness (new on every call). Calls that carry a stable id, or whose options are
// an expression the file does not spell out, are not recorded.
struct JobProducer {
  std::string system;  // bullmq | celery | rq
  std::string job;     // BullMQ job name(s) / Celery task / RQ function, as written
  std::string how;     // "is added", "is sent with delay()" ...
  engine::SourceSpan call;
  // BullMQ: the `new Queue(...)` / `@InjectQueue(...)` the receiver is bound to, in this
  // file (queue_site) or imported (queue_import). Celery and RQ: the call itself.
  engine::Position queue_site;
  ImportedName queue_import;
  std::string queue;     // a queue the call itself names (FlowProducer `queueName`)
  ImportedName handler;  // RQ: the function enqueued
  std::string volatile_id;  // the clock or random call its id is built from; "" when it has none
};

// How a handler skips jobs it has already processed. Only a key taken from the job's
// data (or a store that refuses the second write) catches a duplicate enqueue: the
// queue gives every enqueue without an id a fresh job id.
enum class SkipKey {
  none,    // no processed-check seen
  own_id,  // a check keyed on the job's own id: job.id, self.request.id, get_current_job().id
  data,    // keyed on the job's data, or a store-level guard (insert-if-absent, unique violation caught)
  unseen,  // the consumer's handler could not be followed
};

// The better of two checks: a data key beats the job's own id, which beats none.
SkipKey stronger(SkipKey a, SkipKey b);

// A job consumer (BullMQ Worker, NestJS @Processor class, decorated Python function)
// or a top-level function a consumer may name as its handler.
struct JobHandler {
  std::string name;            // function name; "default" for a default export; "" inline
  engine::SourceSpan extent;   // the consumer's node: facts of its queue begin inside it
  int line = 1;                // where the handler's code is, for messages
  bool consumer = false;       // a Worker / @Processor / decorated function
  SkipKey skip = SkipKey::none;
  ImportedName delegate_import;  // the handler is this imported function (judged there)
};

// `const emails = new Queue('emails')`: a queue object another module may import.
struct QueueBinding {
  std::string name;
  engine::Position site;
};

struct JobSites {
  std::vector<JobProducer> producers;
  std::vector<JobHandler> handlers;
  std::vector<QueueBinding> queues;
  bool mentions_celery = false;  // a `.delay` here may be Celery's even with no task found

  bool empty() const { return producers.empty() && handlers.empty() && queues.empty(); }
};

void extract_js_job_sites(const engine::SyntaxTree& tree, JobSites& out);
void extract_python_job_sites(const engine::SyntaxTree& tree, JobSites& out);

// How a handler's body skips already-processed jobs (job_handlers.cpp): an upsert or
// insert-if-absent or a caught unique violation (data), or an early `return` guarded by
// a lookup of a key, classified by what the key is derived from.
SkipKey processed_check(const engine::SyntaxTree& tree, TSNode body);

// The clock or random call (`Date.now()`, `randomUUID()`, `uuid.uuid4()` ...) a job id
// expression is built from, directly or through a local variable; "" when none.
std::string volatile_job_id(const engine::SyntaxTree& tree, TSNode value);

}  // namespace svc::builtin
