// Load test of the critical path: create an item, read it back, list.
// Run it once before production, against a staging instance:
//
//   k6 run -e BASE_URL=https://{{name}}.staging.example.com{{#auth_jwks}} -e TOKEN=<an access token with items:read items:write>{{/auth_jwks}} k6/critical-path.js
//
// Raise RATE_LIMIT_PER_MINUTE on that instance first, or the limiter answers 429.
import http from "k6/http";
import { check, sleep } from "k6";

export const options = {
  stages: [
    { duration: "30s", target: 20 },
    { duration: "1m", target: 20 },
    { duration: "15s", target: 0 },
  ],
  thresholds: {
    http_req_failed: ["rate<0.01"],
    "http_req_duration{name:create}": ["p(95)<300"],
    "http_req_duration{name:get}": ["p(95)<150"],
    "http_req_duration{name:list}": ["p(95)<200"],
  },
};

const BASE_URL = __ENV.BASE_URL || "http://localhost:{{port}}";
const headers = {
  "Content-Type": "application/json",
{{#auth_jwks}}
  Authorization: `Bearer ${__ENV.TOKEN}`,
{{/auth_jwks}}
};

export default function () {
  const created = http.post(`${BASE_URL}/v1/items`, JSON.stringify({ name: `k6 ${__VU}-${__ITER}` }), {
    headers,
    tags: { name: "create" },
  });
  check(created, { "create is 201": (r) => r.status === 201 });
  if (created.status === 201) {
    const id = created.json("id");
    const got = http.get(`${BASE_URL}/v1/items/${id}`, { headers, tags: { name: "get" } });
    check(got, { "get is 200": (r) => r.status === 200 });
  }
  const listed = http.get(`${BASE_URL}/v1/items?limit=20`, { headers, tags: { name: "list" } });
  check(listed, { "list is 200": (r) => r.status === 200 });
  sleep(1);
}
