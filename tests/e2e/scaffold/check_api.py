#!/usr/bin/env python3
"""Runs a generated service's API and checks it from outside, as a client and an
orchestrator would: /health, /openapi.json, 401 and 429 in the error shape with
Retry-After, JSON request logs, and exit 0 on SIGTERM.

    check_api.py SERVICE_DIR WORK_DIR --auth jwks|none --db postgres|none
                 [--env NAME=VALUE]... -- COMMAND...

COMMAND starts the API in SERVICE_DIR the way its image does (e.g. node dist/index.js).
It gets PORT, RATE_LIMIT_PER_MINUTE and LOG_LEVEL, plus each --env; DATABASE_URL and
REDIS_URL come from the environment, and that Redis database is emptied first. With --auth jwks, a local JWKS (jwt_fixture.mjs)
is served and JWKS_URL points at it. The id of the item created through the API goes
to WORK_DIR/created.json, for check_worker.py.
"""

import argparse
import json
import os
import subprocess
import sys

from e2e_lib import (CheckFailed, Process, StaticJsonServer, add_command_arguments, empty_redis, expect, free_port,
                     ok, parse_with_command, request, run_checks, service_env, wait_for_http)

RATE_LIMIT = 5          # RATE_LIMIT_PER_MINUTE: per caller and endpoint
AUTH_FAILURES = 4       # AUTH_FAILURES_PER_MINUTE: per client address
USER = "e2e-user"
HERE = os.path.dirname(os.path.abspath(__file__))
LOG_KEYS = ("method", "path", "status", "duration_ms", "trace_id", "user_id")


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


def start_jwks(work_dir):
    """The stand-in identity provider: its tokens, and its JWKS served locally."""
    out = subprocess.run(["node", os.path.join(HERE, "jwt_fixture.mjs"), work_dir, USER,
                          "items:read", "items:write"], check=True, capture_output=True, text=True)
    with open(os.path.join(work_dir, "jwks.json")) as f:
        return json.loads(out.stdout), StaticJsonServer(json.load(f))


def check_server(server, base, args, tokens):
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


def run(args):
    empty_redis()
    tokens, jwks = {}, None
    env = {"PORT": free_port(), "RATE_LIMIT_PER_MINUTE": RATE_LIMIT, "LOG_LEVEL": "info", **args.env}
    if args.auth == "jwks":
        tokens, jwks = start_jwks(args.work_dir)
        env.update(JWKS_URL=jwks.url, AUTH_FAILURES_PER_MINUTE=AUTH_FAILURES)
    base = f"http://127.0.0.1:{env['PORT']}"
    server = Process("the API server", args.command, args.service_dir, service_env(**env),
                     os.path.join(args.work_dir, "api.log"))
    try:
        return run_checks(server, lambda: check_server(server, base, args, tokens))
    finally:
        if jwks:
            jwks.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service_dir")
    parser.add_argument("work_dir")
    parser.add_argument("--auth", choices=["jwks", "none"], required=True)
    parser.add_argument("--db", choices=["postgres", "none"], required=True)
    add_command_arguments(parser)
    sys.exit(run(parse_with_command(parser)))


if __name__ == "__main__":
    main()
