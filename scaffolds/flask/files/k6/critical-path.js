// Load test of the critical path (create an item, then read it back), to run once
// before production against a staging copy:
//
//   k6 run -e BASE_URL=https://{{name}}.staging.example.com{{#auth_jwks}} -e TOKEN=<access token with items:read items:write>{{/auth_jwks}} k6/critical-path.js
//
// Thresholds fail the run when the p95 latency or the error rate is too high. Raise
// RATE_LIMIT_PER_MINUTE on the target first, or the limiter answers 429 by design.
import http from "k6/http";
import { check, sleep } from "k6";

export const options = {
  scenarios: {
    ramp: {
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
    "http_req_duration{endpoint:create}": ["p(95)<300"],
    "http_req_duration{endpoint:get}": ["p(95)<150"],
  },
};

const base = __ENV.BASE_URL || "http://127.0.0.1:{{port}}";
const headers = {
  "Content-Type": "application/json",
{{#auth_jwks}}
  Authorization: `Bearer ${__ENV.TOKEN}`,
{{/auth_jwks}}
};

export default function () {
  const created = http.post(`${base}/v1/items`, JSON.stringify({ name: `k6 ${__VU}-${__ITER}` }), {
    headers,
    tags: { endpoint: "create" },
  });
  check(created, { "create: 201": (r) => r.status === 201 });
  if (created.status === 201) {
    const item = created.json();
    const got = http.get(`${base}/v1/items/${item.id}`, { headers, tags: { endpoint: "get" } });
    check(got, { "get: 200": (r) => r.status === 200 });
  }
  sleep(1);
}
