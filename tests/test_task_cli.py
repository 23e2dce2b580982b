"""``township task`` from the command line .

Expected dates are derived by hand in comments from the rule (15 working
days from the day of receipt, the day itself not counted; 1 month = the
same day number, or the month's last day, rolled off rest days; 7 days
likewise) and the official calendar:

- 2025 Spring Festival: rest 01-28..02-04; make-up working days Sun 01-26, Sat 02-08.
- 2025 National Day: rest 10-01..10-08; make-up working days Sun 09-28, Sat 10-11.
- 2026 Spring Festival: rest 02-15..02-23; make-up working days Sat 02-14, Sat 02-28.
- 2027 is not published: provisional (weekends, 元旦 01-01, 春节 02-05..02-08 ...).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def receive(run: Invoke, on: str, type_: str = "execute", *more: str, today: str = "") -> str:
    result = ok(
        run(
            "task",
            "receive",
            "--title",
            "落实森林防火部署",
            "--from",
            "县人民政府办公室",
            "--type",
            type_,
            "--dept",
            "党政办",
            "--on",
            on,
            *more,
            today=today or on,
        )
    )
    rid = result.stdout.splitlines()[0]
    assert re.fullmatch(r"TSK-\d{4}-\d{4}", rid), result.stdout
    return rid


def show(run: Invoke, rid: str, today: str) -> dict:
    data = json.loads(ok(run("task", "show", rid, "--format", "json", today=today)).stdout)
    assert isinstance(data, dict)
    return data


def due(data: dict, rule: str, index: int = -1) -> dict:
    return [d for d in data["deadlines"] if d["rule"] == rule][index]


def test_execute_across_the_2025_spring_festival(run: Invoke) -> None:
    rid = receive(run, "2025-01-31", "execute", "--progress", "monthly")
    data = show(run, rid, "2025-01-31")
    assert data["status"] == "received" and data["type"] == "execute"
    # Working days after Fri 01-31: 02-05 1, 02-06 2, 02-07 3, Sat 02-08 (make-up) 4,
    # 02-10..02-14 5-9, 02-17..02-21 10-14, 02-24 15.
    assert due(data, "task-completion")["due"] == "2025-02-24"
    # One month after 01-31: February has no 31st -> its last day, Fri 2025-02-28.
    assert due(data, "task-progress")["due"] == "2025-02-28"
    assert {d["rule"] for d in data["deadlines"]} == {"task-completion", "task-progress"}


def test_month_end_onto_a_make_up_saturday(run: Invoke) -> None:
    # Received Sat 2026-01-31: one month on is 02-28, a make-up Saturday (a working day).
    rid = receive(run, "2026-01-31", "plan", "--progress", "monthly")
    data = show(run, rid, "2026-02-02")
    assert due(data, "task-progress")["due"] == "2026-02-28"
    # task-plan: 02-02..02-06 1-5, 02-09..02-13 6-10, Sat 02-14 11, rest 02-15..02-23,
    # 02-24 12, 02-25 13, 02-26 14, 02-27 15.
    assert due(data, "task-plan")["due"] == "2026-02-27"
    assert data["status"] == "awaiting-plan"


def test_request_across_national_day_and_weekly_progress(run: Invoke) -> None:
    rid = receive(run, "2025-09-26", "request", "--progress", "一周一报")
    data = show(run, rid, "2025-09-26")
    # 09-28 (make-up Sun) 1, 09-29 2, 09-30 3, 10-09 4, 10-10 5, Sat 10-11 6,
    # 10-13..10-17 7-11, 10-20..10-23 12-15.
    assert due(data, "request-reply")["due"] == "2025-10-23"
    # 7 days: 10-03, a holiday; rest through 10-08 -> 2025-10-09.
    assert due(data, "task-progress-weekly")["due"] == "2025-10-09"
    assert data["progress"] == "weekly"


def test_provisional_2027_is_marked(run: Invoke) -> None:
    rid = receive(run, "2026-12-15", "execute", "--progress", "monthly")
    data = show(run, rid, "2026-12-15")
    # 12-16..12-18 1-3, 12-21..12-25 4-8, 12-28..12-31 9-12, 2027-01-01 元旦 (provisional),
    # 01-04 13, 01-05 14, 01-06 15.
    completion = due(data, "task-completion")
    assert (completion["due"], completion["provisional"]) == ("2027-01-06", True)
    # 2026-12-15 + 1 month = Fri 2027-01-15, a working day in the provisional year.
    progress = due(data, "task-progress")
    assert (progress["due"], progress["provisional"]) == ("2027-01-15", True)
    table = ok(run("task", "show", rid, today="2026-12-15")).stdout
    assert "2027-01-06 *" in table and "暂定" in table


def test_progress_repeats_from_each_report(run: Invoke) -> None:
    rid = receive(run, "2025-01-31", "execute", "--progress", "monthly", today="2025-02-27")
    out = ok(
        run(
            "task",
            "progress",
            rid,
            "--text",
            "已完成 3 个村",
            "--on",
            "2025-02-27",
            today="2025-02-27",
        )
    ).stdout
    # The completion (02-24) is the soonest open deadline and already overdue.
    assert out == f"{rid} 已报告进度；下一个期限：落实上级决定，2025-02-24 到期。\n"
    data = show(run, rid, "2025-03-31")
    first, second = [d for d in data["deadlines"] if d["rule"] == "task-progress"]
    assert (first["met_on"], first["state"]) == ("2025-02-27", "met")
    # Next: 02-27 + 1 month = Thu 2025-03-27.
    assert (second["trigger"], second["due"], second["state"]) == (
        "2025-02-27",
        "2025-03-27",
        "overdue",
    )
    # Completing meets the completion (late) and the open progress report.
    ok(run("task", "complete", rid, "--result", "已落实", "--on", "2025-03-31", today="2025-03-31"))
    data = show(run, rid, "2025-03-31")
    assert data["status"] == "completed"
    assert all(d["met_on"] for d in data["deadlines"])
    assert due(data, "task-progress")["state"] == "late"


def test_complete_late_names_the_lateness(run: Invoke) -> None:
    rid = receive(run, "2025-01-31", today="2025-02-26")
    out = ok(
        run(
            "task",
            "complete",
            rid,
            "--result",
            "已落实",
            "--on",
            "2025-02-26",
            today="2025-02-26",
            lang="en",
        )
    ).stdout
    # Due 02-24 (above); 02-25 and 02-26 are two working days after it.
    assert out == (
        f"{rid} completed; 'carry out the decision' met 2 working days late (due 2025-02-24).\n"
    )


def test_plan_then_complete(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", "plan", today="2026-03-10")
    result = run("task", "complete", rid, "--result", "x", today="2026-03-10")
    assert result.exit_code == 2
    assert "task report" in result.stderr
    out = ok(
        run("task", "report", rid, "--plan", "方案已报送", "--on", "2026-03-09", today="2026-03-10")
    ).stdout
    # The plan is met; the monthly progress report (the default) is still due:
    # 03-02 + 1 month = Thu 2026-04-02, a working day.
    assert out == f"{rid} 已报送工作方案；下一个期限：报告办理进度，2026-04-02 到期。\n"
    data = show(run, rid, "2026-03-10")
    assert (data["status"], data["plan"]) == ("planned", "方案已报送")
    # 03-03..03-06 1-4, 03-09 5: met on time (due 03-23).
    assert due(data, "task-plan")["state"] == "met"
    ok(run("task", "complete", rid, "--result", "已完成整治", today="2026-03-10"))
    assert show(run, rid, "2026-03-10")["status"] == "completed"


@pytest.mark.parametrize(
    ("type_", "step", "args", "message", "next_step"),
    [
        ("execute", "reply", ["--text", "x"], "不是请示事项", "task complete"),
        ("plan", "reply", ["--text", "x"], "不是请示事项", "task report"),
        ("execute", "report", ["--plan", "x"], "不需要报送工作方案", "task complete"),
        ("request", "complete", ["--result", "x"], "是请示事项", "task reply"),
    ],
)
def test_steps_that_do_not_fit_the_type_are_refused(
    run: Invoke,
    data_dir: Path,
    type_: str,
    step: str,
    args: list[str],
    message: str,
    next_step: str,
) -> None:
    rid = receive(run, "2026-03-02", type_)
    before = (data_dir / "tasks" / "2026.json").read_bytes()
    result = run("task", step, rid, *args)
    assert result.exit_code == 2
    assert message in result.stderr and next_step in result.stderr
    assert (data_dir / "tasks" / "2026.json").read_bytes() == before


def test_reply_refused_in_english(run: Invoke) -> None:
    rid = receive(run, "2026-03-02")
    result = run("task", "reply", rid, "--text", "x", lang="en")
    assert result.exit_code == 2
    assert f"{rid} is not a request" in result.stderr
    assert "task complete" in result.stderr


def test_nothing_after_the_answer(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", "request")
    out = ok(run("task", "reply", rid, "--text", "同意")).stdout
    assert out == f"{rid} 已答复；没有未完成的期限。\n"
    for step, args in (("progress", ["--text", "x"]), ("assign", ["--dept", "民政办"])):
        result = run("task", step, rid, *args)
        assert result.exit_code == 2
        assert "无（已结束）" in result.stderr


def test_assign_moves_the_responsibility_and_the_report(run: Invoke) -> None:
    rid = receive(run, "2026-02-02", today="2026-03-02")
    ok(run("task", "assign", rid, "--dept", "农业服务中心", "--person", "刘某"))
    data = show(run, rid, "2026-03-02")
    assert data["responsible"] == {"person": "刘某", "dept": "农业服务中心"}
    assert data["events"][-1]["previous"].startswith("党政办")
    report = json.loads(ok(run("overdue", "--format", "json", "--kind", "task")).stdout)
    assert report[0]["responsible"] == {"person": "刘某", "dept": "农业服务中心"}


def test_overdue_json_lists_tasks_and_progress_reports(run: Invoke) -> None:
    receive(run, "2025-01-31", "execute", "--progress", "monthly", today="2025-03-05")
    report = json.loads(
        ok(run("overdue", "--format", "json", "--kind", "task", today="2025-03-05")).stdout
    )
    keys = {
        "id",
        "kind",
        "matter",
        "rule",
        "rule_label",
        "clause",
        "trigger",
        "due",
        "state",
        "workdays_late",
        "serious",
        "responsible",
        "provisional",
    }
    assert all(set(item) == keys for item in report)
    by_rule = {item["rule"]: item for item in report}
    # Completion due 02-24: 02-25..02-28, 03-03..03-05 -> 7 working days late, serious (> 5).
    assert (by_rule["task-completion"]["workdays_late"], by_rule["task-completion"]["serious"]) == (
        7,
        True,
    )
    # Progress due Fri 02-28: 03-03, 03-04, 03-05 -> 3 working days late.
    assert (by_rule["task-progress"]["state"], by_rule["task-progress"]["workdays_late"]) == (
        "overdue",
        3,
    )
    assert by_rule["task-progress"]["kind"] == "task"


def test_invalid_type_lists_the_choices(run: Invoke, data_dir: Path) -> None:
    result = run("task", "receive", "--title", "t", "--from", "县", "--type", "bogus")
    assert result.exit_code == 2
    assert "execute" in result.stderr and "请示" in result.stderr
    assert not (data_dir / "tasks").exists()


def test_date_in_the_future_or_before_receipt_is_refused(run: Invoke) -> None:
    rid = receive(run, "2026-03-02")
    assert run("task", "complete", rid, "--result", "x", "--on", "2026-03-03").exit_code == 2
    assert run("task", "complete", rid, "--result", "x", "--on", "2026-02-27").exit_code == 2


def test_list_and_status_filter(run: Invoke) -> None:
    a = receive(run, "2026-02-02")
    b = receive(run, "2026-02-03", "request")
    listed = json.loads(ok(run("task", "list", "--status", "待答复", "--format", "json")).stdout)
    assert [r["id"] for r in listed] == [b]
    table = ok(run("task", "list")).stdout
    assert a in table and "落实上级决定" in table
    result = run("task", "list", "--status", "nonsense")
    assert result.exit_code == 2


def test_weekly_rule_is_configurable(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text('name = "某某镇"\n[rules]\ntask-progress-weekly = 14\n')
    rid = receive(run, "2026-03-02", "execute", "--progress", "weekly")
    # 14 days after Mon 03-02: Mon 2026-03-16.
    assert due(show(run, rid, "2026-03-02"), "task-progress-weekly")["due"] == "2026-03-16"


def test_progress_monthly_by_default_none_when_asked_or_on_a_request(run: Invoke) -> None:
    execute = receive(run, "2026-03-02")
    plan = receive(run, "2026-03-02", "plan", "--progress", "none")
    request = receive(run, "2026-03-02", "request")
    asked = receive(run, "2026-03-02", "request", "--progress", "monthly")
    data = show(run, execute, "2026-03-02")
    assert data["progress"] == "monthly"
    # 督办制度 (七) 一月一报: 2026-03-02 + 1 month = Thu 2026-04-02, a working day.
    assert due(data, "task-progress")["due"] == "2026-04-02"
    for rid in (plan, request):
        data = show(run, rid, "2026-03-02")
        assert "progress" not in data
        assert not [x for x in data["deadlines"] if x["rule"].startswith("task-progress")]
    assert due(show(run, asked, "2026-03-02"), "task-progress")["due"] == "2026-04-02"
    # Without a schedule, a progress report is recorded and starts nothing.
    ok(run("task", "progress", request, "--text", "已研究"))
    assert len(show(run, request, "2026-03-02")["deadlines"]) == 1


def test_progress_is_due_again_after_each_report_while_open(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", "plan", "--progress", "weekly", today="2026-03-20")
    for on in ("2026-03-09", "2026-03-13"):
        ok(run("task", "progress", rid, "--text", "推进中", "--on", on, today="2026-03-20"))
    reports = [
        (x["trigger"], x["due"], x["met_on"])
        for x in show(run, rid, "2026-03-20")["deadlines"]
        if x["rule"] == "task-progress-weekly"
    ]
    # 03-02 + 7 = Mon 03-09 (met that day); 03-09 + 7 = Mon 03-16, met early on 03-13;
    # 03-13 + 7 = Fri 03-20, open.
    assert reports == [
        ("2026-03-02", "2026-03-09", "2026-03-09"),
        ("2026-03-09", "2026-03-16", "2026-03-13"),
        ("2026-03-13", "2026-03-20", None),
    ]


def test_bad_progress_lists_the_choices(run: Invoke, data_dir: Path) -> None:
    result = run("task", "receive", "--title", "t", "--from", "县", "--type", "plan",
                 "--progress", "daily")  # fmt: skip
    assert result.exit_code == 2
    assert "monthly" in result.stderr and "none" in result.stderr
    assert not (data_dir / "tasks").exists()


def prose(text: str) -> str:
    """A help page without its examples (dates there are not periods)."""
    return re.sub(r"(示例：|Example:).*?(选项:|Options:)", "", text, flags=re.S)


def test_help_states_no_period_of_its_own(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text(
        "[rules]\ntask-completion = 20\ntask-plan = 20\nrequest-reply = 20\n"
        "task-progress-weekly = 14\n",
        encoding="utf-8",
    )
    for path in ((), ("receive",), ("report",), ("complete",), ("reply",), ("progress",),
                 ("assign",), ("list",), ("show",)):  # fmt: skip
        for lang in ("zh", "en"):
            text = ok(run("task", *path, "--help", lang=lang)).stdout
            assert not re.search(r"(?<![\d-])(15|7)(?![\d-])", prose(text)), (path, lang, text)
            if path in ((), ("receive",)):
                assert "township rules --kind task" in " ".join(text.split()), (path, lang)
