#!/usr/bin/env python3
"""Keeps a released template version reproducible after the template changes.

    scripts/freeze-template-version.py TEMPLATE VERSION REV

REV is the git revision where scaffolds/TEMPLATE/ was at VERSION (its template.yaml says
`version: VERSION`); the working tree holds VERSION + 1. Writes, under
scaffolds/TEMPLATE/versions/:

  VERSION.patch   the git diff that turns VERSION + 1 back into VERSION: template.yaml,
                  files/, resource/ and the shared partials in scaffolds/_shared/, but
                  for the files VERSION + 1 added (no need to carry their content)
  VERSION.absent  those files, one repository path per line
  VERSION.blobs   the git blob id of every file of VERSION, which a test compares with
                  the version svc rebuilds (a later edit that forgets to freeze again
                  fails it)

`svc upgrade` applies the patches backwards from the newest version
(scaffolds/engine/template_versions.h). Run this in the commit that bumps the version,
after the last change to the template; run it again after any later change.
"""

import pathlib
import subprocess
import sys


def git(*args):
    return subprocess.run(["git", *args], check=True, capture_output=True).stdout


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    template, version, rev = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    base = f"scaffolds/{template}/"
    paths = [f"{base}template.yaml", f"{base}files", f"{base}resource", "scaffolds/_shared"]
    if f"version: {version}\n".encode() not in git("show", f"{rev}:{base}template.yaml"):
        sys.exit(f"{rev}:{base}template.yaml is not version {version}")
    if f"version: {version + 1}\n" not in pathlib.Path(base + "template.yaml").read_text():
        sys.exit(f"{base}template.yaml must say version: {version + 1} first")
    untracked = git("ls-files", "--others", "--exclude-standard", "--", *paths).decode().split()
    if untracked:
        sys.exit("git add these first, so the patch sees them:\n  " + "\n  ".join(untracked))
    # From the working tree (VERSION + 1) back to REV (VERSION).
    diff = ["diff", "--no-color", "--no-ext-diff", "--no-renames", "-R", rev]
    patch = git(*diff, "--diff-filter=d", "--", *paths)
    added = git(*diff, "--diff-filter=D", "--name-only", "--", *paths).decode()
    out = pathlib.Path(base) / "versions"
    out.mkdir(exist_ok=True)
    (out / f"{version}.patch").write_bytes(patch)
    (out / f"{version}.absent").write_text(added)
    blobs = []
    for line in git("ls-tree", "-r", rev, "--", *paths).decode().splitlines():
        meta, path = line.split("\t", 1)
        key = path[len(base):] if path.startswith(base) else "_shared/" + path[len("scaffolds/_shared/"):]
        blobs.append(f"{meta.split()[2]} {key}")
    (out / f"{version}.blobs").write_text("".join(b + "\n" for b in sorted(blobs, key=lambda b: b.split(" ", 1)[1])))
    print(f"{out}/{version}.patch: {len(patch)} bytes; {len(blobs)} files in version {version}")


if __name__ == "__main__":
    main()
