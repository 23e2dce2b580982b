"""The README's crontab works as written .

The test reads the ``crontab`` block of the README, replaces the install
path and the data directory with its own, and runs each job's command with
``sh -c`` under cron's environment: the block's variables and a bare
``PATH=/usr/bin:/bin``, against an SMTP server on 127.0.0.1.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import Invoke
from test_mail import Inbox, free_port, seed, write_config

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = "/opt/township/.venv/bin/township"
DATA = "/srv/township/data"
CRON_PATH = "/usr/bin:/bin"
JOB = re.compile(r"^(\S+\s+){5}(?P<command>.+)$")


def crontab() -> tuple[dict[str, str], list[str]]:
    """The README's crontab: its variables and its jobs' commands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```crontab\n(.*?)```", readme, flags=re.S)
    env: dict[str, str] = {}
    jobs = []
    for line in block.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if re.match(r"^[A-Z_]+=", line):
            name, value = line.split("=", 1)
            env[name] = value
        else:
            match = JOB.match(line)
            assert match, f"not a cron line: {line}"
            jobs.append(match.group("command"))
    return env, jobs


def test_the_crontab_sets_the_time_zone_and_mailto() -> None:
    env, jobs = crontab()
    assert env.get("CRON_TZ") == "Asia/Shanghai" and "@" in env.get("MAILTO", "")
    assert jobs and all(job.startswith(INSTALLED + " ") for job in jobs)


def test_the_crontab_jobs_run_as_written(run: Invoke, data_dir: Path) -> None:
    from aiosmtpd.controller import Controller

    env, jobs = crontab()
    township = Path(sys.executable).parent / "township"
    assert township.exists()
    box = Inbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        seed(run)
        write_config(data_dir, port)
        for job in jobs:
            command = job.replace(INSTALLED, str(township)).replace(DATA, str(data_dir))
            assert command != job
            result = subprocess.run(
                ["/bin/sh", "-c", command],
                env={
                    **env,
                    "PATH": CRON_PATH,
                    "HOME": str(data_dir),
                    "TOWNSHIP_TODAY": "2026-03-04",
                },
                capture_output=True,
                text=True,
                timeout=60,
            )
            # success is silent: cron would mail MAILTO nothing
            assert result.returncode == 0, result.stderr
            assert result.stdout == "" and result.stderr == ""
        assert box.to("jiwei@example.org")
        assert box.to("mzb@example.org") and box.to("dzb@example.org")
    finally:
        controller.stop()


def test_without_the_full_path_cron_finds_no_township() -> None:
    # What the old README line did: cron's PATH lacks the virtualenv.
    result = subprocess.run(
        ["/bin/sh", "-c", "township --help"],
        env={"PATH": CRON_PATH},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 127
