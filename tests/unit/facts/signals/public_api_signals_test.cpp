// Signals for the public-api criterion: each fired by a true case, silent on a near miss.
#include <catch2/catch.hpp>

#include "unit/facts/signals/signals_of.h"

using namespace svc::engine;
using svc::test::describe;
using svc::test::notes_of;
using svc::test::signals_of;
using Notes = std::vector<std::string>;

TEST_CASE("signals: CORS middleware and the Access-Control-Allow-Origin header", "[signals]") {
  auto s = signals_of("apps/api/src/app.ts", R"(import { Hono } from 'hono'
import { cors } from 'hono/cors'
// CORS is configured below for partner dashboards
const app = new Hono()
app.use('/v1/*', cors({ origin: '*' }))
export async function OPTIONS() {
  return new Response(null, { headers: { 'Access-Control-Allow-Origin': '*' } })
}
)");
  INFO(describe(s));
  REQUIRE(notes_of(s, SignalKind::cors) == Notes{"cors() from hono/cors", "Access-Control-Allow-Origin"});
  CHECK(s[0].span.begin.line == 5);
  CHECK(s[1].span.begin.line == 7);

  auto fastify = signals_of("src/server.js", R"(const fastifyCors = require('@fastify/cors')
async function build(app) { await app.register(fastifyCors, { origin: true }) }
)");
  INFO(describe(fastify));
  CHECK(notes_of(fastify, SignalKind::cors) == Notes{"app.register(fastifyCors) from @fastify/cors"});
}

TEST_CASE("signals: no CORS from a comment, a type, a request's header or a response's", "[signals]") {
  auto s = signals_of("src/client.ts", R"(// we should enable cors and set Access-Control-Allow-Origin one day
type CorsHeader = 'Access-Control-Allow-Origin'
export async function probe(url: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'Access-Control-Allow-Origin': '*' } })
  return res.headers.get('Access-Control-Allow-Origin')
}
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::cors).empty());
}

TEST_CASE("signals: API keys and bearer tokens read from requests, not sent in them", "[signals]") {
  auto s = signals_of("app/api/v1/links/route.ts", R"(import { NextRequest } from 'next/server'
export async function GET(req: NextRequest) {
  const key = req.headers.get('x-api-key')
  const auth = req.headers.get('Authorization')
  const token = req.nextUrl.searchParams.get('api_key')
  await fetch('https://partner.example.com/v2/sync', {
    headers: { 'x-api-key': process.env.PARTNER_KEY!, Authorization: `Bearer ${process.env.PARTNER_TOKEN}` },
  })
  return Response.json({ key, auth, token })
}
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::api_key_check) ==
        Notes{"req.headers.get('x-api-key')", "req.nextUrl.searchParams.get('api_key')"});
  CHECK(notes_of(s, SignalKind::bearer_token) == Notes{"req.headers.get('Authorization')"});

  auto hono = signals_of("apps/server/src/libs/middlewares/auth.ts", R"(export async function auth(c: Context, next: Next) {
  const key = c.req.header('x-openstatus-key')
  const replay = c.req.header('x-idempotency-key')
  await next()
}
)");
  INFO(describe(hono));
  CHECK(notes_of(hono, SignalKind::api_key_check) == Notes{"c.req.header('x-openstatus-key')"});

  auto express = signals_of("src/middleware/auth.js", R"(module.exports = function auth(req, res, next) {
  const header = req.headers.authorization || ''
  const key = req.headers['x-acme-api-key']
  req.headers['x-request-id'] = 'abc'
  delete req.headers.authorization
  next()
}
)");
  INFO(describe(express));
  auto hook = signals_of("src/api/hooks/useUpload.ts", R"(export function useUpload() {
  const send = (headers: any) => { delete headers.Authorization; return headers['x-api-key'] }
}
)");
  INFO(describe(hook));
  CHECK(hook.empty());
  CHECK(notes_of(express, SignalKind::bearer_token) == Notes{"req.headers.authorization"});
  CHECK(notes_of(express, SignalKind::api_key_check) == Notes{"req.headers['x-acme-api-key']"});
}

TEST_CASE("signals: webhook signatures checked with Stripe, svix or an HMAC of the body", "[signals]") {
  auto stripe = signals_of("app/api/webhooks/stripe/route.ts", R"(import Stripe from 'stripe'
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!)
export async function POST(req: Request) {
  const sig = req.headers.get('stripe-signature')!
  const event = stripe.webhooks.constructEvent(await req.text(), sig, process.env.STRIPE_WEBHOOK_SECRET!)
  return Response.json({ received: event.id })
}
)");
  INFO(describe(stripe));
  CHECK(notes_of(stripe, SignalKind::webhook_signature) == Notes{"stripe.webhooks.constructEvent"});

  auto svix = signals_of("src/routes/clerk.ts", R"(import { Webhook } from 'svix'
export async function handle(payload: string, headers: Record<string, string>) {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SECRET!)
  return wh.verify(payload, headers)
}
)");
  INFO(describe(svix));
  CHECK(notes_of(svix, SignalKind::webhook_signature) == Notes{"wh.verify (svix Webhook)"});

  auto hmac = signals_of("src/github.ts", R"(import crypto from 'node:crypto'
export function verify(req: any, body: string) {
  const expected = crypto.createHmac('sha256', process.env.GH_SECRET!).update(body).digest('hex')
  return expected === req.headers['x-hub-signature-256']
}
)");
  INFO(describe(hmac));
  CHECK(notes_of(hmac, SignalKind::webhook_signature) == Notes{"createHmac + 'x-hub-signature-256'"});
}

TEST_CASE("signals: an HMAC that signs a cookie is no webhook check", "[signals]") {
  auto s = signals_of("src/session.ts", R"(import { createHmac, timingSafeEqual } from 'node:crypto'
export function sign(value: string) { return createHmac('sha256', process.env.SECRET!).update(value).digest('hex') }
export function same(a: Buffer, b: Buffer) { return timingSafeEqual(a, b) }
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::webhook_signature).empty());
}

TEST_CASE("signals: OpenAPI generators in code, once per file", "[signals]") {
  auto s = signals_of("apps/api/src/routes/v1_keys.ts", R"(import { createRoute, z } from '@hono/zod-openapi'
import { OpenAPIHono } from '@hono/zod-openapi'
export const route = createRoute({ method: 'post', path: '/v1/keys', responses: {} })
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::openapi_document) == Notes{"import @hono/zod-openapi"});
  // A client generated from someone else's document documents nothing of ours.
  CHECK(signals_of("src/api.ts", "import createClient from 'openapi-fetch'\n").empty());
}

TEST_CASE("signals: Python CORS, API keys, bearer tokens, webhooks and FastAPI's document", "[signals]") {
  auto s = signals_of("services/billing/app/main.py", R"(import stripe
from fastapi import FastAPI, Header, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import APIKeyHeader, HTTPBearer

app = FastAPI(title="billing")
app.add_middleware(CORSMiddleware, allow_origins=["*"])
api_key = APIKeyHeader(name="X-API-Key")
bearer = HTTPBearer()

@app.post("/webhooks/stripe")
async def webhook(request: Request, x_api_key: str = Header(None)):
    sig = request.headers.get("stripe-signature")
    auth = request.headers["Authorization"]
    return stripe.Webhook.construct_event(await request.body(), sig, "whsec")
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::openapi_document) == Notes{"FastAPI() serves /openapi.json"});
  CHECK(notes_of(s, SignalKind::cors) == Notes{"app.add_middleware(CORSMiddleware)"});
  CHECK(notes_of(s, SignalKind::api_key_check) == Notes{"APIKeyHeader()", "Header x_api_key"});
  CHECK(notes_of(s, SignalKind::bearer_token) == Notes{"HTTPBearer()", "request.headers[\"Authorization\"]"});
  CHECK(notes_of(s, SignalKind::webhook_signature) == Notes{"stripe.Webhook.construct_event"});
}

TEST_CASE("signals: a FastAPI app without its OpenAPI document, and Python near misses", "[signals]") {
  auto s = signals_of("app/main.py", R"(from fastapi import FastAPI
import requests
# CORS is handled by the gateway
app = FastAPI(openapi_url=None)
def sync():
    return requests.get("https://partner.example.com", headers={"X-API-Key": "k", "Authorization": "Bearer t"})
)");
  INFO(describe(s));
  CHECK(s.empty());
}
