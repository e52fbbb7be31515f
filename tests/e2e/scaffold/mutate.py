#!/usr/bin/env python3
"""Breaks one playbook rule in a copy of a generated service, the way a later edit
might, so that the audit can be shown to notice.

    mutate.py TEMPLATE SERVICE_DIR RULE

TEMPLATE is hono, fastapi or flask; RULE is the id of the rule the edit should trigger
(docker-root-user, health-endpoint-missing, jobs-non-idempotent, shutdown-no-sigterm).
The tables below hold each template's edits. Each edit must change the file it targets;
otherwise the template moved on and this script must follow it, so it fails.
"""

import os
import re
import sys


class EditFailed(Exception):
    pass


# An edit is a function of the service's folder; these make the ones the tables use.
def edit(path, pattern, replacement):
    """Replaces each match of the regular expression (multiline); none is a failure."""

    def apply(service_dir):
        full = os.path.join(service_dir, path)
        with open(full, encoding="utf-8") as f:
            changed, count = re.subn(pattern, replacement, f.read(), flags=re.MULTILINE)
        if count == 0:
            raise EditFailed(f"{path}: nothing matches {pattern!r}")
        with open(full, "w", encoding="utf-8") as f:
            f.write(changed)

    return apply


def remove(path):
    return lambda service_dir: os.remove(os.path.join(service_dir, path))


def write(path, text):
    def apply(service_dir):
        with open(os.path.join(service_dir, path), "w", encoding="utf-8") as f:
            f.write(text)

    return apply


# Every template's Dockerfile ends as a non-root USER.
NO_USER = [edit("Dockerfile", r"^USER .*\n", "")]

HONO = {
    "docker-root-user": NO_USER,
    # The /health route deleted and unmounted.
    "health-endpoint-missing": [
        remove("src/routes/health.ts"),
        edit("src/app.ts", r"^.*healthRoutes.*\n", ""),
        edit("src/app.ts", r'\.route\("/", health\)', ""),
    ],
    # The producer's BullMQ jobId removed.
    "jobs-non-idempotent": [edit("src/lib/jobs/item-events.ts", r",\s*\{\s*jobId:\s*`[^`]*`\s*\}", "")],
    # The API's SIGTERM handler removed (the worker keeps its own).
    "shutdown-no-sigterm": [edit("src/index.ts", r"^process\.once\(\"SIGTERM\".*\n", "")],
}

FASTAPI = {
    "docker-root-user": NO_USER,
    # The health router deleted and no longer included.
    "health-endpoint-missing": [
        remove("src/app/routers/health.py"),
        edit("src/app/main.py", r"^from app\.routers import health, items$", "from app.routers import items"),
        edit("src/app/main.py", r"^    app\.include_router\(health\.router\)\n", ""),
    ],
    # The producer's Celery task_id removed.
    "jobs-non-idempotent": [edit("src/app/jobs/producer.py", r", task_id=item_created_job_id\(item\)\)", ")")],
    # The production entry (`python -m app`, the image's CMD) switched to uvicorn's
    # reloading development server.
    "shutdown-no-sigterm": [
        edit("src/app/__main__.py", r"^        create_app\(settings\),\n",
             '        "app.main:create_app",\n        factory=True,\n        reload=True,\n'),
    ],
}

FLASK = {
    "docker-root-user": NO_USER,
    # The health blueprint deleted and no longer registered.
    "health-endpoint-missing": [remove("src/app/health.py"), edit("src/app/main.py", r"^.*\bhealth\b.*\n", "")],
    # The producer's RQ job_id removed.
    "jobs-non-idempotent": [edit("src/app/jobs/producer.py", r"^\s*job_id=.*\n", "")],
    # The image's CMD switched from gunicorn to flask's development server.
    "shutdown-no-sigterm": [
        write("src/app/__main__.py", 'from app.main import create_app\n\ncreate_app().run(host="0.0.0.0", port=8000)\n'),
        edit("Dockerfile", r"^CMD \[.*\]$", 'CMD ["python", "-m", "app"]'),
    ],
}

MUTATIONS = {"hono": HONO, "fastapi": FASTAPI, "flask": FLASK}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in MUTATIONS or sys.argv[3] not in MUTATIONS[sys.argv[1]]:
        print(f"usage: mutate.py {'|'.join(MUTATIONS)} SERVICE_DIR {'|'.join(MUTATIONS['hono'])}", file=sys.stderr)
        return 2
    template, service_dir, rule = sys.argv[1:]
    try:
        for apply in MUTATIONS[template][rule]:
            apply(service_dir)
    except (EditFailed, OSError) as err:
        print(f"FAILED: mutation {template} {rule}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
