// Signals for long-running work and background jobs: each fired by a true case, silent
// on a near miss.
#include <catch2/catch.hpp>

#include "unit/facts/signals/signals_of.h"

using namespace svc::engine;
using svc::test::describe;
using svc::test::notes_of;
using svc::test::signals_of;
using Notes = std::vector<std::string>;

TEST_CASE("signals: mail sent with Resend, nodemailer or SES", "[signals]") {
  auto s = signals_of("lib/email.ts", R"(import { Resend } from 'resend'
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses'
const resend = new Resend(process.env.RESEND_API_KEY)
export async function welcome(email: string) {
  await resend.emails.send({ from: 'hi@acme.dev', to: email, subject: 'Welcome' })
  await transporter.sendMail({ to: email })
  await new SESClient({}).send(new SendEmailCommand({ Destination: { ToAddresses: [email] } }))
}
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::mail_send) == Notes{"resend.emails.send", "transporter.sendMail", "SendEmailCommand"});
  // An email address in a record is not mail being sent.
  CHECK(signals_of("lib/user.ts", "export const user = { email: 'a@b.c', sendEmails: true }\n").empty());
}

TEST_CASE("signals: media libraries imported by server code, not by a client component", "[signals]") {
  auto s = signals_of("app/api/og/route.ts", R"(import sharp from 'sharp'
import { renderToBuffer } from '@react-pdf/renderer'
export async function GET() { const ffmpeg = await import('fluent-ffmpeg') }
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::media_processing) ==
        Notes{"import sharp", "import @react-pdf/renderer", "import fluent-ffmpeg"});
  CHECK(signals_of("components/export-button.tsx", "'use client'\nimport { jsPDF } from 'jspdf'\n").empty());
  // A React component without the directive (Remix, Vite) that views PDFs in the browser.
  CHECK(signals_of("app/components/pdf-viewer.tsx", R"(import type React from 'react'
import { useEffect } from 'react'
import * as pdfjs from 'pdfjs-dist'
)").empty());
}

TEST_CASE("signals: sleeps and polling in server code", "[signals]") {
  auto s = signals_of("lib/jobs/poll.ts", R"(import { setTimeout as wait } from 'node:timers/promises'
export async function pollExport(id: string) {
  for (;;) {
    await sleep(2000)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
setInterval(() => refreshCache(), 60_000)
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::sleep_poll) == Notes{"await sleep()", "await new Promise(setTimeout)", "setInterval"});
}

TEST_CASE("signals: no sleep or polling from UI timers or a timeout that is not awaited", "[signals]") {
  auto component = signals_of("components/clock.tsx", R"(export function Clock() {
  useEffect(() => { const id = setInterval(tick, 1000); return () => clearInterval(id) }, [])
  return null
}
)");
  INFO(describe(component));
  CHECK(component.empty());
  auto hook = signals_of("lib/hooks/use-countdown.ts", R"(export function useCountdown() {
  const id = setInterval(() => {}, 1000)
  setTimeout(() => done(), 300)
}
)");
  INFO(describe(hook));
  CHECK(hook.empty());
}

TEST_CASE("signals: cron schedules in code", "[signals]") {
  auto s = signals_of("src/scheduler.ts", R"(import cron from 'node-cron'
import { Cron } from '@nestjs/schedule'
import { inngest } from './client'
cron.schedule('*/5 * * * *', () => sync())
export const digest = inngest.createFunction({ id: 'digest' }, { cron: '0 9 * * MON-FRI' }, async () => {})
class Reports {
  @Cron('0 0 * * *')
  nightly() {}
}
const globs = { pattern: 'src/**/*.ts', schedule: 'weekly' }
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::cron) ==
        Notes{"cron.schedule('*/5 * * * *')", "cron: '0 9 * * MON-FRI'", "@Cron('0 0 * * *')"});
}

TEST_CASE("signals: promises started in a handler and never awaited", "[signals]") {
  auto s = signals_of("app/api/signup/route.ts", R"(import { after } from 'next/server'
import { waitUntil } from '@vercel/functions'
export async function POST(req: Request) {
  void sendEmail({ to: 'a@b.c' })
  recordSignup(req).then(() => log('ok'))
  fetch('https://hooks.slack.com/x', { method: 'POST' })
  waitUntil(syncCrm())
  after(() => track('signup'))
  await sendEmail({ to: 'b@c.d' })
  const pending = notify()
  return Response.json({ pending })
}
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::fire_and_forget) ==
        Notes{"void sendEmail()", "recordSignup().then", "fetch() not awaited", "waitUntil", "after() from next/server"});
}

TEST_CASE("signals: no fire-and-forget from awaited calls, a script's entry point or another after()", "[signals]") {
  auto script = signals_of("scripts/backfill.ts", R"(import { after } from 'node:test'
async function main() {
  await sendEmail({ to: 'a@b.c' })
  after(() => {})
}
main().catch((e) => { console.error(e); process.exit(1) })
void main()
)");
  INFO(describe(script));
  CHECK(notes_of(script, SignalKind::fire_and_forget).empty());
  // Medusa's workflow builder: `when(...).then(...)` is a branch of the workflow.
  auto workflow = signals_of("src/workflows/refresh.ts", R"(export const refresh = createWorkflow('refresh', (input) => {
  when({ input }, ({ input }) => input.force).then(() => { updateStep(input) })
})
)");
  INFO(describe(workflow));
  CHECK(workflow.empty());
  auto loading = signals_of("src/vitals.ts", R"(export function report(cb: () => void) {
  import('web-vitals').then(({ onCLS }) => onCLS(cb))
  cy.get('button').then(($b) => $b.click())
}
)");
  INFO(describe(loading));
  CHECK(loading.empty());
  // A handler on a promise held in a variable: it may be awaited further down.
  auto held = signals_of("lib/race.ts", R"(export async function firstOf(work: Promise<number>, stream: any) {
  work.catch(() => {})
  stream.controller.enqueue('chunk')
  return await Promise.race([work, timeout()])
}
)");
  INFO(describe(held));
  CHECK(held.empty());
  auto hook = signals_of("lib/hooks/use-analytics.ts", R"(export function useAnalytics() {
  const capture = (event: string) => { void getPosthog().then((p) => p.capture(event)) }
  return { capture }
}
)");
  INFO(describe(hook));
  CHECK(hook.empty());
  auto component = signals_of("components/save.tsx", R"(export function Save() {
  return <button onClick={() => { void save() }}>Save</button>
}
)");
  INFO(describe(component));
  CHECK(component.empty());
}

TEST_CASE("signals: processes spawned from Node", "[signals]") {
  auto s = signals_of("src/ml/score.ts", R"(import { spawn, exec } from 'node:child_process'
import * as cp from 'child_process'
import { promisify } from 'node:util'
const run = promisify(exec)
export async function score(file: string) {
  spawn('python3', ['score.py', file])
  await run('ffmpeg -i in.mp4 out.webm')
  cp.execFileSync(binaryPath, ['--fast'])
  const match = /x/.exec(file)
  return Bun.spawn(['go', 'run', './cmd/score'])
}
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::spawn_process) ==
        Notes{"spawn('python3')", "run('ffmpeg')", "cp.execFileSync(binaryPath)", "Bun.spawn('go')"});
  // A method named exec on anything else (a regex, a query builder) spawns nothing.
  auto near = signals_of("src/db.ts", R"(// runs SQL, not child_process
import { exec } from './sql'
export const rows = (q: any) => q.exec()
export const one = () => exec('select 1')
const m = /a/.exec('a')
)");
  INFO(describe(near));
  CHECK(near.empty());
}

TEST_CASE("signals: Python mail, sleeps, schedules and background work", "[signals]") {
  auto s = signals_of("worker/tasks.py", R"(import asyncio
import smtplib
import time
from celery.schedules import crontab
from fastapi import BackgroundTasks

app.conf.beat_schedule = {
    "nightly": {"task": "tasks.report", "schedule": crontab(hour=3, minute=0)},
}

def send(msg):
    with smtplib.SMTP("localhost") as smtp:
        smtp.send_message(msg)

async def signup(background_tasks: BackgroundTasks):
    background_tasks.add_task(send, "welcome")
    asyncio.create_task(refresh())
    task = asyncio.create_task(refresh())
    await asyncio.sleep(0)
    time.sleep(5)
    await task
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::cron) == Notes{"Celery app.conf.beat_schedule", "crontab(hour=3, minute=0)"});
  CHECK(notes_of(s, SignalKind::mail_send) == Notes{"smtplib.SMTP", "smtp.send_message"});
  CHECK(notes_of(s, SignalKind::fire_and_forget) ==
        Notes{"background_tasks.add_task", "asyncio.create_task() not awaited"});
  CHECK(notes_of(s, SignalKind::sleep_poll) == Notes{"time.sleep"});
}
