"""The administrator's guide's crontab and systemd units work as written.

The tests read the ``crontab`` block and the two ``ini`` units of
docs/admin.md, replace the install path and the data directory with their
own, and run the job's command with ``sh -c`` under cron's environment (the
block's variables and a bare ``PATH=/usr/bin:/bin``), against an SMTP server
on 127.0.0.1, on a holiday and on a make-up Saturday.

The days, from the official 2026 schedule (chinese-calendar; ``township
calendar show 2026-10``): Thursday 2026-10-01 is 国庆节 (10-01 to 10-07 off),
Saturday 2026-10-10 a make-up working day (调休上班), Sunday 2026-10-11 a
plain weekend day.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Invoke
from test_mail import Inbox, free_port, seed, write_config

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "admin.md"
INSTALLED = "/opt/township/.venv/bin/township"
DATA = "/srv/township/data"
CRON_PATH = "/usr/bin:/bin"
JOB = re.compile(r"^(?P<when>(\S+\s+){5})(?P<command>.+)$")
HOLIDAY = "2026-10-01"
MAKE_UP_SATURDAY = "2026-10-10"
SUNDAY = "2026-10-11"


def crontab() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The guide's crontab: its variables and its jobs (schedule, command)."""
    guide = GUIDE.read_text(encoding="utf-8")
    (block,) = re.findall(r"```crontab\n(.*?)```", guide, flags=re.S)
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
            jobs.append((match.group("when").strip(), match.group("command")))
    return env, jobs


def units() -> dict[str, dict[str, list[str]]]:
    """The guide's systemd units: section -> its lines, per unit (by the section
    that makes it a service or a timer)."""
    guide = GUIDE.read_text(encoding="utf-8")
    found: dict[str, dict[str, list[str]]] = {}
    for block in re.findall(r"```ini\n(.*?)```", guide, flags=re.S):
        sections: dict[str, list[str]] = {}
        current = ""
        for line in block.splitlines():
            if re.fullmatch(r"\[\w+\]", line):
                current = line[1:-1]
                sections[current] = []
            elif line.strip():
                sections[current].append(line)
        kind = "timer" if "Timer" in sections else "service" if "Service" in sections else ""
        assert kind, f"a unit that is neither a service nor a timer: {block}"
        found[kind] = sections
    return found


def _settings(lines: list[str]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in lines:
        key, value = line.split("=", 1)
        values.setdefault(key, []).append(value)
    return values


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    from aiosmtpd.controller import Controller

    box = Inbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    box.port = port  # type: ignore[attr-defined]
    try:
        yield box
    finally:
        controller.stop()


def _run_as_written(command: str, env: dict[str, str], data_dir: Path, today: str):
    """Run ``command`` as cron (or systemd) would, with the test's paths and ``today``."""
    township = Path(sys.executable).parent / "township"
    assert township.exists()
    mine = command.replace(INSTALLED, str(township)).replace(DATA, str(data_dir))
    assert mine != command
    return subprocess.run(
        ["/bin/sh", "-c", mine],
        env={**env, "PATH": CRON_PATH, "HOME": str(data_dir), "TOWNSHIP_TODAY": today},
        capture_output=True,
        text=True,
        timeout=60,
    )


# -- the crontab -------------------------------------------------------------------


def test_the_crontab_runs_every_day_at_7_30_beijing_time_and_mails_errors() -> None:
    env, jobs = crontab()
    assert env.get("CRON_TZ") == "Asia/Shanghai" and "@" in env.get("MAILTO", "")
    assert jobs
    for when, command in jobs:
        assert when == "30 7 * * *"
        assert command.startswith(INSTALLED + " ")
        assert "--workdays-only" in command.split()


@pytest.mark.parametrize("today", [HOLIDAY, SUNDAY])
def test_the_crontab_job_does_nothing_on_a_rest_day(
    run: Invoke, data_dir: Path, inbox: Inbox, today: str
) -> None:
    env, jobs = crontab()
    seed(run)  # two web inquiries of February: long overdue by October
    write_config(data_dir, inbox.port)  # type: ignore[attr-defined]
    for _, command in jobs:
        result = _run_as_written(command, env, data_dir, today)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "" and result.stderr == ""  # cron mails nothing
    assert inbox.messages == []


def test_the_crontab_job_mails_on_a_make_up_saturday(
    run: Invoke, data_dir: Path, inbox: Inbox
) -> None:
    env, jobs = crontab()
    seed(run)
    write_config(data_dir, inbox.port)  # type: ignore[attr-defined]
    for _, command in jobs:
        result = _run_as_written(command, env, data_dir, MAKE_UP_SATURDAY)
        # success is silent: cron would mail MAILTO nothing
        assert result.returncode == 0, result.stderr
        assert result.stdout == "" and result.stderr == ""
    (whole,) = inbox.to("jiwei@example.org")
    assert "2026-10-10" in str(whole["Subject"]) and "逾期 2 项" in str(whole["Subject"])
    assert inbox.to("mzb@example.org") and inbox.to("dzb@example.org")


def test_without_the_full_path_cron_finds_no_township() -> None:
    # What the old README line did: cron's PATH lacks the virtualenv.
    result = subprocess.run(
        ["/bin/sh", "-c", "township --help"],
        env={"PATH": CRON_PATH},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 127


# -- the systemd timer -------------------------------------------------------------


def test_the_systemd_timer_fires_at_7_30_beijing_time_every_day() -> None:
    found = units()
    timer = _settings(found["timer"]["Timer"])
    assert timer["OnCalendar"] == ["*-*-* 07:30 Asia/Shanghai"]
    assert _settings(found["timer"]["Install"])["WantedBy"] == ["timers.target"]
    service = _settings(found["service"]["Service"])
    assert service["Type"] == ["oneshot"]
    (command,) = service["ExecStart"]
    assert command.startswith(INSTALLED + " ") and "--workdays-only" in command.split()
    # The same job as the crontab's.
    assert [c for _, c in crontab()[1]] == [command]


@pytest.mark.parametrize(("today", "sent"), [(HOLIDAY, False), (MAKE_UP_SATURDAY, True)])
def test_the_systemd_service_runs_as_written(
    run: Invoke, data_dir: Path, inbox: Inbox, today: str, sent: bool
) -> None:
    service = _settings(units()["service"]["Service"])
    env = dict(e.split("=", 1) for e in service.get("Environment", []))
    seed(run)
    write_config(data_dir, inbox.port)  # type: ignore[attr-defined]
    result = _run_as_written(service["ExecStart"][0], env, data_dir, today)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert bool(inbox.to("jiwei@example.org")) is sent


# -- --workdays-only itself (in-process) ---------------------------------------------
# The 2026 Spring Festival (see tests/test_report.py): 02-15 to 02-23 off,
# Saturdays 02-14 and 02-28 make-up working days; Sunday 03-01 a rest day,
# Monday 03-02 a working day.


def test_overdue_workdays_only_is_silent_on_a_rest_day(run: Invoke, store) -> None:
    from test_report import seed_holiday_set

    seed_holiday_set(store)
    plain = run("overdue", "--as-of", "2026-03-02")
    assert plain.exit_code == 0 and "CASE-2026-0001" in plain.output
    # On a working day the option changes nothing.
    same = run("overdue", "--workdays-only", "--as-of", "2026-03-02")
    assert (same.exit_code, same.output) == (0, plain.output)
    # A rest day: nothing printed and exit 0, even with --exit-code and
    # something overdue; the day is --as-of when given, else today.
    for args, today in (
        (("--as-of", "2026-03-01"), "2026-03-02"),  # a Sunday
        ((), "2026-02-17"),  # 春节
        ((), "2026-03-01"),
    ):
        result = run("overdue", "--workdays-only", "--exit-code", *args, today=today)
        assert (result.exit_code, result.output) == (0, ""), (args, today)
    # A make-up Saturday is a working day: the report is printed.
    saturday = run("overdue", "--workdays-only", today="2026-02-28")
    assert saturday.exit_code == 0
    assert saturday.output.startswith("某某镇人民政府 逾期与临期事项 2026-02-28")
    # --as-of a working day on a rest day's morning: the report of that day.
    given = run("overdue", "--workdays-only", "--as-of", "2026-03-02", today="2026-03-01")
    assert given.output == plain.output


def test_mail_workdays_only_sends_nothing_on_a_rest_day(run: Invoke, data_dir: Path) -> None:
    seed(run)
    write_config(data_dir, free_port())  # nobody listens: a send would fail (exit 3)
    for today in ("2026-02-17", "2026-03-01"):
        result = run("mail", "--workdays-only", "--always", today=today)
        assert (result.exit_code, result.output) == (0, ""), today
    result = run("mail", "--workdays-only", "--always", "--as-of", "2026-03-01", today="2026-03-02")
    assert (result.exit_code, result.output) == (0, "")
    # On the make-up Saturday the message is written (--dry-run) as without the option.
    saturday = run("mail", "--workdays-only", "--dry-run", today="2026-02-28")
    assert saturday.exit_code == 0
    assert "Subject:" in saturday.output and "INQ-2026-0001" in saturday.output
