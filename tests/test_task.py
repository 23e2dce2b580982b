"""The task library : catalogues, validation before anything is written."""

from __future__ import annotations

import pytest
from conftest import CLERK, d

from township.book.machine import Env
from township.calendar import WorkCalendar
from township.errors import BadInput
from township.kinds import task as tsk
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
    assert tsk.progress_schedule(None) is None
    assert tsk.progress_schedule("一月一报") == "monthly"


def test_blank_title_writes_nothing(store: Store, calendar: WorkCalendar) -> None:
    store.initialize()
    with pytest.raises(BadInput), store.transaction(CLERK, "test") as tx:
        tsk.receive_task(
            tx,
            title="\u3000",
            issuer="县",
            type_="execute",
            on=d("2026-03-02"),
            today=d("2026-03-02"),
            actor=CLERK,
            env=Env(calendar),
        )
    assert not (store.data_dir / "tasks").exists()


def test_progress_starts_the_next_report(store: Store, calendar: WorkCalendar) -> None:
    env = Env(calendar)
    store.initialize()
    with store.transaction(CLERK, "test") as tx:
        rid = tsk.receive_task(
            tx,
            title="t",
            issuer="县",
            type_="plan",
            progress="weekly",
            on=d("2026-02-09"),
            today=d("2026-03-02"),
            actor=CLERK,
            env=env,
        )["id"]
        # 02-09 + 7 days = Mon 02-16, in the Spring Festival rest (02-15..02-23) -> 02-24.
        assert tsk.next_report_due(tx.get(rid), env) == d("2026-02-24")
        record = tsk.report_progress(
            tx, rid, text="p", on=d("2026-02-24"), today=d("2026-03-02"), actor=CLERK, env=env
        )
        # 02-24 + 7 days = Tue 2026-03-03.
        assert tsk.next_report_due(record, env) == d("2026-03-03")
