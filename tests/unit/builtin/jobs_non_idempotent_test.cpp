// jobs-non-idempotent on small trees: what counts as a handler skipping processed jobs
// (a guard must look the key up, a log line mentioning job.id does not count), which key
// it skips by (only a key from the job's data catches a duplicate enqueue), and what the
// message names.
#include <catch2/catch.hpp>

#include "checks/engine/runner.h"
#include "e2e/temp_tree.h"

using namespace svc;
using svc::e2e::TempTree;

namespace {

std::vector<engine::Finding> audit_worker(const std::string& handler_body) {
  TempTree tree;
  tree.write_file("api/package.json", R"({"name": "api", "dependencies": {"hono": "^4", "bullmq": "^5"}})");
  tree.write_file("api/src/jobs.ts",
                  "import { Queue } from 'bullmq';\n"
                  "const q = new Queue('emails');\n"
                  "export async function send(id: string) {\n"
                  "  await q.add('send', { id });\n"
                  "}\n");
  tree.write_file("worker/package.json", R"({"name": "worker", "dependencies": {"bullmq": "^5"}})");
  tree.write_file("worker/src/index.ts",
                  "import { Worker } from 'bullmq';\n"
                  "new Worker('emails', async (job) => {\n" + handler_body + "\n});\n");
  engine::AuditOptions options;
  options.root = tree.str();
  options.only = {"jobs-non-idempotent"};
  options.jobs = 2;
  return engine::run_audit(options).findings;
}

}  // namespace

TEST_CASE("jobs-non-idempotent: a guard on a data key or a store-level guard skips processed jobs",
          "[jobs-non-idempotent]") {
  CHECK(audit_worker("  if (await processed.has(job.data.orderId)) return;\n  await mail(job.data);").empty());
  CHECK(audit_worker("  const done = await db.one('SELECT 1 FROM processed WHERE id = $1', [job.data.id]);\n"
                     "  if (done) { return; }\n  await mail(job.data);")
            .empty());
  // The store refuses the second write: its key keeps the benefit of the doubt.
  CHECK(audit_worker("  await db.query('INSERT INTO sent (id) VALUES ($1) ON CONFLICT DO NOTHING', [job.id]);").empty());
  CHECK(audit_worker("  if (await redis.set(`sent:${job.id}`, '1', 'NX') === null) return;").empty());
}

TEST_CASE("jobs-non-idempotent: a guard on the job's own id misses a duplicate enqueue", "[jobs-non-idempotent]") {
  auto findings = audit_worker("  if (await seen.has(job.id)) return;\n  await mail(job.data);");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "job 'send' on queue emails is added without a jobId, and its consumer (worker/src/index.ts:2) skips job ids "
        "it has processed, but without a jobId each enqueue gets a new id, so a duplicate enqueue runs twice; set "
        "the jobId from the data ({ jobId: <stable id from the data> }) so that a duplicate enqueue gets the id its "
        "consumer has already processed");
  // Through the variables the guard tests, and under another parameter name.
  CHECK(audit_worker("  const key = job.id ?? job.data.id;\n  const done = await seen.has(key);\n"
                     "  const alreadyProcessed = done;\n  if (alreadyProcessed) return;\n  await mail(job.data);")
            .size() == 1);
  CHECK(audit_worker("  if (await processed.has(job.id!)) return;").size() == 1);
}

TEST_CASE("jobs-non-idempotent: a job id that is only logged is not a check", "[jobs-non-idempotent]") {
  auto findings = audit_worker("  log.info({ jobId: job.id }, 'start');\n  if (!job.data.to) return;\n  await mail(job.data);");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].path == "api/src/jobs.ts");
  CHECK(findings[0].line == 4);
  CHECK(findings[0].message ==
        "job 'send' on queue emails is added without a jobId, and its consumer (worker/src/index.ts:2) does not "
        "skip already-processed jobs; pass { jobId: <stable id from the data> }, or make the handler skip work "
        "whose data key (e.g. the order id) it has already processed");
}
