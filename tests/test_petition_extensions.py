"""Petition extensions: as often as the town head consents, 30 days in all at most.

机关效能建设制度·限时办结制 5: 受理旳信访事项自受理之日起60日办结，情况复杂旳，经镇长
同意，能够合适延长办理期限，但延长久限不得超出30日. The text caps the total of the
extensions, not their number.

Every due date is checked against an independent day-by-day count over
``chinese_calendar`` (calendar days, 日): walk N days one at a time from the
event, then on to the first working day; each extension counts on from the
due date it extends. The reference shares no code with ``township``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import chinese_calendar
import pytest
from conftest import CLERK, Invoke, d, take

from township.calendar import WorkCalendar
from township.config import Config
from township.errors import BadInput, StepOutOfOrder
from township.kinds.petition import SPEC, extend_petition, extensions_of
from township.steps.machine import Env, deadlines
from township.storage.store import Store

ONE = dt.timedelta(days=1)
ENV = Env(WorkCalendar(), {}, Config())
RULE = "petition-conclusion"


def reference_due(accepted: dt.date, extensions: list[int]) -> dt.date:
    """60 calendar days from acceptance, then each extension, each end moved to a working day."""
    day = accepted
    for n in [60, *extensions]:
        for _ in range(n):
            day += ONE
        while not chinese_calendar.is_workday(day):
            day += ONE
    return day


def accepted(store: Store, on: dt.date) -> str:
    with store.transaction(CLERK, "test") as tx:
        values = {"petitioner": "王五", "matter": "宅基地纠纷"}
        rec = take(tx, "petition", "receive", on=on, today=on, env=ENV, **values)
        take(tx, "petition", "accept", rec["id"], on=on, today=on, env=ENV)
    return rec["id"]


def extend(store: Store, rid: str, on: dt.date, days: int | None, by: str = "镇长刘某") -> dict:
    with store.transaction(CLERK, "test") as tx:
        return extend_petition(
            tx,
            rid,
            approved_by=by,
            reason="涉及多个部门，需联合调查",
            days=days,
            on=on,
            today=on,
            actor=CLERK,
            env=ENV,
        )


def due(record: dict[str, Any], today: dt.date) -> dt.date:
    return next(x.due for x in deadlines(record, ENV.calendar, today) if x.rule.id == RULE)


@pytest.mark.parametrize(
    ("accepted_on", "extensions"),
    [
        # Two: the first end inside the National Day break of 2025 (10-01..10-08),
        # the make-up working day Sat 10-11 counted like any other day.
        ("2025-08-03", [20, 10]),
        # Three: the hand count of the first case of test_three_extensions_by_hand.
        ("2026-01-05", [10, 10, 10]),
        # Ends across the Spring Festival break of 2026 (02-15..02-23; Sat 02-14
        # and Sat 02-28 are working days) and a month end.
        ("2025-12-01", [15, 15]),
        ("2026-01-31", [1, 1, 28]),
        # One, the whole ceiling, from a month end.
        ("2025-07-31", [30]),
    ],
)
def test_due_date_matches_a_day_by_day_count(
    store: Store, accepted_on: str, extensions: list[int]
) -> None:
    start = d(accepted_on)
    rid = accepted(store, start)
    approved = start + ONE  # each extension approved the day after acceptance, in time
    for n, days in enumerate(extensions, start=1):
        rec = extend(store, rid, approved, days)
        assert due(rec, approved) == reference_due(start, extensions[:n])
        assert [e["days"] for e in extensions_of(rec)] == extensions[:n]


def test_three_extensions_by_hand(store: Store) -> None:
    rid = accepted(store, d("2026-01-05"))
    # 2026-01-05 + 60 days = Fri 03-06; + 10 = Mon 03-16; + 10 = Thu 03-26;
    # + 10 = Sun 04-05, inside the 清明 break 04-04..04-06 -> Tue 2026-04-07.
    for on, expected in (("2026-03-02", "2026-03-16"), ("2026-03-16", "2026-03-26")):
        assert due(extend(store, rid, d(on), 10), d(on)) == d(expected)
    rec = extend(store, rid, d("2026-03-20"), None)  # what is left: 10
    assert due(rec, d("2026-03-20")) == d("2026-04-07")
    assert rec["extensions"][-1] == {
        "on": "2026-03-20",
        "days": 10,
        "approved_by": "镇长刘某",
        "reason": "涉及多个部门，需联合调查",
    }
    assert len(rec["extensions"]) == 3 and "extension" not in rec


def test_the_default_is_what_is_left(store: Store) -> None:
    rid = accepted(store, d("2026-01-05"))
    extend(store, rid, d("2026-03-02"), 12)
    rec = extend(store, rid, d("2026-03-02"), None)
    assert [e["days"] for e in rec["extensions"]] == [12, 18]


def test_beyond_the_ceiling_is_refused_naming_what_is_left(store: Store) -> None:
    rid = accepted(store, d("2026-01-05"))
    extend(store, rid, d("2026-03-02"), 20)
    before = store.get(rid)
    with pytest.raises(BadInput) as err:
        extend(store, rid, d("2026-03-03"), 15)
    assert "尚可延期 10 日" in err.value.message_in("zh")
    assert "10 days are left" in err.value.message_in("en")
    assert store.get(rid) == before
    extend(store, rid, d("2026-03-03"), 10)
    full = store.get(rid)
    with pytest.raises(StepOutOfOrder) as err:
        extend(store, rid, d("2026-03-04"), 1)
    assert "合计 30 日，达到上限 30 日" in err.value.message_in("zh")
    assert store.get(rid) == full


def test_no_extension_after_the_extended_period_ended(store: Store) -> None:
    rid = accepted(store, d("2026-01-05"))
    # Due Fri 03-06 + 10 days = Mon 2026-03-16; approved Tue 03-17: too late.
    extend(store, rid, d("2026-03-02"), 10)
    with pytest.raises(BadInput) as err:
        extend(store, rid, d("2026-03-17"), 5)
    assert "2026-03-16" in err.value.message_in("zh")
    # On the due date itself it is still in time.
    rec = extend(store, rid, d("2026-03-16"), 5)
    assert due(rec, d("2026-03-16")) == d("2026-03-23")  # 03-16 + 5 = Sat 03-21 -> Mon 03-23


def _make_old(store: Store, rid: str) -> None:
    """Rewrite an extended petition as the old code stored it: one ``extension`` mapping."""
    with store.transaction(CLERK, "test") as tx:
        rec = tx.get(rid)
        (rec["extension"],) = rec.pop("extensions")
        tx.update(rec)


def test_an_old_record_with_one_extension(store: Store, run: Invoke) -> None:
    rid = accepted(store, d("2026-01-05"))
    extend(store, rid, d("2026-03-02"), 25)
    _make_old(store, rid)
    old = store.get(rid)
    assert "extensions" not in old and old["extension"]["days"] == 25
    assert [e["days"] for e in extensions_of(old)] == [25]
    # show and export read it as a list of one.
    field = SPEC.field("extensions")
    assert field is not None
    assert "延期 25 日（镇长刘某 批准）" in field.display(old).zh
    table = run("petition", "show", rid, today="2026-03-02").stdout
    assert "延期 25 日（镇长刘某 批准）" in table
    data = json.loads(run("petition", "show", rid, "--format", "json", today="2026-03-02").stdout)
    assert [e["days"] for e in data["extensions"]] == [25] and "extension" not in data
    out = run("export", "petition", "--format", "json", today="2026-03-02")
    assert out.exit_code == 0, out.output
    (exported,) = [r for r in json.loads(out.stdout) if r["id"] == rid]
    assert [e["days"] for e in exported["extensions"]] == [25] and "extension" not in exported
    # The old extension counts against the ceiling: 5 are left.
    with pytest.raises(BadInput) as err:
        extend(store, rid, d("2026-03-03"), 10)
    assert "已延期 25 日" in err.value.message_in("zh") and "尚可延期 5 日" in err.value.message_in(
        "zh"
    )
    rec = extend(store, rid, d("2026-03-03"), None)
    assert [e["days"] for e in rec["extensions"]] == [25, 5] and "extension" not in rec
    # 03-06 + 25 = Tue 03-31; + 5 = Sun 04-05 -> Tue 04-07 (清明 break), as the count says.
    assert due(rec, d("2026-03-03")) == reference_due(d("2026-01-05"), [25, 5]) == d("2026-04-07")
