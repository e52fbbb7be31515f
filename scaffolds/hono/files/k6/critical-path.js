// Load test of the critical path, to run once before production (and again after a
// change to it): health, list items, create an item.
//
//   k6 run k6/critical-path.js
//   k6 run -e BASE_URL=https://{{name}}.staging.example.com{{#auth_jwks}} -e API_TOKEN="$TOKEN"{{/auth_jwks}} k6/critical-path.js
//
{{#auth_jwks}}
// API_TOKEN is a bearer token from the identity provider, with the items:read and
// items:write permissions. Tokens live at most 15 minutes: keep the run shorter, or
// fetch a fresh one right before it.
{{/auth_jwks}}
// The service limits each caller to RATE_LIMIT_PER_MINUTE requests per endpoint: one
// test caller hits that limit quickly. Raise it on the target for the run, or the 429s
// measure the limiter instead of the service (they are counted in `rate_limited`).
import http from "k6/http";
import { check, sleep } from "k6";
import { Rate } from "k6/metrics";

const BASE_URL = (__ENV.BASE_URL || "http://localhost:{{port}}").replace(/\/$/, "");
{{#auth_jwks}}
const API_TOKEN = __ENV.API_TOKEN;
if (!API_TOKEN) throw new Error("set API_TOKEN to a bearer token (k6 run -e API_TOKEN=...)");
{{/auth_jwks}}

const rateLimited = new Rate("rate_limited");

export const options = {
  scenarios: {
    critical_path: {
      executor: "ramping-vus",
      startVUs: 1,
      stages: [
        { duration: "30s", target: 20 },
        { duration: "1m", target: 20 },
        { duration: "15s", target: 0 },
      ],
    },
  },
  thresholds: {
    http_req_failed: ["rate<0.01"],
    checks: ["rate>0.99"],
    rate_limited: ["rate<0.01"],
    "http_req_duration{endpoint:health}": ["p(95)<200"],
    "http_req_duration{endpoint:list}": ["p(95)<300", "p(99)<800"],
    "http_req_duration{endpoint:create}": ["p(95)<500", "p(99)<1000"],
  },
};

const jsonHeaders = {
  "Content-Type": "application/json",
{{#auth_jwks}}
  Authorization: `Bearer ${API_TOKEN}`,
{{/auth_jwks}}
};

function record(res) {
  rateLimited.add(res.status === 429);
  return res;
}

export default function () {
  const health = record(http.get(`${BASE_URL}/health`, { tags: { endpoint: "health" } }));
  check(health, { "health is 200": (r) => r.status === 200 });

  const list = record(http.get(`${BASE_URL}/v1/items?limit=20`, { headers: jsonHeaders, tags: { endpoint: "list" } }));
  check(list, {
    "list is 200": (r) => r.status === 200,
    "list has items": (r) => r.status === 200 && Array.isArray(r.json("items")),
  });

  const body = JSON.stringify({ name: `k6 item ${__VU}-${__ITER}`, description: "created by the k6 critical-path test" });
  const created = record(http.post(`${BASE_URL}/v1/items`, body, { headers: jsonHeaders, tags: { endpoint: "create" } }));
  check(created, {
    "create is 201": (r) => r.status === 201,
    "create returns the id": (r) => r.status === 201 && typeof r.json("id") === "string",
  });

  sleep(1);
}
