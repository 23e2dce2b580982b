"""Recurring duties as a library : when each falls due, what meets it.

Every expected date is derived by hand from the rule and the official
calendar, in the comment next to it:

- "every N days": the last completion (or the start) + N calendar days, a
  rest day rolling to the next working day;
- month / quarter / year: the period's last day, rolled likewise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import d

from township.book import registry as kinds
from township.book import rules
from township.book.machine import Env, new_record
from township.book.registry import Kind
from township.book.rules import RULES
from township.calendar import WorkCalendar
from township.errors import BadInput, ConfigError
from township.i18n import Text
from township.kinds.duty import (
    Done,
    Duty,
    Every,
    completions,
    obligations,
    parse_duties,
    parse_every,
    read_duties,
    record_done,
)
from township.storage.store import Store


def duty(rule_id: str, every: str) -> Duty:
    parsed = parse_every(every)
    assert parsed is not None
    return Duty(rule_id, RULES[rule_id], parsed, "党政办")


def done(*days: str, period: str | None = None) -> list[Done]:
    return [Done(d(x), f"DUTY-{x}", "王芳", "duty", None, period) for x in days]


def current(
    cal: WorkCalendar, item: Duty, dones: list[Done], start: str, as_of: str
) -> tuple[str, str]:
    _history, ob = obligations(item, dones, cal, d(start), d(as_of))
    return ob.due.isoformat(), ob.state(d(as_of))


# -- every N days ------------------------------------------------------------------


def test_every_7_days_from_start_then_from_the_last_time(calendar: WorkCalendar) -> None:
    meeting = duty("office-meeting", "7 days")
    # Never done: start 2026-01-01 (Thu) + 7 = Thu 2026-01-08, a working day.
    assert current(calendar, meeting, [], "2026-01-01", "2026-01-05") == ("2026-01-08", "open")
    assert current(calendar, meeting, [], "2026-01-01", "2026-01-09") == ("2026-01-08", "overdue")
    # Done Mon 2026-02-09: + 7 = 02-16, inside the Spring Festival break (02-15..02-23)
    # -> Tue 2026-02-24.
    assert current(calendar, meeting, done("2026-02-09"), "2026-01-01", "2026-02-10") == (
        "2026-02-24",
        "open",
    )


def test_done_on_the_start_day_runs_the_clock_from_it(calendar: WorkCalendar) -> None:
    meeting = duty("office-meeting", "7 days")
    # Started and done Thu 2026-01-01: next due 01-08, and nothing was owed before.
    history, ob = obligations(
        meeting, done("2026-01-01"), calendar, d("2026-01-01"), d("2026-01-02")
    )
    assert (len(history), ob.due) == (1, d("2026-01-08"))


def test_every_15_days_across_national_day(calendar: WorkCalendar) -> None:
    sweep = duty("dispute-sweep", "15 days")
    # Done Wed 2026-09-16: + 15 = 10-01, National Day rest 10-01..10-07 -> Thu 2026-10-08.
    due, state = current(calendar, sweep, done("2026-09-16"), "2026-01-01", "2026-10-08")
    assert (due, state) == ("2026-10-08", "open")
    # A late sweep restarts the clock from the day it was done: 10-12 (Mon) + 15 = Tue 10-27.
    history, ob = obligations(
        sweep, done("2026-09-16", "2026-10-12"), calendar, d("2026-01-01"), d("2026-10-12")
    )
    assert ob.due == d("2026-10-27")
    assert history[-2].state(d("2026-10-12")) == "late"  # due 10-08, done 10-12


def test_every_15_days_into_provisional_2027(calendar: WorkCalendar) -> None:
    sweep = duty("dispute-sweep", "15 days")
    # Done Sun 2026-12-20: + 15 = Mon 2027-01-04, a working day of a provisional year.
    _h, ob = obligations(sweep, done("2026-12-20"), calendar, d("2026-01-01"), d("2026-12-21"))
    assert (ob.due, ob.provisional) == (d("2027-01-04"), True)


# -- month, quarter, year ------------------------------------------------------------


def test_month_ends_rolled_off_rest_days(calendar: WorkCalendar) -> None:
    inspection = duty("inspection", "month")
    # January 2026 ends on Sat 01-31, Sun 02-01 -> Mon 2026-02-02.
    assert current(calendar, inspection, [], "2026-01-01", "2026-01-20") == ("2026-02-02", "open")
    # Done in January: February is owed next; it ends Sat 02-28, a make-up working day
    # (调休), so due that day.
    assert current(calendar, inspection, done("2026-01-20"), "2026-01-01", "2026-02-03") == (
        "2026-02-28",
        "open",
    )


def test_a_duty_done_late_counts_for_its_period(calendar: WorkCalendar) -> None:
    inspection = duty("inspection", "month")
    # January's inspection is due Mon 2026-02-02 (see above); done 02-10, late.
    history, ob = obligations(
        inspection, done("2026-02-10"), calendar, d("2026-01-01"), d("2026-02-27")
    )
    january = history[0]
    assert (january.period, january.met_on, january.state(d("2026-02-27"))) == (
        "2026-01",
        d("2026-02-10"),
        "late",
    )
    # ... and it does not count for February, which is still owed: due Sat 02-28
    # (make-up working day), overdue from Mon 03-02.
    assert (ob.period, ob.due, ob.state(d("2026-02-27"))) == ("2026-02", d("2026-02-28"), "open")
    assert current(calendar, inspection, done("2026-02-10"), "2026-01-01", "2026-03-02") == (
        "2026-02-28",
        "overdue",
    )


def test_a_second_completion_in_a_period_fills_nothing_more(calendar: WorkCalendar) -> None:
    inspection = duty("inspection", "month")
    # Two inspections in January: January is met, February is still owed (due 02-28).
    assert current(
        calendar, inspection, done("2026-01-10", "2026-01-20"), "2026-01-01", "2026-02-03"
    ) == ("2026-02-28", "open")


def test_quarter_and_year_ends_around_holidays(calendar: WorkCalendar) -> None:
    report = duty("dispute-report", "quarter")
    history, _ob = obligations(report, [], calendar, d("2023-07-01"), d("2024-07-02"))
    dues = {o.period: o.due for o in history}
    # 2023Q3 ends Sat 09-30, inside the break 09-29..10-06; Sat 10-07 is a make-up
    # working day -> 2023-10-07.
    assert dues["2023Q3"] == d("2023-10-07")
    # 2023Q4 ends Sun 12-31; 2024-01-01 is 元旦 -> Tue 2024-01-02.
    assert dues["2023Q4"] == d("2024-01-02")
    # 2024Q1 ends Sun 03-31 -> Mon 2024-04-01; 2024Q2 ends Sun 06-30 -> Mon 2024-07-01.
    assert dues["2024Q1"] == d("2024-04-01")
    assert dues["2024Q2"] == d("2024-07-01")
    year = duty("assessment", "year")
    # The year 2023 ends Sun 12-31, 元旦 follows -> Tue 2024-01-02.
    assert current(calendar, year, [], "2023-01-01", "2023-12-31") == ("2024-01-02", "open")


def test_done_after_the_period_but_by_the_rolled_due_date_is_on_time(
    calendar: WorkCalendar,
) -> None:
    report = duty("dispute-report", "quarter")
    # 2023Q4 is due Tue 2024-01-02 (above); done that day: on time, and 2024Q1 is owed next,
    # due Mon 2024-04-01 (03-31 is a Sunday).
    history, ob = obligations(
        report, done("2024-01-02"), calendar, d("2023-10-01"), d("2024-01-03")
    )
    assert history[0].state(d("2024-01-03")) == "met"
    assert (ob.period, ob.due) == ("2024Q1", d("2024-04-01"))


def test_quarter_in_provisional_2027(calendar: WorkCalendar) -> None:
    report = duty("dispute-report", "quarter")
    # 2027Q1 ends Wed 2027-03-31, a working day of the provisional year.
    _h, ob = obligations(report, [], calendar, d("2027-01-01"), d("2027-01-05"))
    assert (ob.due, ob.provisional) == (d("2027-03-31"), True)


def test_a_period_under_way_on_the_start_day_is_not_owed(calendar: WorkCalendar) -> None:
    # Started Sun 2026-03-15: March is not owed; April ends Thu 04-30, a working day.
    assert current(calendar, duty("inspection", "month"), [], "2026-03-15", "2026-03-31") == (
        "2026-04-30",
        "open",
    )


def test_a_named_period_fills_that_period(calendar: WorkCalendar) -> None:
    circular = duty("circular", "quarter")
    # A circular for 2026Q2 issued in April does not make up a missed 2026Q1
    # (due Tue 03-31): Q1 stays overdue.
    history, ob = obligations(
        circular, done("2026-04-20", period="2026Q2"), calendar, d("2026-01-01"), d("2026-04-21")
    )
    assert (ob.period, ob.due, ob.state(d("2026-04-21"))) == ("2026Q1", d("2026-03-31"), "overdue")
    assert history[1].met_on == d("2026-04-20")


# -- configuration -----------------------------------------------------------------


def test_parse_every() -> None:
    assert parse_every("7 days") == Every("days", 7)
    assert parse_every("quarter") == Every("quarter")
    for bad in ("0 days", "366 days", "fortnight", "7"):
        assert parse_every(bad) is None


def test_duties_table_applied() -> None:
    book = parse_duties(
        {
            "duties": {
                "start": dt.date(2026, 1, 1),
                "office-meeting": {"enabled": False},
                "inspection": {"every": "quarter", "office": "纪委办"},
            }
        },
        Path("township.toml"),
    )
    assert book.start == d("2026-01-01")
    assert not book.duties["office-meeting"].enabled
    assert "office-meeting" not in [x.id for x in book.enabled()]
    assert (book.duties["inspection"].every, book.duties["inspection"].office) == (
        Every("quarter"),
        "纪委办",
    )
    # Defaults: 综治办 for the 综治 duties, 党政办 for the others.
    assert book.duties["dispute-sweep"].office == "综治办"
    assert book.duties["circular"].office == "党政办"


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ({"office-meeting": {"every": "weekly"}}, "duties.office-meeting.every"),
        ({"office-meeting": {"enabled": "no"}}, "duties.office-meeting.enabled"),
        ({"office-meeting": {"office": ""}}, "duties.office-meeting.office"),
        ({"office-meeting": {"colour": "red"}}, "duties.office-meeting.colour"),
        ({"no-such-duty": {"enabled": False}}, "duties.no-such-duty"),
        ({"start": "2026-13-01"}, "duties.start"),
        ({"start": 2026}, "duties.start"),
    ],
)
def test_bad_duties_table_names_the_key(table: dict, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_duties({"duties": table}, Path("township.toml"))
    assert key in caught.value.message_in("en")
    assert caught.value.exit_code == 3


# -- storage, and records of other kinds that meet a duty --------------------------------


def test_done_is_a_record_in_the_store_and_refuses_the_same_day_twice(
    store: Store, calendar: WorkCalendar
) -> None:
    env = Env(calendar)
    with store.transaction("王芳", "duty done") as tx:
        record = record_done(
            tx,
            "office-meeting",
            note="例会",
            on=d("2026-02-26"),
            today=d("2026-03-02"),
            actor="王芳",
            env=env,
        )
    assert record["id"] == "DUTY-2026-0001"
    assert store.get("DUTY-2026-0001")["responsible"] == {"person": "王芳", "dept": "综治办"}
    with pytest.raises(BadInput), store.transaction("王芳", "duty done") as tx:
        record_done(
            tx,
            "office-meeting",
            note=None,
            on=d("2026-02-26"),
            today=d("2026-03-02"),
            actor="王芳",
            env=env,
        )
    with pytest.raises(BadInput), store.transaction("王芳", "duty done") as tx:
        record_done(
            tx,
            "no-such",
            note=None,
            on=d("2026-02-26"),
            today=d("2026-03-02"),
            actor="王芳",
            env=env,
        )
    assert store.verify().ok


@pytest.fixture
def circular_kind() -> object:
    """A stand-in ``circular`` kind (the real one is another module's)."""
    saved = (dict(kinds.KINDS), dict(kinds.BY_PREFIX), dict(kinds._SPECS), dict(rules.RULES))
    kinds.register(Kind("circular", "CIR", "circulars", Text("通报", "circular"), ""))
    yield
    for target, old in zip(
        (kinds.KINDS, kinds.BY_PREFIX, kinds._SPECS, rules.RULES), saved, strict=True
    ):
        target.clear()
        target.update(old)


def test_a_circular_record_meets_the_circular_duty(
    store: Store, calendar: WorkCalendar, circular_kind: object
) -> None:
    with store.transaction("王芳", "circular issue") as tx:
        tx.create(
            "circular",
            2026,
            lambda rid: {
                **new_record("circular", rid, actor="王芳", now=tx.now, status="issued"),
                "period": "2026Q1",
                "issued_on": "2026-03-30",
            },
        )
    store.data_dir.joinpath("township.toml").write_text(
        "[duties]\nstart = 2026-01-01\n", encoding="utf-8"
    )
    view = read_duties(store, d("2026-04-01"))
    assert [x.source for x in completions(store, view.book)["circular"]] == ["circular"]
    status = view.status(view.book.duties["circular"], calendar, d("2026-04-01"))
    # 2026Q1 met on 03-30 (due Tue 03-31); 2026Q2 is owed, due Tue 2026-06-30.
    assert status.history[0].state(d("2026-04-01")) == "met"
    assert (status.current.period, status.current.due) == ("2026Q2", d("2026-06-30"))
    # The dispute sweep is met by ``duty done`` only.
    assert completions(store, view.book)["dispute-sweep"] == []
