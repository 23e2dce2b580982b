"""The supervision library : what a notice watches, when its matter is finished."""

from __future__ import annotations

from conftest import CLERK, d, take

from township.calendar import WorkCalendar
from township.kinds import supervision as sup
from township.steps.machine import Env
from township.storage.store import Store


def _env(calendar: WorkCalendar) -> Env:
    return Env(calendar)


def test_notices_for_and_settle_record(store: Store, calendar: WorkCalendar) -> None:
    env = _env(calendar)
    store.initialize()
    with store.transaction(CLERK, "test") as tx:
        task = take(
            tx, "task", "receive", on=d("2026-02-02"), today=d("2026-03-10"), env=env,
            title="t", type="execute", **{"from": "县"},
        )  # fmt: skip
        notice = take(
            tx, "supervision", "issue", on=d("2026-03-02"), today=d("2026-03-10"), env=env,
            record=task["id"], reason="超期",
        )  # fmt: skip
    assert [n["id"] for n in sup.notices_for(store, task["id"])] == [notice["id"]]
    # Completion due 2026-02-28 (15 working days, see test_task_cli), overdue on 03-02.
    assert notice["watch"] == [{"rule": "task-completion", "trigger": "2026-02-02"}]
    with store.transaction(CLERK, "test") as tx:
        take(
            tx, "supervision", "respond", notice["id"], on=d("2026-03-03"), today=d("2026-03-10"),
            env=env, reason="r", progress="p", new_due=d("2026-03-09"),
        )  # fmt: skip
    stored = store.get(notice["id"])
    assert sup.finished_on(stored, store.get(task["id"])) is None
    with store.transaction(CLERK, "test") as tx:
        take(
            tx, "task", "complete", task["id"], on=d("2026-03-10"), today=d("2026-03-10"),
            env=env, result="done",
        )  # fmt: skip
    closed = store.get(notice["id"])
    assert closed["status"] == "closed"
    # Finished 03-10, after the new date 03-09: met late.
    assert [c["met_on"] for c in closed["clocks"]] == ["2026-03-03", "2026-03-10"]


def test_as_read_closes_on_paper_only(calendar: WorkCalendar) -> None:
    notice = {
        "id": "SUP-2026-0001",
        "status": "answered",
        "record": "PET-2026-0001",
        "watch": [{"rule": "petition-acceptance", "trigger": "2026-03-02"}],
        "answer": {"on": "2026-03-19", "new_due": "2026-03-27"},
        "clocks": [
            {
                "rule": "supervision-reply",
                "trigger": "2026-03-18",
                "n": 3,
                "extensions": [],
                "met_on": "2026-03-19",
            },
            {
                "rule": "supervision-completion",
                "trigger": "2026-03-19",
                "n": 0,
                "extensions": [],
                "met_on": None,
                "due": "2026-03-27",
            },
        ],
    }
    petition = {
        "id": "PET-2026-0001",
        "kind": "petition",
        "status": "accepted",
        "events": [{"on": "2026-03-02", "action": "receive"}],
        "clocks": [
            {
                "rule": "petition-acceptance",
                "trigger": "2026-03-02",
                "n": 15,
                "extensions": [],
                "met_on": "2026-03-17",
            }
        ],
    }
    shown = sup.as_read(notice, petition)
    assert shown["status"] == "closed"
    # Finished 03-17, before the answer: counted from the answer (03-19).
    assert shown["clocks"][1]["met_on"] == "2026-03-19"
    assert notice["clocks"][1]["met_on"] is None and notice["status"] == "answered"
    petition["clocks"][0]["met_on"] = None
    assert sup.as_read(notice, petition) is notice


def test_a_record_final_after_the_notice_date_was_open_then() -> None:
    record = {
        "id": "TSK-2026-0001",
        "kind": "task",
        "status": "completed",
        "events": [
            {"on": "2026-02-02", "action": "receive"},
            {"on": "2026-03-10", "action": "complete"},
        ],
    }
    assert sup._is_final(record)
    assert not sup._is_final(record, d("2026-03-05"))
    assert sup._is_final(record, d("2026-03-10"))
