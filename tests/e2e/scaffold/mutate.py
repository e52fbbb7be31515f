#!/usr/bin/env python3
"""Breaks one playbook rule in a copy of a generated Hono service, the way a later
edit might, so that the audit can be shown to notice.

    mutate.py SERVICE_DIR MUTATION

MUTATION is the id of the rule it should trigger:
  docker-root-user          the Dockerfile's USER line deleted
  health-endpoint-missing   the /health route deleted and unmounted
  jobs-non-idempotent       the producer's jobId removed
  shutdown-no-sigterm       the API's SIGTERM handler removed (the worker keeps its own)
Each edit must change the file it targets; otherwise the template moved on and this
script must follow it, so it fails.
"""

import os
import re
import sys


class EditFailed(Exception):
    pass


def edit(service_dir, path, pattern, replacement, flags=re.MULTILINE):
    full = os.path.join(service_dir, path)
    with open(full, encoding="utf-8") as f:
        text = f.read()
    changed, count = re.subn(pattern, replacement, text, flags=flags)
    if count == 0:
        raise EditFailed(f"{path}: nothing matches {pattern!r}")
    with open(full, "w", encoding="utf-8") as f:
        f.write(changed)


def docker_root_user(d):
    edit(d, "Dockerfile", r"^USER .*\n", "")


def health_endpoint_missing(d):
    os.remove(os.path.join(d, "src/routes/health.ts"))
    edit(d, "src/app.ts", r"^.*healthRoutes.*\n", "")
    edit(d, "src/app.ts", r'\.route\("/", health\)', "")


def jobs_non_idempotent(d):
    edit(d, "src/lib/jobs/item-events.ts", r",\s*\{\s*jobId:\s*`[^`]*`\s*\}", "")


def shutdown_no_sigterm(d):
    edit(d, "src/index.ts", r"^process\.once\(\"SIGTERM\".*\n", "")


MUTATIONS = {
    "docker-root-user": docker_root_user,
    "health-endpoint-missing": health_endpoint_missing,
    "jobs-non-idempotent": jobs_non_idempotent,
    "shutdown-no-sigterm": shutdown_no_sigterm,
}


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in MUTATIONS:
        print(f"usage: mutate.py SERVICE_DIR {'|'.join(MUTATIONS)}", file=sys.stderr)
        return 2
    try:
        MUTATIONS[sys.argv[2]](sys.argv[1])
    except (EditFailed, OSError) as err:
        print(f"FAILED: mutation {sys.argv[2]}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
