"""Minimum living allowance applications, the library .

Both periods are calendar days (日): E + N, moved to the next working day when
that is a rest day (民法典 第二百零三条). Expected dates are derived by hand in
the comments from the rule (10 days for the township, 15 for the county) and
the calendar: the 2026 Spring Festival break is 02-15..02-23 with make-up
Saturdays 02-14 and 02-28; the National Day break 2025 is 10-01..10-08; 2027
has no official schedule here (provisional: weekends and statutory days).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import CLERK, d, take

from township import config
from township.calendar import WorkCalendar
from township.errors import BadInput, ConfigError, StepOutOfOrder
from township.kinds import dibao
from township.steps.machine import Env, deadlines
from township.storage.store import Store


def env(line: float = 1500, **rules: int) -> Env:
    return Env(WorkCalendar(), rules, config.Config(dibao_line=line))


def apply(store: Store, on: str, today: str = "2026-03-02", **kw: Any) -> dict:
    args: dict[str, Any] = {
        "applicant": "张秀英",
        "village": "东村",
        "household": 3,
        "income": 980,
        "contact": "13800001234",
    }
    args.update(kw)
    environment = args.pop("env", env())
    with store.transaction(CLERK, "dibao apply") as tx:
        return take(tx, "dibao", "apply", on=d(on), today=d(today), env=environment, **args)


def step(store: Store, name: str, rid: str, on: str, today: str = "2026-03-02", **kw: Any) -> dict:
    with store.transaction(CLERK, f"dibao {name}") as tx:
        return take(tx, "dibao", name, rid, on=d(on), today=d(today), env=env(), **kw)


def states(record: dict, today: str) -> dict[str, tuple[str, str]]:
    return {
        x.rule.id: (x.due.isoformat(), x.state) for x in deadlines(record, WorkCalendar(), d(today))
    }


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Fri 2026-02-13 + 10 days = Mon 02-23, last day of the Spring Festival
        # break (rest) -> Tue 02-24.
        ("2026-02-13", "2026-02-24"),
        # Wed 2026-02-04 + 10 days = Sat 02-14, a make-up working day: due that day.
        ("2026-02-04", "2026-02-14"),
        # Wed 2026-01-21 + 10 days = Sat 01-31 (an ordinary weekend) -> Mon 02-02.
        ("2026-01-21", "2026-02-02"),
        # Mon 2025-09-22 + 10 days = Thu 10-02, National Day break through 10-08
        # -> Thu 10-09.
        ("2025-09-22", "2025-10-09"),
        # Mon 2026-03-02 + 10 days = Thu 03-12, a working day.
        ("2026-03-02", "2026-03-12"),
    ],
)
def test_town_review_is_ten_calendar_days_rolled_off_rest_days(
    store: Store, received: str, due: str
) -> None:
    record = apply(store, received)
    assert states(record, received)["dibao-town-review"] == (due, "open")


def test_town_review_in_a_provisional_year(store: Store) -> None:
    # Tue 2026-12-22 + 10 days = Fri 2027-01-01, New Year's Day (a statutory day
    # in the provisional 2027), then Sat 01-02 and Sun 01-03 -> Mon 2027-01-04.
    record = apply(store, "2026-12-22", today="2026-12-22")
    [found] = deadlines(record, WorkCalendar(), d("2026-12-22"))
    assert (found.due.isoformat(), found.provisional) == ("2027-01-04", True)


def test_review_meets_the_town_clock_and_starts_the_countys(store: Store) -> None:
    rid = apply(store, "2026-02-13")["id"]
    record = step(store, "review", rid, "2026-02-24", opinion="approve", note="入户核查属实")
    # Sent to the county Tue 02-24: + 15 days = Wed 03-11, a working day.
    assert states(record, "2026-02-24") == {
        "dibao-town-review": ("2026-02-24", "met"),
        "dibao-county-decision": ("2026-03-11", "open"),
    }
    assert record["status"] == "reviewed" and record["opinion"] == "approve"


def test_a_late_review_is_late_and_the_county_clock_runs_from_the_review(store: Store) -> None:
    rid = apply(store, "2025-09-22", today="2025-10-10")["id"]
    # Review due 2025-10-09 (above); sent Fri 10-10: late. + 15 days = Sat 10-25,
    # an ordinary weekend -> Mon 10-27.
    record = step(
        store, "review", rid, "2025-10-10", today="2025-10-10", opinion="reject", note="x"
    )
    assert states(record, "2025-10-10") == {
        "dibao-town-review": ("2025-10-09", "late"),
        "dibao-county-decision": ("2025-10-27", "open"),
    }


def test_the_countys_clock_expires_but_is_never_overdue(store: Store) -> None:
    rid = apply(store, "2026-02-13")["id"]
    record = step(store, "review", rid, "2026-02-24", opinion="approve", note="属实")
    # County due 2026-03-11; on 2026-04-01 still undecided: the county's clock.
    assert states(record, "2026-04-01")["dibao-county-decision"] == ("2026-03-11", "expired")
    from township.views.report import overdue_items
    from township.views.stats import compute_stats, period_of

    assert overdue_items([record], WorkCalendar(), d("2026-04-01")) == []
    counted = compute_stats([record], WorkCalendar(), period_of(2026, 1), d("2026-04-01"))
    # Only the township's review (met on time) is counted.
    assert (counted.total.met, counted.total.overdue, counted.total.open) == (1, 0, 0)


def test_decide_then_publish_or_notify(store: Store) -> None:
    one = apply(store, "2026-02-13")["id"]
    two = apply(store, "2026-02-13", applicant="李桂兰", income=1620)["id"]
    for rid in (one, two):
        step(store, "review", rid, "2026-02-24", opinion="approve", note="属实")
    approved = step(
        store,
        "decide",
        one,
        "2026-03-02",
        result="approved",
        certificate="2026-017",
        reason=None,
    )
    assert (approved["status"], approved["certificate"]) == ("approved", "2026-017")
    assert states(approved, "2026-03-02")["dibao-county-decision"] == ("2026-03-11", "met")
    with pytest.raises(StepOutOfOrder):
        step(store, "notify", one, "2026-03-02")  # a notice is for a rejection
    assert step(store, "publish", one, "2026-03-02")["status"] == "published"
    cancelled = step(store, "cancel", one, "2026-03-02", reason="家庭成员就业")
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "家庭成员就业"

    with pytest.raises(BadInput, match="理由"):
        step(store, "decide", two, "2026-03-02", result="rejected", certificate=None, reason="")
    rejected = step(
        store,
        "decide",
        two,
        "2026-03-02",
        result="rejected",
        certificate=None,
        reason="家庭人均收入高于标准",
    )
    assert rejected["status"] == "rejected"
    with pytest.raises(StepOutOfOrder):
        step(store, "publish", two, "2026-03-02")  # a rejected household is not published
    assert step(store, "notify", two, "2026-03-02")["status"] == "notified"


def test_decide_refuses_a_certificate_with_a_rejection_and_a_reason_with_an_approval(
    store: Store,
) -> None:
    rid = apply(store, "2026-02-13")["id"]
    step(store, "review", rid, "2026-02-24", opinion="approve", note="属实")
    with pytest.raises(BadInput, match="certificate"):
        step(store, "decide", rid, "2026-03-02", result="rejected", certificate="1", reason="r")
    with pytest.raises(BadInput, match="reason"):
        step(store, "decide", rid, "2026-03-02", result="approved", certificate=None, reason="r")


def test_steps_out_of_order_name_the_next_step(store: Store) -> None:
    rid = apply(store, "2026-02-13")["id"]
    with pytest.raises(StepOutOfOrder) as caught:
        step(store, "decide", rid, "2026-03-02", result="approved", certificate=None, reason=None)
    assert "dibao review" in caught.value.message_in("zh")


@pytest.mark.parametrize(("income", "flagged"), [(1499.99, False), (1500, True), (1620, True)])
def test_income_not_below_the_line_is_flagged_not_refused(
    store: Store, income: float, flagged: bool
) -> None:
    record = apply(store, "2026-02-13", income=income)
    assert (record["above_line"], record["line"]) == (flagged, 1500)


def test_the_line_comes_from_the_configuration(store: Store) -> None:
    record = apply(store, "2026-02-13", income=1620, env=env(line=1800))
    assert (record["above_line"], record["line"]) == (False, 1800)


@pytest.mark.parametrize(
    ("kw", "what"),
    [
        ({"applicant": " "}, "申请人"),
        ({"village": "\u3000"}, "村"),
        ({"household": 0}, "household"),
        ({"income": -1}, "income"),
        ({"income": float("nan")}, "income"),
        # What cannot be right: above 10^9 yuan, a household outside 1..50 persons.
        ({"income": 10**9 + 0.01}, "1000000000"),
        ({"income": 1e23}, "1000000000"),
        ({"income": float("inf")}, "1000000000"),
        ({"household": 51}, "50"),
        ({"household": -3}, "household"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    store: Store, data_dir: Path, kw: dict, what: str
) -> None:
    with pytest.raises(BadInput) as caught:
        apply(store, "2026-02-13", **kw)
    text = caught.value.message_in("zh") + caught.value.message_in("en")
    assert what in text
    assert not (data_dir / "dibao").exists()


# -- [dibao] line ----------------------------------------------------------------


def _config(tmp_path: Path, text: str) -> config.Config:
    (tmp_path / config.CONFIG_NAME).write_text(text, encoding="utf-8")
    return config.load(tmp_path)


def test_dibao_line_defaults_to_1500_and_is_read(tmp_path: Path) -> None:
    assert config.load(tmp_path).dibao_line == 1500
    assert _config(tmp_path, "[dibao]\nline = 1650.5\n").dibao_line == 1650.5


@pytest.mark.parametrize("value", ["0", "-5", '"1500"', "true", "nan", "inf", "[1500]"])
def test_a_bad_dibao_line_names_the_key(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, f"[dibao]\nline = {value}\n")
    assert caught.value.exit_code == 3
    assert "dibao.line" in caught.value.message_in("en")


def test_an_unknown_dibao_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"dibao\.lnie"):
        _config(tmp_path, "[dibao]\nlnie = 1500\n")


def test_the_shipped_template_has_the_line_and_no_dibao_service() -> None:
    import tomllib

    raw = tomllib.loads(config.TEMPLATE)
    assert raw["dibao"] == {"line": 1500}
    assert not any("低保" in s or "最低生活保障" in s for s in raw["services"])


def test_a_record_keeps_its_date_type(store: Store) -> None:
    record = apply(store, "2026-02-13")
    assert record["received"] == "2026-02-13"
    assert isinstance(record["income"], int)
    assert dt.date.fromisoformat(record["events"][0]["on"]) == d("2026-02-13")


def test_the_bounds_themselves_are_accepted(store: Store) -> None:
    record = apply(store, "2026-02-13", household=50, income=10**9)
    assert (record["household"], record["income"], record["above_line"]) == (50, 10**9, True)
    assert apply(store, "2026-02-13", household=1, income=0)["income"] == 0


@pytest.mark.parametrize("value", [0, 51, True, "3"])
def test_amending_the_household_keeps_its_bounds(value: Any) -> None:
    field = dibao.SPEC.field("household")
    assert field is not None and field.check is not None
    with pytest.raises(BadInput):
        field.check(value)
    assert field.check(50) == 50
