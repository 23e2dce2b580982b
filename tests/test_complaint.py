"""township.kinds.complaint: registering, assigning, resolving, escalating .

Due dates are derived by hand in comments from the rule (complaint-handling:
15 working days from the day of receipt, which is not counted) and the
official calendar.
"""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from conftest import CLERK, d, take

from township.calendar import WorkCalendar
from township.errors import BadInput, NotFound, StepOutOfOrder
from township.kinds.complaint import CASE_SOURCE, CATEGORIES, category_label
from township.steps.machine import Env, add_event, deadlines, new_record
from township.storage.store import Store
from township.views.privacy import audit_reveals

TODAY = d("2025-10-30")
ENV = Env(WorkCalendar())


def register(store: Store, **changes: Any) -> dict:
    args: dict[str, Any] = {
        "complainant": "张三丰",
        "contact": "13812345678",
        "anonymous": False,
        "against": "民政办",
        "category": 1,
        "summary": "低保申请拖延不办",
        "on": d("2025-09-26"),
        "today": TODAY,
        "actor": CLERK,
        "env": ENV,
    }
    args.update(changes)
    with store.transaction(CLERK, "test") as tx:
        return take(tx, "complaint", "register", **args)


def step(store: Store, name: str, record_id: str, **values: Any) -> dict:
    """Take the step ``name`` on ``record_id`` as its command does (on TODAY by default)."""
    at = {"on": TODAY, "today": TODAY, "actor": CLERK, "env": ENV}
    at.update({k: values.pop(k) for k in list(values) if k in at})
    with store.transaction(CLERK, "test") as tx:
        return take(tx, "complaint", name, record_id, **at, **values)


def make_inquiry(store: Store, on: str) -> str:
    """An inquiry record written directly, independent of the inquiry module."""
    with store.transaction(CLERK, "test") as tx:

        def build(rid: str) -> dict:
            rec = new_record("inquiry", rid, actor=CLERK, now=tx.now, status="open", name="张三丰")
            add_event(rec, on=d(on), actor=CLERK, now=tx.now, action="log")
            return rec

        return tx.create("inquiry", 2025, build)["id"]


# -- register --------------------------------------------------------------------


def test_register_stores_the_complaint_and_its_clock(store: Store) -> None:
    rec = register(store)
    stored = store.get(rec["id"])
    assert stored["kind"] == "complaint"
    assert stored["status"] == "registered"
    assert stored["complainant"] == "张三丰"
    assert stored["contact"] == "13812345678"
    assert stored["category"] == 1
    assert stored["against"] == "民政办"
    assert stored["inquiry"] is None
    assert stored["responsible"] == {"person": CLERK, "dept": None}
    assert stored["clocks"] == [
        {
            "rule": "complaint-handling",
            "trigger": "2025-09-26",
            "n": 15,
            "extensions": [],
            "met_on": None,
        }
    ]
    assert [e["action"] for e in stored["events"]] == ["register"]


def test_handling_deadline_across_national_day(store: Store, calendar: WorkCalendar) -> None:
    rec = register(store)
    (deadline,) = deadlines(rec, calendar, d("2025-10-20"))
    # Fri 2025-09-26 + 15 working days: 09-28 (Sun, make-up) 1, 09-29 2, 09-30 3,
    # 10-01..10-08 off, 10-09 4, 10-10 5, 10-11 (Sat, make-up) 6, 10-13..10-17 7-11,
    # 10-20..10-23 12-15 -> 2025-10-23.
    assert deadline.due == d("2025-10-23")
    assert deadline.state == "open"


def test_handling_deadline_across_spring_festival_2026(
    store: Store, calendar: WorkCalendar
) -> None:
    rec = register(store, on=d("2026-02-10"), today=d("2026-03-10"))
    (deadline,) = deadlines(rec, calendar, d("2026-03-10"))
    # Tue 2026-02-10 + 15 working days: 02-11 1, 02-12 2, 02-13 3, 02-14 (Sat, make-up) 4,
    # 02-15..02-23 off, 02-24..02-27 5-8, 02-28 (Sat, make-up) 9, 03-02..03-06 10-14,
    # 03-09 15 -> 2026-03-09; still open on 03-10 -> overdue by 1 working day.
    assert deadline.due == d("2026-03-09")
    assert deadline.state == "overdue"
    assert deadline.workdays_late == 1


def test_rules_override_sets_the_period(store: Store, calendar: WorkCalendar) -> None:
    rec = register(store, env=Env(WorkCalendar(), {"complaint-handling": 10}))
    assert rec["clocks"][0]["n"] == 10
    # 2025-09-26 + 10 working days -> 2025-10-16.
    assert deadlines(rec, calendar, TODAY)[0].due == d("2025-10-16")


def test_anonymous_complaint_needs_no_name(store: Store) -> None:
    rec = register(store, complainant=None, contact=None, anonymous=True)
    assert rec["complainant"] is None
    assert rec["anonymous"] is True


def test_anonymous_with_a_name_is_refused(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        register(store, anonymous=True)
    assert "--anonymous" in err.value.message_in("en")
    assert store.years(store_kind("complaint")) == []


def test_a_named_complaint_needs_a_name(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        register(store, complainant="  ")
    assert "--complainant" in err.value.message_in("zh")


@pytest.mark.parametrize("category", [0, 8])
def test_category_outside_the_catalogue_is_refused(store: Store, category: int) -> None:
    with pytest.raises(BadInput) as err:
        register(store, category=category)
    assert f"「{category}」无效" in err.value.message_in("zh")
    assert "1 拖延不办或执行不力" in err.value.message_in("zh")
    assert "7 其他违反效能制度的行为（本镇补充）" in err.value.message_in("zh")


def test_the_categories_the_text_does_not_list_are_marked_as_the_offices_own() -> None:
    # The surviving text lists ① and ② and breaks off: ③-⑦ are the office's own.
    assert [n for n, label in CATEGORIES.items() if "本镇补充" in label.zh] == [3, 4, 5, 6, 7]
    assert all("the office's own" in CATEGORIES[n].en for n in (3, 4, 5, 6, 7))
    assert category_label(6, short=True).zh == "⑥服务态度差、刁难群众（本镇补充）"
    assert category_label(2, short=True).zh == "②违反限时办结"
    assert category_label(1).zh == "①拖延不办或执行不力"


def test_empty_summary_is_refused(store: Store) -> None:
    for blank in (" ", "\u200b", "\u3000"):
        with pytest.raises(BadInput) as err:
            register(store, summary=blank)
        assert "投诉内容不能为空" in err.value.message_in("zh")
        assert "summary must not be empty" in err.value.message_in("en")


def test_an_invisible_complainant_is_no_name(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        register(store, complainant="\u200b\u3000")
    assert "--complainant" in err.value.message_in("zh")
    assert store.years(store_kind("complaint")) == []


def test_future_date_is_refused(store: Store) -> None:
    with pytest.raises(BadInput):
        register(store, on=d("2025-10-31"))


def test_link_to_an_inquiry(store: Store) -> None:
    inq = make_inquiry(store, "2025-09-25")
    rec = register(store, from_inquiry=inq.lower())
    assert rec["inquiry"] == inq
    assert rec["events"][0]["inquiry"] == inq


def test_unknown_inquiry_is_refused(store: Store) -> None:
    with pytest.raises(NotFound):
        register(store, from_inquiry="INQ-2025-0009")


def test_inquiry_in_the_same_transaction_can_be_linked(store: Store) -> None:
    # The inquiries module registers the complaint in the transaction that logs the inquiry.
    with store.transaction(CLERK, "test") as tx:

        def build(rid: str) -> dict:
            rec = new_record("inquiry", rid, actor=CLERK, now=tx.now, status="open")
            add_event(rec, on=d("2025-09-26"), actor=CLERK, now=tx.now, action="log")
            return rec

        inq = tx.create("inquiry", 2025, build)
        rec = take(
            tx,
            "complaint",
            "register",
            complainant="张三丰",
            against="李四",
            category=6,
            summary="态度粗暴",
            on=d("2025-09-26"),
            today=TODAY,
            env=ENV,
            from_inquiry=inq["id"],
        )
    assert store.get(rec["id"])["inquiry"] == inq["id"]


def test_complaint_cannot_predate_its_inquiry(store: Store) -> None:
    inq = make_inquiry(store, "2025-09-27")
    with pytest.raises(StepOutOfOrder):
        register(store, from_inquiry=inq)


def test_the_wrong_kind_of_id_is_refused(store: Store) -> None:
    rec = register(store)
    with pytest.raises(BadInput):
        step(store, "assign", rec["id"].replace("CMP", "PET"), dept="民政办")


# -- assign and resolve ----------------------------------------------------------


def test_assign_makes_the_department_responsible(store: Store) -> None:
    rec = register(store)
    step(store, "assign", rec["id"], dept="民政办", person="赵六", on=d("2025-09-29"))
    stored = store.get(rec["id"])
    assert stored["status"] == "assigned"
    assert stored["responsible"] == {"person": "赵六", "dept": "民政办"}


def test_resolve_meets_the_deadline(store: Store, calendar: WorkCalendar) -> None:
    rec = register(store)
    step(
        store,
        "resolve",
        rec["id"],
        finding="substantiated",
        action="责令当日办结",
        on=d("2025-10-23"),
    )
    stored = store.get(rec["id"])
    assert stored["status"] == "resolved"
    assert stored["finding"] == "substantiated"
    (deadline,) = deadlines(stored, calendar, TODAY)
    # Due 2025-10-23 (derived above); resolved that very day -> met.
    assert deadline.state == "met"


def test_resolve_after_the_due_date_is_late(store: Store, calendar: WorkCalendar) -> None:
    rec = register(store)
    step(
        store, "resolve", rec["id"], finding="unsubstantiated", action="已解释", on=d("2025-10-27")
    )
    (deadline,) = deadlines(store.get(rec["id"]), calendar, TODAY)
    # Due Thu 2025-10-23; resolved Mon 10-27: working days after 10-23 up to 10-27 are
    # 10-24 and 10-27 -> late by 2.
    assert (deadline.state, deadline.workdays_late) == ("late", 2)


def test_a_refused_step_changes_nothing(store: Store) -> None:
    rec = register(store)
    step(store, "resolve", rec["id"], finding="substantiated", action="x")
    before = store.get(rec["id"])
    audit_before = store.audit_path.read_text(encoding="utf-8")
    with pytest.raises(StepOutOfOrder) as err:
        step(store, "resolve", rec["id"], finding="substantiated", action="y")
    # The message names the step that is still allowed.
    assert "complaint escalate" in err.value.message_in("en")
    assert store.get(rec["id"]) == before
    assert store.audit_path.read_text(encoding="utf-8") == audit_before


def test_step_before_the_previous_one_is_refused(store: Store) -> None:
    rec = register(store)
    with pytest.raises(StepOutOfOrder):
        step(store, "assign", rec["id"], dept="民政办", on=d("2025-09-25"))


def test_unknown_finding_is_refused(store: Store) -> None:
    rec = register(store)
    with pytest.raises(BadInput, match="maybe"):
        step(store, "resolve", rec["id"], finding="maybe", action="x")
    with pytest.raises(BadInput, match="处理措施不能为空"):
        step(store, "resolve", rec["id"], finding="substantiated", action="\u3000")
    assert store.get(rec["id"])["status"] == "registered"


# -- escalate (with a stand-in for township.kinds.case) ---------------------------------


@pytest.fixture
def fake_case(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Replace township.kinds.case.open_case by a recorder that creates a minimal case."""
    calls: list[dict] = []

    def open_case(tx, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs)

        def build(rid: str) -> dict:
            rec = new_record(
                "case",
                rid,
                actor=kwargs["actor"],
                now=tx.now,
                status="investigating",
                complaint=kwargs["complaint"],
                source=kwargs["source"],
            )
            add_event(rec, on=kwargs["on"], actor=kwargs["actor"], now=tx.now, action="open")
            return rec

        return tx.create("case", kwargs["today"].year, build)

    module = types.ModuleType("township.kinds.case")
    module.open_case = open_case  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "township.kinds.case", module)
    return calls


def escalate(store: Store, record_id: str, **changes: Any) -> tuple[dict, dict]:
    """Escalate as the command does; the complaint and the case it opened."""
    changes.setdefault("investigator", ["赵某"])
    complaint = step(store, "escalate", record_id, **changes)
    return complaint, store.get(complaint["case"])


def test_escalate_opens_a_linked_case(
    store: Store, fake_case: list[dict], calendar: WorkCalendar
) -> None:
    rec = register(store)
    _complaint, case = escalate(store, rec["id"])
    (call,) = fake_case
    assert call["source"] == CASE_SOURCE == 5
    assert call["matter"] == 4  # category ① -> ④办事拖拉、推诿扯皮
    assert call["subject"] == call["unit"] == "民政办"
    assert call["summary"] == "低保申请拖延不办"
    assert call["investigators"] == ["赵某"]
    assert call["complaint"] == rec["id"]
    stored = store.get(rec["id"])
    assert stored["case"] == case["id"]
    assert store.get(case["id"])["complaint"] == rec["id"]
    assert stored["status"] == "escalated"
    # Escalation disposes of the complaint: its deadline is met on the escalation day.
    assert deadlines(stored, calendar, TODAY)[0].met_on == TODAY


def test_escalate_category_6_defaults_to_matter_7(store: Store, fake_case: list[dict]) -> None:
    rec = register(store, category=6)
    escalate(store, rec["id"], subject="李四", unit="民政办", summary="态度粗暴")
    assert fake_case[0]["matter"] == 7  # ⑥服务态度差 -> ⑦态度冷漠、作风粗暴
    assert (fake_case[0]["subject"], fake_case[0]["unit"]) == ("李四", "民政办")
    assert fake_case[0]["summary"] == "态度粗暴"


def test_escalate_category_7_needs_a_matter(store: Store, fake_case: list[dict]) -> None:
    rec = register(store, category=7)
    with pytest.raises(BadInput) as err:
        escalate(store, rec["id"])
    assert "--matter" in err.value.message_in("en")
    assert fake_case == []
    assert store.get(rec["id"])["status"] == "registered"
    escalate(store, rec["id"], matter=10)
    assert fake_case[0]["matter"] == 10


def test_escalate_after_an_unsubstantiated_finding_is_refused(
    store: Store, fake_case: list[dict]
) -> None:
    rec = register(store)
    step(store, "resolve", rec["id"], finding="unsubstantiated", action="x")
    with pytest.raises(StepOutOfOrder):
        escalate(store, rec["id"])
    assert fake_case == []


def test_escalate_after_a_substantiated_finding(store: Store, fake_case: list[dict]) -> None:
    rec = register(store)
    step(store, "resolve", rec["id"], finding="substantiated", action="x")
    complaint, _case = escalate(store, rec["id"])
    assert complaint["status"] == "escalated"
    # The deadline keeps the resolve date as its completion.
    assert complaint["clocks"][0]["met_on"] == TODAY.isoformat()


def test_escalate_twice_is_refused(store: Store, fake_case: list[dict]) -> None:
    rec = register(store)
    escalate(store, rec["id"])
    with pytest.raises(StepOutOfOrder):
        escalate(store, rec["id"])
    assert len(fake_case) == 1


def test_escalate_needs_an_investigator(store: Store, fake_case: list[dict]) -> None:
    rec = register(store)
    with pytest.raises(BadInput):
        escalate(store, rec["id"], investigator=[" "])
    assert fake_case == []


# -- reveals -----------------------------------------------------------------------


def test_audit_reveals_notes_each_record_with_something_to_reveal(store: Store) -> None:
    from township.storage.audit import load_entries

    named = register(store)
    anonymous = register(store, complainant=None, contact=None, anonymous=True)
    with store.transaction(CLERK, "complaint list --reveal") as tx:
        noted = audit_reveals(tx, [store.get(named["id"]), store.get(anonymous["id"])])
    assert noted == [named["id"]]
    entries = [e for e in load_entries(store.audit_path) if e.get("action") == "reveal"]
    assert [(e["id"], e["fields"]) for e in entries] == [(named["id"], ["complainant", "contact"])]


def store_kind(name: str):  # type: ignore[no-untyped-def]
    from township.book.registry import KINDS

    return KINDS[name]
