"""The dispute kind as a library : steps, clocks, demo data.

Dates are counted by hand in comments (calendar days, a rest day rolling to
the next working day).
"""

from __future__ import annotations

import pytest
from conftest import d, take

from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.config import Config
from township.demo import build_demo
from township.errors import BadInput, StepOutOfOrder
from township.kinds.dispute import parse_category
from township.steps.machine import Env, deadlines
from township.storage.store import Store


@pytest.fixture
def env(calendar: WorkCalendar) -> Env:
    return Env(calendar)


def step(store: Store, env: Env, name: str, rid: str | None, on: str, **values: object) -> dict:
    with store.transaction("王芳", f"dispute {name}") as tx:
        return take(
            tx, "dispute", name, rid, on=d(on), today=d(on), actor="王芳", env=env, **values
        )


def _register(store: Store, env: Env, on: str) -> str:
    record = step(
        store, env, "register", None, on, summary="排水沟纠纷", parties="赵某、钱某", category=2,
        source="visit",
    )  # fmt: skip
    assert (record["category"], record["source"], record["registered"]) == (2, "visit", on)
    assert record.get("contact") is None and record.get("village") is None
    return record["id"]


def test_package_then_refer_up_meets_mediation(store: Store, env: Env) -> None:
    rid = _register(store, env, "2026-01-26")
    step(
        store, env, "package", rid, "2026-01-26", leader="镇长 何某", approved_by="书记 林某",
        days=15,
    )  # fmt: skip
    record = store.get(rid)
    # 2026-01-26 + 15 = 2026-02-10, a Tuesday (working day).
    (med,) = deadlines(record, env.calendar, d("2026-01-26"))
    assert (med.rule.id, med.due) == ("dispute-mediation", d("2026-02-10"))
    step(store, env, "refer-up", rid, "2026-02-12", to="县信访局")
    med, notice = deadlines(store.get(rid), env.calendar, d("2026-02-12"))
    # Referred two days after the due date: met late, by 2 working days (02-11, 02-12).
    assert (med.state, med.workdays_late) == ("late", 2)
    # 2026-02-12 + 3 = 02-15, Spring Festival rest 02-15..02-23 -> Tue 2026-02-24.
    assert (notice.rule.id, notice.due) == ("party-notice", d("2026-02-24"))


def test_archive_refused_until_told(store: Store, env: Env) -> None:
    rid = _register(store, env, "2026-03-02")
    step(store, env, "route", rid, "2026-03-02", dept="司法所", days=10)
    step(store, env, "refer-up", rid, "2026-03-03", to="县综治办")
    with pytest.raises(StepOutOfOrder):
        step(store, env, "archive", rid, "2026-03-03")
    step(store, env, "notify", rid, "2026-03-04")
    step(store, env, "archive", rid, "2026-03-04")
    assert store.get(rid)["status"] == "archived"


def test_route_starts_the_notice_and_a_notify_keeps_it_routed(store: Store, env: Env) -> None:
    # 督办制度 (六): 需要将案件移交有关部门办理时，应该在三日内告知当事人.
    rid = _register(store, env, "2026-03-02")
    record = step(store, env, "route", rid, "2026-03-02", dept="司法所", person="郭某", days=10)
    found = {x.rule.id: x.due for x in deadlines(record, env.calendar, d("2026-03-02"))}
    # Mon 2026-03-02 + 10 = Thu 03-12; + 3 = Thu 03-05 (both working days).
    assert found == {"dispute-mediation": d("2026-03-12"), "party-notice": d("2026-03-05")}
    record = step(store, env, "notify", rid, "2026-03-04", note="电话告知")
    assert (record["status"], record["notified_on"]) == ("routed", "2026-03-04")
    assert record["events"][-1]["note"] == "电话告知"
    # Told once of the routing: nothing more to tell until it is resolved.
    with pytest.raises(StepOutOfOrder) as caught:
        step(store, env, "notify", rid, "2026-03-05")
    assert "dispute resolve" in caught.value.message_in("zh")
    record = step(
        store, env, "resolve", rid, "2026-03-06", result="达成协议", approved_by="副镇长 高某"
    )
    assert (record["status"], record["resolution_approved_by"]) == ("resolved", "副镇长 高某")
    assert record["result"] == "达成协议" and "approved_by" not in record
    record = step(store, env, "notify", rid, "2026-03-09")
    assert record["status"] == "notified"
    assert all(c["met_on"] for c in record["clocks"])


@pytest.mark.parametrize(
    ("values", "what"),
    [
        ({"result": "x"}, "同意结案的领导"),
        ({"result": "x", "approved_by": "\u3000"}, "同意结案的领导"),
        ({"approved_by": "高某"}, "调处结果"),
    ],
)
def test_resolve_needs_the_leaders_consent(store: Store, env: Env, values: dict, what: str) -> None:
    rid = _register(store, env, "2026-03-02")
    step(store, env, "route", rid, "2026-03-02", dept="司法所", days=10)
    before = store.get(rid)
    with pytest.raises(BadInput) as caught:
        step(store, env, "resolve", rid, "2026-03-03", **values)
    assert what in caught.value.message_in("zh")
    assert store.get(rid) == before


@pytest.mark.parametrize("days", [0, -1, 366])
def test_days_out_of_bounds_are_refused(store: Store, env: Env, days: int) -> None:
    rid = _register(store, env, "2026-03-02")
    with pytest.raises(BadInput, match="调处期限"):
        step(store, env, "route", rid, "2026-03-02", dept="司法所", days=days)
    assert store.get(rid)["status"] == "registered"


def test_category_catalogue() -> None:
    assert parse_category("④") == 4
    assert parse_category("影响社会治安的突出问题") == 2
    with pytest.raises(BadInput):
        parse_category("0")


def test_demo_has_disputes_and_verifies(store: Store) -> None:
    build_demo(store, today=d("2026-03-02"), size=400, config=Config(), actor="演示")
    disputes = list(store.iter_records(KINDS["dispute"]))
    assert disputes
    assert {r["status"] for r in disputes} >= {"archived"}
    assert store.verify().ok
