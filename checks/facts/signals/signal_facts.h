#pragma once
// What a file shows about the split criteria `svc review` weighs (shared/playbook's
// guide to dedicated backends): a public API, long-running work, background jobs, another
// language's needs. Each signal is a place in the code, found by syntax or, for files that
// have none (notebooks, go.mod), by the file itself. Rules do not use them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/core/source_file.h"  // SourceSpan

namespace svc::engine {

class SyntaxTree;

enum class SignalKind : std::uint8_t {
  // public-api
  cors,               // Access-Control-Allow-Origin set, cors() / @fastify/cors / CORSMiddleware
  api_key_check,      // a handler reads an API key header (x-api-key, api_key, Authorization: Bearer ... compared to a key)
  bearer_token,       // a handler reads the Authorization header / bearer token itself
  webhook_signature,  // stripe.webhooks.constructEvent, svix Webhook.verify, createHmac over the raw body
  openapi_document,   // an OpenAPI document or generator: openapi.(json|yaml) file, @hono/zod-openapi, swagger, fastapi docs
  // long-running-work
  mail_send,          // sending mail (resend, nodemailer, sendgrid, postmark, ses)
  media_processing,   // sharp, ffmpeg / fluent-ffmpeg, pdf generation (puppeteer, pdfkit, @react-pdf), csv/xlsx export
  sleep_poll,         // await sleep / setTimeout promise / setInterval polling in server code
  // background-jobs
  cron,               // a cron schedule: vercel.json "crons", node-cron / cron.schedule, @Cron, celery beat
  fire_and_forget,    // a promise started and not awaited in a handler (`void sendMail()`, `.then()` without await,
                      // waitUntil / after() from next/server)
  // language-needs
  spawn_process,      // child_process spawn/exec/execFile of python, go, a binary
  python_data_lib,    // import of numpy, pandas, sklearn, scipy, torch, tensorflow, transformers, polars
  notebook,           // a .ipynb file
  go_module,          // go.mod / a Go program (`func main` in package main)
};
std::string_view to_string(SignalKind kind);  // "cors", "api-key-check", ...

struct Signal {
  SignalKind kind = SignalKind::cors;
  std::string note;  // what was seen, short: "stripe.webhooks.constructEvent", "spawn('python3')"
  SourceSpan span;   // the first line for file-level signals
};

struct SignalFacts {
  std::vector<Signal> signals;  // in file order
  bool empty() const { return signals.empty(); }
};

// Code (JS/TS/Python/Go), notebooks, go.mod, vercel.json and OpenAPI documents, not tests,
// whose text mentions something a signal needs: a literal scan first, so other files are
// never parsed for it.
bool wants_signal_facts(const SourceFile& file);
// Files of no language svc classifies that carry a signal by their name alone: notebooks
// (.ipynb), go.mod and .go files. The runner reads them only for this kind.
bool is_signal_file_by_name(std::string_view path);
// `tree` is null for files without a grammar (notebooks, go.mod, JSON/YAML documents).
void extract_signal_facts(const SourceFile& file, const SyntaxTree* tree, SignalFacts& out);

}  // namespace svc::engine
