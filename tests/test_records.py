"""township.steps.machine.Machine: the one step machine, on a kind's declaration.

A small made-up kind (draft -> sent -> closed) and a stand-in transaction:
``Machine.begin``/``finish`` need only ``get``, ``update`` and ``now``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from conftest import CLERK, d

from township.book.registry import KindSpec, Step
from township.calendar import WorkCalendar
from township.errors import BadInput, NotFound, StepOutOfOrder
from township.i18n import Text
from township.steps.machine import Env, Machine, Record, add_event, new_record, start_clock

NOW = "2026-03-02T09:00:00+08:00"
STATUS_LABELS = {
    "draft": Text("草稿", "draft"),
    "sent": Text("已发送", "sent"),
    "closed": Text("已结束", "closed"),
}
ENV = Env(WorkCalendar())


def declare(name: str = "memo", **more: Any) -> Machine:
    """The memo kind: send (draft -> sent), recall (sent, unchanged), close (sent -> closed).

    ``close`` meets the ``web-reply`` clock of the test records (the rule book's ``meets``).
    """
    steps = (
        Step("send", Text("发送", "send it"), ("draft",), "sent"),
        Step("recall", Text("撤回", "recall it"), ("sent",), None),
        Step("close", Text("结束", "close it"), ("sent",), "closed"),
    )
    return Machine(KindSpec(name, STATUS_LABELS, steps, (), final=("closed",), **more))


STEPS = declare()


class FakeTransaction:
    """Records by id; ``update`` keeps what was staged."""

    now = NOW

    def __init__(self, *records: Record) -> None:
        self.records = {r["id"]: r for r in records}
        self.staged: list[Record] = []

    def get(self, record_id: str, kind: str | None = None) -> Record:
        record = self.records.get(record_id)
        if record is None or (kind is not None and record["kind"] != kind):
            raise NotFound(Text("没有 {id}", "No {id}"), id=record_id)
        return copy.deepcopy(record)

    def update(self, record: Record) -> None:
        self.staged.append(copy.deepcopy(record))


def memo(status: str = "draft", last: str = "2026-02-02", **fields: Any) -> Record:
    record = new_record("memo", "MEMO-2026-0001", actor=CLERK, now=NOW, status=status, **fields)
    add_event(record, on=d(last), actor=CLERK, now=NOW, action="write")
    start_clock(record, "web-reply", d(last), 5)
    return record


def test_allowed_reads_the_declaration_by_status() -> None:
    def allowed(status: str) -> list[str]:
        return [s.name for s in STEPS.spec.allowed(memo(status))]

    assert allowed("draft") == ["send"]
    assert allowed("sent") == ["recall", "close"]
    assert allowed("closed") == []


def test_begin_returns_the_record_when_the_step_is_allowed() -> None:
    tx = FakeTransaction(memo("draft"))
    record = STEPS.begin(tx, "MEMO-2026-0001", "send", d("2026-03-02"), d("2026-03-02"))
    assert record["id"] == "MEMO-2026-0001"
    assert tx.staged == []


def test_begin_refuses_a_step_out_of_order_naming_the_next_ones() -> None:
    tx = FakeTransaction(memo("sent"))
    with pytest.raises(StepOutOfOrder) as err:
        STEPS.begin(tx, "MEMO-2026-0001", "send", d("2026-03-02"), d("2026-03-02"))
    en = err.value.message_in("en")
    assert "MEMO-2026-0001 is sent: the step send it (memo send) is not allowed now." in en
    assert "recall it (memo recall)" in en and "close it (memo close)" in en
    assert "已发送" in err.value.message_in("zh")


def test_begin_on_a_closed_record_says_none_is_left() -> None:
    tx = FakeTransaction(memo("closed"))
    with pytest.raises(StepOutOfOrder) as err:
        STEPS.begin(tx, "MEMO-2026-0001", "close", d("2026-03-02"), d("2026-03-02"))
    assert "none (it is closed)" in err.value.message_in("en")


def test_begin_refuses_a_record_of_another_kind() -> None:
    other = declare("letter")
    with pytest.raises(NotFound):
        other.begin(
            FakeTransaction(memo()), "MEMO-2026-0001", "send", d("2026-03-02"), d("2026-03-02")
        )


def test_begin_checks_the_date_after_the_step() -> None:
    tx = FakeTransaction(memo("draft", last="2026-02-02"))
    with pytest.raises(BadInput) as future:
        STEPS.begin(tx, "MEMO-2026-0001", "send", d("2026-03-03"), d("2026-03-02"))
    assert "after today" in future.value.message_in("en")
    with pytest.raises(StepOutOfOrder) as early:
        STEPS.begin(tx, "MEMO-2026-0001", "send", d("2026-02-01"), d("2026-03-02"))
    assert "before the previous step" in early.value.message_in("en")
    # Out of order wins over a bad date: the step is checked first.
    with pytest.raises(StepOutOfOrder) as both:
        STEPS.begin(tx, "MEMO-2026-0001", "close", d("2026-03-03"), d("2026-03-02"))
    assert "the step close it (memo close) is not allowed" in both.value.message_in("en")


def test_refuse_runs_before_the_table_with_its_own_message() -> None:
    seen: list[str] = []

    def refuse(record: Record, step: str) -> None:
        seen.append(step)
        if step == "recall" and record.get("locked"):
            raise StepOutOfOrder(Text("{id} 已锁定", "{id} is locked"), id=record["id"])

    steps = declare(refuse=refuse)
    with pytest.raises(StepOutOfOrder) as err:
        steps.check(memo("draft", locked=True), "recall")
    assert err.value.message_in("en") == "MEMO-2026-0001 is locked"
    steps.check(memo("sent"), "recall")
    with pytest.raises(StepOutOfOrder):
        steps.check(memo("draft"), "recall")  # refuse let it through; the table did not
    assert seen == ["recall", "recall", "recall"]


def test_finish_adds_the_event_sets_the_status_meets_clocks_and_stages() -> None:
    tx = FakeTransaction(memo("sent"))
    record = STEPS.begin(tx, "MEMO-2026-0001", "close", d("2026-03-02"), d("2026-03-02"))
    done = STEPS.finish(tx, record, "close", d("2026-03-02"), "李四", ENV, note="寄出", empty=None)
    assert done is record
    assert record["status"] == "closed"
    assert record["updated"] == NOW
    assert record["events"][-1] == {
        "on": "2026-03-02",
        "at": NOW,
        "actor": "李四",
        "action": "close",
        "note": "寄出",
    }
    assert record["clocks"][0]["met_on"] == "2026-03-02"
    assert tx.staged == [record]


def test_finish_without_status_keeps_it_and_meets_nothing() -> None:
    tx = FakeTransaction(memo("sent"))
    record = STEPS.begin(tx, "MEMO-2026-0001", "recall", d("2026-03-02"), d("2026-03-02"))
    STEPS.finish(tx, record, "recall", d("2026-03-02"), CLERK, ENV)
    assert record["status"] == "sent"
    assert record["clocks"][0]["met_on"] is None
    assert [e["action"] for e in record["events"]] == ["write", "recall"]
    assert tx.staged == [record]
