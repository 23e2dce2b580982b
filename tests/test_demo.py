"""``township init --demo``: a fictional data set the report can be shown on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


# -- the demo is generic: each kind's module declares its part ----------------------


def _build(data_dir: Path, size: int = 120) -> dict[str, bytes]:
    """A demo built into ``data_dir`` with a pinned clock; every file's bytes."""
    import datetime as dt

    from township.demo import build_demo, prepare_data_dir
    from township.storage.store import Store

    store = Store(data_dir, lock_timeout=5, clock=lambda: "2026-03-02T09:00:00+08:00")
    today = dt.date.fromisoformat(TODAY)
    _created, config = prepare_data_dir(store, today, demo=True)
    build_demo(store, today=today, size=size, config=config, actor="演示")
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*.json*"))
        if p.is_file()
    }


def _without_log_status(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` but the audit anchor's checkpoint of the log's file status.

    The checkpoint keeps the log's inode, size and change times (see
    ``township.storage.audit``): they belong to the file on this disk, not to
    the demo, and differ between two directories however alike their contents.
    """
    anchor = json.loads(files["audit-head.json"])
    assert anchor["verified"].pop("stat")  # the checkpoint is kept...
    return {**files, "audit-head.json": json.dumps(anchor, sort_keys=True).encode()}


def test_the_demo_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    first, second = _build(tmp_path / "a"), _build(tmp_path / "b")
    # ...and everything else, records, log and anchor alike, is byte for byte the same.
    assert _without_log_status(first) == _without_log_status(second)
    assert any(name.startswith("inquiries/") for name in first)
    assert _build(tmp_path / "c", size=121) != first  # another size, another seed


# A kind of the test's own, declared here: its module (this one) joins the demo
# with ``DEMO_SHARE`` and ``demo``; township/demo.py is not touched.
TOY_SPEC_NAME = "toydemo"


def _toy_spec() -> object:
    from township.book.registry import Input, KindSpec, Step
    from township.i18n import Text

    return KindSpec(
        TOY_SPEC_NAME,
        statuses={"open": Text("办理中", "open")},
        steps=(Step("open", Text("登记", "opened"), (), "open", inputs=(Input("matter"),)),),
        fields=(),
    )


DEMO_SHARE = 0.5


def demo(maker: object, on: object, finish: bool) -> None:
    from township.book.registry import spec
    from township.steps.machine import Machine

    at = {"on": on, "today": on, "actor": "演示", "env": maker.env}  # type: ignore[attr-defined]
    values = {"matter": "测试"}
    Machine(spec(TOY_SPEC_NAME)).take(maker.tx, "open", None, values, **at)  # type: ignore[attr-defined]
    maker.count(TOY_SPEC_NAME, on)  # type: ignore[attr-defined]


def test_a_kind_joins_the_demo_by_declaring_it_in_its_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from township.book import registry
    from township.demo import _Maker
    from township.i18n import Text

    saved = (dict(registry.KINDS), dict(registry.BY_PREFIX), dict(registry._SPECS))
    toy = registry.Kind(TOY_SPEC_NAME, "TOYD", "toydemos", Text("测试", "toy"), __name__)
    registry.register(toy, _toy_spec())  # type: ignore[arg-type]

    def not_this(self: object, on: object, finish: bool) -> None:
        raise AssertionError("the kind module's demo wins over a _Maker method")

    monkeypatch.setattr(_Maker, TOY_SPEC_NAME, not_this, raising=False)
    try:
        files = _build(tmp_path / "toy", size=60)
    finally:
        for target, old in zip(
            (registry.KINDS, registry.BY_PREFIX, registry._SPECS), saved, strict=True
        ):
            target.clear()
            target.update(old)
    assert any(name.startswith("toydemos/") for name in files)
