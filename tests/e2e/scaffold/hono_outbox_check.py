#!/usr/bin/env python3
"""The outbox of a built hono service, from outside: with Redis unreachable, the API
still answers 201 to a create (the job waits in the outbox table), replays it for the
same Idempotency-Key and refuses the key with another body (409); then the worker,
with Redis back, sweeps the outbox and does the job.

    hono_outbox_check.py SERVICE_DIR WORK_DIR

DATABASE_URL and REDIS_URL come from the environment (the API gets a dead REDIS_URL);
JWT_ISSUER, JWT_AUDIENCE and JWT_TOKEN_TYPE too, for the stand-in identity provider.
"""

import json
import os
import sys
import urllib.error
import urllib.request
import uuid

from check_api import start_jwks
from e2e_lib import CheckFailed, Process, expect, free_port, ok, service_env, wait_for_http

DEAD_REDIS = "redis://127.0.0.1:9"


def post(url, token, body, key):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}", "Idempotency-Key": key})
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return res.status, res.headers, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, err.headers, json.loads(err.read())


def check_api_without_redis(service_dir, work_dir, token, jwks_url):
    port = free_port()
    env = service_env(PORT=port, REDIS_URL=DEAD_REDIS, JWKS_URL=jwks_url, LOG_LEVEL="info", SHUTDOWN_TIMEOUT_MS=5000)
    api = Process("the API (Redis unreachable)", ["node", "dist/index.js"], service_dir, env,
                  os.path.join(work_dir, "outbox-api.log"))
    try:
        # /health answers 503 (Redis is down) once the server listens.
        wait_for_http(api, f"http://127.0.0.1:{port}/openapi.json", timeout=30)
        items = f"http://127.0.0.1:{port}/v1/items"
        key = str(uuid.uuid4())
        status, _, item = post(items, token, {"name": "outbox widget"}, key)
        expect(status == 201, f"POST with Redis down: expected 201, got {status} {item}")
        status, headers, again = post(items, token, {"name": "outbox widget"}, key)
        expect(status == 201 and headers.get("Idempotent-Replayed") == "true" and again == item,
               f"same Idempotency-Key: expected the first item replayed, got {status} {dict(headers)} {again}")
        status, _, error = post(items, token, {"name": "another widget"}, key)
        expect(status == 409 and error.get("error", {}).get("code") == "conflict",
               f"same Idempotency-Key, other body: expected 409 conflict, got {status} {error}")
        ok(f"Redis down: POST 201 ({item['id']}), replayed for its Idempotency-Key, 409 for another body")
        code, _ = api.terminate_and_wait(timeout=10)
        expect(code == 0, f"API exit code {code} after SIGTERM")
        return item
    finally:
        api.kill()


def check_worker_sweeps(service_dir, work_dir, item):
    job_id = f"item-created-{item['id']}"
    worker = Process("the worker", ["node", "dist/worker.js"], service_dir,
                     service_env(LOG_LEVEL="info", SHUTDOWN_TIMEOUT_MS=5000), os.path.join(work_dir, "outbox-worker.log"))
    try:
        worker.wait_for_log(lambda l: l.get("msg") == "outbox sweep enqueued pending jobs", timeout=30,
                            what="'outbox sweep enqueued pending jobs' line")
        worker.wait_for_log(lambda l: l.get("job_id") == job_id and l.get("msg") == "item created", timeout=30,
                            what=f"'item created' line for {job_id}")
        ok(f"worker: the outbox sweep enqueued {job_id} and the job ran")
        code, _ = worker.terminate_and_wait(timeout=10)
        expect(code == 0, f"worker exit code {code} after SIGTERM")
    finally:
        worker.kill()


def main():
    service_dir, work_dir = sys.argv[1:3]
    tokens, jwks = start_jwks(work_dir)
    try:
        item = check_api_without_redis(service_dir, work_dir, tokens["token"], jwks.url)
        check_worker_sweeps(service_dir, work_dir, item)
    except CheckFailed as err:
        print(f"FAILED: {err}", file=sys.stderr)
        for log in ("outbox-api.log", "outbox-worker.log"):
            path = os.path.join(work_dir, log)
            if os.path.exists(path):
                print(f"--- {log}:\n" + "".join(open(path).readlines()[-30:]), file=sys.stderr)
        sys.exit(1)
    finally:
        jwks.close()


if __name__ == "__main__":
    main()
