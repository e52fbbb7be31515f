"""Delivers a job id a generated worker has processed once more, per template and queue
library, the way a retried request or a replayed event would; check_worker.py then
checks the worker's log. Each entry of REDELIVER is called as (worker, args, job_id,
item_id) and raises CheckFailed when the deliveries do not go as expected.
"""

import json
import os
import shutil
import subprocess

from e2e_lib import expect, ok

HERE = os.path.dirname(os.path.abspath(__file__))


def bullmq(worker, args, job_id, item_id):
    """Through BullMQ itself (enqueue_twice.mjs): the API's job completes, re-adding the
    id while it exists is ignored, and adding it after removal is skipped."""
    script = os.path.join(args.service_dir, "e2e-enqueue-twice.mjs")
    shutil.copy(os.path.join(HERE, "enqueue_twice.mjs"), script)
    try:
        out = subprocess.run(["node", script, os.environ["REDIS_URL"], f"{args.name}:bull", "items", job_id, item_id],
                             cwd=args.service_dir, capture_output=True, text=True, timeout=90)
    finally:
        os.remove(script)  # the audit that follows must see the service as generated
    expect(out.returncode == 0, f"enqueue_twice.mjs failed ({out.returncode}):\n{out.stdout}{out.stderr}")
    result = json.loads(out.stdout)
    expect(result == {"first": "processed", "readded": "ignored", "redelivered": "skipped"},
           f"deliveries of {job_id}: {result}, expected processed, then ignored by BullMQ, then skipped")
    ok(f"job {job_id}: {result}")


def logged(worker, job_id, what):
    def seen(line):
        return line.get("job_id") == job_id and what in str(line.get("msg", ""))

    worker.wait_for_log(seen, timeout=60, what=f"'{what}' line for {job_id}")


def through_python(script):
    """Through the service's own code, run with its .venv's python as
    `python -c SCRIPT REDIS_URL JOB_ID ITEM_ID WORK_DIR/created.json`, once the
    worker has processed the API's job; the worker must then skip it."""

    def redeliver(worker, args, job_id, item_id):
        logged(worker, job_id, "item created")
        ok(f"the job the API enqueued ({job_id}) was processed")
        created = os.path.join(args.work_dir, "created.json")
        out = subprocess.run([os.path.join(args.service_dir, ".venv", "bin", "python"), "-c", script,
                              os.environ["REDIS_URL"], job_id, item_id, created],
                             cwd=args.service_dir, capture_output=True, text=True, timeout=60)
        expect(out.returncode == 0, f"enqueueing {job_id} again failed:\n{out.stdout}{out.stderr}")
        logged(worker, job_id, "already processed")

    return redeliver


FASTAPI_CELERY = """
import sys
from app.jobs.celery_app import configure
from app.jobs.celery_tasks import item_created
configure(sys.argv[1])
item_created.apply_async(args=[sys.argv[3], "e2e widget"], task_id=sys.argv[2])
"""

FASTAPI_RQ = """
import sys
from app.jobs.rq_queue import items_queue
from app.jobs.rq_tasks import item_created
items_queue(sys.argv[1]).enqueue(item_created, sys.argv[3], "e2e widget", job_id=sys.argv[2])
"""

# The producer the API uses, given the item the API created.
FLASK_RQ = """
import json, sys
from redis import Redis
from app.jobs.producer import ItemEvents
from app.models.items import Item
item = Item.model_validate(json.load(open(sys.argv[4])))
ItemEvents(Redis.from_url(sys.argv[1])).item_created(item)
"""

REDELIVER = {
    "bullmq": bullmq,
    "fastapi-celery": through_python(FASTAPI_CELERY),
    "fastapi-rq": through_python(FASTAPI_RQ),
    "flask-rq": through_python(FLASK_RQ),
}
