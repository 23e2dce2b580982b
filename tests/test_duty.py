"""Recurring duties as a library: when each period falls due, what meets it.

Every expected date is derived by hand from the rule book's recurrence and
the official calendar (chinese-calendar), in the comment next to it:

- "every N days": the last completion (or the start) + N calendar days, a
  rest day rolling to the next working day;
- month / quarter / year: the period's last day, rolled likewise;
- 优待金 (preferential-payment): 1 December of Y to 31 January of Y+1, due
  on 31 January rolled likewise.

The rest days used (official schedules): 2023-09-29..10-06 (Mid-Autumn and
National Day, Sat 10-07 a make-up working day), 2024-01-01 (元旦),
2025-01-28..02-04 (Spring Festival), 2025-06-02 (Dragon Boat), 2026-01-01..
01-03, 2026-02-15..02-23 (Spring Festival, Sat 02-28 a make-up working day),
2026-10-01..10-07 (National Day); 2027 is provisional.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import d, take

from township import config as township_config
from township.book.rules import RULES, Recurrence, parse_every, recurrence_of
from township.calendar import WorkCalendar
from township.config import Config, DutiesConfig, DutySetting
from township.errors import BadInput, ConfigError
from township.kinds import duty as duty_module
from township.kinds.duty import duties_of, duty_named, duty_status
from township.steps.machine import STATE_LABELS, Env, evaluate
from township.storage.store import Store
from township.views.daily import daily_items
from township.views.stats import derived_tallies, period_of


def settings(start: str | None = "2026-01-01", **duties: DutySetting) -> Config:
    return Config(duties=DutiesConfig(d(start) if start else None, dict(duties)))


def done(
    store: Store,
    calendar: WorkCalendar,
    duty: str,
    on: str,
    *,
    config: Config,
    period: str | None = None,
    today: str | None = None,
) -> str:
    with store.transaction("王芳", "duty done") as tx:
        record = take(
            tx,
            "duty",
            "done",
            on=d(on),
            today=d(today or on),
            env=Env(calendar, {}, config),
            duty=duty,
            period=period,
        )
    return str(record["id"])


def periods(
    store: Store, calendar: WorkCalendar, duty: str, as_of: str, config: Config
) -> dict[str, tuple[str, str | None, str]]:
    """``period -> (due, met_on, state)`` of ``duty show`` as of ``as_of``."""
    found = duty_status(store, calendar, d(as_of), duty, config).detail()["periods"]
    return {p["period"] or p["trigger"]: (p["due"], p["met_on"], p["state"]) for p in found}


def current(
    store: Store, calendar: WorkCalendar, duty: str, as_of: str, config: Config
) -> tuple[str | None, str, str]:
    """The oldest period owed, as ``duty list`` shows it: (period, due, state)."""
    data = duty_status(store, calendar, d(as_of), duty, config).as_json()
    return data["period"], data["due"], data["state"]


# -- the recurrence units of the rule book ---------------------------------------------------


def test_parse_every_and_the_rule_books_recurrences() -> None:
    assert parse_every("7 days") == Recurrence("days", 7)
    assert parse_every("quarter") == Recurrence("quarter", 3)
    assert parse_every(" Year ") == Recurrence("year", 12)
    for bad in ("0 days", "366 days", "fortnight", "7", 7, None):
        assert parse_every(bad) is None
    assert recurrence_of(RULES["dispute-sweep"]) == Recurrence("days", 15)
    assert recurrence_of(RULES["inspection"]) == Recurrence("month", 1)
    # 优待金: two months from December.
    assert recurrence_of(RULES["preferential-payment"]) == Recurrence("year", 2, 12)
    # [duties] every = "quarter" makes it a plain quarterly duty.
    assert recurrence_of(RULES["preferential-payment"], "quarter") == Recurrence("quarter", 3)
    assert recurrence_of(RULES["preferential-payment"], "year") == Recurrence("year", 2, 12)


def test_periods_named_and_found_by_day() -> None:
    quarter = Recurrence("quarter", 3)
    q1 = quarter.named("2026q1")
    assert q1 is not None and (q1.key, q1.first, q1.last) == (
        "2026Q1",
        d("2026-01-01"),
        d("2026-03-31"),
    )
    assert quarter.period_at(d("2026-06-25")).key == "2026Q2"  # type: ignore[union-attr]
    assert quarter.following(q1).key == "2026Q2"
    assert quarter.named("2026-03") is None and quarter.named("2026Q5") is None
    month = Recurrence("month", 1)
    feb = month.named("2026-02")
    assert feb is not None and feb.last == d("2026-02-28")
    # 优待金 of 2026 runs from 1 December 2026 to 31 January 2027.
    payment = Recurrence("year", 2, 12)
    p2026 = payment.named("2026")
    assert p2026 is not None and (p2026.first, p2026.last) == (d("2026-12-01"), d("2027-01-31"))
    assert payment.period_at(d("2027-01-15")) == p2026
    assert payment.period_at(d("2026-06-01")) is None  # between two periods
    assert payment.period_before(d("2026-06-01")).key == "2025"  # type: ignore[union-attr]
    assert payment.first_owed(d("2026-03-15")) == p2026
    assert "12月1日" in payment.label.zh and "次年1月" in payment.label.zh


def test_one_set_of_state_labels() -> None:
    assert not hasattr(duty_module, "STATE_LABELS")
    assert set(STATE_LABELS) >= {"open", "overdue", "met", "late"}


# -- every N days ------------------------------------------------------------------------------


def test_every_7_days_from_start_then_from_the_last_time(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings()
    # Never done: start Thu 2026-01-01 + 7 = Thu 01-08, a working day.
    assert current(store, calendar, "office-meeting", "2026-01-05", config) == (
        None,
        "2026-01-08",
        "open",
    )
    assert current(store, calendar, "office-meeting", "2026-01-09", config)[1:] == (
        "2026-01-08",
        "overdue",
    )
    # Done Mon 02-09: the first meeting (due 01-08) is late; + 7 = Mon 02-16, inside the
    # Spring Festival break 02-15..02-23 -> Tue 2026-02-24.
    done(store, calendar, "office-meeting", "2026-02-09", config=config)
    shown = periods(store, calendar, "office-meeting", "2026-02-10", config)
    assert shown["2026-01-01"] == ("2026-01-08", "2026-02-09", "late")
    assert shown["2026-02-09"] == ("2026-02-24", None, "open")


def test_every_15_days_across_national_day(store: Store, calendar: WorkCalendar) -> None:
    config = settings()
    # Done Wed 2026-09-16: + 15 = Thu 10-01, National Day rest 10-01..10-07 -> Thu 10-08.
    done(store, calendar, "dispute-sweep", "2026-09-16", config=config)
    assert current(store, calendar, "dispute-sweep", "2026-10-08", config)[1:] == (
        "2026-10-08",
        "open",
    )
    # A late sweep restarts the clock from its day: Mon 10-12 + 15 = Tue 10-27.
    done(store, calendar, "dispute-sweep", "2026-10-12", config=config)
    shown = periods(store, calendar, "dispute-sweep", "2026-10-12", config)
    assert shown["2026-09-16"] == ("2026-10-08", "2026-10-12", "late")
    assert shown["2026-10-12"] == ("2026-10-27", None, "open")


def test_every_n_days_has_no_named_period(store: Store, calendar: WorkCalendar) -> None:
    with pytest.raises(BadInput) as caught:
        done(store, calendar, "office-meeting", "2026-03-02", config=settings(), period="2026Q1")
    assert "--period" in caught.value.message_in("en")
    assert not (store.data_dir / "duties").exists()


# -- month, quarter, year: due dates ------------------------------------------------------------


def test_a_month_end_across_the_spring_festival(store: Store, calendar: WorkCalendar) -> None:
    config = settings("2025-01-01")
    shown = periods(store, calendar, "inspection", "2025-06-10", config)
    # January 2025 ends Fri 01-31, in the Spring Festival break 01-28..02-04 -> Wed 02-05.
    assert shown["2025-01"] == ("2025-02-05", None, "overdue")
    # February ends Fri 02-28, a working day.
    assert shown["2025-02"][0] == "2025-02-28"
    # May ends Sat 05-31; Sun 06-01 and Mon 06-02 (Dragon Boat) are rest days -> Tue 06-03.
    assert shown["2025-05"][0] == "2025-06-03"
    # June is owed too (the period 06-10 falls in): ends Mon 06-30.
    assert shown["2025-06"] == ("2025-06-30", None, "open")
    # In 2026, January ends Sat 01-31, Sun 02-01 -> Mon 02-02; February ends Sat 02-28, a
    # make-up working day, so due that day.
    shown = periods(store, calendar, "inspection", "2026-02-03", settings())
    assert (shown["2026-01"][0], shown["2026-02"][0]) == ("2026-02-02", "2026-02-28")


def test_quarters_that_end_on_rest_days(store: Store, calendar: WorkCalendar) -> None:
    shown = periods(store, calendar, "dispute-report", "2024-07-02", settings("2023-07-01"))
    # 2023Q3 ends Sat 09-30, inside the break 09-29..10-06; Sat 10-07 is a make-up working
    # day -> 2023-10-07.
    assert shown["2023Q3"][0] == "2023-10-07"
    # 2023Q4 ends Sun 12-31; Mon 2024-01-01 is 元旦 -> Tue 2024-01-02.
    assert shown["2023Q4"][0] == "2024-01-02"
    # 2024Q1 ends Sun 03-31 -> Mon 04-01; 2024Q2 ends Sun 06-30 -> Mon 07-01.
    assert shown["2024Q1"][0] == "2024-04-01"
    assert shown["2024Q2"][0] == "2024-07-01"
    # The year 2023 ends Sun 12-31, 元旦 follows -> Tue 2024-01-02.
    assert current(store, calendar, "assessment", "2023-12-31", settings("2023-01-01")) == (
        "2023",
        "2024-01-02",
        "open",
    )


def test_a_quarter_of_provisional_2027(store: Store, calendar: WorkCalendar) -> None:
    # 2027Q1 ends Wed 2027-03-31, a working day of the provisional year.
    data = duty_status(store, calendar, d("2027-01-05"), "dispute-report", settings("2027-01-01"))
    assert (data.as_json()["due"], data.as_json()["provisional"]) == ("2027-03-31", True)


# -- what a completion meets ----------------------------------------------------------------------


def test_a_done_date_meets_the_period_it_falls_in(store: Store, calendar: WorkCalendar) -> None:
    config = settings()
    # The quarterly summary done on Thu 2026-06-25 is the second quarter's: Q2 (ends Tue
    # 06-30) met; Q1 (ends Tue 03-31) stays overdue, and it is the period duty list shows.
    done(store, calendar, "dispute-report", "2026-06-25", config=config)
    shown = periods(store, calendar, "dispute-report", "2026-06-26", config)
    assert shown["2026Q1"] == ("2026-03-31", None, "overdue")
    assert shown["2026Q2"] == ("2026-06-30", "2026-06-25", "met")
    assert current(store, calendar, "dispute-report", "2026-06-26", config) == (
        "2026Q1",
        "2026-03-31",
        "overdue",
    )


def test_a_late_report_names_its_period(store: Store, calendar: WorkCalendar) -> None:
    config = settings()
    done(store, calendar, "dispute-report", "2026-06-25", config=config)
    # The Q1 summary filed late the same day, --period 2026Q1: Q1 late, Q2 still met.
    done(store, calendar, "dispute-report", "2026-06-25", config=config, period="2026Q1")
    shown = periods(store, calendar, "dispute-report", "2026-06-26", config)
    assert shown["2026Q1"] == ("2026-03-31", "2026-06-25", "late")
    assert shown["2026Q2"] == ("2026-06-30", "2026-06-25", "met")
    # All met: the next period is owed, Q3 ends Wed 09-30.
    assert current(store, calendar, "dispute-report", "2026-06-26", config) == (
        "2026Q3",
        "2026-09-30",
        "open",
    )


@pytest.mark.parametrize(
    ("period", "message"),
    [("2026-03", "2026Q1"), ("2026Q3", "2026-07-01"), ("Q1", "2026Q1")],
)
def test_a_named_period_is_checked(
    store: Store, calendar: WorkCalendar, period: str, message: str
) -> None:
    # Not a quarter, a quarter not begun on 06-25, nothing like a period: refused, nothing written.
    with pytest.raises(BadInput) as caught:
        done(store, calendar, "dispute-report", "2026-06-25", config=settings(), period=period)
    assert message in caught.value.message_in("en")
    assert not (store.data_dir / "audit.jsonl").exists()


def test_between_a_period_end_and_its_rolled_due_date(store: Store, calendar: WorkCalendar) -> None:
    config = settings("2024-01-01")
    # 2024Q1 ends Sun 03-31, due Mon 04-01 (rolled): a summary done on Mon 04-01 is Q1's,
    # on time, though 04-01 is in Q2.
    done(store, calendar, "dispute-report", "2024-04-01", config=config)
    shown = periods(store, calendar, "dispute-report", "2024-04-02", config)
    assert shown["2024Q1"] == ("2024-04-01", "2024-04-01", "met")
    assert shown["2024Q2"] == ("2024-07-01", None, "open")
    # With Q1 already met (03-15), a summary on 04-01 is Q2's.
    config = settings("2024-01-01")
    other = Store(store.data_dir.parent / "other", lock_timeout=5)
    done(other, calendar, "dispute-report", "2024-03-15", config=config)
    done(other, calendar, "dispute-report", "2024-04-01", config=config)
    shown = periods(other, calendar, "dispute-report", "2024-04-02", config)
    assert shown["2024Q1"][1:] == ("2024-03-15", "met")
    assert shown["2024Q2"] == ("2024-07-01", "2024-04-01", "met")


def test_a_second_completion_in_a_met_period_meets_nothing(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings()
    done(store, calendar, "inspection", "2026-01-10", config=config)
    done(store, calendar, "inspection", "2026-01-20", config=config)
    # January met on 01-10; February is owed, due Sat 02-28 (a make-up working day).
    assert current(store, calendar, "inspection", "2026-02-03", config) == (
        "2026-02",
        "2026-02-28",
        "open",
    )
    detail = duty_status(store, calendar, d("2026-02-03"), "inspection", config).detail()
    assert [x["id"] for x in detail["done"]] == ["DUTY-2026-0001", "DUTY-2026-0002"]
    assert detail["periods"][0]["met_by"] == "DUTY-2026-0001"


def test_later_completions_are_not_seen_on_an_earlier_day(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings()
    done(store, calendar, "inspection", "2026-01-20", config=config)
    # As of 01-19, January's inspection is not done yet: due Mon 02-02 (01-31 is a Saturday).
    assert current(store, calendar, "inspection", "2026-01-19", config) == (
        "2026-01",
        "2026-02-02",
        "open",
    )
    assert duty_status(store, calendar, d("2026-01-19"), "inspection", config).last_done is None


# -- the start -----------------------------------------------------------------------------------


def test_the_period_the_start_falls_in_is_owed_in_full(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings("2026-03-15")
    # Created Sun 03-15: March is owed (ends Tue 03-31), and so is the year's assessment
    # (2026 ends Thu 12-31), and the first quarter (ends Tue 03-31).
    assert current(store, calendar, "inspection", "2026-03-16", config) == (
        "2026-03",
        "2026-03-31",
        "open",
    )
    assert current(store, calendar, "assessment", "2026-03-16", config) == (
        "2026",
        "2026-12-31",
        "open",
    )
    assert current(store, calendar, "circular", "2026-03-16", config)[:2] == (
        "2026Q1",
        "2026-03-31",
    )


def test_without_a_start_nothing_is_owed_until_a_duty_is_done(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings(None)
    store.data_dir.mkdir(parents=True)
    assert duty_module.duty_records(store, calendar, d("2026-03-30"), config) == []
    # The first completion is the start: Thu 03-05, March owed in full.
    done(store, calendar, "inspection", "2026-03-05", config=config)
    records = duty_module.duty_records(store, calendar, d("2026-03-30"), config)
    meeting = next(r for r in records if r["id"] == "office-meeting")
    # The meeting's clock runs from 03-05: + 7 = Thu 03-12.
    assert evaluate(meeting["clocks"][0], calendar, d("2026-03-30")).due == d("2026-03-12")


# -- 优待金 (preferential-payment) -----------------------------------------------------------------


def test_preferential_payment_runs_from_december_to_january(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings()
    # Started Thu 2026-01-01, inside the period of 2025 (2025-12-01..2026-01-31): owed in
    # full; 01-31 is a Saturday, Sun 02-01 -> Mon 2026-02-02.
    assert current(store, calendar, "preferential-payment", "2026-01-05", config) == (
        "2025",
        "2026-02-02",
        "open",
    )
    # Paid Mon 02-02, after the period's end but by its rolled due date: 2025's, on time.
    done(store, calendar, "preferential-payment", "2026-02-02", config=config)
    shown = periods(store, calendar, "preferential-payment", "2026-02-03", config)
    assert shown["2025"] == ("2026-02-02", "2026-02-02", "met")
    # The next is 2026's, from 2026-12-01 to Sun 2027-01-31 -> Mon 2027-02-01, a working day
    # of the provisional 2027.
    data = duty_status(store, calendar, d("2026-02-03"), "preferential-payment", config)
    assert data.as_json()["period"] == "2026"
    assert (data.as_json()["due"], data.as_json()["provisional"]) == ("2027-02-01", True)
    assert data.as_json()["responsible"] == "民政办"
    assert "本镇规定" in RULES["preferential-payment"].clause.zh
    assert RULES["preferential-payment"].local_default


def test_preferential_payment_started_between_two_periods(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings("2026-03-15")
    # March falls in no period: the first owed is 2026's (2026-12-01..2027-01-31).
    assert current(store, calendar, "preferential-payment", "2026-03-16", config)[:2] == (
        "2026",
        "2027-02-01",
    )
    # Paid Thu 2026-12-10: 2026's, on time.
    done(store, calendar, "preferential-payment", "2026-12-10", config=config)
    shown = periods(store, calendar, "preferential-payment", "2026-12-11", config)
    assert shown["2026"][1:] == ("2026-12-10", "met")


# -- records of other kinds that meet a duty ---------------------------------------------------------


def test_a_circular_meets_the_quarter_it_is_issued_in(store: Store, calendar: WorkCalendar) -> None:
    from township.kinds.circular import issue_circular

    config = settings()
    env = Env(calendar, {}, config)
    # The circular of 2026Q1 issued Fri 04-03 meets the second quarter's duty, whatever
    # quarter it reports on: Q1 (ends Tue 03-31) stays overdue.
    with store.transaction("王芳", "circular issue") as tx:
        issue_circular(
            tx, period="2026Q1", criticize=["财政所"], praise=[],
            on=d("2026-04-03"), today=d("2026-04-03"), actor="王芳", env=env,
        )  # fmt: skip
    shown = periods(store, calendar, "circular", "2026-04-07", config)
    assert shown["2026Q1"] == ("2026-03-31", None, "overdue")
    assert shown["2026Q2"] == ("2026-06-30", "2026-04-03", "met")
    detail = duty_status(store, calendar, d("2026-04-07"), "circular", config).detail()
    assert [x["source"] for x in detail["done"]] == ["circular"]
    # Nothing else is met by a circular.
    assert current(store, calendar, "inspection", "2026-04-07", config)[0] == "2026-01"


def test_an_assessment_record_names_its_year(store: Store, calendar: WorkCalendar) -> None:
    from township.kinds.assessment import record_assessment

    config = settings("2025-01-01")
    env = Env(calendar, {}, config)
    # The 2025 results recorded Thu 2026-01-15: the assessment of 2025 (ends Wed 2025-12-31),
    # late; 2026 is still owed (ends Thu 2026-12-31).
    with store.transaction("王芳", "assessment record") as tx:
        record_assessment(
            tx, year=2025, unit="财政所", result="pass",
            on=d("2026-01-15"), today=d("2026-01-15"), actor="王芳", env=env,
        )  # fmt: skip
    shown = periods(store, calendar, "assessment", "2026-01-16", config)
    assert shown["2025"] == ("2025-12-31", "2026-01-15", "late")
    assert shown["2026"] == ("2026-12-31", None, "open")


# -- names, settings, the step --------------------------------------------------------------------


def test_a_duty_is_named_by_its_id_or_its_chinese_label() -> None:
    duties = duties_of(settings())
    assert duty_named(duties, "办公例会").id == "office-meeting"
    assert duty_named(duties, " Office-Meeting ").id == "office-meeting"
    assert duty_named(duties, "季度来访情况归类上报").id == "visit-summary-quarterly"
    with pytest.raises(BadInput) as caught:
        duty_named(duties, "例会")
    assert "office-meeting" in caught.value.message_in("en")


def test_visit_summaries_are_monthly_and_quarterly() -> None:
    duties = duties_of(settings())
    assert str(duties["visit-summary"].every) == "month"
    assert str(duties["visit-summary-quarterly"].every) == "quarter"
    # One clause, 接访制度 (七), for both.
    assert (
        duties["visit-summary"].rule.clause.zh == duties["visit-summary-quarterly"].rule.clause.zh
    )


def test_done_is_a_record_and_refuses_the_same_day_twice(
    store: Store, calendar: WorkCalendar
) -> None:
    config = settings()
    assert done(store, calendar, "办公例会", "2026-02-26", config=config) == "DUTY-2026-0001"
    record = store.get("DUTY-2026-0001")
    assert record["duty"] == "office-meeting"
    assert record["responsible"] == {"person": "王芳", "dept": "综治办"}
    with pytest.raises(BadInput):
        done(store, calendar, "office-meeting", "2026-02-26", config=config)
    with pytest.raises(BadInput):
        done(store, calendar, "no-such", "2026-02-26", config=config)
    off = settings(**{"office-meeting": DutySetting(enabled=False)})
    with pytest.raises(BadInput) as caught:
        done(store, calendar, "office-meeting", "2026-02-27", config=off)
    assert "enabled = false" in caught.value.message_in("en")
    assert store.verify().ok


# -- [duties] in township.toml, read by township.config ---------------------------------------------


def write_toml(path: Path, text: str) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "township.toml").write_text(text, encoding="utf-8")
    return path


def test_duties_table_read_by_the_configuration(tmp_path: Path) -> None:
    loaded = township_config.load(
        write_toml(
            tmp_path,
            "[duties]\nstart = 2026-01-01\n[duties.office-meeting]\nenabled = false\n"
            '[duties.inspection]\nevery = "quarter"\noffice = "纪委办"\n'
            '[duties."优待金兑现"]\noffice = "民政所"\n',
        )
    )
    assert loaded.duties.start == d("2026-01-01")
    duties = duties_of(loaded)
    assert not duties["office-meeting"].enabled
    assert (str(duties["inspection"].every), duties["inspection"].office) == ("quarter", "纪委办")
    # A duty's table may be named by its Chinese label.
    assert duties["preferential-payment"].office == "民政所"
    # Defaults: 综治办 for the 综治 duties, 党政办 for the others, 民政办 for 优待金.
    assert duties["dispute-sweep"].office == "综治办"
    assert duties["circular"].office == "党政办"
    assert township_config.load(write_toml(tmp_path / "b", "")).duties == DutiesConfig()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[duties.office-meeting]\nevery = "weekly"\n', "duties.office-meeting.every"),
        ('[duties.office-meeting]\nenabled = "no"\n', "duties.office-meeting.enabled"),
        ('[duties.office-meeting]\noffice = ""\n', "duties.office-meeting.office"),
        ('[duties.office-meeting]\ncolour = "red"\n', "duties.office-meeting.colour"),
        ("[duties.no-such-duty]\nenabled = false\n", "duties.no-such-duty"),
        ('[duties]\nstart = "2026-13-01"\n', "duties.start"),
        ("[duties]\nstart = 2026\n", "duties.start"),
        ("[duties]\noffice-meeting = 3\n", "duties.office-meeting"),
    ],
)
def test_bad_duties_table_names_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        township_config.load(write_toml(tmp_path, text))
    assert key in caught.value.message_in("en")
    assert caught.value.exit_code == 3


def test_changed_period_and_office(store: Store, calendar: WorkCalendar) -> None:
    config = settings(**{"office-meeting": DutySetting(every="10 days", office="党政办")})
    # 2026-01-01 + 10 = Sun 01-11 -> Mon 2026-01-12.
    data = duty_status(store, calendar, d("2026-01-05"), "office-meeting", config).as_json()
    assert (data["every"], data["due"], data["responsible"]) == ("10 days", "2026-01-12", "党政办")
    # Monthly instead of every 7 days: January ends Sat 01-31 -> Mon 02-02.
    config = settings(**{"office-meeting": DutySetting(every="month")})
    assert current(store, calendar, "office-meeting", "2026-01-05", config) == (
        "2026-01",
        "2026-02-02",
        "open",
    )


# -- the report and the statistics read the duties like any deadline ----------------------------------


def test_the_daily_report_reads_the_duties_periods(store: Store, calendar: WorkCalendar) -> None:
    config = settings()
    done(store, calendar, "dispute-report", "2026-06-25", config=config)
    items = daily_items(
        store, calendar, d("2026-06-26"), due_within=2, serious_after=5, config=config
    )
    report = {i.record_id: i for i in items if i.kind == "duty"}
    # Q1's summary (due Tue 03-31) is overdue; Q2's was done, so it is not listed at all.
    summary = report["dispute-report"]
    assert (summary.due, summary.state, summary.dept) == (d("2026-03-31"), "overdue", "综治办")
    # Working days from 04-01 to 06-26: April 21 (04-06 off), May 19 (05-01, 05-04, 05-05
    # off; Sat 05-09 worked), June 1..26: 19 (06-19 off) -> 59.
    assert summary.workdays_late == 59
    assert [i.due for i in items if i.record_id == "dispute-report"] == [d("2026-03-31")]
    # --kind petition leaves the duties out.
    petitions = daily_items(
        store,
        calendar,
        d("2026-06-26"),
        due_within=2,
        serious_after=5,
        kinds=["petition"],
        config=config,
    )
    assert petitions == []


def test_the_statistics_count_each_period(store: Store, calendar: WorkCalendar) -> None:
    config = settings()
    # inspection: January done 01-20 (met, due Mon 02-02); February never (due Sat 02-28,
    # overdue); March done 03-05 (met: it is March's, due Tue 03-31).
    done(store, calendar, "inspection", "2026-01-20", config=config)
    done(store, calendar, "inspection", "2026-03-05", config=config)
    tallies = dict(derived_tallies(store, calendar, period_of(2026, 1), d("2026-03-31"), config))
    office = tallies["党政办"]
    # 党政办 in Q1 as of Tue 03-31: inspection 2 met + 1 overdue; disclosure-regular and
    # circular for Q1 due 03-31, not yet overdue that day: 2 open; the assessment is due in
    # December, not in Q1.
    assert (office.met, office.late, office.open, office.overdue) == (2, 0, 2, 1)
    # 民政办: 优待金 of 2025 due Mon 02-02, never paid: overdue.
    assert tallies["民政办"].overdue == 1


def test_duty_module_imports_nothing_from_the_views() -> None:
    source = Path(duty_module.__file__).read_text(encoding="utf-8")
    assert "township.views" not in source and "tomllib" not in source


def test_every_month_quarter_and_year_end_against_a_day_by_day_walk(
    store: Store, calendar: WorkCalendar
) -> None:
    # The reference: from each period's last day, walk forward one day at a time to the
    # first working day of the calendar (2023-2026, official schedules).
    def walk(day: dt.date) -> dt.date:
        while not calendar.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    for duty, every in (("inspection", "month"), ("circular", "quarter"), ("assessment", "year")):
        shown = duty_status(store, calendar, d("2026-12-31"), duty, settings("2023-01-01"))
        rows = shown.detail()["periods"]
        assert len(rows) == {"month": 48, "quarter": 16, "year": 4}[every]
        for row in rows:
            period = recurrence_of(RULES[duty]).named(row["period"])
            assert period is not None
            assert row["due"] == walk(period.last).isoformat(), row
