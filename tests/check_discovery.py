#!/usr/bin/env python3
"""Checks that ctest runs each Catch2 test case exactly once, under its own name.

    check_discovery.py CTEST BUILD_DIR SVC_TESTS

catch_discover_tests turns each name printed by `SVC_TESTS --list-test-names-only`
into one ctest entry; a name it splits (a ';' does) becomes entries that run nothing.
The entries that are not Catch2 test cases are the ones added by hand in
tests/CMakeLists.txt: the template proofs (label `scaffold`), `svc test --builtin` on the
built-in rules' fixtures, and this check.
"""

import json
import subprocess
import sys

HAND_WRITTEN = {"suite_discovery_complete", "builtin_rule_fixtures"}


def main(ctest, build_dir, svc_tests):
    listed = subprocess.run([svc_tests, "--list-test-names-only"], capture_output=True, text=True).stdout
    catch_names = [line for line in listed.splitlines() if line.strip()]
    shown = subprocess.run([ctest, "--test-dir", build_dir, "--show-only=json-v1"], capture_output=True,
                           text=True, check=True).stdout
    entries = []
    for test in json.loads(shown)["tests"]:
        labels = next((p["value"] for p in test.get("properties", []) if p["name"] == "LABELS"), [])
        if test["name"] not in HAND_WRITTEN and "scaffold" not in labels:
            entries.append(test["name"])
    problems = []
    if len(catch_names) != len(set(catch_names)):
        problems.append("Catch2 lists a test name twice")
    for name in sorted(set(catch_names) - set(entries)):
        problems.append(f"Catch2 test case with no ctest entry of its name: {name!r}")
    for name in sorted(set(entries) - set(catch_names)):
        problems.append(f"ctest entry that names no Catch2 test case: {name!r}")
    for p in problems:
        print(p)
    print(f"{len(catch_names)} Catch2 test cases, {len(entries)} ctest entries for them")
    return 1 if problems or not catch_names else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
