"""The dispute kind as a library : steps, clocks, demo data.

Dates are counted by hand in comments (calendar days, a rest day rolling to
the next working day).
"""

from __future__ import annotations

import pytest
from conftest import d

from township.book.machine import Env, deadlines
from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.config import Config
from township.demo import build_demo
from township.errors import BadInput, StepOutOfOrder
from township.kinds.dispute import (
    archive_dispute,
    notify_parties,
    package_dispute,
    parse_category,
    refer_up,
    register_dispute,
    route_dispute,
)
from township.storage.store import Store


@pytest.fixture
def env(calendar: WorkCalendar) -> Env:
    return Env(calendar)


def _register(store: Store, env: Env, on: str) -> str:
    with store.transaction("王芳", "dispute register") as tx:
        record = register_dispute(
            tx,
            summary="排水沟纠纷",
            parties="赵某、钱某",
            contact=None,
            village=None,
            category="2",
            source="visit",
            on=d(on),
            today=d(on),
            actor="王芳",
            env=env,
        )
    return record["id"]


def test_package_then_refer_up_meets_mediation(store: Store, env: Env) -> None:
    rid = _register(store, env, "2026-01-26")
    with store.transaction("王芳", "dispute package") as tx:
        package_dispute(
            tx,
            rid,
            leader="镇长 何某",
            approved_by="书记 林某",
            days=15,
            on=d("2026-01-26"),
            today=d("2026-01-26"),
            actor="王芳",
            env=env,
        )
    record = store.get(rid)
    # 2026-01-26 + 15 = 2026-02-10, a Tuesday (working day).
    (med,) = deadlines(record, env.calendar, d("2026-01-26"))
    assert (med.rule.id, med.due) == ("dispute-mediation", d("2026-02-10"))
    with store.transaction("王芳", "dispute refer-up") as tx:
        refer_up(
            tx, rid, to="县信访局", on=d("2026-02-12"), today=d("2026-02-12"), actor="王芳", env=env
        )
    med, notice = deadlines(store.get(rid), env.calendar, d("2026-02-12"))
    # Referred two days after the due date: met late, by 2 working days (02-11, 02-12).
    assert (med.state, med.workdays_late) == ("late", 2)
    # 2026-02-12 + 3 = 02-15, Spring Festival rest 02-15..02-23 -> Tue 2026-02-24.
    assert (notice.rule.id, notice.due) == ("party-notice", d("2026-02-24"))


def test_archive_refused_until_told(store: Store, env: Env) -> None:
    rid = _register(store, env, "2026-03-02")
    with store.transaction("王芳", "dispute route") as tx:
        route_dispute(
            tx,
            rid,
            dept="司法所",
            person=None,
            days=10,
            on=d("2026-03-02"),
            today=d("2026-03-02"),
            actor="王芳",
            env=env,
        )
    with store.transaction("王芳", "dispute refer-up") as tx:
        refer_up(
            tx, rid, to="县综治办", on=d("2026-03-03"), today=d("2026-03-03"), actor="王芳", env=env
        )
    with pytest.raises(StepOutOfOrder), store.transaction("王芳", "dispute archive") as tx:
        archive_dispute(tx, rid, on=d("2026-03-03"), today=d("2026-03-03"), actor="王芳", env=env)
    with store.transaction("王芳", "dispute notify") as tx:
        notify_parties(
            tx, rid, note=None, on=d("2026-03-04"), today=d("2026-03-04"), actor="王芳", env=env
        )
    with store.transaction("王芳", "dispute archive") as tx:
        archive_dispute(tx, rid, on=d("2026-03-04"), today=d("2026-03-04"), actor="王芳", env=env)
    assert store.get(rid)["status"] == "archived"


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
