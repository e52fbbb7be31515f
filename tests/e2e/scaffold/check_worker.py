#!/usr/bin/env python3
"""Runs a generated Hono service's built worker (node dist/worker.js) and checks that
one job id is processed once however often it is delivered, and that the worker
exits 0 on SIGTERM.

    check_worker.py SERVICE_DIR WORK_DIR --name NAME

Run after check_api.py, whose create left a job `item-created-<id>` in the queue
(the id is in WORK_DIR/created.json). REDIS_URL (and DATABASE_URL) come from the
environment.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

from e2e_lib import CheckFailed, Process, expect, service_env, tail

HERE = os.path.dirname(os.path.abspath(__file__))


def ok(what):
    print(f"  ok: {what}", flush=True)


def enqueue_twice(service_dir, name, job_id, item_id):
    script = os.path.join(service_dir, "e2e-enqueue-twice.mjs")
    shutil.copy(os.path.join(HERE, "enqueue_twice.mjs"), script)
    try:
        out = subprocess.run(["node", script, os.environ["REDIS_URL"], f"{name}:bull", "items", job_id, item_id],
                             cwd=service_dir, capture_output=True, text=True, timeout=90)
    finally:
        os.remove(script)  # the audit that follows must see the service as generated
    expect(out.returncode == 0, f"enqueue_twice.mjs failed ({out.returncode}):\n{out.stdout}{out.stderr}")
    return json.loads(out.stdout)


def check_logs(worker, job_id):
    lines = [l for l in worker.log_lines() if l.get("job_id") == job_id]
    done = [l for l in lines if l.get("msg") == "item created"]
    skipped = [l for l in lines if "already processed" in str(l.get("msg", ""))]
    expect(len(done) == 1, f"the worker did the work of {job_id} {len(done)} times, not once: {lines}")
    expect(len(skipped) == 1, f"the worker logged {len(skipped)} skips of {job_id}, not 1: {lines}")
    ok(f"worker log: {job_id} processed once, skipped once")


def run(args):
    with open(os.path.join(args.work_dir, "created.json")) as f:
        item_id = json.load(f)["id"]
    job_id = f"item-created-{item_id}"
    worker = Process("the worker", ["node", "dist/worker.js"], args.service_dir,
                     service_env(LOG_LEVEL="info", SHUTDOWN_TIMEOUT_MS=5000),
                     os.path.join(args.work_dir, "worker.log"))
    try:
        worker.wait_for_log(lambda l: l.get("msg") == "worker started", timeout=30, what="'worker started' line")
        result = enqueue_twice(args.service_dir, args.name, job_id, item_id)
        expect(result == {"first": "processed", "readded": "ignored", "redelivered": "skipped"},
               f"deliveries of {job_id}: {result}, expected processed, then ignored by BullMQ, then skipped")
        ok(f"job {job_id}: {result}")
        check_logs(worker, job_id)
        code, seconds = worker.terminate_and_wait(timeout=10)
        expect(code == 0, f"worker exit code {code} after SIGTERM, not 0")
        ok(f"worker SIGTERM: exit 0 after {seconds:.2f} s")
    except CheckFailed as err:
        worker.kill()
        print(f"FAILED: {err}\n--- last lines of {worker.log_path}:\n{tail(worker.log_path)}", file=sys.stderr)
        return 1
    finally:
        worker.kill()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service_dir")
    parser.add_argument("work_dir")
    parser.add_argument("--name", required=True)
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
