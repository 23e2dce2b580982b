"""End to end, as the regulations' clocks and duties are judged: each clock
against a day-by-day count across holidays, make-up days and month ends; steps
out of order refused naming the next one; duties read period by period."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Invoke


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(result: Any, *words: str) -> str:
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


def files(data_dir: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def dues(run: Invoke, kind: str, rid: str, today: str) -> dict[str, str]:
    record = json.loads(ok(run(kind, "show", rid, "--format", "json", today=today)).stdout)
    return {c["rule"]: c["due"] for c in record["deadlines"] if not c.get("met_on")}


def test_dispute_route_starts_the_party_notice_across_national_day(run: Invoke) -> None:
    # 督办制度 (六): 三日内告知当事人, calendar days. Routed 2025-09-29: +3 = 10-02, a
    # holiday (10-01..10-08 off) -> the next working day, 2025-10-09 (Thursday).
    ok(run("init", today="2025-09-01"))
    rid = ok(run("dispute", "register", "--summary", "宅基地纠纷", "--parties", "张某甲",
                 today="2025-09-26")).stdout.strip()  # fmt: skip
    refused(run("dispute", "notify", rid, today="2025-09-26"), "dispute route")
    ok(run("dispute", "route", rid, "--dept", "司法所", "--days", "30", today="2025-09-29"))
    # Mediation: 09-29 + 30 days = 10-29 (Wednesday, a working day).
    assert dues(run, "dispute", rid, "2025-09-29") == {
        "party-notice": "2025-10-09",
        "dispute-mediation": "2025-10-29",
    }
    refused(run("dispute", "resolve", rid, "--result", "调解成功", today="2025-10-10"),
            "--approved-by")  # fmt: skip


def test_task_progress_is_monthly_by_default_and_none_for_a_request(run: Invoke) -> None:
    # Received 2025-01-31 (Spring Festival, 01-28..02-04 off; 01-26 and 02-08 make-up):
    # one month -> 2025-02-28 (the month has no 31st: its last day, a Friday);
    # 15 working days: 02-05,06,07,08(make-up),10..14,17..21,24 -> 2025-02-24.
    ok(run("init", today="2025-01-02"))
    plan = ok(run("task", "receive", "--title", "方案", "--from", "县政府", "--type", "plan",
                  "--on", "2025-01-31", today="2025-02-03")).stdout.splitlines()[0]  # fmt: skip
    assert dues(run, "task", plan, "2025-02-03") == {
        "task-plan": "2025-02-24",
        "task-progress": "2025-02-28",
    }
    request = ok(run("task", "receive", "--title", "请示", "--from", "东村", "--type",
                     "request", "--on", "2025-01-31", today="2025-02-03")).stdout.splitlines()[0]  # fmt: skip
    assert dues(run, "task", request, "2025-02-03") == {"request-reply": "2025-02-24"}


def test_petition_extensions_add_up_to_thirty_days(run: Invoke) -> None:
    # Accepted 2025-09-03: +60 days = 11-02 (Sunday) -> 11-03. Extensions run from the
    # current due date: +20 -> 11-23 (Sunday) -> 11-24; +10 -> 12-04 (Thursday).
    ok(run("init", today="2025-09-01"))
    rid = ok(run("petition", "receive", "--petitioner", "赵某", "--matter", "宅基地",
                 today="2025-09-02")).stdout.splitlines()[0]  # fmt: skip
    ok(run("petition", "accept", rid, today="2025-09-03"))
    extend = ("petition", "extend", rid, "--approved-by", "镇长刘某", "--reason", "复杂")
    ok(run(*extend, "--days", "20", today="2025-10-20"))
    refused(run(*extend, "--days", "11", today="2025-10-21"), "10")
    ok(run(*extend, "--days", "10", today="2025-10-21"))
    assert dues(run, "petition", rid, "2025-10-21") == {"petition-conclusion": "2025-12-04"}
    refused(run(*extend, "--days", "1", today="2025-10-22"), "petition conclude")


def test_a_quarterly_duty_is_met_by_the_period_its_date_falls_in(run: Invoke) -> None:
    # Created 2025-03-10: 2025Q1 is owed in full (due 03-31, a Monday). A meeting
    # on 06-25 is Q2's; Q1 stays overdue until named with --period.
    ok(run("init", today="2025-03-10"))
    out = ok(run("duty", "done", "situation-meeting", "--on", "2025-06-25",
                 today="2025-06-25")).stdout  # fmt: skip
    assert "2025Q2" in out and "2025-03-31（2025Q1）" in out
    ok(run("duty", "done", "situation-meeting", "--period", "2025Q1", today="2025-06-26"))
    shown = json.loads(ok(run("duty", "show", "situation-meeting", "--format", "json",
                              today="2025-06-26")).stdout)  # fmt: skip
    states = {p["period"]: p["state"] for p in shown["periods"]}
    assert states == {"2025Q1": "late", "2025Q2": "met", "2025Q3": "open"}


def test_duty_done_refuses_a_period_before_the_first_one_owed(run: Invoke, data_dir: Path) -> None:
    # Created 2025-03-10: 2024Q4 and the year 2024 were never owed; a late report
    # for them is a mistyped --period, not "already met".
    ok(run("init", today="2025-03-10"))
    before = files(data_dir)
    refused(run("duty", "done", "situation-meeting", "--period", "2024Q4", today="2025-06-26"),
            "2024Q4", "2025Q1")  # fmt: skip
    refused(run("duty", "done", "assessment", "--period", "2024", today="2025-06-26"), "2024")
    assert files(data_dir) == before
    ok(run("duty", "done", "situation-meeting", "--period", "2025Q1", today="2025-06-26"))


def test_a_circular_completion_names_no_year_as_its_period(run: Invoke) -> None:
    # A circular issued 2025-04-03 on 2025Q1 meets 2025Q2 (the quarter it is issued
    # in); its completion names no period of its own (not its year, "2025").
    ok(run("init", today="2025-03-10"))
    ok(run("circular", "issue", "--period", "2025Q1", "--criticize", "财政所",
           today="2025-04-03"))  # fmt: skip
    shown = json.loads(ok(run("duty", "show", "circular", "--format", "json",
                              today="2025-04-03")).stdout)  # fmt: skip
    assert [d["period"] for d in shown["done"]] == [None]
    states = {p["period"]: p["state"] for p in shown["periods"]}
    assert states == {"2025Q1": "overdue", "2025Q2": "met"}


def test_rules_show_how_each_period_may_be_extended(run: Invoke) -> None:
    # The helps of `inquiry extend` and `petition extend` send the clerk to
    # `township rules --kind K` for the extension policy: the table shows it, as the
    # commands apply it (petition: 20 + 10 in all; case: once, 10 working days;
    # inquiry: as often as approved, the text sets no limit).
    def row(kind: str, rule: str) -> str:
        out = ok(run("rules", "--kind", kind)).stdout
        return next(line for line in out.splitlines() if line.startswith(rule + " "))

    assert "延期" in ok(run("rules", "--kind", "petition")).stdout.splitlines()[0]
    assert "可多次延期，合计不超过 30 日，须镇长同意" in row("petition", "petition-conclusion")
    assert "可延期一次，不超过 10 个工作日" in row("case", "investigation")
    assert "可多次延期，须领导审批" in row("inquiry", "service-commitment")
    assert "—" in row("petition", "petition-acceptance")
