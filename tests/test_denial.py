"""township.kinds.denial: file, opinion, complete, return-materials .

denial-filing is 10 working days; denial-leader-opinion is 3 days (日,
calendar days, moved to the next working day when it ends on a rest day).
Expected dates are derived by hand in comments.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CLERK, d, take

from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.errors import BadInput, StepOutOfOrder
from township.steps.machine import Env, deadlines
from township.storage.store import Store

TODAY = d("2026-06-30")
ENV = Env(WorkCalendar())


def file(store: Store, on: str, **changes: Any) -> dict:
    """``denial file`` as the command takes it; ``changes`` are further inputs."""
    values: dict[str, Any] = {
        "applicant": "孙七",
        "matter": "临时救助申请",
        "reason": "家庭收入超过标准",
        "basis": "《社会救助暂行办法》第四十七条",
    }
    values.update(changes)
    with store.transaction(CLERK, "test") as tx:
        return take(tx, "denial", "file", on=d(on), today=TODAY, env=ENV, **values)


def step(store: Store, name: str, rid: str, on: str, **values: Any) -> dict:
    with store.transaction(CLERK, "test") as tx:
        return take(tx, "denial", name, rid, on=d(on), today=TODAY, env=ENV, **values)


def dues(record: dict, calendar: WorkCalendar) -> dict[str, str]:
    return {x.rule.id: x.due.isoformat() for x in deadlines(record, calendar, TODAY)}


def test_file_within_authority(store: Store, calendar: WorkCalendar) -> None:
    rec = file(store, "2026-03-02")
    assert rec["status"] == "filed"
    assert rec["handler"] == CLERK
    assert rec["responsible"] == {"person": CLERK, "dept": None}
    # Mon 2026-03-02 + 10 working days: 03-03..03-06 (4), 03-09..03-13 (9), 03-16 -> 03-16.
    assert dues(rec, calendar) == {"denial-filing": "2026-03-16"}


def test_file_beyond_authority_across_national_day(store: Store, calendar: WorkCalendar) -> None:
    rec = file(store, "2025-09-29", beyond_authority=True, leader="副镇长吴某")
    assert rec["status"] == "awaiting-opinion"
    # The leader owes the next step: the daily report goes to them.
    assert rec["responsible"]["person"] == "副镇长吴某"
    assert dues(rec, calendar) == {
        # Mon 2025-09-29 + 10 working days: 09-30 1, [10-01..10-08 off], 10-09 2, 10-10 3,
        # 10-11 (Sat, make-up) 4, 10-13..10-17 5-9, 10-20 10 -> 2025-10-20.
        "denial-filing": "2025-10-20",
        # 2025-09-29 + 3 days = 10-02, inside the break 10-01..10-08 -> 2025-10-09.
        "denial-leader-opinion": "2025-10-09",
    }


def test_leader_and_flag_go_together(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        file(store, "2026-03-02", beyond_authority=True)
    assert "--leader" in err.value.message_in("en")
    with pytest.raises(BadInput) as err:
        file(store, "2026-03-02", leader="吴某")
    assert "--beyond-authority" in err.value.message_in("en")


def test_empty_basis_is_refused(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        file(store, "2026-03-02", basis="")
    assert "否定依据不能为空" in err.value.message_in("zh")


def opinion(store: Store, rid: str, on: str) -> dict:
    return step(store, "opinion", rid, on, text="同意不予批准")


def complete(store: Store, rid: str, on: str) -> dict:
    return step(store, "complete", rid, on)


def test_opinion_then_complete(store: Store, calendar: WorkCalendar) -> None:
    rec = file(store, "2026-03-02", beyond_authority=True, leader="吴某", dept="民政办")
    with pytest.raises(StepOutOfOrder) as err:
        complete(store, rec["id"], "2026-03-03")
    assert "denial opinion" in err.value.message_in("en")
    rec = opinion(store, rec["id"], "2026-03-06")
    assert rec["status"] == "filed"
    assert rec["opinion"] == {"on": "2026-03-06", "leader": "吴某", "text": "同意不予批准"}
    assert rec["responsible"] == {"person": CLERK, "dept": "民政办"}
    rec = complete(store, rec["id"], "2026-03-16")
    assert (rec["status"], rec["notified"]) == ("completed", "2026-03-16")
    states = {x.rule.id: (x.state, x.workdays_late) for x in deadlines(rec, calendar, TODAY)}
    assert states == {
        # 2026-03-02 + 10 working days = 03-16 (above); completed 03-16 -> met.
        "denial-filing": ("met", 0),
        # 2026-03-02 + 3 days = Thu 03-05; opinion Fri 03-06 -> late by 1 working day.
        "denial-leader-opinion": ("late", 1),
    }


def test_opinion_refused_without_beyond_authority(store: Store) -> None:
    rec = file(store, "2026-03-02")
    with pytest.raises(StepOutOfOrder) as err:
        opinion(store, rec["id"], "2026-03-03")
    assert "denial complete" in err.value.message_in("en")
    assert "opinion" not in store.get(rec["id"])


def test_opinion_only_once(store: Store) -> None:
    rec = file(store, "2026-03-02", beyond_authority=True, leader="吴某")
    opinion(store, rec["id"], "2026-03-03")
    with pytest.raises(StepOutOfOrder):
        opinion(store, rec["id"], "2026-03-04")


def test_complete_twice_is_refused(store: Store) -> None:
    rec = file(store, "2026-03-02")
    complete(store, rec["id"], "2026-03-03")
    with pytest.raises(StepOutOfOrder):
        complete(store, rec["id"], "2026-03-04")


def test_return_materials_once(store: Store) -> None:
    rec = file(store, "2026-03-02")
    step(store, "return-materials", rec["id"], "2026-03-04", signed_by="孙七")
    stored = store.get(rec["id"])
    assert stored["materials_returned"] == {"on": "2026-03-04", "signed_by": "孙七"}
    assert stored["status"] == "filed"
    with pytest.raises(StepOutOfOrder) as err:
        step(store, "return-materials", rec["id"], "2026-03-05", signed_by="孙七")
    assert "2026-03-04" in err.value.message_in("zh")
    assert store.get(rec["id"]) == stored


def test_step_before_filing_is_refused(store: Store) -> None:
    rec = file(store, "2026-03-02")
    with pytest.raises(StepOutOfOrder):
        complete(store, rec["id"], "2026-03-01")


def test_the_leader_s_opinion_runs_from_the_day_the_leader_received_it(
    store: Store, calendar: WorkCalendar
) -> None:
    rec = file(
        store,
        "2026-03-02",
        beyond_authority=True,
        leader="吴某",
        leader_received=d("2026-02-26"),
        contact="13812345678",
        type="penalty",
    )
    assert (rec["leader_received"], rec["contact"], rec["type"]) == (
        "2026-02-26",
        "13812345678",
        "penalty",
    )
    # Received Thu 2026-02-26 + 3 days = Sun 03-01, a rest day -> Mon 03-02; the filing
    # runs from the filing date: Mon 03-02 + 10 working days = 03-16 (as above).
    assert dues(rec, calendar) == {
        "denial-filing": "2026-03-16",
        "denial-leader-opinion": "2026-03-02",
    }


def test_leader_received_needs_a_leader_and_a_past_date(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        file(store, "2026-03-02", leader_received=d("2026-03-01"))
    assert "--leader-received" in err.value.message_in("en")
    with pytest.raises(BadInput):
        file(
            store,
            "2026-03-02",
            beyond_authority=True,
            leader="吴某",
            leader_received=d("2026-07-01"),  # after TODAY
        )
    with pytest.raises(BadInput):
        file(store, "2026-03-02", type="warning")
    assert list(store.iter_records(KINDS["denial"])) == []


def test_complete_stamps_the_notice_and_an_empty_signer_is_refused(store: Store) -> None:
    rec = file(store, "2026-03-02")
    # No leader asked: no opinion field, no leader, nothing left empty on the record.
    assert not {"opinion", "leader", "leader_received", "notified", "contact"} & set(rec)
    with pytest.raises(BadInput) as err:
        step(store, "return-materials", rec["id"], "2026-03-03", signed_by=" ")
    assert "签收人" in err.value.message_in("zh")
    rec = complete(store, rec["id"], "2026-03-03")
    assert rec["notified"] == "2026-03-03"
    assert rec["events"][-1]["action"] == "complete"
