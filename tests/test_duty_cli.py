"""``township duty`` and duties in the daily report, from the command line .

Expected dates are derived by hand in comments from the rule and the
official 2026 calendar.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def js(result: Result) -> object:
    return json.loads(ok(result).stdout)


def configure(data_dir: Path, extra: str = "") -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "township.toml").write_text(
        f"[duties]\nstart = 2026-01-01\n{extra}", encoding="utf-8"
    )


def listed(run: Invoke, as_of: str) -> dict[str, dict]:
    data = js(run("duty", "list", "--as-of", as_of, "--format", "json", today=as_of))
    assert isinstance(data, list)
    return {x["duty"]: x for x in data}


def test_list_json_shape_and_dates(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    duties = listed(run, "2026-01-20")
    assert set(duties) == {
        "dispute-sweep",
        "dispute-report",
        "office-meeting",
        "situation-meeting",
        "visit-summary",
        "disclosure-regular",
        "inspection",
        "circular",
        "assessment",
        # 接访制度 (七): 对每月和季度来访情况进行归类 — two duties.
        "visit-summary-quarterly",
        # 民政工作有关制度 三(三): 优待金在每年年末或第二年年初兑现.
        "preferential-payment",
    }
    for item in duties.values():
        assert set(item) >= {
            "duty",
            "label",
            "every",
            "last_done",
            "due",
            "state",
            "provisional",
            "responsible",
        }
        assert item["state"] in ("open", "overdue")
    # Start 2026-01-01 + 15 = Fri 01-16: overdue on 01-20.
    assert (duties["dispute-sweep"]["due"], duties["dispute-sweep"]["state"]) == (
        "2026-01-16",
        "overdue",
    )
    assert duties["dispute-sweep"]["responsible"] == "综治办"
    # January ends Sat 01-31, Sun 02-01 follows -> Mon 2026-02-02.
    assert (duties["inspection"]["due"], duties["inspection"]["every"]) == ("2026-02-02", "month")
    assert duties["inspection"]["responsible"] == "党政办"
    # 2026Q1 ends Tue 03-31; the year ends Thu 12-31.
    assert (duties["circular"]["due"], duties["circular"]["every"]) == ("2026-03-31", "quarter")
    assert duties["assessment"]["due"] == "2026-12-31"
    assert duties["visit-summary-quarterly"]["due"] == "2026-03-31"
    # 优待金 of 2025 runs to Sat 2026-01-31, Sun 02-01 follows -> Mon 2026-02-02; 民政办's.
    payment = duties["preferential-payment"]
    assert (payment["due"], payment["every"], payment["responsible"]) == (
        "2026-02-02",
        "year",
        "民政办",
    )


def test_done_moves_the_next_due_date_and_is_audited(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    out = ok(
        run(
            "duty",
            "done",
            "office-meeting",
            "--on",
            "2026-02-09",
            "--note",
            "例会",
            today="2026-02-10",
        )
    ).stdout
    # Done Mon 02-09: + 7 = 02-16, in the Spring Festival break 02-15..02-23 -> Tue 02-24.
    assert "DUTY-2026-0001" in out and "2026-02-24" in out
    item = listed(run, "2026-02-10")["office-meeting"]
    assert (item["last_done"], item["due"], item["state"]) == ("2026-02-09", "2026-02-24", "open")
    last = json.loads((data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert (last["id"], last["command"], last["change"]) == (
        "DUTY-2026-0001",
        "duty done",
        "create",
    )
    assert ok(run("audit", "verify")).exit_code == 0
    shown = js(run("duty", "show", "office-meeting", "--format", "json", today="2026-02-10"))
    assert isinstance(shown, dict)
    assert [x["id"] for x in shown["done"]] == ["DUTY-2026-0001"]
    # The first meeting was due 01-08 (start + 7) and was done late on 02-09.
    assert shown["periods"][0]["due"] == "2026-01-08"
    assert shown["periods"][0]["state"] == "late"


def test_a_list_as_of_an_earlier_day_does_not_see_later_completions(
    run: Invoke, data_dir: Path
) -> None:
    configure(data_dir)
    ok(run("duty", "done", "inspection", "--on", "2026-01-20", today="2026-01-20"))
    # As of 01-19 January's inspection is not yet done: due Mon 02-02.
    assert listed(run, "2026-01-19")["inspection"]["last_done"] is None
    # As of 01-20 it is: February is owed, due Sat 02-28 (a make-up working day).
    assert listed(run, "2026-01-20")["inspection"]["due"] == "2026-02-28"


def test_a_summary_done_in_june_is_junes_and_the_first_quarter_stays_owed(
    run: Invoke, data_dir: Path
) -> None:
    configure(data_dir)
    out = ok(run("duty", "done", "dispute-report", "--on", "2026-06-25", today="2026-06-25"))
    # Thu 06-25 falls in Q2: it meets Q2; the oldest period owed is Q1, due Tue 03-31.
    assert "2026Q2" in out.stdout and "2026-03-31（2026Q1）" in out.stdout
    shown = js(run("duty", "show", "dispute-report", "--format", "json", today="2026-06-26"))
    assert isinstance(shown, dict)
    by_period = {p["period"]: p for p in shown["periods"]}
    assert set(by_period["2026Q1"]) >= {
        "period",
        "trigger",
        "due",
        "met_on",
        "state",
        "provisional",
    }
    assert (by_period["2026Q1"]["state"], by_period["2026Q1"]["met_on"]) == ("overdue", None)
    assert (by_period["2026Q2"]["state"], by_period["2026Q2"]["met_on"]) == ("met", "2026-06-25")
    assert by_period["2026Q2"]["trigger"] == "2026-04-01"
    # The morning report names Q1 (due 03-31), not Q2.
    report = js(run("overdue", "--as-of", "2026-06-26", "--kind", "duty", "--format", "json"))
    assert isinstance(report, list)
    assert [i["due"] for i in report if i["id"] == "dispute-report"] == ["2026-03-31"]
    # The Q1 summary filed late, naming its period: Q1 late, and nothing owed until Q3
    # (ends Wed 09-30).
    late = run(
        "duty", "done", "dispute-report", "--period", "2026Q1", "--note", "补报", today="2026-06-26"
    )
    assert "2026Q1" in ok(late).stdout
    item = listed(run, "2026-06-26")["dispute-report"]
    assert (item["period"], item["due"], item["state"]) == ("2026Q3", "2026-09-30", "open")
    shown = js(run("duty", "show", "排查总结报告", "--format", "json", today="2026-06-26"))
    assert isinstance(shown, dict)
    assert shown["periods"][0]["state"] == "late"


def test_show_as_of_an_earlier_day(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    ok(run("duty", "done", "inspection", "--on", "2026-02-10", today="2026-02-10"))
    # As of Mon 02-02, January's inspection (due that day) is open and nothing is done.
    early = js(
        run("duty", "show", "inspection", "--as-of", "2026-02-02", "--format", "json",
            today="2026-03-02")
    )  # fmt: skip
    assert isinstance(early, dict)
    assert [(p["period"], p["state"]) for p in early["periods"]] == [
        ("2026-01", "open"),
        ("2026-02", "open"),
    ]
    assert early["done"] == [] and early["last_done"] is None
    # As of 03-02: January overdue (never done), February met on 02-10 (its own month),
    # March open (ends Tue 03-31).
    later = js(run("duty", "show", "inspection", "--format", "json", today="2026-03-02"))
    assert isinstance(later, dict)
    assert [(p["period"], p["state"]) for p in later["periods"]] == [
        ("2026-01", "overdue"),
        ("2026-02", "met"),
        ("2026-03", "open"),
    ]
    table = ok(run("duty", "show", "inspection", "--as-of", "2026-02-02")).stdout
    assert "2026-01" in table and "未到期" in table and "逾期" not in table


def test_a_duty_is_named_by_its_chinese_label(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    out = ok(run("duty", "done", "办公例会", "--on", "2026-02-26", today="2026-02-26")).stdout
    # Done Thu 02-26: + 7 = Thu 03-05.
    assert "DUTY-2026-0001" in out and "2026-03-05" in out
    assert listed(run, "2026-02-26")["office-meeting"]["last_done"] == "2026-02-26"
    en = ok(run("duty", "show", "办公例会", today="2026-02-26", lang="en")).stdout
    assert "office-meeting" in en and "Each period" in en


def test_period_refused_for_a_duty_every_n_days(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    result = run("duty", "done", "office-meeting", "--period", "2026Q1")
    assert result.exit_code == 2 and "--period" in result.stderr
    result = run("duty", "done", "dispute-report", "--period", "2026Q2", today="2026-03-02")
    # Q2 begins on 04-01: not yet on 03-02.
    assert result.exit_code == 2 and "2026-04-01" in result.stderr
    assert not (data_dir / "audit.jsonl").exists()


@pytest.mark.parametrize(
    "args",
    [("done", "no-such-duty"), ("show", "no-such-duty")],
)
def test_unknown_duty_refused_with_the_list(run: Invoke, data_dir: Path, args: tuple) -> None:
    configure(data_dir)
    result = run("duty", *args)
    assert result.exit_code == 2
    assert "office-meeting" in result.stderr and "dispute-sweep" in result.stderr
    assert not (data_dir / "audit.jsonl").exists()


def test_bad_dates_refused_and_nothing_written(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    future = run("duty", "done", "office-meeting", "--on", "2026-03-03", today="2026-03-02")
    assert future.exit_code == 2
    assert not (data_dir / "audit.jsonl").exists()
    ok(run("duty", "done", "office-meeting", "--on", "2026-03-02"))
    again = run("duty", "done", "office-meeting", "--on", "2026-03-02")
    assert again.exit_code == 2 and "DUTY-2026-0001" in again.stderr


def test_a_duty_switched_off_never_appears(run: Invoke, data_dir: Path) -> None:
    configure(data_dir, "[duties.dispute-sweep]\nenabled = false\n")
    assert "dispute-sweep" not in listed(run, "2026-03-02")
    report = js(run("overdue", "--as-of", "2026-03-02", "--format", "json"))
    assert isinstance(report, list)
    assert "dispute-sweep" not in {i["id"] for i in report}
    assert "office-meeting" in {i["id"] for i in report}  # the others are still reported
    refused = run("duty", "done", "dispute-sweep")
    assert refused.exit_code == 2 and "enabled" in refused.stderr
    text = ok(run("overdue", "--as-of", "2026-03-02")).stdout
    assert "矛盾纠纷排查" not in text


def test_changed_period_and_office(run: Invoke, data_dir: Path) -> None:
    configure(data_dir, '[duties.office-meeting]\nevery = "10 days"\noffice = "党政办"\n')
    item = listed(run, "2026-01-05")["office-meeting"]
    # 2026-01-01 + 10 = Sun 01-11 -> Mon 2026-01-12.
    assert (item["every"], item["due"], item["responsible"]) == ("10 days", "2026-01-12", "党政办")


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ('[duties.office-meeting]\nevery = "weekly"\n', "duties.office-meeting.every"),
        ("[duties.office-meeting]\nenabled = 1\n", "duties.office-meeting.enabled"),
        ("[duties.meeting]\nenabled = false\n", "duties.meeting"),
    ],
)
def test_bad_configuration_is_exit_3_naming_the_key(
    run: Invoke, data_dir: Path, extra: str, key: str
) -> None:
    configure(data_dir, extra)
    for args in (("duty", "list"), ("overdue",)):
        result = run(*args)
        assert result.exit_code == 3, result.output
        assert key in result.stderr


def test_overdue_report_lists_duties_in_every_shape(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    ok(run("duty", "done", "office-meeting", "--on", "2026-02-26", today="2026-02-26"))
    report = js(run("overdue", "--as-of", "2026-03-02", "--format", "json"))
    assert isinstance(report, list)
    items = {i["id"]: i for i in report if i["kind"] == "duty"}
    # dispute-sweep: start + 15 = Fri 01-16; overdue on Mon 03-02 by the working days
    # 01-19..01-23, 01-26..01-30, 02-02..02-06, 02-09..02-13 (20), 02-14 (make-up Sat),
    # 02-24..02-27 (4), 02-28 (make-up Sat), 03-02 -> 27; more than 5: serious.
    sweep = items["dispute-sweep"]
    assert (sweep["rule"], sweep["due"], sweep["state"], sweep["workdays_late"]) == (
        "dispute-sweep",
        "2026-01-16",
        "overdue",
        27,
    )
    assert sweep["serious"] is True
    assert sweep["responsible"] == {"person": None, "dept": "综治办"}
    assert sweep["trigger"] == "2026-01-01"
    # office-meeting: done 02-26 + 7 = Thu 03-05, 3 working days ahead: beyond the
    # default window of 2; with --due-within 3 it is due soon.
    assert "office-meeting" not in items
    soon = js(run("overdue", "--as-of", "2026-03-02", "--due-within", "3", "--format", "json"))
    assert isinstance(soon, list)
    assert {i["id"]: i["state"] for i in soon}["office-meeting"] == "due-soon"
    # Only duties, and none with another kind.
    only = js(run("overdue", "--as-of", "2026-03-02", "--kind", "duty", "--format", "json"))
    assert isinstance(only, list) and {i["kind"] for i in only} == {"duty"}
    other = js(run("overdue", "--as-of", "2026-03-02", "--kind", "petition", "--format", "json"))
    assert other == []
    for fmt in ("table", "plain", "github", "html", "csv", "tsv"):
        out = ok(run("overdue", "--as-of", "2026-03-02", "--format", fmt)).stdout
        assert "dispute-sweep" in out and "定期工作" in out
    grouped = ok(run("overdue", "--as-of", "2026-03-02", "--group-by", "dept")).stdout
    # The sweep is in the 综治办 section, the inspection in the 党政办 section.
    sections = grouped.split("\n\n")
    zz = next(s for s in sections if "（综治办）" in s)
    dz = next(s for s in sections if "（党政办）" in s)
    assert "dispute-sweep" in zz and "inspection" in dz and "dispute-sweep" not in dz
    assert run("overdue", "--as-of", "2026-03-02", "--exit-code").exit_code == 1


def test_stats_counts_duties_per_office(run: Invoke, data_dir: Path) -> None:
    configure(data_dir)
    # inspection: January due Mon 02-02, done 01-20 (on time); February due Sat 02-28 (a
    # make-up working day), never done; done Thu 03-05, which is March's (due Tue 03-31).
    ok(run("duty", "done", "inspection", "--on", "2026-01-20", today="2026-01-20"))
    ok(run("duty", "done", "inspection", "--on", "2026-03-05", today="2026-03-05"))
    data = js(
        run("stats", "--year", "2026", "--quarter", "1", "--format", "json", today="2026-03-05")
    )
    assert isinstance(data, dict)
    office = next(x for x in data["duties"] if x["office"] == "党政办")
    # 党政办 in Q1 as of 03-05: inspection Jan met, Feb overdue, Mar met; disclosure-regular
    # and circular Q1 open (due 03-31); the year's assessment is not due in Q1.
    assert (office["met"], office["late"], office["open"], office["overdue"]) == (2, 0, 2, 1)
    text = ok(run("stats", "--year", "2026", "--quarter", "1", today="2026-03-05")).stdout
    assert "定期工作（党政办）" in text


def test_init_writes_the_start_day(run: Invoke, data_dir: Path) -> None:
    ok(run("init", today="2026-05-06"))
    assert "start = 2026-05-06" in (data_dir / "township.toml").read_text(encoding="utf-8")
    # Created Wed 05-06: May is owed in full (ends Sun 05-31 -> Mon 06-01), and so is the
    # year's assessment (ends Thu 12-31); the sweep is due 05-06 + 15 = Thu 05-21.
    duties = listed(run, "2026-05-06")
    assert (duties["inspection"]["period"], duties["inspection"]["due"]) == (
        "2026-05",
        "2026-06-01",
    )
    assert (duties["assessment"]["period"], duties["assessment"]["due"]) == ("2026", "2026-12-31")
    assert duties["dispute-sweep"]["due"] == "2026-05-21"


def test_help_names_the_period_option_in_both_languages(run: Invoke) -> None:
    en = ok(run("duty", "done", "--help", lang="en")).stdout
    assert "--period" in en and "Chinese label" in en
    zh = ok(run("duty", "done", "--help")).stdout
    assert "--period" in zh and "中文名称" in zh
    assert "--as-of" in ok(run("duty", "show", "--help")).stdout
