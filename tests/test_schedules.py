"""Importing an official holiday schedule .

Uses data/examples/calendar-2027.json: 2027 holidays 01-01, 02-05..02-12,
04-05, 05-01..05-05, 06-09, 09-15, 10-01..10-07; make-up working days Sat
02-20, Sun 09-26 and Sat 10-09.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke, d

from township.calendar import WorkCalendar
from township.errors import BadInput
from township.steps.machine import add_event, new_record, start_clock
from township.steps.schedules import parse_schedule
from township.storage import audit
from township.storage.store import Store

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "examples" / "calendar-2027.json"


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def write(tmp_path: Path, content: Any, name: str = "cal.json") -> Path:
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def create_inquiry(store: Store, trigger: str, n: int = 5, met_on: str | None = None) -> str:
    """A record with a web-reply clock (5 working days) started on ``trigger``."""
    with store.transaction("王芳", "test") as tx:

        def build(rid: str) -> dict[str, Any]:
            rec = new_record("inquiry", rid, actor="王芳", now=tx.now, status="open", name="张三")
            add_event(rec, on=d(trigger), actor="王芳", now=tx.now, action="log")
            clock = start_clock(rec, "web-reply", d(trigger), n)
            clock["met_on"] = met_on
            return rec

        return tx.create("inquiry", 2026, build)["id"]


# -- the library -------------------------------------------------------------


def test_example_parses() -> None:
    sched = parse_schedule(example(), "example")
    assert sched.year == 2027
    assert d("2027-02-12") in sched.holidays
    assert sched.workdays == {d("2027-02-20"), d("2027-09-26"), d("2027-10-09")}


def test_imported_year_changes_due_dates() -> None:
    sched = parse_schedule(example())
    provisional, official = WorkCalendar(), WorkCalendar({2027: sched})
    # Provisional: Thu 2027-02-04 + 5: 02-05..02-08 rest; Tue 02-09 = 1 ..
    # Fri 02-12 = 4; weekend; Mon 02-15 = 5.
    assert provisional.add(d("2027-02-04"), 5).date == d("2027-02-15")
    # Official: 02-05..02-12 rest, 02-13/14 weekend; Mon 02-15 = 1 ..
    # Fri 02-19 = 5.
    due = official.add(d("2027-02-04"), 5)
    assert (due.date, due.provisional) == (d("2027-02-19"), False)
    # Sat 02-20 is a make-up working day: Fri 02-19 + 1 = Sat 02-20.
    assert official.add(d("2027-02-19"), 1).date == d("2027-02-20")
    # The reference example across the year end: 2026-12-20 + 10 = 2027-01-04,
    # now official (2027-01-01 is a holiday in the file too).
    assert official.add(d("2026-12-20"), 10) == type(due)(d("2027-01-04"), False)
    assert official.source(2027) == ("imported", sched.source)


def test_imported_holidays_are_named() -> None:
    official = WorkCalendar({2027: parse_schedule(example())})
    info = official.day(d("2027-02-10"))  # inside the Spring Festival block
    assert (info.workday, info.reason, info.label.zh, info.provisional) == (
        False,
        "holiday",
        "春节",
        False,
    )
    assert official.day(d("2027-10-06")).label.zh == "国庆节"
    assert official.day(d("2027-05-04")).label.zh == "劳动节"
    info = official.day(d("2027-09-26"))
    assert (info.workday, info.reason) == (True, "makeup")


def _mutated(**changes: Any) -> dict[str, Any]:
    raw = copy.deepcopy(example())
    raw.update(changes)
    return raw


def _without(key: str) -> dict[str, Any]:
    raw = example()
    del raw[key]
    return raw


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ([1, 2], "JSON object"),
        (_without("workdays"), "'workdays'"),
        (_without("year"), "'year'"),
        (_mutated(year="2027"), "year"),
        (_mutated(year=2100), "2100"),
        (_mutated(source=" "), "source"),
        (_mutated(holidays="2027-01-01"), "holidays"),
        (_mutated(holidays=[*example()["holidays"], "2027-02-30"]), "2027-02-30"),
        (_mutated(holidays=[*example()["holidays"], 20270301]), "20270301"),
        (_mutated(holidays=[*example()["holidays"], "2026-12-31"]), "2026-12-31"),
        (_mutated(workdays=["2028-01-08"]), "2028-01-08"),
        (_mutated(workdays=["2027-02-20", "2027-02-06"]), "2027-02-06"),  # in both lists
        (_mutated(workdays=["2027-02-22"]), "2027-02-22"),  # a Monday
        (
            _mutated(holidays=[h for h in example()["holidays"] if h != "2027-06-09"]),
            "2027-06-09",
        ),
    ],
)
def test_invalid_schedules_are_refused(raw: Any, named: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_schedule(raw, "cal.json")
    assert named in err.value.message_in("en")


# -- the command -----------------------------------------------------------------


def test_import_makes_2027_official(run: Invoke, tmp_path: Path) -> None:
    before = run("calendar", "is-workday", "2027-02-09", "--format", "json")
    assert json.loads(before.stdout) == {
        "date": "2027-02-09",
        "workday": True,
        "reason": "weekday",
        "provisional": True,
    }
    due = json.loads(run("calendar", "add", "2027-02-04", "5", "--format", "json").stdout)
    assert (due["due"], due["provisional"]) == ("2027-02-15", True)

    result = run("calendar", "import", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "2027" in result.stdout

    after = run("calendar", "is-workday", "2027-02-09", "--format", "json")
    assert json.loads(after.stdout) == {
        "date": "2027-02-09",
        "workday": False,
        "reason": "春节",
        "provisional": False,
    }
    due = json.loads(run("calendar", "add", "2027-02-04", "5", "--format", "json").stdout)
    assert (due["due"], due["provisional"]) == ("2027-02-19", False)
    status = json.loads(run("calendar", "status", "--format", "json").stdout)
    assert status[-1] == {"year": 2027, "source": "imported", "detail": example()["source"]}
    assert "已导入" in run("calendar", "status").stdout
    grid = run("calendar", "show", "2027-02").stdout
    assert "*" not in grid.split("休 =")[0]


def test_import_moves_open_deadlines_and_is_audited(
    run: Invoke, store: Store, tmp_path: Path
) -> None:
    moving = create_inquiry(store, "2027-02-04")  # due 02-15 provisionally
    met = create_inquiry(store, "2027-02-04", met_on="2027-02-08")  # met: not listed
    still = create_inquiry(store, "2026-03-02")  # all in 2026: unaffected

    result = run("calendar", "import", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["replaced"] is False
    assert data["moved"] == [
        {"record": moving, "rule": "web-reply", "old_due": "2027-02-15", "new_due": "2027-02-19"}
    ]

    # Re-import with 02-12 worked: Fri 02-12 = 1, 02-15 .. Thu 02-18 = 2..5.
    changed = example()
    changed["holidays"].remove("2027-02-12")
    changed["source"] = "更正后的通知"
    result = run("calendar", "import", str(write(tmp_path, changed)), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["replaced"] is True
    assert data["moved"] == [
        {"record": moving, "rule": "web-reply", "old_due": "2027-02-19", "new_due": "2027-02-18"}
    ]

    entries = [e for e in audit.load_entries(store.audit_path) if e["id"] == "calendar-2027"]
    assert len(entries) == 2
    first, second = entries
    assert first["actor"] == "王芳" and first["command"] == "calendar import"
    assert first["change"] == "create"
    assert first["moved"][0]["record"] == moving
    assert second["change"] == "update"
    assert second["before"]["source"] == example()["source"]
    assert second["after"]["source"] == "更正后的通知"
    assert "2027-02-12" in second["before"]["holidays"]
    assert "2027-02-12" not in second["after"]["holidays"]
    assert second["moved"][0]["new_due"] == "2027-02-18"
    assert {met, still}.isdisjoint({m["record"] for e in entries for m in e["moved"]})

    assert store.schedules()[2027].source == "更正后的通知"
    assert run("audit", "verify").exit_code == 0
    log = run("audit", "log", "calendar-2027", "--format", "json")
    assert [e["seq"] for e in json.loads(log.stdout)] == [e["seq"] for e in entries]


def test_import_table_output_lists_moved(run: Invoke, store: Store) -> None:
    moving = create_inquiry(store, "2027-02-04")
    result = run("calendar", "import", str(EXAMPLE))
    assert result.exit_code == 0
    assert moving in result.stdout
    assert "2027-02-19" in result.stdout


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("{not json", "JSON"),
        ("", "JSON"),
        (_without("holidays"), "holidays"),
        (_mutated(holidays=[*example()["holidays"], "2026-12-31"]), "2026-12-31"),
        (_mutated(workdays=["2027-02-20", "2027-02-06"]), "2027-02-06"),
        (_mutated(workdays=["2027-02-22"]), "2027-02-22"),
        (_mutated(holidays=[h for h in example()["holidays"] if h != "2027-09-15"]), "2027-09-15"),
    ],
)
def test_import_refuses_invalid_files(
    run: Invoke, tmp_path: Path, data_dir: Path, content: Any, named: str
) -> None:
    path = write(tmp_path, content)
    for lang in ("zh", "en"):
        result = run("calendar", "import", str(path), lang=lang)
        assert result.exit_code == 2, result.output
        assert named in result.stderr
        assert str(path) in result.stderr
        assert result.stdout == ""
    assert not (data_dir / "calendar.json").exists()
    assert not (data_dir / "audit.jsonl").exists()


def test_missing_statutory_day_message_names_the_holiday(run: Invoke, tmp_path: Path) -> None:
    raw = _mutated(holidays=[h for h in example()["holidays"] if h != "2027-06-09"])
    path = write(tmp_path, raw)
    assert "2027-06-09（端午节）" in run("calendar", "import", str(path)).stderr
    en = run("calendar", "import", str(path), lang="en").stderr
    assert "2027-06-09 (Dragon Boat Festival)" in en


def test_import_missing_file(run: Invoke, tmp_path: Path) -> None:
    result = run("calendar", "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "nope.json" in result.stderr


def test_import_provisional_flags_everywhere(run: Invoke) -> None:
    """After the import, 2027 periods are official; 2028 stays provisional."""
    assert run("calendar", "import", str(EXAMPLE)).exit_code == 0
    data = json.loads(run("calendar", "add", "2027-12-20", "10", "--format", "json").stdout)
    # Mon 2027-12-20: 12-21..12-24 = 1..4, 12-27..12-31 = 5..9, 2028-01-01
    # Sat (元旦), 01-02 Sun, Mon 2028-01-03 = 10; 2028 is provisional.
    assert (data["due"], data["provisional"]) == ("2028-01-03", True)


def test_example_dates_are_what_the_comments_say() -> None:
    # Guard the weekday facts the derivations above rely on.
    assert d("2027-02-04").weekday() == 3  # Thursday
    assert d("2027-02-20").weekday() == 5  # Saturday
    assert d("2027-09-26").weekday() == 6  # Sunday
    assert d("2027-10-09").weekday() == 5  # Saturday
    assert d("2027-12-20").weekday() == 0  # Monday
    assert dt.date(2027, 2, 22).weekday() == 0  # Monday
