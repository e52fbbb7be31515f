#!/usr/bin/env python3
"""The FastAPI-specific parts of the scaffold end-to-end checks. The checks
themselves are check_api.py's and e2e_lib's; this file only knows how a generated
FastAPI service starts, how its worker is fed, and where its rules can be broken.

    fastapi_checks.py api SERVICE_DIR WORK_DIR --auth jwks|none --db postgres|none
    fastapi_checks.py worker SERVICE_DIR WORK_DIR --queue celery|rq
    fastapi_checks.py mutate SERVICE_DIR RULE

`api` runs check_api.py's checks (/health, /openapi.json, 401 and 429 in the error
shape with Retry-After, JSON request logs, exit 0 on SIGTERM) against `python -m app`
(the image's CMD) from the service's .venv; the id of the item it creates goes to
WORK_DIR/created.json. `worker` runs `python -m app.worker`, waits for it to process
the job that create enqueued, enqueues the same job id a second time through the
service's own producer code, and checks (check_worker.py's check_logs) that the work
was done once and the repeat skipped; then exit 0 on SIGTERM. DATABASE_URL and
REDIS_URL come from the environment. `mutate` breaks one rule the way a later edit
might (see MUTATIONS).
"""

import argparse
import json
import os
import subprocess
import sys

import check_api
from check_worker import check_logs
from e2e_lib import CheckFailed, Process, expect, service_env, tail
from mutate import EditFailed, edit


def venv_python(service_dir):
    return os.path.join(service_dir, ".venv", "bin", "python")


def run_api(args):
    """check_api.py's run, with the service's production entry as the server."""

    class ServiceProcess(Process):
        def __init__(self, name, argv, cwd, env, log_path):
            if argv == ["node", "dist/index.js"]:
                argv = [venv_python(cwd), "-m", "app"]
            super().__init__(name, argv, cwd, env, log_path)

    check_api.Process = ServiceProcess
    return check_api.run(args)


# Sends JOB_ID again through the service's own producer code, as a retried request or
# a replayed event would: argv is REDIS_URL JOB_ID ITEM_ID.
ENQUEUE = {
    "celery": """
import sys
from app.jobs.celery_app import configure
from app.jobs.celery_tasks import item_created
configure(sys.argv[1])
item_created.apply_async(args=[sys.argv[3], "e2e widget"], task_id=sys.argv[2])
""",
    "rq": """
import sys
from app.jobs.rq_queue import items_queue
from app.jobs.rq_tasks import item_created
items_queue(sys.argv[1]).enqueue(item_created, sys.argv[3], "e2e widget", job_id=sys.argv[2])
""",
}


def logged(worker, job_id, what):
    def seen(line):
        return line.get("job_id") == job_id and what in str(line.get("msg", ""))

    worker.wait_for_log(seen, timeout=60, what=f"'{what}' line for {job_id}")


def run_worker(args):
    with open(os.path.join(args.work_dir, "created.json")) as f:
        item_id = json.load(f)["id"]
    job_id = f"item-created-{item_id}"
    worker = Process("the worker", [venv_python(args.service_dir), "-m", "app.worker"], args.service_dir,
                     service_env(LOG_LEVEL="info"), os.path.join(args.work_dir, "worker.log"))
    try:
        worker.wait_for_log(lambda l: l.get("msg") == "worker started", timeout=60, what="'worker started' line")
        logged(worker, job_id, "item created")
        check_api.ok(f"the job the API enqueued ({job_id}) was processed")
        out = subprocess.run([venv_python(args.service_dir), "-c", ENQUEUE[args.queue], os.environ["REDIS_URL"],
                              job_id, item_id], cwd=args.service_dir, capture_output=True, text=True, timeout=60)
        expect(out.returncode == 0, f"enqueueing {job_id} again failed:\n{out.stdout}{out.stderr}")
        logged(worker, job_id, "already processed")
        check_logs(worker, job_id)
        code, seconds = worker.terminate_and_wait(timeout=30)
        expect(code == 0, f"worker exit code {code} after SIGTERM, not 0")
        check_api.ok(f"worker SIGTERM: exit 0 after {seconds:.2f} s")
    except CheckFailed as err:
        worker.kill()
        print(f"FAILED: {err}\n--- last lines of {worker.log_path}:\n{tail(worker.log_path)}", file=sys.stderr)
        return 1
    finally:
        worker.kill()
    return 0


def docker_root_user(d):
    edit(d, "Dockerfile", r"^USER .*\n", "")


def health_endpoint_missing(d):
    os.remove(os.path.join(d, "src/app/routers/health.py"))
    edit(d, "src/app/main.py", r"^from app\.routers import health, items$", "from app.routers import items")
    edit(d, "src/app/main.py", r"^    app\.include_router\(health\.router\)\n", "")


def jobs_non_idempotent(d):
    # The rule asks for an id from the producer or a processed-check in the consumer
    # (either makes a redelivery harmless), so both go.
    edit(d, "src/app/jobs/producer.py", r", task_id=item_created_job_id\(item\)\)", ")")
    edit(d, "src/app/jobs/celery_tasks.py",
         r"^    already_processed = not processed\.run_once\(.*\n    if already_processed:\n(        .*\n)+"
         r"    return \"processed\"\n",
         "    work()\n    return \"processed\"\n")


def shutdown_no_sigterm(d):
    # The production entry (`python -m app`, the image's CMD) switched to uvicorn's
    # reloading development server.
    edit(d, "src/app/__main__.py", r"^        create_app\(settings\),\n",
         "        \"app.main:create_app\",\n        factory=True,\n        reload=True,\n")


MUTATIONS = {
    "docker-root-user": docker_root_user,
    "health-endpoint-missing": health_endpoint_missing,
    "jobs-non-idempotent": jobs_non_idempotent,
    "shutdown-no-sigterm": shutdown_no_sigterm,
}


def run_mutate(args):
    try:
        MUTATIONS[args.rule](args.service_dir)
    except (EditFailed, OSError) as err:
        print(f"FAILED: mutation {args.rule}: {err}", file=sys.stderr)
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    api = sub.add_parser("api")
    api.add_argument("--auth", choices=["jwks", "none"], required=True)
    api.add_argument("--db", choices=["postgres", "none"], required=True)
    worker = sub.add_parser("worker")
    worker.add_argument("--queue", choices=sorted(ENQUEUE), required=True)
    for p in (api, worker):
        p.add_argument("service_dir")
        p.add_argument("work_dir")
    mutate = sub.add_parser("mutate")
    mutate.add_argument("service_dir")
    mutate.add_argument("rule", choices=sorted(MUTATIONS))
    args = parser.parse_args()
    sys.exit({"api": run_api, "worker": run_worker, "mutate": run_mutate}[args.command](args))


if __name__ == "__main__":
    main()
