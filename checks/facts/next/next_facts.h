#pragma once
// A Next.js app's server surface besides its HTTP routes: Server Actions, route segment
// config, and tRPC procedures. `svc review` weighs them (long-running work, background
// jobs) and `svc graph` draws them. Facts hold strings and spans only; the tables a body
// touches are the table facts of the same file whose reference spans fall in `body`.
#include <cstdint>
#include <string>
#include <vector>

#include "checks/core/source_file.h"
#include "checks/facts/routes/route_facts.h"  // SourceSpan, Import

namespace svc::engine {

class SyntaxTree;

// Calls a body makes that matter to a review.
enum class TouchKind : std::uint8_t {
  queue,  // queue.add, .enqueue, .delay, inngest.send, tasks.trigger, jobs.triggerJob, qstash publishJSON
  http,   // fetch, axios, ky, got
  mail,   // resend.emails.send, sendMail, sgMail.send, sendEmail
};
std::string_view to_string(TouchKind kind);

struct BodyCall {
  TouchKind kind = TouchKind::http;
  std::string callee;  // as a member path: "resend.emails.send"
  SourceSpan span;
};

// A loop whose body awaits network, database or queue work: one round trip per item.
struct AwaitLoop {
  std::string kind;     // for | for-of | for-in | while | do | map | forEach (the callback of `x.map(async ...)`)
  std::string awaited;  // the first awaited call in it: "prisma.link.update"
  SourceSpan span;      // the loop
};

// What a Server Action's or a procedure's body does, with the top-level functions of the
// same file it calls (one level down: their calls and loops carry those functions' spans).
struct BodyTouches {
  SourceSpan body;  // TableFacts references within this span are the body's tables
  std::vector<BodyCall> calls;
  std::vector<AwaitLoop> loops;
};

// A function a client can call as a POST: every export of a 'use server' file, or a
// function whose own body starts with 'use server' (inline in a Server Component).
struct ServerAction {
  std::string name;  // the function or binding; "default" for an anonymous default export, "" inline
  bool exported = false;
  bool inline_directive = false;  // 'use server' in its body rather than atop the file
  SourceSpan span;
  BodyTouches touches;
};

// `export const maxDuration = 300` in a route, page or layout; `export const config =
// { maxDuration: 60 }` of a Pages Router file or middleware is "config.maxDuration".
struct SegmentConfig {
  std::string name;
  std::string value;  // as written: "300", "'edge'", "'force-dynamic'"
  SourceSpan span;
};

enum class ProcedureType : std::uint8_t { query, mutation, subscription };
std::string_view to_string(ProcedureType type);

// `byId: publicProcedure.input(...).query(...)` in a router, or a procedure bound on
// its own (`export const enableUserRoute = adminProcedure...mutation(...)`) that a router
// names elsewhere: then `router` is "" and `key` the binding.
struct TrpcProcedure {
  std::string router;  // binding of the router holding it
  std::string key;     // dotted inside the router: "organisation.find" for nested objects
  ProcedureType type = ProcedureType::query;
  std::string base;  // "protectedProcedure", "t.procedure"
  SourceSpan span;
  BodyTouches touches;
};

// A router: `createTRPCRouter({...})`, `router({...})`, `t.router({...})`, or an object
// of procedures (`{...} satisfies TRPCRouterRecord`).
struct TrpcRouter {
  std::string name;  // binding; "default" for `export default router({...})`
  bool exported = false;
  SourceSpan span;
};

// A router entry naming something defined elsewhere: `user: userRouter`,
// `enable: enableUserRoute`, `...legacyRouter` (key ""). Resolved across files later.
struct TrpcMount {
  std::string router;  // the router holding the entry
  std::string key;     // dotted, like a procedure's
  std::string target;  // the local name: an import, a router or a procedure of this file
  SourceSpan span;
};

// A router served over HTTP: `fetchRequestHandler({ router: appRouter })`,
// `createNextApiHandler({ router })`: the root the procedure paths start from.
struct TrpcRoot {
  std::string target;
  SourceSpan span;
};

struct NextFacts {
  std::vector<ServerAction> actions;
  std::vector<SegmentConfig> segment_config;
  std::vector<TrpcRouter> routers;
  std::vector<TrpcProcedure> procedures;
  std::vector<TrpcMount> mounts;
  std::vector<TrpcRoot> roots;
  std::vector<Import> imports;  // only those mounts and roots name
  bool empty() const {
    return actions.empty() && segment_config.empty() && routers.empty() && procedures.empty() && roots.empty();
  }
};

// JavaScript/TypeScript code of a service, not tests, whose text mentions a directive,
// a segment config export or tRPC: a literal scan, so other files are never parsed for it.
bool wants_next_facts(const SourceFile& file);
void extract_next_facts(const SyntaxTree& tree, NextFacts& out);

// Each part, for its tests and for the single entry point above.
void extract_server_actions(const SyntaxTree& tree, NextFacts& out);
void extract_segment_config(const SyntaxTree& tree, NextFacts& out);
void extract_trpc(const SyntaxTree& tree, NextFacts& out);

}  // namespace svc::engine
