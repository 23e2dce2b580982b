"""CLI tests for ``township case`` (行政问责制).

Time is pinned with ``today=`` on every call. Expected due dates are derived
by hand from the rule and the official calendar (chinese-calendar 1.11) in
the comments; none comes from the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from commands import cli

Run = Any
# What every ``case open`` records besides the case (行政问责制 5).
CHECKED = ("--verified", "经初步核实，反映情况存在", "--opened-by", "镇长何某")


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def _open(run: Run, on: str, today: str | None = None, subject: str = "李某", *extra: str) -> str:
    result = _ok(
        run(
            "case",
            "open",
            "--subject",
            subject,
            "--unit",
            "民政办",
            "--matter",
            "4",
            "--source",
            "5",
            "--summary",
            "低保申请拖延两个月",
            *CHECKED,
            "--investigator",
            "赵某",
            "--investigator",
            "钱某",
            "--on",
            on,
            *extra,
            today=today or on,
        )
    )
    return result.stdout.splitlines()[0]


def _show(run: Run, case_id: str, today: str) -> dict:
    return json.loads(_ok(run("case", "show", case_id, "--format", "json", today=today)).stdout)


def _report(run: Run, case_id: str, on: str, severity: str = "serious", *extra: str) -> Result:
    # The recommendation keeps to the severity's band (minor 1-3, serious 4-7, grave 8-10).
    recommend = {"minor": "1", "grave": "8"}.get(severity, "5")
    return run(
        "case",
        "report",
        case_id,
        "--facts",
        "多次拖延办理",
        "--conclusion",
        "属实",
        "--recommend",
        recommend,
        "--severity",
        severity,
        "--on",
        on,
        *extra,
        today=on,
    )


def _to_decision(run: Run, subject: str, opened: str, decided: str, severity: str = "minor") -> str:
    """A case of ``subject`` opened on ``opened`` and decided on ``decided`` (method 1)."""
    cid = _open(run, opened, decided, subject)
    _ok(run("case", "statement", cid, "--text", "申辩", "--on", opened, today=decided))
    _ok(_report(run, cid, decided, severity, "--no-statement-reason", "n/a"))
    method = {"minor": "1", "serious": "5", "grave": "8"}[severity]
    _ok(run("case", "decide", cid, "--method", method, "--on", decided, today=decided))
    return cid


# -- the whole life cycle ---------------------------------------------------------


def test_complete_case_across_national_day_and_spring_festival(run: Run) -> None:
    result = _ok(
        run(
            "case",
            "open",
            "--subject",
            "李某",
            "--unit",
            "民政办",
            "--matter",
            "4",
            "--source",
            "5",
            "--summary",
            "低保申请拖延两个月",
            *CHECKED,
            "--investigator",
            "赵某",
            "--investigator",
            "钱某",
            "--on",
            "2025-09-26",
            today="2025-09-26",
        )
    )
    # The id alone on the first line; then the investigation's due date (derived below).
    assert result.stdout == "CASE-2025-0001\n下一个期限：提交调查报告，2025-10-16 到期。\n"
    cid = "CASE-2025-0001"
    data = _show(run, cid, "2025-09-26")
    assert data["status"] == "investigating"
    assert data["responsible"] == {"person": "赵某", "dept": "调查组"}
    assert (data["subject"], data["unit"], data["matter"], data["source"]) == (
        "李某",
        "民政办",
        4,
        5,
    )
    assert data["investigators"] == ["赵某", "钱某"]
    assert "complaint" not in data  # not escalated from a complaint
    assert (data["verified"], data["opened_by"]) == ("经初步核实，反映情况存在", "镇长何某")
    # 2025-09-26 (Fri) + 10 working days: 09-28 (Sun) and 10-11 (Sat) are make-up
    # working days, 10-01..10-08 are off -> 09-28, 29, 30, 10-09, 10, 11, 13, 14,
    # 15, 16 -> 2025-10-16.
    assert data["deadlines"] == [
        {
            "rule": "investigation",
            "trigger": "2025-09-26",
            "due": "2025-10-16",
            "met_on": None,
            "state": "open",
            "provisional": False,
            "workdays_late": 0,
        }
    ]

    result = _ok(
        run(
            "case", "statement", cid, "--text", "材料不全", "--on", "2025-09-28", today="2025-09-28"
        )
    )
    # The investigation stays open, due 2025-10-16 (derived above).
    assert result.stdout == (
        "已记录 CASE-2025-0001 被调查人的陈述和申辩；下一个期限：提交调查报告，2025-10-16 到期。\n"
    )

    result = _ok(
        run(
            "case",
            "extend",
            cid,
            "--approved-by",
            "张书记",
            "--reason",
            "涉及多个部门",
            "--on",
            "2025-10-15",
            today="2025-10-15",
        )
    )
    # From the due date 2025-10-16 (Thu) + 10: 10-17, 20..24, 27, 28, 29, 30 -> 2025-10-30.
    assert "2025-10-30" in result.stdout

    result = _ok(_report(run, cid, "2025-10-29"))
    # Reported 10-29, before the extended due date 10-30: met, nothing else open.
    assert "case decide" in result.stdout and "没有未完成的期限" in result.stdout

    result = _ok(
        run("case", "decide", cid, "--method", "5", "--method", "4", "--on", "2026-02-06",
            today="2026-02-06")
    )  # fmt: skip
    # 2026-02-06 (Fri) + 10: 02-09..13 (5), 02-14 Sat make-up (6), 02-15..23 off
    # (Spring Festival), 02-24, 25, 26, 27 (10) -> 2026-02-27.
    assert result.stdout == (
        "CASE-2025-0001 已作出问责决定：通报批评、责令公开道歉；"
        "下一个期限：送达问责决定，2026-02-27 到期。\n"
    )

    result = _ok(run("case", "deliver", cid, "--on", "2026-02-13", today="2026-02-13"))
    # 2026-02-13 (Fri) + 15: 02-14 Sat make-up (1), 02-15..23 off, 02-24..27 (5),
    # 02-28 Sat make-up (6), 03-02..06 (11), 03-09..12 (15) -> 2026-03-12.
    assert "2026-03-12" in result.stdout

    result = _ok(
        run("case", "appeal", cid, "--grounds", "事实认定有误", "--on", "2026-03-12",
            today="2026-03-12")
    )  # fmt: skip
    # 2026-03-12 (Thu) + 30: 03-13 (1), 03-16..20 (6), 03-23..27 (11), 03-30, 31
    # (13), 04-01..03 (16), 04-04..06 off (清明), 04-07..10 (20), 04-13..17 (25),
    # 04-20..24 (30) -> 2026-04-24.
    assert "2026-04-24" in result.stdout
    assert "申诉期间不停止执行" in result.stdout

    table = _ok(run("case", "show", cid, today="2026-03-13")).stdout
    assert "申诉期间不停止执行" in table
    assert "申诉中" in table

    result = _ok(
        run("case", "review", cid, "--outcome", "changed", "--method", "4", "--on", "2026-04-24",
            today="2026-04-24")
    )  # fmt: skip
    # The review was the last open deadline (met on its due date 04-24).
    assert result.stdout == "CASE-2025-0001 复议复核决定：变更；没有未完成的期限。\n"
    _ok(run("case", "close", cid, "--on", "2026-04-27", today="2026-04-27"))

    data = _show(run, cid, "2026-04-27")
    assert data["status"] == "closed"
    assert data["severity"] == "serious"
    assert data["decision"] == {"on": "2026-02-06", "methods": [4], "changed_on": "2026-04-24"}
    assert data["aggravated"] is False
    assert data["aggravation_grounds"] == []
    assert [(e["on"], e["action"], e["actor"]) for e in data["events"]] == [
        ("2025-09-26", "open", "王芳"),
        ("2025-09-28", "statement", "王芳"),
        ("2025-10-15", "extend", "王芳"),
        ("2025-10-29", "report", "王芳"),
        ("2026-02-06", "decide", "王芳"),
        ("2026-02-13", "deliver", "王芳"),
        ("2026-03-12", "appeal", "王芳"),
        ("2026-04-24", "review", "王芳"),
        ("2026-04-27", "close", "王芳"),
    ]
    assert [
        (x["rule"], x["trigger"], x["due"], x["met_on"], x["state"]) for x in data["deadlines"]
    ] == [
        ("investigation", "2025-09-26", "2025-10-30", "2025-10-29", "met"),
        ("delivery", "2026-02-06", "2026-02-27", "2026-02-13", "met"),
        ("appeal-window", "2026-02-13", "2026-03-12", "2026-03-12", "met"),
        ("review", "2026-03-12", "2026-04-24", "2026-04-24", "met"),
    ]

    table = _ok(run("case", "show", cid, today="2026-04-27")).stdout
    for text in (
        "已结案",
        "延长 10 个工作日，批准人 张书记",
        "按时完成",
        "2026-04-24",
        "送达问责决定",
    ):
        assert text in table


def test_late_report_overdue_and_expired_appeal_window(run: Run) -> None:
    cid = _open(run, "2026-09-28")
    # 2026-09-28 (Mon) + 10: 09-29, 30 (2), 10-01..07 off, 10-08, 09 (4),
    # 10-10 Sat make-up (5), 10-12..16 (10) -> 2026-10-16. On Tue 10-20 it is
    # overdue by 2 working days (10-19, 10-20).
    [dl] = _show(run, cid, "2026-10-20")["deadlines"]
    assert (dl["due"], dl["state"], dl["workdays_late"]) == ("2026-10-16", "overdue", 2)
    listed = json.loads(
        _ok(run("case", "list", "--overdue", "--format", "json", today="2026-10-20")).stdout
    )
    assert [r["id"] for r in listed] == [cid]

    result = _ok(_report(run, cid, "2026-10-20", "serious", "--no-statement-reason", "住院"))
    assert "逾期 2 个工作日" in result.stdout
    _ok(run("case", "decide", cid, "--method", "6", "--on", "2026-10-20", today="2026-10-20"))
    _ok(run("case", "deliver", cid, "--on", "2026-10-20", today="2026-10-20"))
    # 2026-10-20 (Tue) + 15: 10-21..23 (3), 10-26..30 (8), 11-02..06 (13),
    # 11-09, 10 (15) -> 2026-11-10.
    result = run(
        "case", "appeal", cid, "--grounds", "不服", "--on", "2026-11-11", today="2026-11-11"
    )
    assert result.exit_code == 2
    assert "2026-11-10" in result.stderr and "届满" in result.stderr
    result = run(
        "case", "appeal", cid, "--grounds", "x", "--on", "2026-11-11", today="2026-11-11", lang="en"
    )
    assert result.exit_code == 2
    assert "ended on 2026-11-10" in result.stderr

    result = run("case", "close", cid, "--on", "2026-11-10", today="2026-11-10")
    assert result.exit_code == 2
    assert "2026-11-10" in result.stderr
    window = _show(run, cid, "2026-11-11")["deadlines"][2]
    assert (window["rule"], window["due"], window["state"]) == (
        "appeal-window",
        "2026-11-10",
        "expired",
    )
    _ok(run("case", "close", cid, today="2026-11-11"))
    assert _show(run, cid, "2026-11-11")["status"] == "closed"


def test_provisional_2027_due_date_is_marked(run: Run) -> None:
    cid = _open(run, "2026-12-28")
    # 2026-12-28 (Mon) + 10: 12-29, 30, 31 (3), 2027-01-01 off (元旦, provisional),
    # 01-04..08 (8), 01-11, 12 (10) -> 2027-01-12, provisional.
    [dl] = _show(run, cid, "2026-12-28")["deadlines"]
    assert (dl["due"], dl["provisional"]) == ("2027-01-12", True)
    table = _ok(run("case", "show", cid, today="2026-12-28")).stdout
    assert "2027-01-12 *" in table and "暂定" in table


def test_step_with_format_json_prints_the_record(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    result = _ok(
        run("case", "obstruct", cid, "--note", "拒不提供台账", "--format", "json",
            today="2025-09-29")
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["id"] == cid
    assert data["aggravated"] is True and data["aggravation_grounds"] == [2]
    assert data["deadlines"][0]["due"] == "2025-10-16"  # as derived above


def test_open_with_format_json(run: Run) -> None:
    result = _ok(
        run("case", "open", "--subject", "李某", "--unit", "民政办", "--matter", "1", "--source",
            "1", "--summary", "s", *CHECKED, "--investigator", "赵某", "--format", "json", today="2025-09-26")
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["id"] == "CASE-2025-0001"
    assert data["events"][0]["on"] == "2025-09-26"  # --on defaults to today


# -- refusals ---------------------------------------------------------------------------


def test_out_of_order_step_names_the_next_step(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    result = run("case", "decide", cid, "--method", "5", today="2025-09-29")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "下一步：" in result.stderr and "提交调查报告（case report）" in result.stderr
    result = run("case", "deliver", cid, today="2025-09-29", lang="en")
    assert result.exit_code == 2
    assert "Next allowed step:" in result.stderr
    assert "investigation report (case report)" in result.stderr


def test_second_extend_is_refused(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    args = ("case", "extend", cid, "--approved-by", "张书记", "--reason", "复杂")
    _ok(run(*args, today="2025-10-09"))
    result = run(*args, today="2025-10-10")
    assert result.exit_code == 2
    assert "只能延长一次" in result.stderr
    result = run(*args, today="2025-10-10", lang="en")
    assert "only once" in result.stderr
    # Still the one extension: 2025-10-16 + 10 working days -> 2025-10-30.
    assert _show(run, cid, "2025-10-10")["deadlines"][0]["due"] == "2025-10-30"


def test_report_without_statement_is_refused(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    result = _report(run, cid, "2025-10-09")
    assert result.exit_code == 2
    assert "case statement" in result.stderr and "--no-statement-reason" in result.stderr
    assert _show(run, cid, "2025-10-09")["status"] == "investigating"
    _ok(_report(run, cid, "2025-10-09", "serious", "--no-statement-reason", "拒不到场"))


def test_method_outside_band_is_refused(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    _ok(run("case", "statement", cid, "--text", "申辩", today="2025-09-29"))
    _ok(_report(run, cid, "2025-10-09", "grave"))
    result = run("case", "decide", cid, "--method", "8", "--method", "5", today="2025-10-09")
    assert result.exit_code == 2
    assert "8-10" in result.stderr and "5" in result.stderr
    result = run("case", "decide", cid, "--method", "5", today="2025-10-09", lang="en")
    assert "allows methods 8-10 only" in result.stderr
    assert _show(run, cid, "2025-10-09").get("decision") is None


def test_future_date_and_date_before_previous_step(run: Run) -> None:
    result = run(
        "case", "open", "--subject", "李某", "--unit", "u", "--matter", "1", "--source", "1",
        "--summary", "s", *CHECKED, "--investigator", "赵某", "--on", "2025-09-27", today="2025-09-26",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "2025-09-27" in result.stderr and "晚于今天" in result.stderr
    cid = _open(run, "2025-09-26")
    _ok(run("case", "statement", cid, "--text", "申辩", "--on", "2025-09-30", today="2025-09-30"))
    result = run(
        "case", "statement", cid, "--text", "补充", "--on", "2025-10-09", today="2025-09-30"
    )
    assert result.exit_code == 2
    result = run("case", "obstruct", cid, "--note", "x", "--on", "2025-09-29", today="2025-09-30")
    assert result.exit_code == 2
    assert "早于" in result.stderr and "2025-09-30" in result.stderr
    assert _show(run, cid, "2025-09-30")["aggravated"] is False


def test_investigator_may_not_be_the_subject(run: Run) -> None:
    result = run(
        "case", "open", "--subject", "李某", "--unit", "u", "--matter", "1", "--source", "1",
        "--summary", "s", *CHECKED, "--investigator", "李某", today="2025-09-26",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "回避" in result.stderr
    assert run("case", "list", "--format", "json", today="2025-09-26").stdout.strip() == "[]"


def test_unknown_id_and_bad_catalogue_values(run: Run) -> None:
    _open(run, "2025-09-26")
    result = run("case", "show", "CASE-2025-0099", today="2025-09-26")
    assert result.exit_code == 2
    assert "CASE-2025-0099" in result.stderr
    result = run(
        "case", "statement", "CASE-2025-0099", "--text", "x", today="2025-09-26", lang="en"
    )
    assert result.exit_code == 2
    assert "There is no record CASE-2025-0099" in result.stderr
    result = run(
        "case", "open", "--subject", "李某", "--unit", "u", "--matter", "11", "--source", "1",
        "--summary", "s", *CHECKED, "--investigator", "赵某", today="2025-09-26",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--matter" in result.stderr and "10 监管不力、处置不当" in result.stderr
    result = run(
        "case", "open", "--subject", "李某", "--unit", "u", "--matter", "1", "--source", "9",
        "--summary", "s", *CHECKED, "--investigator", "赵某", today="2025-09-26", lang="en",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--source" in result.stderr and "8 (other channels)" in result.stderr


def test_invalid_severity_and_outcome(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    _ok(run("case", "statement", cid, "--text", "申辩", today="2025-09-29"))
    result = _report(run, cid, "2025-10-09", "huge")
    assert result.exit_code == 2
    assert "minor" in result.stderr


# -- aggravation ---------------------------------------------------------------------------


def test_aggravation_across_two_cases_a_year_apart(run: Run) -> None:
    first = _to_decision(run, "李某", "2025-02-24", "2025-03-03")
    # Opened 2026-03-02: the window starts 365 days earlier, 2025-03-02; the
    # decision of 2025-03-03 lies inside -> ground ①.
    inside = _open(run, "2026-03-02", "2026-03-02", "李某")
    # Decision 2025-03-03 vs a case opened 2026-03-04: the window starts
    # 2025-03-04 -> outside, not aggravated.
    outside = _open(run, "2026-03-04", "2026-03-04", "李某")
    data = _show(run, inside, "2026-03-04")
    assert data["aggravated"] is True and data["aggravation_grounds"] == [1]
    data = _show(run, outside, "2026-03-04")
    assert data["aggravated"] is False and data["aggravation_grounds"] == []
    assert _show(run, first, "2026-03-04")["aggravation_grounds"] == []
    table = _ok(run("case", "show", inside, today="2026-03-04")).stdout
    assert "是：①1年内出现2次以上被问责" in table

    # Not aggravated: a minor case may not take a serious method ...
    _ok(run("case", "statement", outside, "--text", "申辩", today="2026-03-04"))
    _ok(_report(run, outside, "2026-03-04", "minor"))
    result = run("case", "decide", outside, "--method", "5", today="2026-03-04")
    assert result.exit_code == 2
    assert "1-3" in result.stderr
    # ... while the aggravated one may (the next band up).
    _ok(run("case", "statement", inside, "--text", "申辩", today="2026-03-04"))
    _ok(_report(run, inside, "2026-03-04", "minor"))
    _ok(run("case", "decide", inside, "--method", "5", today="2026-03-04"))

    # Now "inside" is decided on 2026-03-04, the day "outside" was opened: that
    # decision lies in outside's window (2025-03-04..2026-03-04), so it counts.
    listed = json.loads(_ok(run("case", "list", "--format", "json", today="2026-03-04")).stdout)
    assert {r["id"]: r["aggravation_grounds"] for r in listed} == {
        first: [],
        inside: [1],
        outside: [1],
    }


def test_obstruction_aggravates_statement_does_not(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    _ok(run("case", "statement", cid, "--text", "坚决不认可调查结论", today="2025-09-29"))
    assert _show(run, cid, "2025-09-29")["aggravated"] is False
    result = _ok(run("case", "obstruct", cid, "--note", "拒不提供台账", today="2025-09-30"))
    assert "从重" in result.stdout
    data = _show(run, cid, "2025-09-30")
    assert data["aggravated"] is True and data["aggravation_grounds"] == [2]
    _ok(
        run(
            "case",
            "aggravate",
            cid,
            "--ground",
            "4",
            "--note",
            "向调查人员送礼",
            today="2025-09-30",
        )
    )
    assert _show(run, cid, "2025-09-30")["aggravation_grounds"] == [2, 4]
    result = run("case", "aggravate", cid, "--ground", "2", "--note", "x", today="2025-09-30")
    assert result.exit_code == 2
    assert "case obstruct" in result.stderr


# -- recusal ---------------------------------------------------------------------------------


def test_recusal_and_report_without_investigators(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    _ok(run("case", "statement", cid, "--text", "申辩", today="2025-09-29"))
    result = _ok(
        run("case", "recuse", cid, "--investigator", "赵某", "--reason", "亲属", "--replacement",
            "孙某", today="2025-09-29")
    )  # fmt: skip
    # Opened Fri 2025-09-26: investigation due 2025-10-16 (derived in the first test).
    assert result.stdout == (
        "赵某 已回避 CASE-2025-0001，调查组：钱某、孙某；下一个期限：提交调查报告，2025-10-16 到期。\n"
    )
    data = _show(run, cid, "2025-09-29")
    assert data["investigators"] == ["钱某", "孙某"]
    assert data["responsible"]["person"] == "钱某"
    for name in ("钱某", "孙某"):
        _ok(
            run(
                "case",
                "recuse",
                cid,
                "--investigator",
                name,
                "--reason",
                "回避",
                today="2025-09-30",
            )
        )
    result = _report(run, cid, "2025-10-09")
    assert result.exit_code == 2
    assert "case appoint" in result.stderr
    _ok(run("case", "appoint", cid, "--investigator", "周某", today="2025-10-09"))
    _ok(_report(run, cid, "2025-10-09"))


# -- reading: list, show, catalog, help ---------------------------------------------------


def test_list_filters(run: Run) -> None:
    a = _open(run, "2025-09-26")
    b = _open(run, "2025-10-09", "2025-10-09", "周某")
    _ok(run("case", "statement", b, "--text", "申辩", today="2025-10-09"))
    _ok(_report(run, b, "2025-10-10"))

    def ids(*args: str) -> list[str]:
        out = _ok(run("case", "list", *args, "--format", "json", today="2025-10-10")).stdout
        return [r["id"] for r in json.loads(out)]

    assert ids() == [a, b]
    assert ids("--status", "reported") == [b]
    assert ids("--since", "2025-10-01") == [b]
    assert ids("--until", "2025-09-30") == [a]
    assert ids("--handler", "周某") == [b]  # the subject
    assert ids("--handler", "钱某") == [a, b]  # an investigator
    assert ids("--handler", "民政办") == [a, b]  # the unit
    assert ids("--handler", "nobody") == []
    table = _ok(run("case", "list", today="2025-10-10")).stdout
    assert "已提交调查报告" in table and "④办事拖拉、推诿扯皮" in table
    empty = _ok(run("case", "list", "--handler", "nobody", today="2025-10-10")).stdout
    assert empty == "没有符合条件的记录。\n"


def test_catalog(run: Run) -> None:
    table = _ok(run("case", "catalog", today="2025-10-10")).stdout
    for text in (
        "⑤",
        "通报批评",
        "有令不行、有禁不止",
        "新闻媒体的报道",
        "情节特别严重",
        "拉拢、收买问责调查人员",
    ):
        assert text in table
    data = json.loads(_ok(run("case", "catalog", "--format", "json", today="2025-10-10")).stdout)
    assert sorted(data) == ["aggravation", "matter", "method", "severity", "source"]
    assert [len(data[k]) for k in ("matter", "method", "source")] == [10, 10, 8]
    assert data["method"][4] == {"number": 5, "zh": "通报批评", "en": "circulated criticism"}
    assert data["severity"][1] == {"id": "serious", "zh": "情节严重", "en": "serious",
                                   "methods": [4, 5, 6, 7]}  # fmt: skip
    only = json.loads(_ok(run("case", "catalog", "source", "--format", "json")).stdout)
    assert list(only) == ["source"]
    english = _ok(run("case", "catalog", "method", lang="en")).stdout
    assert "circulated criticism" in english and "通报批评" not in english


def test_english_confirmations(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    result = _ok(run("case", "statement", cid, "--text", "x", today="2025-09-29", lang="en"))
    # Investigation due 2025-10-16 (derived in the first test).
    assert result.stdout == (
        f"Recorded the statement of the subject of {cid}; next deadline: investigation "
        "report, due 2025-10-16.\n"
    )
    table = _ok(run("case", "show", cid, today="2025-09-29", lang="en")).stdout
    assert "under investigation" in table and "investigation report" in table


@pytest.mark.parametrize(
    "name",
    [
        "open", "statement", "extend", "obstruct", "aggravate", "recuse", "appoint", "report",
        "decide", "deliver", "appeal", "review", "close", "inform", "list", "show", "catalog",
    ],
)  # fmt: skip
def test_every_command_has_help_with_an_example(run: Run, name: str) -> None:
    result = _ok(run("case", name, "--help", "--lang", "en"))
    assert "Example:" in result.stdout
    group = cli.get_command(None, "case")  # type: ignore[arg-type]
    assert name in group.commands  # type: ignore[union-attr]


def test_report_recommendation_keeps_to_the_band(run: Run) -> None:
    cid = _open(run, "2025-09-26")
    _ok(run("case", "statement", cid, "--text", "申辩", today="2025-09-29"))
    base = ["case", "report", cid, "--facts", "f", "--conclusion", "c", "--severity", "minor"]
    result = run(*base, "--recommend", "5", today="2025-09-29")
    assert result.exit_code == 2
    assert "1-3" in result.stderr and "5" in result.stderr
    assert _show(run, cid, "2025-09-29")["status"] == "investigating"
    # Aggravated (an obstruction, ground ②): the next band up (serious, 4-7) is allowed.
    _ok(run("case", "obstruct", cid, "--note", "拒不提供台账", today="2025-09-29"))
    result = run(*base, "--recommend", "8", today="2025-09-29")
    assert result.exit_code == 2
    _ok(run(*base, "--recommend", "5", today="2025-09-29"))
    assert _show(run, cid, "2025-09-29")["report"]["recommend"] == [5]


def test_a_late_appeal_names_the_window_in_force(run: Run, data_dir: Path) -> None:
    """appeal-window = 20 in township.toml: the refusal counts and says 20."""
    cid = _to_decision(run, "周某", "2026-03-02", "2026-03-02")
    (data_dir / "township.toml").write_text("[rules]\nappeal-window = 20\n", encoding="utf-8")
    _ok(run("case", "deliver", cid, "--on", "2026-03-02", today="2026-03-02"))
    # Delivered Mon 2026-03-02 + 20 working days: 03-03..06 (4), 03-09..13 (9),
    # 03-16..20 (14), 03-23..27 (19), 03-30 (20) -> 2026-03-30.
    assert _show(run, cid, "2026-03-02")["deadlines"][-1]["due"] == "2026-03-30"
    result = run("case", "appeal", cid, "--grounds", "g", "--on", "2026-03-31", today="2026-03-31")
    assert result.exit_code == 2
    assert "20 个工作日" in result.stderr and "2026-03-30" in result.stderr
    assert "15" not in result.stderr
    english = run("case", "appeal", cid, "--grounds", "g", today="2026-03-31", lang="en")
    assert "20 working days" in english.stderr
    _ok(run("case", "appeal", cid, "--grounds", "g", "--on", "2026-03-30", today="2026-03-31"))


# -- what 行政问责制 5 and 9 require: the preliminary check, who decided, who was told ----


def test_open_needs_the_check_and_who_decided(run: Run, data_dir: Path) -> None:
    base = ["case", "open", "--subject", "李某", "--unit", "民政办", "--matter", "4",
            "--source", "5", "--summary", "s", "--investigator", "赵某"]  # fmt: skip
    result = run(*base, "--opened-by", "镇长何某", today="2026-03-02")
    assert result.exit_code == 2 and "缺少选项「--verified」" in result.stderr
    result = run(*base, "--verified", "v", today="2026-03-02", lang="en")
    assert result.exit_code == 2 and "Missing option '--opened-by'" in result.stderr
    result = run(*base, "--verified", " ", "--opened-by", "镇长何某", today="2026-03-02")
    assert result.exit_code == 2 and "初步核实情况不能为空" in result.stderr
    assert not (data_dir / "cases").exists() or not any((data_dir / "cases").iterdir())
    cid = _open(run, "2026-03-02")
    table = _ok(run("case", "show", cid, today="2026-03-02")).stdout
    for text in ("初步核实情况", "经初步核实，反映情况存在", "决定启动人", "镇长何某 决定启动"):
        assert text in table
    english = _ok(run("case", "show", cid, today="2026-03-02", lang="en")).stdout
    assert "preliminary check" in english and "opened by 镇长何某" in english


def test_inform_after_the_decision(run: Run) -> None:
    cid = _open(run, "2026-03-02")
    result = run("case", "inform", cid, "--to", "县纪委", today="2026-03-02")
    assert result.exit_code == 2 and result.stdout == ""
    assert "不能告知问责情况（case inform）" in result.stderr
    assert "下一步：" in result.stderr and "提交调查报告（case report）" in result.stderr
    assert "informed" not in _show(run, cid, "2026-03-02")

    _ok(run("case", "statement", cid, "--text", "申辩", today="2026-03-02"))
    _ok(_report(run, cid, "2026-03-02", "minor"))
    _ok(run("case", "decide", cid, "--method", "1", today="2026-03-02"))
    result = _ok(run("case", "inform", cid, "--to", "县纪委", today="2026-03-03"))
    # Decided Mon 2026-03-02: delivery within 10 working days, 03-03..06 (4),
    # 03-09..13 (9), 03-16 (10) -> 2026-03-16; informing starts no clock of its own.
    assert result.stdout == (
        f"已将 {cid} 的问责情况告知 县纪委；下一个期限：送达问责决定，2026-03-16 到期。\n"
    )
    data = _show(run, cid, "2026-03-03")
    assert data["informed"] == [{"on": "2026-03-03", "to": "县纪委"}]
    assert [x["rule"] for x in data["deadlines"]] == ["investigation", "delivery"]
    table = _ok(run("case", "show", cid, today="2026-03-03")).stdout
    assert "问责情况告知" in table and "2026-03-03 县纪委" in table
    result = run("case", "inform", cid, today="2026-03-03")
    assert result.exit_code == 2 and "缺少选项「--to」" in result.stderr


def test_no_help_states_a_period_in_words_of_its_own(run: Run) -> None:
    """The help of every case command names no period: the rule book does."""
    import re

    period = re.compile(r"\d+\s*(个工作日|个月|日内|天|working days|days|months)")
    group = cli.get_command(None, "case")  # type: ignore[arg-type]
    for name in group.commands:  # type: ignore[union-attr]
        for lang in ("zh", "en"):
            text = _ok(run("case", name, "--help", lang=lang)).stdout
            assert not period.search(text), (name, lang, period.search(text))
