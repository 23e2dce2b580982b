"""``township init --demo``: a fictional data set the report can be shown on."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke

# 2026-03-02 is a Monday after the Spring Festival break (02-15..02-23 off,
# 02-28 a make-up Saturday), so "due today" is possible.
TODAY = "2026-03-02"


def test_demo_fills_an_empty_directory_and_verifies(run: Invoke, data_dir: Path) -> None:
    result = run("init", "--demo", "--size", "300", today=TODAY)
    assert result.exit_code == 0, result.output
    assert "300" in result.stdout and "虚构" in result.stdout
    from township.book.registry import KINDS

    records = []
    for kind in KINDS:  # every registered kind's records, as archived
        exported = run("export", kind, "--format", "json", today=TODAY)
        assert exported.exit_code == 0, exported.output
        records += json.loads(exported.stdout)
    assert len(records) == 300
    # Every kind with a demo of its own takes part.
    assert {r["kind"] for r in records} == set(KINDS)
    assert run("audit", "verify").exit_code == 0
    # Spread around today: the oldest record is three months back or more (a small
    # set spans about 120 days), none is after today.
    first_steps = sorted(r["events"][0]["on"] for r in records)
    assert first_steps[0] <= "2025-12-02" and first_steps[-1] <= TODAY


def test_demo_people_are_fictional(run: Invoke, data_dir: Path) -> None:
    run("init", "--demo", "--size", "50", today=TODAY)
    raw = json.loads((data_dir / "petitions" / "2026.json").read_text(encoding="utf-8"))
    for record in raw["records"].values():
        assert "某" in record["petitioner"]
        assert record["contact"].startswith("1380000")
    assert "虚构" in (data_dir / "township.toml").read_text(encoding="utf-8")


def test_demo_report_has_every_state(run: Invoke) -> None:
    run("init", "--demo", "--size", "100", today=TODAY)
    report = run("overdue", "--format", "json", today=TODAY)
    assert report.exit_code == 0, report.output
    items = json.loads(report.stdout)
    states = {i["state"] for i in items}
    assert {"overdue", "due-today", "due-soon"} <= states
    assert any(i["serious"] for i in items)
    assert run("overdue", "--exit-code", today=TODAY).exit_code == 1


def test_demo_refuses_a_directory_with_records(run: Invoke) -> None:
    assert run("inquiry", "log", "--name", "张三", "--matter", "咨询").exit_code == 0
    result = run("init", "--demo", "--size", "20")
    assert result.exit_code == 2
    assert "已有记录" in result.stderr
    assert "already holds records" in run("init", "--demo", "--lang", "en").stderr


def test_demo_size_is_bounded(run: Invoke) -> None:
    assert run("init", "--demo", "--size", "5").exit_code == 2


def test_running_the_quickstart_twice_changes_nothing(run: Invoke, data_dir: Path) -> None:
    assert run("init", "--demo", "--size", "30", today=TODAY).exit_code == 0
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    again = run("init", "--demo", "--size", "30", today=TODAY)
    assert again.exit_code == 0, again.output
    assert "已有演示数据" in again.stdout
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before


def test_refused_demo_leaves_a_real_directory_without_a_demo_configuration(
    run: Invoke, data_dir: Path
) -> None:
    # Records but no township.toml: --demo must not write the demo's name into it.
    assert run("inquiry", "log", "--name", "张三", "--matter", "咨询").exit_code == 0
    assert run("init", "--demo", "--size", "20").exit_code == 2
    assert not (data_dir / "township.toml").exists()
