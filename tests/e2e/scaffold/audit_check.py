#!/usr/bin/env python3
"""Runs `svc audit --format json` on a folder and checks its findings.

    audit_check.py SVC DIR                 no findings at all (exit 0 and findings: [])
    audit_check.py SVC DIR --expect RULE   at least one finding of RULE
"""

import argparse
import json
import subprocess
import sys


def describe(findings):
    return "\n".join(f"    {f['path']}:{f['line']}: {f['rule']} ({f['severity']}): {f['message']}" for f in findings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("svc")
    parser.add_argument("dir")
    parser.add_argument("--expect", metavar="RULE")
    args = parser.parse_args()

    run = subprocess.run([args.svc, "audit", args.dir, "--format", "json", "--no-progress"],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(f"FAILED: svc audit exited {run.returncode}\n{run.stderr}", file=sys.stderr)
        return 1
    try:
        report = json.loads(run.stdout)
    except ValueError:
        print(f"FAILED: svc audit did not print JSON:\n{run.stdout[:2000]}\n{run.stderr}", file=sys.stderr)
        return 1
    findings = report["findings"]
    services = [s["name"] for s in report.get("services", [])]

    if args.expect:
        if not any(f["rule"] == args.expect for f in findings):
            print(f"FAILED: no {args.expect} finding; the audit found:\n{describe(findings) or '    nothing'}",
                  file=sys.stderr)
            return 1
        hits = [f for f in findings if f["rule"] == args.expect]
        for f in hits:
            print(f"  ok: {args.expect} fires (exit {run.returncode}) at {f['path']}:{f['line']}: {f['message']}")
        return 0

    if findings or run.returncode != 0:
        print(f"FAILED: svc audit exited {run.returncode} with {len(findings)} findings:\n{describe(findings)}",
              file=sys.stderr)
        return 1
    summary = report["summary"]
    print(f"  ok: audit clean (services {services}, {summary['files']} files, {summary['parsed']} parsed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
