"""Absences and stand-ins, the library .

``absence-return`` is a fixed date: due on --to (D2) itself, never rolled off a
rest day, overdue from the next day while no return is recorded; lateness is
counted in working days after D2. Calendar facts used in the comments: the
2026 Spring Festival break is 02-15..02-23, with make-up working Saturdays
02-14 and 02-28.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CLERK, d, take

from township.calendar import WorkCalendar
from township.errors import BadInput, StepOutOfOrder
from township.kinds import absence
from township.steps.machine import Env, deadlines
from township.storage.store import Store
from township.views.report import overdue_items

ENV = Env(WorkCalendar())


def log(store: Store, start: str, end: str, on: str = "2026-02-25", **kw: Any) -> dict:
    args: dict[str, Any] = {
        "person": "王某",
        "dept": "民政办",
        "reason": "trip",
        "substitute": "李某",
        "approved_by": "副镇长 高某",
    }
    args.update(kw)
    today = args.pop("today", "2026-03-02")
    args.update({"from": d(start), "to": d(end)})
    with store.transaction(CLERK, "absence log") as tx:
        return take(tx, "absence", "log", on=d(on), today=d(today), env=ENV, **args)


def back(store: Store, rid: str, on: str, today: str = "2026-03-02") -> dict:
    with store.transaction(CLERK, "absence return") as tx:
        return take(tx, "absence", "return", rid, on=d(on), today=d(today), env=ENV)


def found(record: dict, today: str) -> tuple[str, str, int]:
    [x] = deadlines(record, WorkCalendar(), d(today))
    return x.due.isoformat(), x.state, x.workdays_late


def test_return_is_due_on_the_last_day_and_overdue_from_the_next(store: Store) -> None:
    record = log(store, "2026-02-26", "2026-02-27")
    assert found(record, "2026-02-27") == ("2026-02-27", "open", 0)
    # Sat 02-28 is a make-up working day: 1 working day late.
    assert found(record, "2026-02-28") == ("2026-02-27", "overdue", 1)
    # Mon 03-02: 02-28 and 03-02, 2 working days late.
    assert found(record, "2026-03-02") == ("2026-02-27", "overdue", 2)
    [item] = overdue_items([record], WorkCalendar(), d("2026-03-02"))
    assert (item.rule.id, item.state, item.workdays_late, item.person) == (
        "absence-return",
        "overdue",
        2,
        "王某",
    )


def test_a_last_day_on_a_rest_day_does_not_roll(store: Store) -> None:
    # Away until Sun 2026-02-22, inside the Spring Festival break: due that very
    # day (a fixed date), overdue on 02-23 (still a rest day: 0 working days
    # late), 1 working day late on Tue 02-24.
    record = log(store, "2026-02-12", "2026-02-22", on="2026-02-11", today="2026-02-24")
    assert found(record, "2026-02-22") == ("2026-02-22", "open", 0)
    assert found(record, "2026-02-23")[:2] == ("2026-02-22", "overdue")
    assert found(record, "2026-02-24") == ("2026-02-22", "overdue", 1)


def test_return_on_time_early_or_late(store: Store) -> None:
    on_time = log(store, "2026-02-26", "2026-02-27")
    assert found(back(store, on_time["id"], "2026-02-27"), "2026-03-02")[1] == "met"
    early = log(store, "2026-02-26", "2026-02-27")
    assert found(back(store, early["id"], "2026-02-26"), "2026-03-02")[1] == "met"
    late = log(store, "2026-02-26", "2026-02-27")
    # Back Mon 03-02: 2 working days after 02-27 (02-28 make-up Saturday, 03-02).
    assert found(back(store, late["id"], "2026-03-02"), "2026-03-02") == (
        "2026-02-27",
        "late",
        2,
    )


def test_a_return_before_the_absence_began_is_refused(store: Store, data_dir: Path) -> None:
    rid = log(store, "2026-02-26", "2026-02-27", on="2026-02-24")["id"]
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    with pytest.raises(StepOutOfOrder, match="2026-02-26"):
        back(store, rid, "2026-02-25")
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("kw", "what"),
    [
        ({"substitute": None}, "替岗人不能为空"),
        ({"substitute": "  "}, "替岗人不能为空"),
        ({"substitute": "\u200b"}, "替岗人不能为空"),
        ({"substitute": "\u3000\u200d"}, "替岗人不能为空"),
        ({"approved_by": None}, "批准领导不能为空"),
        ({"approved_by": ""}, "批准领导不能为空"),
        ({"approved_by": "\ufeff"}, "批准领导不能为空"),
        ({"substitute": "王某"}, "替岗人不能是离岗人员本人"),
        ({"approved_by": "王某"}, "批准领导不能是离岗人员本人"),
        ({"reason": "holiday"}, "离岗事由「holiday」无效"),
        ({"reason": None}, "离岗事由不能为空"),
        ({"person": " "}, "离岗人员不能为空"),
        ({"person": "\u200b"}, "离岗人员不能为空"),
        ({"dept": "\u3000"}, "站所不能为空"),
    ],
)
def test_an_absence_without_its_stand_in_or_approver_is_refused(
    store: Store, data_dir: Path, kw: dict, what: str
) -> None:
    with pytest.raises(BadInput) as caught:
        log(store, "2026-02-26", "2026-02-27", **kw)
    assert what in caught.value.message_in("zh")
    assert not (data_dir / "absences").exists()


def test_last_day_before_first_day_is_refused(store: Store, data_dir: Path) -> None:
    with pytest.raises(BadInput, match="2026-02-25"):
        log(store, "2026-02-26", "2026-02-25")
    assert not (data_dir / "absences").exists()
    # A day before 2000-01-01 is refused with the reason, naming the day.
    with pytest.raises(BadInput, match="离岗第一日 0001-01-01 早于 2000-01-01"):
        log(store, "0001-01-01", "2026-02-26")
    with pytest.raises(BadInput, match="离岗最后一日 1999-12-31 早于 2000-01-01"):
        log(store, "2026-02-26", "1999-12-31")
    assert not (data_dir / "absences").exists()
    # A one-day absence is fine.
    assert log(store, "2026-02-26", "2026-02-26")["status"] == "away"


def test_unreported_has_no_deadline_and_closes(store: Store) -> None:
    at = {"on": d("2026-03-02"), "today": d("2026-03-02"), "env": ENV}
    values = {"person": "赵某", "dept": "财政所", "note": "上班时间离岗，未安排替岗"}
    with store.transaction(CLERK, "absence unreported") as tx:
        record = take(tx, "absence", "unreported", sanction="warning", **values, **at)
    assert (record["status"], record["sanction"], record["clocks"]) == ("unreported", "warning", [])
    assert (record["from"], record["to"]) == ("2026-03-02", "2026-03-02")  # the day found
    with pytest.raises(StepOutOfOrder):
        back(store, record["id"], "2026-03-02")
    for bad, needle in [
        ({"sanction": "fine"}, "处理「fine」无效"),
        ({"note": "\u200b"}, "情况说明"),
    ]:
        with (
            store.transaction(CLERK, "absence unreported") as tx,
            pytest.raises(BadInput) as caught,
        ):
            take(tx, "absence", "unreported", **{**values, **bad}, **at)
        assert needle in caught.value.message_in("zh")


def test_away_on_a_day(store: Store) -> None:
    a = log(store, "2026-02-26", "2026-02-27")["id"]  # not back: overdue from 02-28
    b = log(store, "2026-03-02", "2026-03-04", person="赵某", dept="财政所", substitute="陈某")[
        "id"
    ]
    c = log(store, "2026-02-23", "2026-02-25", person="周某", substitute="吴某")["id"]
    back(store, c, "2026-02-25")
    away = {x.record_id: x.state for x in absence.away_on(store, d("2026-03-02"))}
    assert away == {a: "overdue", b: "away"}
    assert {x.record_id for x in absence.away_on(store, d("2026-02-24"))} == {c}
    # On the day of the return the person is back.
    assert absence.away_on(store, d("2026-02-25")) == []
    assert [x.record_id for x in absence.away_on(store, d("2026-02-26"))] == [a]
    lines = absence.report_section(store, d("2026-03-02"))
    assert len(lines) == 3 and "同岗替代" in lines[0].zh
    assert any(b in t.zh and "替岗 陈某（副镇长 高某 批准）" in t.zh for t in lines)
    assert any(a in t.zh and "逾期未返岗" in t.zh for t in lines)
    assert absence.report_section(store, d("2026-01-05")) == []


def test_absences_around_a_date(store: Store) -> None:
    near = log(store, "2026-02-26", "2026-02-27")["id"]
    far = log(store, "2026-01-05", "2026-01-06", on="2026-01-04")["id"]
    other = log(store, "2026-02-26", "2026-02-27", person="赵某")["id"]
    back(store, far, "2026-01-06")
    around = [r["id"] for r in absences_around(store, "2026-03-02")]
    assert around == [near]
    assert other not in around and far not in around
    # 7 days either side: 2026-01-13 reaches back to 01-06, the last day of ``far``.
    assert [r["id"] for r in absences_around(store, "2026-01-13")] == [far]
    assert absences_around(store, "2026-01-14") == []


def absences_around(store: Store, day: str) -> list[dict]:
    return absence.absences_around(store, "王某", d(day))
