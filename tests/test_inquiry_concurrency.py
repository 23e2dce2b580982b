"""Several clerks logging inquiries at once, as real processes on one data directory.

Writers serialize on the directory lock : every process gets its own
id, the ids are consecutive, each record is stored once, and the audit chain
still verifies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import Invoke

PROCESSES = 6
TODAY = "2026-03-02"


def test_parallel_logs_get_unique_consecutive_ids(run: Invoke, data_dir: Path) -> None:
    assert run("init").exit_code == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env.update(
        TOWNSHIP_DATA_DIR=str(data_dir),
        TOWNSHIP_TODAY=TODAY,
        TOWNSHIP_LANG="zh",
        TOWNSHIP_LOCK_TIMEOUT="120",
    )
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "commands",
                "--as",
                f"窗口{i}",
                "inquiry",
                "log",
                "--name",
                f"来访人{i}",
                "--matter",
                f"咨询事项{i}",
                "--channel",
                "web",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(PROCESSES)
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        outputs.append(out.splitlines()[0])

    expected = [f"INQ-2026-{n:04d}" for n in range(1, PROCESSES + 1)]
    # each process printed one id; together they are exactly 0001..0006
    assert sorted(outputs) == expected

    listed = json.loads(run("inquiry", "list", "--format", "json", today=TODAY).stdout)
    assert [r["id"] for r in listed] == expected
    # every process's record is there exactly once, under the id it printed
    by_id = {r["id"]: r for r in listed}
    for i, record_id in enumerate(outputs):
        assert by_id[record_id]["matter"] == f"咨询事项{i}"
        assert by_id[record_id]["actor"] == f"窗口{i}"

    verify = run("audit", "verify", today=TODAY)
    assert verify.exit_code == 0, verify.stderr
    creates = [
        json.loads(line)
        for line in (data_dir / "audit.jsonl").read_text("utf-8").splitlines()
        if json.loads(line).get("change") == "create"
    ]
    assert sorted(c["id"] for c in creates) == expected
