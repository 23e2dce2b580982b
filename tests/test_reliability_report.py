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


# -- odd records: checked at the door, left out of every view, named --------------------

MAIL_TOML = """\
name = "青山镇人民政府"

[mail]
host = "127.0.0.1"
port = 25
security = "none"
from = "township@example.org"
to = ["jiwei@example.org"]
"""


def _drop(field: str) -> Any:
    return lambda r: r.pop(field)


def _set(**fields: Any) -> Any:
    return lambda r: r.update(fields)


def _event(**fields: Any) -> Any:
    return lambda r: r["events"][0].update(fields)


# (what is wrong, the change to record 2 of inquiries/2026.json, the word the warning names)
ODD = [
    ("empty", lambda r: r.clear(), "没有编号"),
    ("no id", _drop("id"), "没有编号"),
    ("id of another year", _set(id="INQ-2025-0002"), "INQ-2025-0002"),
    ("id of another kind", _set(id="CMP-2026-0002"), "CMP-2026-0002"),
    ("id of another place", _set(id="INQ-2026-0003"), "INQ-2026-0003"),
    ("id not text", _set(id=2), "没有编号"),
    ("no status", _drop("status"), "status"),
    ("no events", _drop("events"), "events"),
    ("no clocks", _drop("clocks"), "clocks"),
    ("no responsible", _drop("responsible"), "responsible"),
    ("events not a list", _set(events={"on": "2026-03-02"}), "events"),
    ("event not an object", _set(events=["log"]), "events[1]"),
    ("event without a date", _event(on=None), "events[1].on"),
    ("event date not a date", _event(on="2026-02-30"), "events[1].on"),
    ("event without action", lambda r: r["events"][0].pop("action"), "events[1].action"),
    ("clock not an object", _set(clocks=["web-reply"]), "clocks[1]"),
    ("trigger not a date", set_clock(trigger="soon"), "clocks[1].trigger"),
    ("trigger a number", set_clock(trigger=20260302), "clocks[1].trigger"),
    ("period not a number", set_clock(n="5"), "clocks[1].n"),
    ("unknown rule", set_clock(rule="no-such-rule"), "clocks[1].rule"),
    ("extensions not a list", set_clock(extensions="x"), "clocks[1].extensions"),
    ("met_on not a date", set_clock(met_on=True), "clocks[1].met_on"),
    ("status not text", _set(status=["open"]), "status"),
    ("responsible not an object", _set(responsible="民政办"), "responsible"),
    ("created not text", _set(created=1), "created"),
]

# Every view of the records, the report, stats, search, the mail and exports:
# each leaves the odd record out, prints the others and names it.
VIEWS = [
    ("overdue", "--as-of", AS_OF),
    ("inquiry", "list", "--today", AS_OF),
    ("inquiry", "list", "--today", AS_OF, "--format", "json"),
    ("inquiry", "list", "--today", AS_OF, "--limit", "1"),
    ("stats", "--year", "2026", "--today", AS_OF),
    ("stats", "--year", "2026", "--today", AS_OF, "--by", "kind"),
    ("search", "咨询"),
    ("search", "INQ"),
    ("export", "inquiry", "--format", "json", "--today", AS_OF),
    ("export", "inquiry", "--format", "csv", "--today", AS_OF),
    ("mail", "--dry-run", "--always", "--as-of", AS_OF),
]


@pytest.fixture
def three(run: Invoke, data_dir: Path) -> Path:
    # Three web inquiries logged Monday 2026-03-02, due Monday 2026-03-09 (5
    # working days: 3, 4, 5, 6, 9 March); on 2026-03-10 each is overdue by one.
    for _ in range(3):
        assert run(*LOG).exit_code == 0
    (data_dir / "township.toml").write_text(MAIL_TOML, encoding="utf-8")
    return data_dir


def _readable(args: tuple[str, ...], out: str) -> str:
    """The output as a reader sees it: a mail's text part decoded."""
    if args[0] != "mail":
        return out
    import email
    from email.policy import default

    msg = email.message_from_string(out, policy=default)
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def _no_traceback(result: Any) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


@pytest.mark.parametrize(("what", "change", "named"), ODD, ids=[o[0] for o in ODD])
def test_an_odd_record_is_left_out_of_every_view_and_named(
    run: Invoke, three: Path, what: str, change: Any, named: str
) -> None:
    poison(three, {"2": change})
    for args in VIEWS:
        result = run(*args)
        _no_traceback(result)
        assert result.exit_code == 0, (args, result.output)
        # Named with its file and position, once, on stderr...
        where = "inquiries/2026.json 第 2 条记录"
        assert result.stderr.count(where) == 1, (args, result.stderr)
        assert named in result.stderr, (args, result.stderr)
        # ...and left out: the others are there, it is not.
        out = _readable(args, result.stdout)
        shown = "\n".join(line for line in out.splitlines() if where not in line)
        if args[0] in ("inquiry", "overdue", "export", "search", "mail"):
            if "--limit" not in args:
                assert "INQ-2026-0001" in shown and "INQ-2026-0003" in shown, (args, out)
            assert "INQ-2026-0002" not in shown, (args, out)
        human = "json" not in args
        if human and (args[0] in ("overdue", "mail") or args[:2] == ("inquiry", "list")):
            assert where in out, (args, out)  # in the output too
    # audit verify names the hand edit (the record differs from the log's replay).
    result = run("audit", "verify")
    assert result.exit_code == 3 and "inquiries/2026.json" in result.stderr


@pytest.mark.parametrize(("what", "change", "named"), ODD[:12], ids=[o[0] for o in ODD[:12]])
def test_a_step_on_an_odd_record_is_refused_and_writes_nothing(
    run: Invoke, three: Path, what: str, change: Any, named: str
) -> None:
    import hashlib

    poison(three, {"2": change})

    def digests() -> dict[str, str]:
        return {
            str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(three.rglob("*"))
            if p.is_file()
        }

    before = digests()
    for args in [
        ("inquiry", "close", "INQ-2026-0002", "--result", "已答复"),
        ("amend", "INQ-2026-0002", "--set", "matter=咨询就业", "--reason", "笔误"),
        ("inquiry", "show", "INQ-2026-0002"),
        ("inquiry", "show", "INQ-2026-0002", "--reveal"),
    ]:
        result = run(*args)
        _no_traceback(result)
        assert result.exit_code == 3, (args, result.output)
        assert "inquiries/2026.json 第 2 条记录" in result.stderr, (args, result.stderr)
    assert digests() == before
    # The other records still take steps.
    assert run("inquiry", "close", "INQ-2026-0003", "--result", "已答复").exit_code == 0


def test_an_odd_absence_never_stops_the_mail_or_the_report(run: Invoke, three: Path) -> None:
    away = ("absence", "log", "--person", "周某", "--dept", "党政办", "--from", "2026-03-09")
    result = run(
        *away,
        "--to",
        "2026-03-11",
        "--reason",
        "training",
        "--substitute",
        "陈某",
        "--approved-by",
        "副镇长 高某",
        today=AS_OF,
    )
    assert result.exit_code == 0, result.output
    path = three / "absences" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["1"] = {}
    path.write_text(json.dumps(raw), encoding="utf-8")
    for args in [("mail", "--dry-run", "--as-of", AS_OF), ("overdue", "--as-of", AS_OF)]:
        result = run(*args)
        _no_traceback(result)
        assert result.exit_code == 0, (args, result.output)
        out = _readable(args, result.stdout)
        assert "absences/2026.json 第 1 条记录" in out
        assert "absences/2026.json 第 1 条记录" in result.stderr
        assert "INQ-2026-0001" in out


def test_a_record_is_of_the_kind_of_its_file(run: Invoke, data_dir: Path) -> None:
    # A complaint whose own kind field was edited is still a complaint: masked.
    register = (
        "complaint", "register", "--complainant", "张三丰", "--contact", "13812345678",
        "--against", "民政办", "--category", "1", "--summary", "低保申请拖延",
    )  # fmt: skip
    assert run(*register).exit_code == 0
    path = data_dir / "complaints" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["1"]["kind"] = "duty"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    for args in [
        ("complaint", "list", "--format", "json"),
        ("complaint", "show", "CMP-2026-0001", "--format", "json"),
        ("search", "CMP", "--format", "json"),
        ("export", "complaint", "--format", "csv"),
        ("overdue", "--as-of", "2026-06-01", "--format", "json"),
    ]:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "张三丰" not in result.stdout and "13812345678" not in result.stdout, args
    shown = json.loads(run("complaint", "show", "CMP-2026-0001", "--format", "json").stdout)
    assert shown["kind"] == "complaint" and shown["complainant"] == "张**"


def test_a_declared_field_of_the_wrong_type_is_odd(run: Invoke, data_dir: Path) -> None:
    # A petition's acceptance date (the plain step 'accept' declares it a date).
    assert run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地").exit_code == 0
    assert run("petition", "receive", "--petitioner", "赵六", "--matter", "宅基地").exit_code == 0
    path = data_dir / "petitions" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["1"]["petitioner"] = ["王五"]  # text, not a list
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    result = run("petition", "list", "--format", "json")
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == ["PET-2026-0002"]
    assert "petitions/2026.json 第 1 条记录（PET-2026-0001）" in result.stderr
    assert "petitioner" in result.stderr


def test_an_odd_duty_record_never_stops_duty_list(run: Invoke, data_dir: Path) -> None:
    for day in ("2026-02-02", "2026-03-02"):
        result = run("duty", "done", "office-meeting", "--on", day)
        assert result.exit_code == 0, result.output
    path = data_dir / "duties" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["2"] = {"id": "DUTY-2026-0002"}  # no status, events, clocks
    path.write_text(json.dumps(raw), encoding="utf-8")
    for args in [("duty", "list"), ("duty", "show", "office-meeting"), ("overdue",)]:
        result = run(*args)
        _no_traceback(result)
        assert result.exit_code == 0, (args, result.output)
        assert "duties/2026.json 第 2 条记录（DUTY-2026-0002）" in result.stderr, args


def test_an_odd_supervised_record_never_stops_the_supervision_list(
    run: Invoke, data_dir: Path
) -> None:
    receive = (
        "task", "receive", "--title", "落实农村饮水安全排查", "--from", "县人民政府办公室",
        "--type", "execute", "--dept", "村镇建设办", "--person", "刘某", "--on", "2025-09-01",
    )  # fmt: skip
    result = run(*receive, today="2025-09-30")
    assert result.exit_code == 0, result.output
    tsk = result.stdout.splitlines()[0]
    issue = ("supervision", "issue", "--record", tsk, "--reason", "超期", "--on", "2025-09-30")
    assert run(*issue, today="2025-09-30").exit_code == 0
    path = data_dir / "tasks" / "2025.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["1"]["events"] = "received"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    result = run("supervision", "list", today="2025-10-09")
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "SUP-2025-0001" in result.stdout
    assert "tasks/2025.json 第 1 条记录（TSK-2025-0001）" in result.stderr


@pytest.mark.parametrize(
    ("folder", "change", "named"),
    [
        ("absences", lambda r: r.update({"to": "下周"}), "to"),
        ("absences", lambda r: r.pop("from"), "from"),
        ("duties", lambda r: r.pop("done"), "done"),
        ("duties", lambda r: r.update({"done": 20260302}), "done"),
    ],
)
def test_a_field_the_kind_declares_is_checked_at_the_door(
    run: Invoke, data_dir: Path, folder: str, change: Any, named: str
) -> None:
    away = (
        "absence", "log", "--person", "周某", "--dept", "党政办", "--from", "2026-03-09",
        "--to", "2026-03-11", "--reason", "training", "--substitute", "陈某",
        "--approved-by", "副镇长 高某",
    )  # fmt: skip
    assert run(*away, today=AS_OF).exit_code == 0
    assert run("duty", "done", "office-meeting", "--on", "2026-03-02").exit_code == 0
    path = data_dir / folder / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw["records"]["1"])
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    readers = {
        "absences": [("overdue", "--as-of", AS_OF), ("absence", "today"), ("absence", "list")],
        "duties": [("overdue", "--as-of", AS_OF), ("duty", "list"), ("stats",)],
    }
    for args in readers[folder]:
        result = run(*args, today=AS_OF)
        _no_traceback(result)
        assert result.exit_code == 0, (args, result.output)
        assert f"{folder}/2026.json 第 1 条记录" in result.stderr, (args, result.stderr)
        assert named in result.stderr
