"""No reader sees half of a transaction; killed writers leave nothing half done .

Real processes: writers log complaints from inquiries (one transaction, two
files: ``inquiries/`` and ``complaints/``), readers read both files under
the shared lock, and a writer is killed with SIGKILL mid-write.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke, d

from township.book.registry import KINDS
from township.steps.machine import add_event, new_record
from township.storage import store as store_module
from township.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent

# One snapshot: the inquiries and complaints that exist, read under one shared lock.
READER = """
import json, sys, time
from township.book.registry import KINDS
from township.storage.store import Store
store = Store(sys.argv[1], lock_timeout=60)
rounds = int(sys.argv[2])
out = []
for _ in range(rounds):
    with store.reading():
        inquiries = sorted(r["id"] for r in store.iter_records(KINDS["inquiry"]))
        complaints = sorted(r["id"] for r in store.iter_records(KINDS["complaint"]))
    out.append([len(inquiries), len(complaints)])
print(json.dumps(out))
"""


def env_for(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env.update(
        TOWNSHIP_DATA_DIR=str(data_dir),
        TOWNSHIP_TODAY="2026-03-02",
        TOWNSHIP_USER="王芳",
        TOWNSHIP_LOCK_TIMEOUT="120",
        PYTHONPATH=str(ROOT),
    )
    return env


def complaint_args(i: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "commands",
        "inquiry",
        "log",
        "--name",
        f"来访人{i}",
        "--matter",
        f"窗口推诿{i}",
        "--type",
        "complaint",
        "--against",
        "赵某",
    ]


def create_pair(store: Store, name: str) -> None:
    with store.transaction("王芳", "test") as tx:
        for kind in ("inquiry", "complaint"):

            def build(rid: str, kind: str = kind) -> dict[str, Any]:
                rec = new_record(kind, rid, actor="王芳", now=tx.now, status="open", name=name)
                add_event(rec, on=d("2026-03-02"), actor="王芳", now=tx.now, action="log")
                return rec

            tx.create(kind, 2026, build)


def test_reader_waits_for_a_transaction_half_written(
    run: Invoke, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A writer paused after replacing the first of its two files: a reader
    # must not see the new inquiry without its complaint.
    assert run("init").exit_code == 0
    create_pair(store, "first")
    written_one = threading.Event()
    release = threading.Event()
    original = store_module._write_file
    calls = []

    def slow_write(db: Any, writes: list[dict[str, Any]], flush: bool = True) -> None:
        original(db, writes, flush)
        calls.append(writes[0]["file"])
        if len(calls) == 1:
            written_one.set()
            release.wait(30)

    monkeypatch.setattr(store_module, "_write_file", slow_write)
    writer = threading.Thread(target=create_pair, args=(store, "second"))
    writer.start()
    assert written_one.wait(30)
    assert calls == ["inquiries/2026.json"]  # one file replaced, the other not yet
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(store.data_dir), "1"],
        env=env_for(store.data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)
    assert reader.poll() is None  # blocked on the lock
    release.set()
    writer.join(30)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert json.loads(out) == [[2, 2]]


def test_concurrent_writers_and_readers_never_see_half(run: Invoke, data_dir: Path) -> None:
    assert run("init").exit_code == 0
    env = env_for(data_dir)
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(data_dir), "60"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    writers = [
        subprocess.Popen(
            complaint_args(i), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for i in range(6)
    ]
    for proc in writers:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    for proc in readers:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        for inquiries, complaints in json.loads(out):
            assert inquiries == complaints
    assert run("audit", "verify").exit_code == 0


def test_sigkill_during_pair_writes_leaves_no_half(run: Invoke, data_dir: Path) -> None:
    assert run("init").exit_code == 0
    env = env_for(data_dir)
    rng = random.Random(11)
    for i in range(6):
        proc = subprocess.Popen(
            complaint_args(i), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    # The next write finishes any interrupted change first; then everything agrees.
    result = run("inquiry", "log", "--name", "后来者", "--matter", "咨询", "--channel", "web")
    assert result.exit_code == 0, result.output
    assert run("audit", "verify").exit_code == 0
    out = subprocess.run(
        [sys.executable, "-c", READER, str(data_dir), "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    inquiries, complaints = json.loads(out.stdout)[0]
    assert inquiries == complaints + 1  # the web inquiry has no complaint


def test_sigkill_and_concurrent_writers_never_hand_an_id_out_twice(
    run: Invoke, data_dir: Path
) -> None:
    """Writers killed mid-write, others writing meanwhile, then a laundering
    attempt (the newest record deleted, every counter lowered): no id is ever
    created twice, and the log keeps saying what was deleted."""
    from township.storage import audit

    writer = ROOT / "tests" / "helpers" / "writer.py"
    assert run("init").exit_code == 0
    env = env_for(data_dir)
    rng = random.Random(22)
    for round_ in range(4):
        procs = [
            subprocess.Popen(
                [sys.executable, str(writer), str(data_dir), f"k{round_}-{n}", "0"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            for n in range(2)
        ]
        for proc in procs:
            assert proc.stdout is not None
            proc.stdout.readline()  # "ready": one transaction committed
        time.sleep(rng.uniform(0.01, 0.2))
        for proc in procs:
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
    result = run("audit", "repair")  # finishes an interrupted change, if any
    assert result.exit_code == 0, result.output
    assert run("audit", "verify").exit_code == 0
    # The attack: delete the newest inquiry and lower its counters everywhere.
    year = data_dir / "inquiries" / "2026.json"
    raw = json.loads(year.read_text(encoding="utf-8"))
    newest = max(int(k) for k in raw["records"])
    deleted = raw["records"].pop(str(newest))["id"]
    raw["meta"]["1"]["next"] = newest
    year.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    head = json.loads((data_dir / "audit-head.json").read_text())
    # The anchor carries a verified checkpoint, also when the last write was the
    # repair of an interrupted change (audit repair leaves one): lower it too.
    head["verified"]["top"]["inquiries/2026.json"] = newest - 1
    head["next"] = {"inquiries/2026.json": newest}
    (data_dir / "audit-head.json").write_text(json.dumps(head))
    # Ordinary writes from two processes at once.
    procs = [
        subprocess.Popen(
            [sys.executable, str(writer), str(data_dir), f"after-{n}", "3"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(2)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    state = audit.scan(data_dir / "audit.jsonl")
    assert [b.what for b in state.breaks] == []  # no id created twice
    ids = [r["id"] for r in Store(data_dir).iter_records(KINDS["inquiry"])]
    assert deleted not in ids and len(ids) == len(set(ids))
    result = run("audit", "verify")
    assert result.exit_code == 3 and deleted in result.stderr
