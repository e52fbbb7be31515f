#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "checks/facts/fact_codec.h"
#include "checks/facts/next/body_tables.h"
#include "checks/facts/next/trpc_resolver.h"
#include "checks/syntax/syntax_tree.h"
#include "unit/facts/file_facts_support.h"

using namespace svc::engine;

namespace {

FileFacts next_facts_of(const std::string& path, const std::string& text) {
  SourceFile file(path, classify_path(path), text);
  auto tree = SyntaxTree::parse(file);
  REQUIRE(tree);
  FileFacts facts;
  facts.path = path;
  facts.service = 0;
  extract_next_facts(*tree, facts.next);
  return facts;
}

const ServerAction* action(const NextFacts& n, const std::string& name) {
  for (const auto& a : n.actions)
    if (a.name == name) return &a;
  return nullptr;
}

std::map<std::string, std::string> procedures(const std::vector<FileFacts>& files, bool* all_rooted = nullptr) {
  std::map<std::string, std::string> out;  // path -> type
  if (all_rooted) *all_rooted = true;
  for (const auto& p : resolve_trpc_procedures(".", svc::test::pointers_to(files))) {
    out[p.path] = std::string(to_string(p.procedure->type));
    if (all_rooted && !p.rooted) *all_rooted = false;
  }
  return out;
}

}  // namespace

TEST_CASE("Server Actions: every exported async function of a 'use server' file", "[next]") {
  auto f = next_facts_of("app/actions.ts", R"(// actions of the settings page
'use server'
import { prisma } from '@/lib/prisma'
export async function rename(id: string, name: string) { await prisma.team.update({ where: { id }, data: { name } }) }
export const remove = async (id: string) => { await prisma.team.delete({ where: { id } }) }
export const invite = authActionClient.inputSchema(schema).action(async ({ parsedInput }) => {
  await resend.emails.send({ to: parsedInput.email })
})
async function archive(id: string) { await fetch('https://hooks.example.com', { method: 'POST' }) }
async function helper() {}
export { archive as archiveTeam }
export type Team = { id: string }
)");
  const auto& n = f.next;
  REQUIRE(n.actions.size() == 4);
  CHECK(action(n, "rename"));
  CHECK(action(n, "remove"));
  REQUIRE(action(n, "invite"));
  CHECK(action(n, "invite")->exported);
  CHECK_FALSE(action(n, "invite")->inline_directive);
  REQUIRE(action(n, "invite")->touches.calls.size() == 1);
  CHECK(action(n, "invite")->touches.calls[0].kind == TouchKind::mail);
  CHECK(action(n, "invite")->touches.calls[0].callee == "resend.emails.send");
  REQUIRE(action(n, "archiveTeam"));
  CHECK(action(n, "archiveTeam")->span.begin.line == 9);
  CHECK(action(n, "archiveTeam")->touches.calls.at(0).kind == TouchKind::http);
  CHECK_FALSE(action(n, "helper"));  // not exported: the client cannot call it
  CHECK(action(n, "rename")->touches.body.begin.line == 4);
}

TEST_CASE("Server Actions: none without the directive, and inline ones in Server Components", "[next]") {
  auto plain = next_facts_of("lib/teams.ts", R"(
export async function rename(id: string) { await prisma.team.update({ where: { id } }) }
const note = 'use server'
)");
  CHECK(plain.next.actions.empty());

  auto page = next_facts_of("app/teams/page.tsx", R"(
export default function Page() {
  async function create(formData: FormData) {
    'use server'
    await db.insert(teams).values({ name: formData.get('name') })
  }
  const remove = async () => { "use server"; await queue.add('cleanup', {}) }
  return <form action={create}><button formAction={async () => { 'use server'; await fetch('/x') }} /></form>
}
)");
  const auto& n = page.next;
  REQUIRE(n.actions.size() == 3);
  REQUIRE(action(n, "create"));
  CHECK(action(n, "create")->inline_directive);
  CHECK_FALSE(action(n, "create")->exported);
  REQUIRE(action(n, "remove"));
  CHECK(action(n, "remove")->touches.calls.at(0).kind == TouchKind::queue);
  REQUIRE(action(n, ""));  // the anonymous one in JSX
  CHECK(action(n, "")->span.begin.line == 8);
}

TEST_CASE("Server Actions: loops that await a round trip per item, and those that do not", "[next]") {
  auto f = next_facts_of("app/actions.ts", R"('use server'
export async function notifyAll(ids: string[]) {
  for (const id of ids) {
    const user = await prisma.user.findUnique({ where: { id } })
    await sendEmail({ to: user.email })
  }
  for (let i = 0; i < ids.length; i++) console.log(ids[i])
  for (const id of ids) await sleep(100)
  await Promise.all(ids.map(async (id) => { await fetch(`https://api.example.com/${id}`) }))
  await Promise.all(ids.map((id) => tx.user.delete({ where: { id } })))
  ids.forEach((id) => prisma.user.delete({ where: { id } }))
  const work = async (id: string) => { await prisma.user.update({ where: { id } }) }
  let n = 0
  while (n < 3) { n++; await inngest.send({ name: 'tick' }) }
  await syncAll(ids)
}
async function syncAll(ids: string[]) {
  for (const id of ids) await axios.post('https://crm.example.com/sync', { id })
  for (const id of ids) await jobs.triggerJob({ name: 'send.email', payload: { id } })
}
async function unused(ids: string[]) { for (const id of ids) await prisma.user.delete({ where: { id } }) }
)");
  REQUIRE(f.next.actions.size() == 1);
  const auto& loops = f.next.actions[0].touches.loops;
  REQUIRE(loops.size() >= 4);
  CHECK(loops[0].kind == "for-of");
  CHECK(loops[0].span.begin.line == 3);
  CHECK(loops[0].awaited == "prisma.user.findUnique");
  CHECK(loops[1].kind == "map");
  CHECK(loops[1].awaited == "fetch");
  CHECK(loops[2].kind == "map");
  CHECK(loops[2].awaited == "tx.user.delete");
  CHECK(loops[3].kind == "while");
  CHECK(loops[3].span.begin.line == 14);
  REQUIRE(loops.size() >= 5);  // the helper it calls, in this file; not the one it does not call
  CHECK(loops[4].span.begin.line == 18);
  CHECK(loops[4].awaited == "axios.post");
  REQUIRE(loops.size() == 6);
  CHECK(loops[5].awaited == "jobs.triggerJob");
}

TEST_CASE("segment config: exports of route, page and layout files, and a page's config object", "[next]") {
  auto route = next_facts_of("app/api/export/route.ts", R"(
export const maxDuration = 300
export const runtime = 'nodejs'
export const dynamic = "force-dynamic"
export const revalidate = 0
export const preferredRegion = ['iad1']
const maxDurationLocal = 10
export async function GET() { return Response.json({}) }
)");
  const auto& c = route.next.segment_config;
  REQUIRE(c.size() == 5);
  CHECK(c[0].name == "maxDuration");
  CHECK(c[0].value == "300");
  CHECK(c[0].span.begin.line == 2);
  CHECK(c[1].value == "'nodejs'");
  CHECK(c[2].value == "\"force-dynamic\"");
  CHECK(c[4].name == "preferredRegion");

  auto lib = next_facts_of("lib/constants.ts", "export const runtime = 'edge'\nexport const config = { runtime: 'edge' }\n");
  CHECK(lib.next.segment_config.empty());

  auto page = next_facts_of("pages/api/import.ts", "export const config = { maxDuration: 60, api: { bodyParser: false } }\n");
  REQUIRE(page.next.segment_config.size() == 1);
  CHECK(page.next.segment_config[0].name == "config.maxDuration");
  CHECK(page.next.segment_config[0].value == "60");

  auto middleware = next_facts_of("src/middleware.ts",
                                  "export const config = { matcher: ['/dashboard/:path*', '/api/:path*'] }\n");
  REQUIRE(middleware.next.segment_config.size() == 1);
  CHECK(middleware.next.segment_config[0].name == "config.matcher");
  CHECK(middleware.next.segment_config[0].value == "['/dashboard/:path*', '/api/:path*']");
}

TEST_CASE("tRPC: a router split across files is composed from the handler's root", "[next][trpc]") {
  std::vector<FileFacts> files;
  files.push_back(next_facts_of("packages/api/src/root.ts", R"(
import { postRouter } from "./router/post";
import { authRouter } from "./router/auth";
import { createTRPCRouter } from "./trpc";
export const appRouter = createTRPCRouter({ auth: authRouter, post: postRouter });
)"));
  files.push_back(next_facts_of("packages/api/src/router/post.ts", R"(
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure, publicProcedure } from "../trpc";
export const postRouter = {
  all: publicProcedure.query(({ ctx }) => ctx.db.query.Post.findMany()),
  byId: publicProcedure.input(z.object({ id: z.string() })).query(({ ctx, input }) => ctx.db.query.Post.findFirst()),
  create: protectedProcedure.input(CreatePostSchema).mutation(async ({ ctx, input }) => {
    await ctx.db.insert(Post).values(input);
    await tasks.trigger("post-created", { id: input.id });
  }),
} satisfies TRPCRouterRecord;
)"));
  files.push_back(next_facts_of("packages/api/src/router/auth.ts", R"(
import { t } from "../trpc";
export const authRouter = t.router({
  getSession: t.procedure.query(({ ctx }) => ctx.session),
  onSignIn: protectedProcedure.subscription(() => observable(() => {})),
});
)"));
  files.push_back(next_facts_of("apps/nextjs/src/app/api/trpc/[trpc]/route.ts", R"(
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTRPCContext } from "@acme/api";
const handler = (req: Request) => fetchRequestHandler({ endpoint: "/api/trpc", router: appRouter, req });
export { handler as GET, handler as POST };
)"));
  const auto& post = files[1].next;
  REQUIRE(post.routers.size() == 1);
  CHECK(post.routers[0].name == "postRouter");
  REQUIRE(post.procedures.size() == 3);
  CHECK(post.procedures[2].key == "create");
  CHECK(post.procedures[2].base == "protectedProcedure");
  CHECK(post.procedures[2].type == ProcedureType::mutation);
  CHECK(post.procedures[2].touches.calls.at(0).kind == TouchKind::queue);
  REQUIRE(files[0].next.mounts.size() == 2);
  CHECK(files[0].next.mounts[1].key == "post");
  CHECK(files[0].next.mounts[1].target == "postRouter");
  REQUIRE(files[3].next.roots.size() == 1);
  CHECK(files[3].next.roots[0].target == "appRouter");

  bool rooted = false;
  auto got = procedures(files, &rooted);
  CHECK(rooted);
  CHECK(got == std::map<std::string, std::string>{{"auth.getSession", "query"},
                                                  {"auth.onSignIn", "subscription"},
                                                  {"post.all", "query"},
                                                  {"post.byId", "query"},
                                                  {"post.create", "mutation"}});
}

TEST_CASE("tRPC: procedures bound on their own, nested objects, and no root", "[next][trpc]") {
  std::vector<FileFacts> files;
  files.push_back(next_facts_of("server/admin-router/router.ts", R"(
import { router } from '../trpc';
import { enableUserRoute } from './enable-user';
import * as find from './find';
export const adminRouter = router({
  user: { enable: enableUserRoute, find: find.findUsersRoute },
  stats: router({ count: adminProcedure.query(async () => prisma.user.count()) }),
});
)"));
  files.push_back(next_facts_of("server/admin-router/enable-user.ts", R"(
export const enableUserRoute = adminProcedure.input(Z).mutation(async ({ input }) => { await enableUser(input) });
)"));
  files.push_back(next_facts_of("server/admin-router/find.ts", R"(
export const findUsersRoute = adminProcedure.query(async () => []);
export const unusedRoute = adminProcedure.query(async () => []);
)"));
  bool rooted = true;
  auto got = procedures(files, &rooted);
  CHECK_FALSE(rooted);  // no handler and no appRouter: paths from adminRouter itself
  CHECK(got == std::map<std::string, std::string>{{"user.enable", "mutation"},
                                                  {"user.find", "query"},
                                                  {"stats.count", "query"},
                                                  {"unusedRoute", "query"}});
}

TEST_CASE("tRPC: ordinary objects and Express routers are no tRPC routers", "[next][trpc]") {
  auto f = next_facts_of("src/routes.ts", R"(
import express from 'express';
const config = { port: env.PORT, db: database };
const router = express.Router();
router.get('/health', (req, res) => res.json({}));
export const api = { users: usersApi, query: (q) => db.query(q) };
)");
  CHECK(f.next.routers.empty());
  CHECK(f.next.procedures.empty());
  CHECK(f.next.mounts.empty());
  CHECK(f.next.imports.empty());
}

TEST_CASE("next facts: only files that mention them are parsed", "[next]") {
  auto wants = [](const std::string& path, const std::string& text) {
    return wants_next_facts(SourceFile(path, classify_path(path), text));
  };
  CHECK(wants("app/actions.ts", "'use server'\nexport async function a() {}"));
  CHECK(wants("app/api/x/route.ts", "export const maxDuration = 60"));
  CHECK(wants("src/server/api/routers/post.ts", "export const postRouter = createTRPCRouter({})"));
  CHECK(wants("src/router.ts", "byId: publicProcedure.query(() => 1)"));
  CHECK_FALSE(wants("src/lib/util.ts", "export const add = (a, b) => a + b"));
  CHECK_FALSE(wants("app/actions.test.ts", "'use server'\nexport async function a() {}"));
  CHECK_FALSE(wants("app/actions.py", "'use server'"));
}

TEST_CASE("next facts: the result cache round-trips them", "[next][cache]") {
  auto f = next_facts_of("app/actions.ts", R"('use server'
export const maxDuration = 60
export async function send(ids: string[]) { for (const id of ids) await resend.emails.send({ id }) }
const r = router({ a: publicProcedure.query(() => 1), b: other });
)");
  f.next.roots.push_back({"appRouter", {{1, 1}, {1, 2}}});
  f.next.imports.push_back({"other", "./other", "other", ImportKind::named});
  nlohmann::json j = f;
  FileFacts back;
  j.get_to(back);
  CHECK(nlohmann::json(back) == j);
  REQUIRE(back.next.actions.size() == 1);
  CHECK(back.next.actions[0].touches.loops.size() == 1);
  CHECK(back.next.procedures.size() == 1);
  CHECK(back.next.mounts.size() == 1);
  CHECK_FALSE(back.empty());
}

TEST_CASE("Server Actions: the tables an action touches are the file's table facts in its body", "[next]") {
  const std::string path = "app/orders/actions.ts";
  const std::string text = R"('use server'
import { db } from '@/db'
import { orders, audit } from '@/db/schema'

export async function cancel(id: string) {
  await db.update(orders).set({ status: 'cancelled' })
  return { ok: true }
}

export async function log() {
  await db.insert(audit).values({ at: new Date() })
}
)";
  FileFacts f = next_facts_of(path, text);
  f.tables = svc::test::table_facts_of(path, text).tables;
  const ServerAction* a = action(f.next, "cancel");
  REQUIRE(a);
  auto tables = tables_in(f, a->touches);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0]->name == "orders");
  CHECK(tables[0]->access == TableAccess::write);
}
