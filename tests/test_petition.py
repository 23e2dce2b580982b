"""township.kinds.petition: receive, accept, decline, extend, conclude .

Petition periods are calendar days (日): E + N, moved to the next working day
when that is a rest day. Every expected date is derived by hand in a comment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import CLERK, d, take

from township.calendar import WorkCalendar
from township.config import Config
from township.errors import BadInput, StepOutOfOrder
from township.kinds.petition import extend_petition
from township.steps.machine import Env, deadlines
from township.storage.store import Store

TODAY = d("2026-06-30")


def _env(config: Config | None = None, calendar: WorkCalendar | None = None) -> Env:
    config = config or Config()
    return Env(calendar or WorkCalendar(), dict(config.rules), config)


def receive(store: Store, on: str, **changes: Any) -> dict:
    args: dict[str, Any] = {
        "petitioner": "王五",
        "matter": "宅基地纠纷",
        "contact": "13912345678",
        "on": d(on),
        "today": TODAY,
        "actor": CLERK,
        "env": _env(changes.pop("config", None)),
    }
    args.update(changes)
    with store.transaction(CLERK, "test") as tx:
        return take(tx, "petition", "receive", **args)


def accept(store: Store, rid: str, on: str, config: Config | None = None) -> dict:
    with store.transaction(CLERK, "test") as tx:
        return take(
            tx, "petition", "accept", rid, on=d(on), today=TODAY, actor=CLERK, env=_env(config)
        )


def extend(
    store: Store, rid: str, on: str, calendar: WorkCalendar, days: int | None = None
) -> dict:
    with store.transaction(CLERK, "test") as tx:
        return extend_petition(
            tx,
            rid,
            approved_by="镇长刘某",
            reason="涉及多个部门",
            days=days,
            on=d(on),
            today=TODAY,
            actor=CLERK,
            env=_env(calendar=calendar),
        )


def due(record: dict, calendar: WorkCalendar, rule: str) -> dt.date:
    return next(x.due for x in deadlines(record, calendar, TODAY) if x.rule.id == rule)


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # 2025-09-16 + 15 days = 2025-10-01, National Day; rest through 10-08 -> 10-09.
        ("2025-09-16", "2025-10-09"),
        # 2026-02-01 + 15 days = 2026-02-16, inside the Spring Festival break 02-15..02-23
        # -> Tue 2026-02-24.
        ("2026-02-01", "2026-02-24"),
        # 2026-03-06 + 15 days = Sat 2026-03-21 -> Mon 03-23.
        ("2026-03-06", "2026-03-23"),
        # 2026-03-02 + 15 days = Tue 2026-03-17, a working day.
        ("2026-03-02", "2026-03-17"),
    ],
)
def test_acceptance_due(store: Store, calendar: WorkCalendar, received: str, expected: str) -> None:
    rec = receive(store, received)
    assert rec["status"] == "received"
    assert rec["clocks"][0]["n"] == 15
    assert due(rec, calendar, "petition-acceptance") == d(expected)


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        # 2025-08-04 + 60 days: +27 = 08-31, +30 = 09-30, +3 = 10-03 (National Day break
        # 10-01..10-08) -> 2025-10-09.
        ("2025-08-04", "2025-10-09"),
        # 2025-12-18 + 60 days: +13 = 12-31, +31 = 01-31, +16 = 2026-02-16 (Spring Festival
        # break 02-15..02-23) -> 2026-02-24.
        ("2025-12-18", "2026-02-24"),
    ],
)
def test_conclusion_due(store: Store, calendar: WorkCalendar, accepted: str, expected: str) -> None:
    rec = receive(store, accepted)
    rec = accept(store, rec["id"], accepted)
    assert rec["status"] == "accepted"
    assert rec["accepted"] == accepted
    assert due(rec, calendar, "petition-conclusion") == d(expected)
    # Accepting meets the acceptance deadline.
    assert deadlines(rec, calendar, TODAY)[0].state == "met"


def test_periods_follow_rules_overrides(store: Store, calendar: WorkCalendar) -> None:
    config = Config(rules={"petition-acceptance": 10, "petition-conclusion": 30})
    rec = receive(store, "2026-03-02", config=config)
    # 2026-03-02 + 10 days = Thu 03-12.
    assert due(rec, calendar, "petition-acceptance") == d("2026-03-12")
    rec = accept(store, rec["id"], "2026-03-02", config)
    # 2026-03-02 + 30 days = Wed 04-01.
    assert due(rec, calendar, "petition-conclusion") == d("2026-04-01")


def test_decline_closes_it(store: Store, calendar: WorkCalendar) -> None:
    rec = receive(store, "2026-03-02")
    with store.transaction(CLERK, "test") as tx:
        take(
            tx,
            "petition",
            "decline",
            rec["id"],
            reason="已进入诉讼程序",
            on=d("2026-03-18"),
            today=TODAY,
            actor=CLERK,
            env=_env(),
        )
    stored = store.get(rec["id"])
    assert stored["status"] == "declined"
    assert stored["decline_reason"] == "已进入诉讼程序"
    # Due Tue 03-17 (above); declined 03-18 -> late by 1 working day.
    (deadline,) = deadlines(stored, calendar, TODAY)
    assert (deadline.state, deadline.workdays_late) == ("late", 1)
    with pytest.raises(StepOutOfOrder):
        accept(store, rec["id"], "2026-03-19")


def test_extend_by_the_default_30_days(store: Store, calendar: WorkCalendar) -> None:
    rec = receive(store, "2026-01-05")
    rec = accept(store, rec["id"], "2026-01-05")
    # 2026-01-05 + 60 days: +26 = 01-31, +28 = 02-28, +6 = Fri 03-06.
    assert due(rec, calendar, "petition-conclusion") == d("2026-03-06")
    rec = extend(store, rec["id"], "2026-03-02", calendar)
    # Extension from the current due date: 03-06 + 30 days = Sun 04-05, 清明 break
    # 04-04..04-06 -> Tue 2026-04-07.
    assert due(rec, calendar, "petition-conclusion") == d("2026-04-07")
    assert rec["extensions"] == [
        {"on": "2026-03-02", "days": 30, "approved_by": "镇长刘某", "reason": "涉及多个部门"}
    ]
    assert "extension" not in rec


def test_extend_by_fewer_days(store: Store, calendar: WorkCalendar) -> None:
    rec = receive(store, "2026-01-05")
    accept(store, rec["id"], "2026-01-05")
    rec = extend(store, rec["id"], "2026-03-06", calendar, days=10)
    # Due Fri 03-06 (above), extended on the due date itself: + 10 days = Mon 03-16.
    assert due(rec, calendar, "petition-conclusion") == d("2026-03-16")


def test_a_second_extension_within_the_ceiling(store: Store, calendar: WorkCalendar) -> None:
    rec = receive(store, "2026-01-05")
    accept(store, rec["id"], "2026-01-05")
    extend(store, rec["id"], "2026-03-02", calendar, days=20)
    # Due Fri 03-06 (above) + 20 days = Thu 03-26; then + 10 days = Sun 04-05, 清明
    # break 04-04..04-06 -> Tue 2026-04-07.
    rec = extend(store, rec["id"], "2026-03-20", calendar, days=10)
    assert due(rec, calendar, "petition-conclusion") == d("2026-04-07")
    assert [e["days"] for e in rec["extensions"]] == [20, 10]


@pytest.mark.parametrize("days", [0, 31, -1])
def test_extension_length_is_bounded(store: Store, calendar: WorkCalendar, days: int) -> None:
    rec = receive(store, "2026-01-05")
    accept(store, rec["id"], "2026-01-05")
    with pytest.raises(BadInput) as err:
        extend(store, rec["id"], "2026-03-02", calendar, days=days)
    assert "合计不得超出 30 日" in err.value.message_in("zh")
    assert "尚可延期 30 日" in err.value.message_in("zh")
    assert store.get(rec["id"]).get("extensions") is None


def test_no_extension_after_the_period_ended(store: Store, calendar: WorkCalendar) -> None:
    rec = receive(store, "2026-01-05")
    accept(store, rec["id"], "2026-01-05")
    # Due Fri 2026-03-06 (above); approved Mon 03-09 -> too late.
    with pytest.raises(BadInput) as err:
        extend(store, rec["id"], "2026-03-09", calendar)
    assert "2026-03-06" in err.value.message_in("zh")


def test_no_extension_before_acceptance(store: Store, calendar: WorkCalendar) -> None:
    rec = receive(store, "2026-01-05")
    with pytest.raises(StepOutOfOrder) as err:
        extend(store, rec["id"], "2026-01-06", calendar)
    assert "petition accept" in err.value.message_in("en")


def test_conclude(store: Store, calendar: WorkCalendar) -> None:
    rec = receive(store, "2026-01-05")
    accept(store, rec["id"], "2026-01-05")
    with store.transaction(CLERK, "test") as tx:
        take(
            tx,
            "petition",
            "conclude",
            rec["id"],
            result="已调解",
            on=d("2026-03-06"),
            today=TODAY,
            actor=CLERK,
            env=_env(),
        )
    stored = store.get(rec["id"])
    assert (stored["status"], stored["result"]) == ("concluded", "已调解")
    # Conclusion due Fri 03-06 (above), concluded that day -> met.
    assert [x.state for x in deadlines(stored, calendar, TODAY)] == ["met", "met"]
    with pytest.raises(StepOutOfOrder):
        extend(store, rec["id"], "2026-03-06", calendar)


def test_conclude_needs_acceptance(store: Store) -> None:
    rec = receive(store, "2026-01-05")
    with pytest.raises(StepOutOfOrder), store.transaction(CLERK, "test") as tx:
        take(
            tx,
            "petition",
            "conclude",
            rec["id"],
            result="x",
            on=d("2026-01-06"),
            today=TODAY,
            actor=CLERK,
            env=_env(),
        )


def test_empty_petitioner_is_refused(store: Store) -> None:
    with pytest.raises(BadInput):
        receive(store, "2026-01-05", petitioner=" ")


def test_responsible_defaults_to_the_clerk(store: Store) -> None:
    assert receive(store, "2026-01-05")["responsible"] == {"person": CLERK, "dept": None}
    rec = receive(store, "2026-01-05", dept="综治办", person="钱某")
    assert rec["responsible"] == {"person": "钱某", "dept": "综治办"}
