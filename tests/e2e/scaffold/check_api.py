#!/usr/bin/env python3
"""Runs a generated Hono service's built API (node dist/index.js) and checks it from
outside, as a client and an orchestrator would: /health, /openapi.json, 401 and 429
in the error shape with Retry-After, JSON request logs, and exit 0 on SIGTERM.

    check_api.py SERVICE_DIR WORK_DIR --auth jwks|none --db postgres|none

DATABASE_URL and REDIS_URL come from the environment. With --auth jwks, a local JWKS
(jwt_fixture.mjs) is served and JWKS_URL points at it. The id of the item created
through the API goes to WORK_DIR/created.json, for check_worker.py.
"""

import argparse
import json
import os
import subprocess
import sys

from e2e_lib import (CheckFailed, Process, StaticJsonServer, expect, free_port, request,
                     service_env, tail, wait_for_http)

RATE_LIMIT = 5          # RATE_LIMIT_PER_MINUTE: per caller and endpoint
AUTH_FAILURES = 4       # AUTH_FAILURES_PER_MINUTE: per client address
USER = "e2e-user"
HERE = os.path.dirname(os.path.abspath(__file__))
LOG_KEYS = ("method", "path", "status", "duration_ms", "trace_id", "user_id")


def ok(what):
    print(f"  ok: {what}", flush=True)


def expect_error_shape(res, status, what):
    expect(res.status == status, f"{what}: expected HTTP {status}, got {res!r}")
    body = res.json()
    error = body.get("error") if isinstance(body, dict) else None
    expect(isinstance(error, dict) and isinstance(error.get("code"), str) and isinstance(error.get("message"), str),
           f"{what}: body is not {{error: {{code, message}}}}: {body!r}")
    return error


def expect_rate_limited(send, budget, what):
    """Sends until a 429 comes, at most `budget` times; checks Retry-After and the body."""
    for attempt in range(1, budget + 1):
        res = send()
        if res.status == 429:
            error = expect_error_shape(res, 429, what)
            expect(error["code"] == "rate_limited", f"{what}: error code {error['code']!r}, not rate_limited")
            retry_after = res.headers.get("Retry-After")
            expect(retry_after is not None and retry_after.isdigit() and int(retry_after) >= 1,
                   f"{what}: 429 without a Retry-After of whole seconds (got {retry_after!r})")
            return attempt, retry_after
        expect(res.status in (200, 201, 401), f"{what}: unexpected {res!r} before the limit")
    raise CheckFailed(f"{what}: no 429 after {budget} requests")


def check_health(base, db):
    res = request(f"{base}/health")
    expect(res.status == 200, f"/health: expected 200, got {res!r}")
    body = res.json()
    checks = body.get("checks", {})
    expect(body.get("status") == "ok", f"/health: status is not ok: {body!r}")
    expect(checks.get("redis") == "ok", f"/health: redis is not ok: {body!r}")
    if db == "postgres":
        expect(checks.get("db") == "ok", f"/health: db is not ok: {body!r}")
    ok(f"/health 200 {json.dumps(body)}")


def check_openapi(base):
    res = request(f"{base}/openapi.json")
    expect(res.status == 200, f"/openapi.json: expected 200, got {res!r}")
    doc = res.json()
    paths = list(doc.get("paths", {}))
    expect(str(doc.get("openapi", "")).startswith("3."), f"/openapi.json: no openapi version: {res.body[:200]!r}")
    expect(any(p.startswith("/v1/") for p in paths), f"/openapi.json: no /v1/ paths among {paths}")
    ok(f"/openapi.json {doc['openapi']} with paths {paths}")


def check_unauthenticated(base, tokens):
    items = f"{base}/v1/items"
    error = expect_error_shape(request(items), 401, "GET /v1/items without a token")
    ok(f"no token: 401 {error}")
    expect_error_shape(request(items, token=tokens["expired"]), 401, "an expired token")
    expect_error_shape(request(items, token=tokens["long_lived"]), 401, "a token living over 15 minutes")
    ok("expired and 24-hour tokens: 401")
    # Three failures so far; the failure bucket holds AUTH_FAILURES per client address.
    attempt, retry_after = expect_rate_limited(lambda: request(items), AUTH_FAILURES, "failed authentications")
    ok(f"failed authentications: 429 after {3 + attempt - 1} failures, Retry-After {retry_after}")


def check_items_and_limit(base, token, work_dir):
    items = f"{base}/v1/items"
    res = request(items, method="POST", token=token, body={"name": "e2e widget", "description": "from check_api.py"})
    expect(res.status == 201, f"POST /v1/items: expected 201, got {res!r}")
    created = res.json()
    with open(os.path.join(work_dir, "created.json"), "w") as f:
        json.dump(created, f)
    listed = request(items, token=token)
    expect(listed.status == 200, f"GET /v1/items: expected 200, got {listed!r}")
    ids = [item.get("id") for item in listed.json().get("items", [])]
    expect(created["id"] in ids, f"GET /v1/items does not list the created item {created['id']}: {ids}")
    ok(f"POST /v1/items 201 ({created['id']}), listed by GET /v1/items")
    # One GET taken; the bucket of (caller, GET /v1/items) holds RATE_LIMIT.
    attempt, retry_after = expect_rate_limited(lambda: request(items, token=token), RATE_LIMIT, "GET /v1/items")
    ok(f"GET /v1/items: 429 at request {attempt + 1} with RATE_LIMIT_PER_MINUTE={RATE_LIMIT}, Retry-After {retry_after}")


def check_request_logs(server, auth):
    lines = [l for l in server.log_lines() if "status" in l and "method" in l]
    expect(lines, "no JSON request log line on stdout")
    for line in lines:
        missing = [k for k in LOG_KEYS if k not in line]
        expect(not missing, f"request log line without {missing}: {line}")
    statuses = {line["status"] for line in lines}
    for status in (200, 201, 429) + ((401,) if auth == "jwks" else ()):
        expect(status in statuses, f"no request log line with status {status} (saw {sorted(statuses)})")
    if auth == "jwks":
        users = {line["user_id"] for line in lines if line["status"] == 201}
        expect(users == {USER}, f"the create's log line has user_id {users}, not {USER!r}")
    sample = next(l for l in lines if l["status"] == 201)
    ok(f"{len(lines)} JSON request log lines, e.g. " + json.dumps({k: sample[k] for k in LOG_KEYS}))


def run(args):
    tokens, jwks = {}, None
    env = {"PORT": free_port(), "RATE_LIMIT_PER_MINUTE": RATE_LIMIT, "LOG_LEVEL": "info",
           "SHUTDOWN_TIMEOUT_MS": 5000}
    if args.auth == "jwks":
        out = subprocess.run(["node", os.path.join(HERE, "jwt_fixture.mjs"), args.work_dir, USER,
                              "items:read", "items:write"], check=True, capture_output=True, text=True)
        tokens = json.loads(out.stdout)
        with open(os.path.join(args.work_dir, "jwks.json")) as f:
            jwks = StaticJsonServer(json.load(f))
        env.update(JWKS_URL=jwks.url, AUTH_FAILURES_PER_MINUTE=AUTH_FAILURES)
    base = f"http://127.0.0.1:{env['PORT']}"
    server = Process("the API server", ["node", "dist/index.js"], args.service_dir, service_env(**env),
                     os.path.join(args.work_dir, "api.log"))
    try:
        wait_for_http(server, f"{base}/health", timeout=30)
        check_health(base, args.db)
        check_openapi(base)
        check_items_and_limit(base, tokens.get("token"), args.work_dir)
        if args.auth == "jwks":
            # Last: once a client address has failed too often, it gets 429 even with a
            # good token until its bucket refills.
            check_unauthenticated(base, tokens)
        code, seconds = server.terminate_and_wait(timeout=10)
        expect(code == 0, f"exit code {code} after SIGTERM, not 0")
        ok(f"SIGTERM: exit 0 after {seconds:.2f} s")
        check_request_logs(server, args.auth)
    except CheckFailed as err:
        server.kill()
        print(f"FAILED: {err}\n--- last lines of {server.log_path}:\n{tail(server.log_path)}", file=sys.stderr)
        return 1
    finally:
        server.kill()
        if jwks:
            jwks.close()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service_dir")
    parser.add_argument("work_dir")
    parser.add_argument("--auth", choices=["jwks", "none"], required=True)
    parser.add_argument("--db", choices=["postgres", "none"], required=True)
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
