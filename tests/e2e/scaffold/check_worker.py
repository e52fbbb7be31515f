#!/usr/bin/env python3
"""Runs a generated service's worker and checks that one job id is processed once
however often it is delivered, and that the worker exits 0 on SIGTERM.

    check_worker.py SERVICE_DIR WORK_DIR --redeliver KIND [--name NAME]
                    [--stop-within SECONDS] [--env NAME=VALUE]... -- COMMAND...

COMMAND starts the worker in SERVICE_DIR (e.g. node dist/worker.js), with LOG_LEVEL=info
plus each --env; REDIS_URL (and DATABASE_URL) come from the environment. Run after
check_api.py, whose create left a job `item-created-<id>` in the queue (the id is in
WORK_DIR/created.json). KIND names how the same job id is delivered again (see
redeliver.py); NAME is the service's name (BullMQ's key prefix).
"""

import argparse
import json
import os
import sys

from e2e_lib import Process, add_command_arguments, expect, ok, parse_with_command, run_checks, service_env
from redeliver import REDELIVER


def check_logs(worker, job_id):
    lines = [l for l in worker.log_lines() if l.get("job_id") == job_id]
    done = [l for l in lines if l.get("msg") == "item created"]
    skipped = [l for l in lines if "already processed" in str(l.get("msg", ""))]
    expect(len(done) == 1, f"the worker did the work of {job_id} {len(done)} times, not once: {lines}")
    expect(len(skipped) == 1, f"the worker logged {len(skipped)} skips of {job_id}, not 1: {lines}")
    ok(f"worker log: {job_id} processed once, skipped once")


def check_worker(worker, args, job_id, item_id):
    worker.wait_for_log(lambda l: l.get("msg") == "worker started", timeout=60, what="'worker started' line")
    REDELIVER[args.redeliver](worker, args, job_id, item_id)
    check_logs(worker, job_id)
    code, seconds = worker.terminate_and_wait(timeout=args.stop_within)
    expect(code == 0, f"worker exit code {code} after SIGTERM, not 0")
    ok(f"worker SIGTERM: exit 0 after {seconds:.2f} s")


def run(args):
    with open(os.path.join(args.work_dir, "created.json")) as f:
        item_id = json.load(f)["id"]
    job_id = f"item-created-{item_id}"
    worker = Process("the worker", args.command, args.service_dir, service_env(LOG_LEVEL="info", **args.env),
                     os.path.join(args.work_dir, "worker.log"))
    return run_checks(worker, lambda: check_worker(worker, args, job_id, item_id))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service_dir")
    parser.add_argument("work_dir")
    parser.add_argument("--redeliver", choices=sorted(REDELIVER), required=True)
    parser.add_argument("--name", default="orders")
    parser.add_argument("--stop-within", type=float, default=10, metavar="SECONDS",
                        help="how long the worker may take to exit after SIGTERM")
    add_command_arguments(parser)
    sys.exit(run(parse_with_command(parser)))


if __name__ == "__main__":
    main()
