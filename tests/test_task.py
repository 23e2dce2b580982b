"""The task library : catalogues, the progress schedule, validation before anything is written."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CLERK, d, take

from township.calendar import WorkCalendar
from township.errors import BadInput
from township.kinds import task as tsk
from township.steps.machine import Env
from township.storage.store import Store


@pytest.mark.parametrize(
    ("value", "key"),
    [("execute", "execute"), ("请示", "request"), ("draw up a work plan", "plan")],
)
def test_type_by_key_or_label(value: str, key: str) -> None:
    assert tsk.task_type(value) == key


def test_unknown_values_are_refused() -> None:
    with pytest.raises(BadInput):
        tsk.task_type("order")
    with pytest.raises(BadInput):
        tsk.progress_schedule("daily")
    assert tsk.progress_schedule("一月一报") == "monthly"
    assert tsk.progress_schedule("none", "execute") is None


@pytest.mark.parametrize(
    ("kind", "expected"), [("execute", "monthly"), ("plan", "monthly"), ("request", None)]
)
def test_default_schedule_by_type(kind: str, expected: str | None) -> None:
    # 督办制度 (七): 一般情况下…一月一报; a request is answered, it reports nothing.
    assert tsk.progress_schedule(None, kind) == expected


def receive(tx: Any, on: str, today: str, env: Env, **values: Any) -> dict:
    given = {"title": "t", "from": "县", "type": "execute"} | values
    return take(tx, "task", "receive", on=d(on), today=d(today), env=env, **given)


def test_blank_title_writes_nothing(store: Store, calendar: WorkCalendar) -> None:
    store.initialize()
    with pytest.raises(BadInput) as caught, store.transaction(CLERK, "test") as tx:
        receive(tx, "2026-03-02", "2026-03-02", Env(calendar), title="\u3000")
    assert "事项" in caught.value.message_in("zh")
    assert not (store.data_dir / "tasks").exists()


def test_unknown_type_from_the_library_writes_nothing(store: Store, calendar: WorkCalendar) -> None:
    store.initialize()
    with pytest.raises(BadInput, match="类型「order」无效"), store.transaction(CLERK, "test") as tx:
        receive(tx, "2026-03-02", "2026-03-02", Env(calendar), type="order")
    assert not (store.data_dir / "tasks").exists()


def test_progress_starts_the_next_report(store: Store, calendar: WorkCalendar) -> None:
    env = Env(calendar)
    store.initialize()
    with store.transaction(CLERK, "test") as tx:
        rid = receive(tx, "2026-02-09", "2026-03-02", env, type="plan", progress="weekly")["id"]
        # 02-09 + 7 days = Mon 02-16, in the Spring Festival rest (02-15..02-23) -> 02-24.
        assert tsk.next_report_due(tx.get(rid), env) == d("2026-02-24")
        record = take(
            tx,
            "task",
            "progress",
            rid,
            on=d("2026-02-24"),
            today=d("2026-03-02"),
            env=env,
            text="p",
        )
        # 02-24 + 7 days = Tue 2026-03-03.
        assert tsk.next_report_due(record, env) == d("2026-03-03")
        assert record["events"][-1]["note"] == "p" and "text" not in record


def test_monthly_by_default_and_none_on_request(store: Store, calendar: WorkCalendar) -> None:
    env = Env(calendar)
    store.initialize()
    with store.transaction(CLERK, "test") as tx:
        execute = receive(tx, "2026-03-02", "2026-03-02", env)
        plan_none = receive(tx, "2026-03-02", "2026-03-02", env, type="plan", progress="none")
        request = receive(tx, "2026-03-02", "2026-03-02", env, type="request")
    assert execute["progress"] == "monthly"
    # 2026-03-02 + 1 month = Thu 2026-04-02, a working day.
    assert tsk.next_report_due(execute, env) == d("2026-04-02")
    assert [c["rule"] for c in execute["clocks"]] == ["task-completion", "task-progress"]
    for record in (plan_none, request):
        assert "progress" not in record
        assert tsk.next_report_due(record, env) is None
        assert len(record["clocks"]) == 1


def test_assign_replaces_the_whole_responsibility(store: Store, calendar: WorkCalendar) -> None:
    env = Env(calendar)
    store.initialize()
    with store.transaction(CLERK, "test") as tx:
        rid = receive(tx, "2026-03-02", "2026-03-02", env, dept="党政办", person="陈某")["id"]
        record = take(
            tx, "task", "assign", rid, on=d("2026-03-02"), today=d("2026-03-02"), env=env,
            dept="民政办",
        )  # fmt: skip
    assert record["responsible"] == {"person": None, "dept": "民政办"}
    assert record["events"][-1]["previous"] == "党政办 陈某"
