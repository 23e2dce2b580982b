"""Library tests for township.kinds.case and township.book.catalogs (行政问责制).

Every expected due date is derived by hand from the rule and the official
calendar (chinese-calendar 1.11), as the comments show; none is taken from
the code under test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import take
from township.book.catalogs import (
    AGGRAVATING_GROUNDS,
    BANDS,
    MATTERS,
    METHODS,
    SOURCES,
    allowed_methods,
    band,
)
from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.errors import BadInput, NotFound, StepOutOfOrder
from township.kinds import case
from township.steps.machine import Env, deadlines
from township.storage.store import Store

CLERK = "王芳"
ENV = Env(WorkCalendar())


def d(text: str) -> dt.date:
    """Shorthand for a date."""
    return dt.date.fromisoformat(text)


def _open(store: Store, on: str, subject: str = "李某", **kw: Any) -> dict:
    """``case open`` as the command takes it; ``kw`` overrides an input or ``today``/``env``."""
    values: dict[str, Any] = {
        "subject": subject,
        "unit": "民政办",
        "matter": 4,
        "source": 5,
        "summary": "低保申请拖延两个月",
        "verified": "经初步核实，反映情况存在",
        "opened_by": "镇长何某",
        "investigator": ["赵某", "钱某"],
    }
    today = d(kw.pop("today", on))
    env = kw.pop("env", ENV)
    values.update(kw)
    with store.transaction(CLERK, "case open") as tx:
        return take(tx, "case", "open", on=d(on), today=today, env=env, **values)


def _do(store: Store, step: str, case_id: str, on: str, **kw: Any) -> dict:
    """The declared ``step`` of ``case_id`` on ``on`` (``today`` defaults to ``on``)."""
    today = kw.pop("today", d(on))
    env = kw.pop("env", ENV)
    with store.transaction(CLERK, f"case {step}") as tx:
        return take(tx, "case", step, case_id, on=d(on), today=today, env=env, **kw)


def _report(store: Store, case_id: str, on: str, severity: str = "serious", **kw: Any) -> dict:
    kw.setdefault("recommend", [5])
    return _do(
        store,
        "report",
        case_id,
        on,
        facts="多次拖延办理",
        conclusion="属实",
        severity=severity,
        **kw,
    )


def _decided(store: Store, subject: str, opened: str, reported: str, decided: str) -> dict:
    """A case of ``subject`` taken as far as the decision (minor, method 1)."""
    rec = _open(store, opened, subject=subject, today=decided)
    _do(store, "statement", rec["id"], opened, text="申辩", today=d(decided))
    _report(store, rec["id"], reported, severity="minor", recommend=[1], today=d(decided))
    return _do(store, "decide", rec["id"], decided, method=[1])


def _states(store: Store, case_id: str, today: str) -> dict[str, tuple[str, str]]:
    record = store.get(case_id)
    return {
        dl.rule.id: (dl.due.isoformat(), dl.state)
        for dl in deadlines(record, WorkCalendar(), d(today))
    }


# -- catalogues ---------------------------------------------------------------


def test_catalogues_have_the_numbers_of_the_regulations() -> None:
    assert list(MATTERS.entries) == list(range(1, 11))
    assert list(METHODS.entries) == list(range(1, 11))
    assert list(SOURCES.entries) == list(range(1, 9))
    assert list(AGGRAVATING_GROUNDS) == [1, 2, 3, 4]
    assert METHODS.label(5).zh == "⑤通报批评"
    assert METHODS.label(10).zh == "⑩建议撤职"  # the copy's 提议撤职
    assert MATTERS.label(4).zh == "④办事拖拉、推诿扯皮"
    assert SOURCES.label(5).zh == "⑤公民、法人和其他组织的检举、控告"


@pytest.mark.parametrize(
    "catalogue, bad, last", [(MATTERS, 11, 10), (SOURCES, 9, 8), (METHODS, 0, 10)]
)
def test_catalogue_values_outside_the_range_are_refused(
    catalogue: Any, bad: int, last: int
) -> None:
    with pytest.raises(BadInput) as err:
        catalogue.check(bad)
    assert f"1-{last}" in err.value.message_in("zh")
    assert f"1-{last}" in err.value.message_in("en")


def test_bands_and_aggravation_allow_the_next_band_up() -> None:
    assert BANDS["minor"].methods == (1, 2, 3)
    assert BANDS["serious"].methods == (4, 5, 6, 7)
    assert BANDS["grave"].methods == (8, 9, 10)
    assert allowed_methods("minor", False) == (1, 2, 3)
    assert allowed_methods("minor", True) == (1, 2, 3, 4, 5, 6, 7)
    assert allowed_methods("serious", True) == (4, 5, 6, 7, 8, 9, 10)
    assert allowed_methods("grave", True) == (8, 9, 10)
    with pytest.raises(BadInput):
        band("moderate")


def test_state_machine_every_status_is_reached_and_closed_allows_nothing() -> None:
    reached = {s.to for s in case.SPEC.steps if s.to}
    assert reached == set(case.STATUSES)

    def allowed(status: str) -> list[str]:
        return [s.name for s in case.SPEC.allowed({"status": status, "events": []})]

    assert allowed("closed") == []
    assert allowed("reported") == ["obstruct", "aggravate", "decide"]
    assert allowed("reviewed") == ["close", "inform"]
    # The outcome may be told from the decision on, until the case is closed.
    assert [st for st in case.STATUSES if "inform" in allowed(st)] == [
        "decided",
        "delivered",
        "appealed",
        "reviewed",
    ]


# -- a complete case across the 2025 National Day and 2026 Spring Festival -----


def test_complete_case_across_holidays(store: Store) -> None:
    rec = _open(store, "2025-09-26")
    cid = rec["id"]
    assert cid == "CASE-2025-0001"
    assert rec["status"] == "investigating"
    assert rec["responsible"] == {"person": "赵某", "dept": "调查组"}
    # 2025-09-26 (Fri) + 10 working days: 09-28 (Sun) is a make-up working day,
    # 10-01..10-08 are off, 10-11 (Sat) is a make-up day -> 09-28, 29, 30,
    # 10-09, 10, 11, 13, 14, 15, 16 -> 2025-10-16.
    assert _states(store, cid, "2025-09-26") == {"investigation": ("2025-10-16", "open")}

    _do(store, "statement", cid, "2025-09-28", text="材料不全，已多次告知")
    _do(
        store,
        "extend",
        cid,
        "2025-10-15",
        approved_by="张书记",
        reason="涉及多个部门",
    )
    # Extension of 10 working days from the due date 2025-10-16 (Thu):
    # 10-17, 20, 21, 22, 23, 24, 27, 28, 29, 30 -> 2025-10-30.
    assert _states(store, cid, "2025-10-15")["investigation"] == ("2025-10-30", "open")

    rec = _report(store, cid, "2025-10-29")
    assert rec["status"] == "reported"
    assert rec["severity"] == "serious"
    assert _states(store, cid, "2025-10-29")["investigation"] == ("2025-10-30", "met")

    rec = _do(store, "decide", cid, "2026-02-06", method=[5, 4])
    assert rec["decision"] == {"on": "2026-02-06", "methods": [5, 4]}
    # Delivery: 2026-02-06 (Fri) + 10 working days: 02-09..13 (5), 02-14 (Sat,
    # make-up) (6), 02-15..23 off (Spring Festival), 02-24, 25, 26, 27 (10)
    # -> 2026-02-27.
    assert _states(store, cid, "2026-02-06")["delivery"] == ("2026-02-27", "open")

    _do(store, "deliver", cid, "2026-02-13")
    # Appeal window: 2026-02-13 (Fri) + 15 working days: 02-14 (Sat, make-up) 1,
    # 02-15..23 off, 02-24..27 (5), 02-28 (Sat, make-up) 6, 03-02..06 (11),
    # 03-09..12 (15) -> 2026-03-12.
    states = _states(store, cid, "2026-02-13")
    assert states["delivery"] == ("2026-02-27", "met")
    assert states["appeal-window"] == ("2026-03-12", "open")

    # The last day of the window is still in time.
    rec = _do(
        store,
        "appeal",
        cid,
        "2026-03-12",
        grounds="事实认定有误",
    )
    assert rec["status"] == "appealed"
    # Review: 2026-03-12 (Thu) + 30 working days: 03-13 (1), 03-16..20 (6),
    # 03-23..27 (11), 03-30, 31 (13), 04-01..03 (16), 04-04..06 off (清明),
    # 04-07..10 (20), 04-13..17 (25), 04-20..24 (30) -> 2026-04-24.
    states = _states(store, cid, "2026-03-12")
    assert states["appeal-window"] == ("2026-03-12", "met")
    assert states["review"] == ("2026-04-24", "open")

    rec = _do(store, "review", cid, "2026-04-24", outcome="changed", method=[4])
    assert rec["status"] == "reviewed"
    assert rec["decision"] == {"on": "2026-02-06", "methods": [4], "changed_on": "2026-04-24"}
    assert _states(store, cid, "2026-04-24")["review"] == ("2026-04-24", "met")

    rec = _do(store, "close", cid, "2026-04-27")
    assert rec["status"] == "closed"
    assert [e["action"] for e in rec["events"]] == [
        "open",
        "statement",
        "extend",
        "report",
        "decide",
        "deliver",
        "appeal",
        "review",
        "close",
    ]
    with pytest.raises(StepOutOfOrder):
        _do(store, "statement", cid, "2026-04-28", text="x")


def test_deadlines_across_2026_national_day_and_the_appeal_window_expires(store: Store) -> None:
    cid = _open(store, "2026-09-28")["id"]
    # 2026-09-28 (Mon) + 10 working days: 09-29, 09-30 (2), 10-01..07 off,
    # 10-08, 09 (4), 10-10 (Sat, make-up) 5, 10-12..16 (10) -> 2026-10-16.
    assert _states(store, cid, "2026-10-16") == {"investigation": ("2026-10-16", "open")}
    # Still not reported on Mon 10-19: overdue (the office's deadline).
    assert _states(store, cid, "2026-10-19") == {"investigation": ("2026-10-16", "overdue")}

    _report(store, cid, "2026-10-19", no_statement_reason="被调查人住院，无法听取")
    assert _states(store, cid, "2026-10-19")["investigation"] == ("2026-10-16", "late")
    _do(store, "decide", cid, "2026-10-19", method=[6])
    _do(store, "deliver", cid, "2026-10-20")
    # Appeal window: 2026-10-20 (Tue) + 15 working days: 10-21..23 (3),
    # 10-26..30 (8), 11-02..06 (13), 11-09, 10 (15) -> 2026-11-10.
    assert _states(store, cid, "2026-11-10")["appeal-window"] == ("2026-11-10", "open")
    # The window belongs to the subject: after it, "expired", never "overdue".
    assert _states(store, cid, "2026-11-11")["appeal-window"] == ("2026-11-10", "expired")

    with pytest.raises(BadInput) as err:
        _do(
            store,
            "appeal",
            cid,
            "2026-11-11",
            grounds="不服",
        )
    assert "2026-11-10" in err.value.message_in("zh")
    assert "2026-11-10" in err.value.message_in("en")
    # Closing inside the window is refused; the day after it is allowed.
    with pytest.raises(StepOutOfOrder) as err:
        _do(store, "close", cid, "2026-11-10")
    assert "2026-11-10" in err.value.message_in("zh")
    rec = _do(store, "close", cid, "2026-11-11")
    assert rec["status"] == "closed"


def test_due_date_in_provisional_2027(store: Store) -> None:
    cid = _open(store, "2026-12-28")["id"]
    record = store.get(cid)
    [dl] = deadlines(record, WorkCalendar(), d("2026-12-28"))
    # 2026-12-28 (Mon) + 10: 12-29, 30, 31 (3), 2027-01-01 off (元旦, provisional),
    # 01-02/03 weekend, 01-04..08 (8), 01-11, 12 (10) -> 2027-01-12, provisional.
    assert dl.due == d("2027-01-12")
    assert dl.provisional is True


def test_config_override_changes_the_investigation_period(store: Store) -> None:
    rec = _open(store, "2025-09-26", env=Env(WorkCalendar(), {"investigation": 5}))
    # 2025-09-26 + 5 working days: 09-28 (make-up), 29, 30, 10-09, 10 -> 2025-10-10.
    assert _states(store, rec["id"], "2025-09-26")["investigation"] == ("2025-10-10", "open")


# -- refusals -------------------------------------------------------------------


def test_investigator_may_not_be_the_subject(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        _open(store, "2025-09-26", investigator=["赵某", "李某"])
    assert "李某" in err.value.message_in("zh")
    assert "recusal" in err.value.message_in("en")
    assert store.years(KINDS["case"]) == []


def test_open_needs_an_investigator_and_catalogue_values(store: Store) -> None:
    with pytest.raises(BadInput):
        _open(store, "2025-09-26", investigator=[" "])
    with pytest.raises(BadInput) as err:
        _open(store, "2025-09-26", matter=11)
    assert "问责情形「11」无效" in err.value.message_in("zh")
    assert "10 监管不力、处置不当" in err.value.message_in("zh")
    with pytest.raises(BadInput) as err:
        _open(store, "2025-09-26", source=9)
    assert "Invalid source '9'" in err.value.message_in("en")
    assert "8 (other channels)" in err.value.message_in("en")


def test_open_refuses_a_future_date(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        _open(store, "2025-09-27", today="2025-09-26")
    assert "2025-09-27" in err.value.message_in("zh")


def test_open_stores_the_complaint_link(store: Store) -> None:
    rec = _open(store, "2025-09-26", complaint="cmp-2025-0003")
    assert rec["complaint"] == "CMP-2025-0003"
    assert store.get(rec["id"])["complaint"] == "CMP-2025-0003"
    with pytest.raises(BadInput):
        _open(store, "2025-09-26", complaint="INQ-2025-0001")


def test_step_out_of_order_names_the_next_step(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    with pytest.raises(StepOutOfOrder) as err:
        _do(store, "decide", cid, "2025-09-29", method=[5])
    zh, en = err.value.message_in("zh"), err.value.message_in("en")
    assert "提交调查报告（case report）" in zh
    assert "investigation report (case report)" in en
    assert store.get(cid)["status"] == "investigating"


def test_second_extension_is_refused(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    kw = {"approved_by": "张书记", "reason": "复杂"}
    _do(store, "extend", cid, "2025-10-09", **kw)
    before = store.get(cid)
    with pytest.raises(StepOutOfOrder) as err:
        _do(store, "extend", cid, "2025-10-10", **kw)
    assert "case report" in err.value.message_in("zh")
    assert store.get(cid) == before


def test_extension_after_the_due_date_is_refused(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    with pytest.raises(BadInput) as err:
        _do(
            store,
            "extend",
            cid,
            "2025-10-17",
            approved_by="张书记",
            reason="复杂",
        )
    # Due 2025-10-16 (see test_complete_case_across_holidays).
    assert "2025-10-16" in err.value.message_in("zh")


def test_report_needs_a_statement_or_a_reason(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    with pytest.raises(StepOutOfOrder) as err:
        _report(store, cid, "2025-10-09")
    assert "--no-statement-reason" in err.value.message_in("zh")
    assert store.get(cid)["status"] == "investigating"
    rec = _report(store, cid, "2025-10-09", no_statement_reason="被调查人拒不到场")
    assert rec["report"]["no_statement_reason"] == "被调查人拒不到场"


def test_report_validates_severity_and_recommendations(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    _do(store, "statement", cid, "2025-09-29", text="申辩")
    with pytest.raises(BadInput):
        _report(store, cid, "2025-10-09", severity="huge")
    with pytest.raises(BadInput) as err:
        _report(store, cid, "2025-10-09", recommend=[11])
    assert "问责建议「11」无效" in err.value.message_in("zh")
    assert "10 建议撤职" in err.value.message_in("zh")
    with pytest.raises(BadInput):
        _report(store, cid, "2025-10-09", recommend=[])


def test_date_before_previous_step_is_refused(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    _do(store, "statement", cid, "2025-09-30", text="申辩")
    with pytest.raises(StepOutOfOrder) as err:
        _report(store, cid, "2025-09-29")
    assert "2025-09-30" in err.value.message_in("zh")


def test_method_outside_the_band_is_refused(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    _do(store, "statement", cid, "2025-09-29", text="申辩")
    _report(store, cid, "2025-10-09", severity="minor", recommend=[1])
    with pytest.raises(BadInput) as err:
        _do(store, "decide", cid, "2025-10-10", method=[1, 5])
    assert "1-3" in err.value.message_in("zh")
    assert store.get(cid).get("decision") is None
    rec = _do(store, "decide", cid, "2025-10-10", method=[1, 3])
    assert rec["decision"]["methods"] == [1, 3]


def test_unknown_id(store: Store) -> None:
    _open(store, "2025-09-26")
    with pytest.raises(NotFound):
        _do(store, "statement", "CASE-2025-0099", "2025-09-29", text="x")
    with pytest.raises(BadInput):
        _do(store, "statement", "CMP-2025-0001", "2025-09-29", text="x")


def test_review_outcomes(store: Store) -> None:
    def appealed(opened: str) -> str:
        cid = _open(store, opened)["id"]
        _do(store, "statement", cid, opened, text="申辩")
        _report(store, cid, opened)
        _do(store, "decide", cid, opened, method=[5])
        _do(store, "deliver", cid, opened)
        _do(
            store,
            "appeal",
            cid,
            opened,
            grounds="不服",
        )
        return cid

    cid = appealed("2025-11-03")
    rec = _do(store, "review", cid, "2025-11-04", outcome="revoked")
    assert rec["decision"]["revoked"] is True
    assert rec["decision"]["methods"] == [5]

    cid = appealed("2025-11-05")
    with pytest.raises(BadInput):  # upheld takes no method
        _do(store, "review", cid, "2025-11-06", outcome="upheld", method=[4])
    with pytest.raises(BadInput):  # changed needs one, inside the band
        _do(store, "review", cid, "2025-11-06", outcome="changed", method=[])
    with pytest.raises(BadInput):
        _do(store, "review", cid, "2025-11-06", outcome="changed", method=[9])
    with pytest.raises(BadInput):
        _do(store, "review", cid, "2025-11-06", outcome="quashed")
    rec = _do(store, "review", cid, "2025-11-06", outcome="upheld")
    assert rec["decision"] == {"on": "2025-11-05", "methods": [5]}
    assert rec["review"]["outcome"] == "upheld"


# -- recusal ----------------------------------------------------------------------


def test_recusal_replaces_and_report_needs_an_investigator(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    _do(store, "statement", cid, "2025-09-29", text="申辩")
    rec = _do(
        store,
        "recuse",
        cid,
        "2025-09-29",
        investigator="赵某",
        reason="系被调查人亲属",
        replacement="孙某",
    )
    assert rec["investigators"] == ["钱某", "孙某"]
    assert rec["responsible"] == {"person": "钱某", "dept": "调查组"}
    with pytest.raises(BadInput):  # the subject cannot replace
        _do(store, "recuse", cid, "2025-09-29", investigator="钱某", reason="x",
            replacement="李某",
        )  # fmt: skip
    with pytest.raises(BadInput):  # not on the team
        _do(store, "recuse", cid, "2025-09-29", investigator="赵某", reason="x")
    for name in ("钱某", "孙某"):
        _do(store, "recuse", cid, "2025-09-30", investigator=name, reason="回避")
    assert store.get(cid)["investigators"] == []
    assert store.get(cid)["responsible"]["person"] is None
    with pytest.raises(StepOutOfOrder) as err:
        _report(store, cid, "2025-10-09")
    assert "case appoint" in err.value.message_in("zh")
    rec = _do(store, "appoint", cid, "2025-10-09", investigator="周某")
    assert rec["responsible"] == {"person": "周某", "dept": "调查组"}
    assert _report(store, cid, "2025-10-09")["status"] == "reported"


# -- aggravation (从重问责) ----------------------------------------------------------


def test_repeat_within_365_days_aggravates_with_ground_1(store: Store) -> None:
    first = _decided(store, "李某", "2025-09-26", "2025-10-16", "2025-10-20")
    # Opened 2026-10-20: 365 days before is 2025-10-20, the decision day -> inside.
    inside = _open(store, "2026-10-20")
    # Opened 2026-10-21: 365 days before is 2025-10-21, after the decision -> outside.
    outside = _open(store, "2026-10-21")
    other = _open(store, "2026-10-20", subject="周某")
    cases = list(store.iter_records(KINDS["case"]))
    assert case.aggravation_grounds(store.get(inside["id"]), cases) == [1]
    assert case.repeat_cases(store.get(inside["id"]), cases) == [first["id"]]
    assert case.aggravation_grounds(store.get(outside["id"]), cases) == []
    assert case.aggravation_grounds(store.get(other["id"]), cases) == []
    # The first case itself is not aggravated by its own decision.
    assert case.aggravation_grounds(store.get(first["id"]), cases) == []


def test_ground_1_lets_a_minor_case_take_serious_methods(store: Store) -> None:
    _decided(store, "李某", "2025-03-03", "2025-03-10", "2025-03-12")
    cid = _open(store, "2026-03-02", today="2026-03-02")["id"]
    _do(store, "statement", cid, "2026-03-03", text="申辩")
    _report(store, cid, "2026-03-05", severity="minor", recommend=[2])
    # Minor allows 1-3; aggravated also 4-7; 8 stays out of reach.
    with pytest.raises(BadInput) as err:
        _do(store, "decide", cid, "2026-03-06", method=[8])
    assert "1-7" in err.value.message_in("zh")
    rec = _do(store, "decide", cid, "2026-03-06", method=[5])
    assert rec["decision"]["methods"] == [5]
    assert rec["events"][-1]["aggravation_grounds"] == [1]


def test_revoked_decision_does_not_count(store: Store) -> None:
    first = _decided(store, "李某", "2025-09-26", "2025-10-16", "2025-10-20")
    cid = first["id"]
    _do(store, "deliver", cid, "2025-10-21")
    _do(
        store,
        "appeal",
        cid,
        "2025-10-22",
        grounds="不服",
    )
    _do(store, "review", cid, "2025-11-03", outcome="revoked")
    new = _open(store, "2026-01-05")
    cases = list(store.iter_records(KINDS["case"]))
    assert case.aggravation_grounds(store.get(new["id"]), cases) == []


def test_obstruction_aggravates_and_a_statement_does_not(store: Store) -> None:
    quiet = _open(store, "2025-09-26")["id"]
    _do(store, "statement", quiet, "2025-09-29", text="强烈申辩，拒不认错")
    _report(store, quiet, "2025-10-09", severity="minor", recommend=[1])
    cases = list(store.iter_records(KINDS["case"]))
    assert case.aggravation_grounds(store.get(quiet), cases) == []
    with pytest.raises(BadInput):
        _do(store, "decide", quiet, "2025-10-10", method=[4])

    loud = _open(store, "2025-09-26", subject="周某")["id"]
    _do(store, "statement", loud, "2025-09-29", text="申辩")
    _do(store, "obstruct", loud, "2025-09-30", note="拒不提供台账")
    _report(store, loud, "2025-10-09", severity="minor", recommend=[1])
    cases = list(store.iter_records(KINDS["case"]))
    assert case.aggravation_grounds(store.get(loud), cases) == [2]
    rec = _do(store, "decide", loud, "2025-10-10", method=[4])
    assert rec["decision"]["methods"] == [4]


def test_aggravate_records_grounds_3_and_4_only(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    for ground in (1, 2, 5):
        with pytest.raises(BadInput):
            _do(store, "aggravate", cid, "2025-09-29", ground=ground,
                note="x",
            )  # fmt: skip
    _do(store, "aggravate", cid, "2025-09-29", ground=4, note="送礼")
    _do(store, "aggravate", cid, "2025-09-30", ground=3, note="威胁证人")
    cases = list(store.iter_records(KINDS["case"]))
    assert case.aggravation_grounds(store.get(cid), cases) == [3, 4]


def test_refused_step_writes_nothing(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    audit_before = store.audit_path.read_text(encoding="utf-8")
    with pytest.raises(StepOutOfOrder):
        _do(store, "deliver", cid, "2025-09-29")
    assert store.audit_path.read_text(encoding="utf-8") == audit_before


def test_opened_on_and_is_decided() -> None:
    record = {"opened": "2025-09-26", "decision": {"on": "2025-10-20", "methods": [1]}}
    assert case.opened_on(record) == dt.date(2025, 9, 26)
    assert case.is_decided(record)
    assert not case.is_decided({"decision": {"on": "2025-10-20", "methods": [1], "revoked": True}})
    assert not case.is_decided({"decision": None})


# -- opening: the preliminary check and who decided (行政问责制 5) --------------------


def test_open_records_the_check_and_who_decided(store: Store) -> None:
    rec = _open(store, "2025-09-26", verified=" 经初步核实，情况属实 ", opened_by="镇长何某")
    stored = store.get(rec["id"])
    assert (stored["verified"], stored["opened_by"]) == ("经初步核实，情况属实", "镇长何某")
    assert stored["events"][0]["opened_by"] == "镇长何某"
    # Steps not taken leave no empty fields behind.
    assert "decision" not in stored and "complaint" not in stored


@pytest.mark.parametrize(
    ("missing", "label"), [("verified", "初步核实情况"), ("opened_by", "决定启动人")]
)
def test_open_without_the_check_or_the_decider_is_refused(
    store: Store, missing: str, label: str
) -> None:
    for value in (None, "  \u3000"):
        with pytest.raises(BadInput) as err:
            _open(store, "2025-09-26", **{missing: value})
        assert f"{label}不能为空" in err.value.message_in("zh")
    assert store.years(KINDS["case"]) == []


def test_an_escalated_case_may_lack_the_check_and_the_decider(store: Store) -> None:
    """A case opened from a complaint (complaint escalate) records them only when given."""
    with store.transaction(CLERK, "complaint escalate") as tx:
        rec = case.open_case(
            tx,
            subject="李某",
            unit="民政办",
            matter=4,
            source=5,
            summary="s",
            investigators=["赵某"],
            complaint="CMP-2025-0001",
            on=d("2025-09-26"),
            today=d("2025-09-26"),
            actor=CLERK,
            env=ENV,
        )
    assert "verified" not in rec and "opened_by" not in rec
    assert rec["complaint"] == "CMP-2025-0001"


# -- inform (问责情况应及时告知, 行政问责制 9) ---------------------------------------------


def test_inform_is_refused_before_the_decision_naming_the_next_step(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    before = store.get(cid)
    with pytest.raises(StepOutOfOrder) as err:
        _do(store, "inform", cid, "2025-09-29", to="县纪委")
    assert "告知问责情况（case inform）" in err.value.message_in("zh")
    assert "提交调查报告（case report）" in err.value.message_in("zh")
    assert "investigation report (case report)" in err.value.message_in("en")
    assert store.get(cid) == before


def test_inform_after_the_decision_records_each_told_and_starts_no_clock(store: Store) -> None:
    rec = _decided(store, "李某", "2025-09-26", "2025-10-16", "2025-10-20")
    cid = rec["id"]
    clocks = store.get(cid)["clocks"]
    _do(store, "inform", cid, "2025-10-21", to="县纪委")
    rec = _do(store, "inform", cid, "2025-10-22", to="  举报人王某 ")
    assert rec["informed"] == [
        {"on": "2025-10-21", "to": "县纪委"},
        {"on": "2025-10-22", "to": "举报人王某"},
    ]
    assert rec["status"] == "decided"
    assert rec["clocks"] == clocks  # the text sets no period: no clock
    assert [e["action"] for e in rec["events"]][-2:] == ["inform", "inform"]
    with pytest.raises(BadInput):
        _do(store, "inform", cid, "2025-10-22", to=" ")
    # Once closed, nothing more is recorded.
    _do(store, "deliver", cid, "2025-10-22")
    # Appeal window: delivered Wed 2025-10-22 + 15 working days: 10-23, 24 (2),
    # 10-27..31 (7), 11-03..07 (12), 11-10..12 (15) -> 2025-11-12; closed the day after.
    _do(store, "close", cid, "2025-11-13")
    with pytest.raises(StepOutOfOrder):
        _do(store, "inform", cid, "2025-11-13", to="县纪委")


def test_statement_is_kept_as_the_event_note_and_never_aggravates(store: Store) -> None:
    cid = _open(store, "2025-09-26")["id"]
    rec = _do(store, "statement", cid, "2025-09-29", text=" 拒不认错 ")
    assert rec["events"][-1]["note"] == "拒不认错"
    assert case.describe_event(rec["events"][-1]).zh == "拒不认错"
    with pytest.raises(BadInput):
        _do(store, "statement", cid, "2025-09-29", text="")
    assert case.aggravation_grounds(store.get(cid), [store.get(cid)]) == []
