#!/usr/bin/env python3
"""Keeps a released template version reproducible after the template changes.

    scripts/freeze-template-version.py TEMPLATE VERSION REV

REV is the git revision where scaffolds/TEMPLATE/ was at VERSION (its template.yaml says
`version: VERSION`); the working tree holds VERSION + 1. Writes
scaffolds/TEMPLATE/versions/VERSION/ with what VERSION had otherwise: its template.yaml,
each file under files/, resource/ and _shared/ whose bytes differ from (or are missing
in) the working tree, and absent.txt listing the paths VERSION + 1 added. `svc upgrade`
rebuilds VERSION from the newer one and this folder (scaffolds/engine/template_versions.h).
Run it in the commit that bumps the template's version.
"""

import pathlib
import shutil
import subprocess
import sys

FOLDERS = ("files", "resource")


def tree_at(rev, prefix):
    """{path under prefix: bytes} of the files git has at rev."""
    listing = subprocess.run(["git", "ls-tree", "-r", "-z", "--name-only", rev, "--", prefix],
                             check=True, capture_output=True).stdout.split(b"\0")
    out = {}
    for raw in filter(None, listing):
        path = raw.decode()
        out[path[len(prefix):]] = subprocess.run(["git", "show", f"{rev}:{path}"], check=True,
                                                 capture_output=True).stdout
    return out


def blob_ids(rev, prefix):
    """{path under prefix: git blob id} at rev."""
    listing = subprocess.run(["git", "ls-tree", "-r", "-z", rev, "--", prefix],
                             check=True, capture_output=True).stdout.split(b"\0")
    out = {}
    for raw in filter(None, listing):
        meta, path = raw.decode().split("\t", 1)
        out[path[len(prefix):]] = meta.split()[2]
    return out


def tree_now(folder):
    root = pathlib.Path(folder)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()} if root.is_dir() else {}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    template, version, rev = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    base = f"scaffolds/{template}/"
    manifest = subprocess.run(["git", "show", f"{rev}:{base}template.yaml"], check=True, capture_output=True).stdout
    if f"version: {version}\n".encode() not in manifest:
        sys.exit(f"{rev}:{base}template.yaml is not version {version}")
    now = pathlib.Path(base + "template.yaml").read_text()
    if f"version: {version + 1}\n" not in now:
        sys.exit(f"{base}template.yaml must say version: {version + 1} first")
    out = pathlib.Path(base) / "versions" / str(version)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "template.yaml").write_bytes(manifest)
    absent = []
    pairs = [(f"{f}/", tree_at(rev, f"{base}{f}/"), tree_now(f"{base}{f}")) for f in FOLDERS]
    pairs.append(("_shared/", tree_at(rev, "scaffolds/_shared/"), tree_now("scaffolds/_shared")))
    kept = 0
    for folder, old, new in pairs:
        for path, data in old.items():
            if new.get(path) != data:
                target = out / folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                kept += 1
        absent += [folder + path for path in new if path not in old]
    if absent:
        (out / "absent.txt").write_text("".join(p + "\n" for p in sorted(absent)))
    blobs = [f"{blob} template.yaml" for blob in blob_ids(rev, f"{base}template.yaml").values()]
    for folder in FOLDERS:
        blobs += [f"{blob} {folder}/{path}" for path, blob in blob_ids(rev, f"{base}{folder}/").items()]
    blobs += [f"{blob} _shared/{path}" for path, blob in blob_ids(rev, "scaffolds/_shared/").items()]
    (out / "blobs.txt").write_text("".join(line + "\n" for line in sorted(blobs, key=lambda l: l.split(" ", 1)[1])))
    print(f"{out}: {kept} file(s) kept from version {version}, {len(absent)} added since")


if __name__ == "__main__":
    main()
