"""One damaged or odd record never stops the report, a list, stats or an export .

The others are printed, and the record is named in a warning line of the
output and on stderr; the library returns the warnings as data.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke, d

from township.calendar import WorkCalendar, check_supported
from township.errors import BadInput, OutOfRange, Skipped
from township.views.export import export_records
from township.views.report import overdue_items
from township.views.stats import compute_stats, period_of

LOG = ("inquiry", "log", "--name", "张三", "--matter", "咨询低保", "--channel", "web")
AS_OF = "2026-03-10"


def poison(data_dir: Path, changes: dict[str, Any]) -> None:
    """Edit records of inquiries/2026.json by hand: serial -> function(record)."""
    path = data_dir / "inquiries" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    for serial, change in changes.items():
        change(raw["records"][serial])
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")


def set_clock(**fields: Any) -> Any:
    def change(record: dict[str, Any]) -> None:
        record["clocks"][0].update(fields)

    return change


@pytest.fixture
def poisoned(run: Invoke, data_dir: Path) -> Path:
    # Four web inquiries logged Monday 2026-03-02: a 5-working-day reply each,
    # due Monday 2026-03-09 (3, 4, 5, 6 and 9 March are working days). On
    # 2026-03-10 the good one (0004) is overdue by 1 working day.
    for _ in range(4):
        assert run(*LOG).exit_code == 0
    poison(
        data_dir,
        {
            "1": set_clock(trigger="1899-12-31"),
            "2": set_clock(n=30000),
            "3": lambda r: r.update(clocks="not a list of clocks"),
        },
    )
    return data_dir


@pytest.mark.parametrize(
    "args",
    [
        ("overdue", "--as-of", AS_OF),
        ("inquiry", "list", "--today", AS_OF),
        ("stats", "--year", "2026", "--today", AS_OF),
        ("export", "inquiry", "--format", "json", "--today", AS_OF),
    ],
)
def test_odd_records_are_skipped_and_named(run: Invoke, poisoned: Path, args: tuple) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    for rid in ("INQ-2026-0001", "INQ-2026-0002"):  # deadlines that cannot be counted
        assert f"记录 {rid} 已跳过" in result.stderr, result.stderr
    # Clocks that are not a list: odd at the door, named with its file and position.
    odd = "inquiries/2026.json 第 3 条记录（INQ-2026-0003）格式不对"
    assert odd in result.stderr and "clocks" in result.stderr
    assert result.stderr.count(odd) == 1  # named once
    if args[0] in ("overdue", "inquiry"):
        assert "INQ-2026-0004" in result.stdout
        assert "警告：记录 INQ-2026-0001 已跳过" in result.stdout  # in the output too
        assert odd in result.stdout


def test_overdue_json_keeps_its_shape(run: Invoke, poisoned: Path) -> None:
    result = run("overdue", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [(i["id"], i["due"], i["workdays_late"]) for i in items] == [
        ("INQ-2026-0004", "2026-03-09", 1)
    ]
    assert "INQ-2026-0002" in result.stderr


def test_export_archives_records_with_uncountable_deadlines_not_odd_ones(
    run: Invoke, poisoned: Path
) -> None:
    # 0001 and 0002 are well formed (their dates only fall outside the calendar):
    # archived without deadlines. 0003 is odd (clocks not a list): left out, named.
    result = run("export", "inquiry", "--format", "json", "--today", AS_OF)
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert ids == ["INQ-2026-0001", "INQ-2026-0002", "INQ-2026-0004"]
    assert "INQ-2026-0003" in result.stderr


def test_show_prints_a_damaged_record_without_its_deadlines(run: Invoke, poisoned: Path) -> None:
    result = run("inquiry", "show", "INQ-2026-0001", "--today", AS_OF)
    assert result.exit_code == 0, result.output
    assert "咨询低保" in result.stdout and "INQ-2026-0001" in result.stderr


def test_stats_counts_only_the_good_record(run: Invoke, poisoned: Path) -> None:
    result = run("stats", "--year", "2026", "--today", AS_OF, "--format", "json")
    assert result.exit_code == 0
    # The one readable deadline (0004, due 2026-03-09, open on 2026-03-10): overdue.
    assert json.loads(result.stdout)["total"]["overdue"] == 1


# -- the library --------------------------------------------------------------------


def record(rid: str, trigger: str, n: int) -> dict[str, Any]:
    clock = {"rule": "web-reply", "trigger": trigger, "n": n, "extensions": [], "met_on": None}
    return {"id": rid, "kind": "inquiry", "clocks": [clock], "responsible": {"dept": "民政办"}}


def test_library_returns_the_warnings_as_data(calendar: WorkCalendar) -> None:
    records = [record("INQ-2026-0001", "1899-12-31", 5), record("INQ-2026-0002", "2026-03-02", 5)]
    skipped: list[Skipped] = []
    items = overdue_items(records, calendar, d(AS_OF), skipped=skipped)
    assert [i.record_id for i in items] == ["INQ-2026-0002"]
    assert [s.record_id for s in skipped] == ["INQ-2026-0001"]
    assert "1899-12-31" in skipped[0].message.en
    assert skipped[0].as_json()["id"] == "INQ-2026-0001"
    # Without a list to collect them, the error is raised as before.
    with pytest.raises(OutOfRange):
        overdue_items(records, calendar, d(AS_OF))
    found: list[Skipped] = []
    stats = compute_stats(records, calendar, period_of(2026), d(AS_OF), skipped=found)
    assert stats.total.overdue == 1 and len(found) == 1
    exported: list[Skipped] = []
    out = export_records(records, calendar, d(AS_OF), skipped=exported)
    assert len(out) == 2 and out[0]["deadlines"] == [] and len(exported) == 1


@pytest.mark.parametrize("day", [dt.date(1899, 12, 31), dt.date(2100, 1, 1), dt.date(1, 1, 1)])
def test_calendar_raises_out_of_range(calendar: WorkCalendar, day: dt.date) -> None:
    with pytest.raises(OutOfRange):
        check_supported(day)
    with pytest.raises(OutOfRange):
        calendar.add(day, 1)
    assert issubclass(OutOfRange, BadInput)  # exit 2 when it reaches the command line


def test_period_past_the_calendar_is_out_of_range(calendar: WorkCalendar) -> None:
    with pytest.raises(OutOfRange):
        calendar.add(d("2026-03-02"), 30000)
    with pytest.raises(OutOfRange):
        calendar.add(d("2026-03-02"), 10**9, "day")


@pytest.mark.parametrize("year", ["0", "-1", "1900", "2100", "99999"])
def test_stats_year_outside_the_calendar_is_exit_2(run: Invoke, year: str) -> None:
    result = run("stats", "--year", year)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
