"""The floors: what a JSON-file store cannot avoid, in a plain Python process.

Run as a subprocess by ``benchmarks/run.py``, with the same interpreter as
township, so interpreter start-up is on both sides. Imports only the
standard library (json, os, sys, tomllib), never township or click.

``python benchmarks/floor.py read DATA_DIR``
    Read and parse every file ``township overdue`` reads: every year file
    of every kind (``<folder>/<YYYY>.json``), ``calendar.json`` if present
    and ``township.toml``.

``python benchmarks/floor.py write FILE``
    Load and parse one TinyDB file, add one record (a copy of its last
    record under the next serial), serialize it as township does (compact
    UTF-8 JSON) and replace the file atomically: temporary file, write,
    fsync, rename, fsync of the directory.
"""

from __future__ import annotations

import json
import os
import sys


def read(data_dir: str) -> int:
    """Parse every data file of ``data_dir``; return the number of records."""
    records = 0
    for entry in sorted(os.scandir(data_dir), key=lambda e: e.name):
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        for name in sorted(os.listdir(entry.path)):
            stem, ext = os.path.splitext(name)
            if ext == ".json" and len(stem) == 4 and stem.isdigit():
                with open(os.path.join(entry.path, name), "rb") as fh:
                    records += len(json.loads(fh.read()).get("records", {}))
    calendar = os.path.join(data_dir, "calendar.json")
    if os.path.exists(calendar):
        with open(calendar, "rb") as fh:
            json.loads(fh.read())
    config = os.path.join(data_dir, "township.toml")
    if os.path.exists(config):
        import tomllib

        with open(config, "rb") as fh:
            tomllib.load(fh)
    return records


def write(path: str) -> None:
    """Append one record to the TinyDB file ``path``, durably and atomically."""
    with open(path, "rb") as fh:
        data = json.loads(fh.read())
    records = data.setdefault("records", {})
    serial = max(map(int, records), default=0) + 1
    last = dict(records[str(serial - 1)]) if records else {}
    last["id"] = f"FLOOR-{serial}"
    records[str(serial)] = last
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    directory = os.path.dirname(path) or "."
    tmp = os.path.join(directory, f".floor.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dfd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


if __name__ == "__main__":
    mode, target = sys.argv[1], sys.argv[2]
    if mode == "read":
        read(target)
    elif mode == "write":
        write(target)
    else:
        sys.exit(f"unknown mode {mode!r}: read DATA_DIR | write FILE")
