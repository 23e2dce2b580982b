"""``township supervision`` from the command line .

``supervision-reply`` is a local default of 3 working days (the rule book);
expected dates are derived by hand in comments. 2025 National Day: rest
10-01..10-08, make-up working days Sun 09-28 and Sat 10-11.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import Result
from conftest import Invoke

from commands.locale.width import unwrap
from township.book.rules import RULES


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def task(run: Invoke, on: str, today: str) -> str:
    out = ok(
        run(
            "task",
            "receive",
            "--title",
            "落实农村饮水安全排查",
            "--from",
            "县人民政府办公室",
            "--type",
            "execute",
            "--dept",
            "村镇建设办",
            "--person",
            "刘某",
            "--on",
            on,
            today=today,
        )
    ).stdout.splitlines()[0]
    return out


def issue(run: Invoke, record: str, on: str, today: str, *more: str) -> str:
    out = ok(
        run(
            "supervision",
            "issue",
            "--record",
            record,
            "--reason",
            "超过办理时限未办结",
            "--on",
            on,
            *more,
            today=today,
            user="党政办 何某",
        )
    ).stdout.splitlines()[0]
    assert re.fullmatch(r"SUP-\d{4}-\d{4}", out), out
    return out


def show(run: Invoke, kind: str, rid: str, today: str) -> dict:
    data = json.loads(ok(run(kind, "show", rid, "--format", "json", today=today)).stdout)
    assert isinstance(data, dict)
    return data


def deadline(data: dict, rule: str) -> dict:
    return next(d for d in data["deadlines"] if d["rule"] == rule)


def respond(run: Invoke, sup: str, on: str, new_due: str, today: str) -> Result:
    return run(
        "supervision",
        "respond",
        sup,
        "--reason",
        "涉及多个村",
        "--progress",
        "已完成大部分排查",
        "--new-due",
        new_due,
        "--on",
        on,
        today=today,
    )


def test_issue_goes_to_the_responsible_office_and_starts_the_answer(run: Invoke) -> None:
    tsk = task(run, "2025-09-01", today="2025-09-30")
    sup = issue(run, tsk, "2025-09-30", "2025-09-30", "--urgency", "急件")
    data = show(run, "supervision", sup, "2025-09-30")
    assert (data["status"], data["record"], data["dept"], data["urgency"]) == (
        "issued",
        tsk,
        "村镇建设办",
        "urgent",
    )
    assert data["responsible"] == {"person": "刘某", "dept": "村镇建设办"}
    # 3 working days after Tue 09-30: 10-09 1, 10-10 2, Sat 10-11 (make-up) 3.
    reply = deadline(data, "supervision-reply")
    assert (reply["due"], reply["state"]) == ("2025-10-11", "open")
    # The task links back to its notice.
    assert show(run, "task", tsk, "2025-09-30")["supervisions"] == [sup]
    # It watches the task's overdue completion: 09-01 + 15 working days = 09-22.
    assert data["watch"] == [{"rule": "task-completion", "trigger": "2025-09-01"}]


def test_respond_sets_the_new_date_and_refuses_a_second_answer(run: Invoke) -> None:
    tsk = task(run, "2025-02-03", today="2025-03-05")
    sup = issue(run, tsk, "2025-03-03", "2025-03-05")
    out = ok(respond(run, sup, "2025-03-05", "2025-03-14", "2025-03-05")).stdout
    # Answer due 03-03 + 3 working days = Thu 03-06; met on 03-05. Next: the new date.
    assert out == f"{sup} 已答复；下一个期限：按重新确定的时限办结，2025-03-14 到期。\n"
    data = show(run, "supervision", sup, "2025-03-05")
    assert data["status"] == "answered"
    assert deadline(data, "supervision-reply")["state"] == "met"
    completion = deadline(data, "supervision-completion")
    assert (completion["trigger"], completion["due"]) == ("2025-03-05", "2025-03-14")
    assert data["answer"]["new_due"] == "2025-03-14"
    result = respond(run, sup, "2025-03-05", "2025-03-20", "2025-03-05")
    assert result.exit_code == 2
    assert "只答复一次" in result.stderr and "supervision close" in result.stderr
    result = run(
        "supervision",
        "respond",
        sup,
        "--reason",
        "r",
        "--progress",
        "p",
        "--new-due",
        "2025-03-20",
        today="2025-03-05",
        lang="en",
    )
    assert result.exit_code == 2 and "answered once" in result.stderr


def test_new_date_must_come_after_the_answer(run: Invoke, data_dir: Path) -> None:
    tsk = task(run, "2025-02-03", today="2025-03-05")
    sup = issue(run, tsk, "2025-03-03", "2025-03-05")
    before = (data_dir / "supervisions" / "2025.json").read_bytes()
    for new_due in ("2025-03-05", "2025-03-04"):
        result = respond(run, sup, "2025-03-05", new_due, "2025-03-05")
        assert result.exit_code == 2
        assert "必须晚于答复日期 2025-03-05" in result.stderr and "--new-due" in result.stderr
    assert (data_dir / "supervisions" / "2025.json").read_bytes() == before


def test_close_without_note_while_the_matter_is_open_is_refused(run: Invoke) -> None:
    tsk = task(run, "2025-02-03", today="2025-03-05")
    sup = issue(run, tsk, "2025-03-03", "2025-03-05")
    result = run("supervision", "close", sup, today="2025-03-05")
    assert result.exit_code == 2
    assert "--note" in result.stderr and tsk in result.stderr
    result = run("supervision", "close", sup, today="2025-03-05", lang="en")
    assert result.exit_code == 2 and "still open" in result.stderr
    out = ok(run("supervision", "close", sup, "--note", "领导同意撤销督办", today="2025-03-05"))
    # Closing before the answer meets the answer period too.
    assert out.stdout == f"{sup} 已销号；没有未完成的期限。\n"
    data = show(run, "supervision", sup, "2025-03-05")
    assert (data["status"], data["note"]) == ("closed", "领导同意撤销督办")
    result = run(
        "supervision",
        "respond",
        sup,
        "--reason",
        "r",
        "--progress",
        "p",
        "--new-due",
        "2025-03-20",
        today="2025-03-05",
    )
    assert result.exit_code == 2 and "无（已结束）" in result.stderr


def test_completing_the_task_closes_the_notice(run: Invoke) -> None:
    tsk = task(run, "2025-02-03", today="2025-03-05")
    sup = issue(run, tsk, "2025-03-03", "2025-03-05")
    ok(respond(run, sup, "2025-03-05", "2025-03-14", "2025-03-05"))
    ok(run("task", "complete", tsk, "--result", "已整改", "--on", "2025-03-12", today="2025-03-17"))
    data = show(run, "supervision", sup, "2025-03-17")
    assert data["status"] == "closed"
    completion = deadline(data, "supervision-completion")
    assert (completion["met_on"], completion["state"]) == ("2025-03-12", "met")
    assert data["events"][-1]["action"] == "close"
    report = json.loads(
        ok(run("overdue", "--format", "json", "--kind", "supervision", today="2025-03-17")).stdout
    )
    assert report == []


def test_close_without_note_once_the_matter_is_finished(run: Invoke) -> None:
    tsk = task(run, "2025-02-03", today="2025-03-05")
    sup = issue(run, tsk, "2025-03-03", "2025-03-05")
    ok(run("task", "complete", tsk, "--result", "已整改", today="2025-03-05"))
    ok(run("supervision", "close", sup, today="2025-03-05"))
    assert show(run, "supervision", sup, "2025-03-05")["status"] == "closed"


def test_a_petition_accepted_closes_its_notice_when_read(run: Invoke) -> None:
    out = ok(
        run(
            "petition",
            "receive",
            "--petitioner",
            "王五",
            "--matter",
            "宅基地纠纷",
            "--on",
            "2026-03-02",
            today="2026-03-20",
        )
    )
    pet = out.stdout.splitlines()[0]
    # Acceptance: 03-02 + 15 days = Tue 03-17: overdue on 03-18.
    sup = issue(run, pet, "2026-03-18", "2026-03-20")
    assert show(run, "supervision", sup, "2026-03-20")["watch"][0]["rule"] == "petition-acceptance"
    ok(respond(run, sup, "2026-03-19", "2026-03-27", "2026-03-20"))
    ok(run("petition", "accept", pet, "--on", "2026-03-20", today="2026-03-20"))
    data = show(run, "supervision", sup, "2026-03-20")
    assert data["status"] == "closed"
    assert deadline(data, "supervision-completion")["met_on"] == "2026-03-20"
    listed = json.loads(
        ok(
            run("supervision", "list", "--record", pet, "--format", "json", today="2026-03-20")
        ).stdout
    )
    assert [r["id"] for r in listed] == [sup] and listed[0]["status"] == "closed"
    # Accepting the petition closed the notice in the same transaction (the step machine
    # settles a supervised record's notices), so there is nothing left to close.
    again = run("supervision", "close", sup, today="2026-03-20")
    assert again.exit_code == 2 and "已销号" in again.stderr


def test_refused_targets(run: Invoke) -> None:
    tsk = task(run, "2026-02-02", today="2026-03-02")
    sup = issue(run, tsk, "2026-03-02", "2026-03-02")
    result = run("supervision", "issue", "--record", sup, "--reason", "r")
    assert result.exit_code == 2 and tsk in result.stderr
    result = run("supervision", "issue", "--record", "TSK-2026-0099", "--reason", "r")
    assert result.exit_code == 2
    result = run("supervision", "issue", "--record", tsk, "--reason", "r", "--on", "2026-01-30")
    assert result.exit_code == 2 and "2026-02-02" in result.stderr
    result = run("supervision", "issue", "--record", tsk, "--reason", "r", "--urgency", "later")
    assert result.exit_code == 2 and "urgent" in result.stderr
    ok(run("task", "complete", tsk, "--result", "done"))
    result = run("supervision", "issue", "--record", tsk, "--reason", "r")
    assert result.exit_code == 2 and "已办结" in result.stderr


def test_notice_prints_the_form(run: Invoke) -> None:
    tsk = task(run, "2026-02-02", today="2026-03-02")
    sup = issue(run, tsk, "2026-03-02", "2026-03-02", "--urgency", "urgent")
    text = ok(run("supervision", "notice", sup)).stdout
    assert "督办告知书" in text and sup in text and tsk in text and "村镇建设办" in text
    # The task's completion: 02-03..02-06 1-4, 02-09..02-13 5-9, Sat 02-14 10, rest
    # 02-15..02-23, 02-24..02-27 11-14, Sat 02-28 (make-up) 15.
    assert "2026年2月28日前完成" in text and "急件" in text
    assert "3个工作日内" in text and "党政办 何某" in text
    html = ok(run("supervision", "notice", sup, "--format", "html")).stdout
    assert html.lstrip().startswith("<!DOCTYPE html>") and "@page" in html
    data = json.loads(ok(run("supervision", "notice", sup, "--format", "json")).stdout)
    assert json.dumps(data, ensure_ascii=False).count(sup) >= 1


def test_answer_period_is_configurable(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text(
        'name = "某某镇"\n[rules]\nsupervision-reply = 5\n'
        '[documents]\nsupervision-notice = "某督字〔{year}〕{n}号"\n'
    )
    tsk = task(run, "2026-02-02", today="2026-03-02")
    sup = issue(run, tsk, "2026-03-02", "2026-03-02")
    # 5 working days after Mon 03-02: Mon 2026-03-09.
    assert deadline(show(run, "supervision", sup, "2026-03-02"), "supervision-reply")["due"] == (
        "2026-03-09"
    )
    assert "5个工作日内" in ok(run("supervision", "notice", sup)).stdout
    rules = json.loads(ok(run("rules", "--kind", "supervision", "--format", "json")).stdout)
    reply = next(r for r in rules if r["rule"] == "supervision-reply")
    assert (reply["n"], reply["local_default"], reply["overridden"]) == (5, True, True)


def test_overdue_json_lists_notices(run: Invoke) -> None:
    tsk = task(run, "2026-02-02", today="2026-03-06")
    sup = issue(run, tsk, "2026-03-02", "2026-03-06")
    # Answer due 03-02 + 3 working days = Thu 03-05; on Fri 03-06 overdue by 1.
    report = json.loads(ok(run("overdue", "--format", "json", today="2026-03-06")).stdout)
    item = next(i for i in report if i["id"] == sup)
    # Its matter: the supervised record and the reason given (issue's --reason).
    assert item == {
        "id": sup,
        "kind": "supervision",
        "matter": f"{tsk} 超过办理时限未办结",
        "rule": "supervision-reply",
        "rule_label": "书面答复督办",
        "clause": RULES["supervision-reply"].clause.zh,
        "trigger": "2026-03-02",
        "due": "2026-03-05",
        "state": "overdue",
        "workdays_late": 1,
        "serious": False,
        "responsible": {"person": "刘某", "dept": "村镇建设办"},
        "provisional": False,
    }


def test_register_lists_in_order_with_filters(run: Invoke) -> None:
    tsk = task(run, "2026-02-02", today="2026-03-06")
    a = issue(run, tsk, "2026-03-02", "2026-03-06")
    b = issue(run, tsk, "2026-03-03", "2026-03-06")
    listed = json.loads(
        ok(run("supervision", "list", "--format", "json", today="2026-03-06")).stdout
    )
    assert [r["id"] for r in listed] == [a, b]
    overdue = json.loads(
        ok(run("supervision", "list", "--overdue", "--format", "json", today="2026-03-06")).stdout
    )
    # a's answer was due 03-05; b's (03-03 + 3) is due 03-06, today.
    assert [r["id"] for r in overdue] == [a]
    table = ok(run("supervision", "list", today="2026-03-06")).stdout
    assert "超过办理时限未办结" in table and "待答复" in table
    assert show(run, "task", tsk, "2026-03-06")["supervisions"] == [a, b]


def test_provisional_new_date(run: Invoke) -> None:
    tsk = task(run, "2026-11-02", today="2026-12-30")
    sup = issue(run, tsk, "2026-12-28", "2026-12-30")
    ok(respond(run, sup, "2026-12-30", "2027-01-15", "2026-12-30"))
    completion = deadline(show(run, "supervision", sup, "2026-12-30"), "supervision-completion")
    assert (completion["due"], completion["provisional"]) == ("2027-01-15", True)


def test_help_calls_the_answer_period_a_local_rule_and_states_no_number(
    run: Invoke, data_dir: Path
) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text("[rules]\nsupervision-reply = 5\n", encoding="utf-8")
    for path in ((), ("issue",), ("respond",), ("close",), ("notice",), ("list",), ("show",)):
        for lang in ("zh", "en"):
            text = " ".join(
                unwrap(ok(run("supervision", *path, "--help", lang=lang)).stdout).split()
            )
            prose = re.sub(r"(示例：|Example:).*?(选项:|Options:)", "", text)
            # Neither the local rule's own number (3) nor the one in force is restated.
            assert not re.search(r"(?<![\d-])[35](?![\d-])", prose), (path, lang, text)
            assert "本地默认" not in text and "local default" not in text
    issue_help = " ".join(unwrap(ok(run("supervision", "issue", "--help")).stdout).split())
    assert "本镇规定" in issue_help and "township rules --kind supervision" in issue_help
    english = ok(run("supervision", "issue", "--help", lang="en")).stdout
    assert "local rule" in english


def test_the_printed_notice_calls_its_answer_period_a_local_rule(run: Invoke) -> None:
    tsk = task(run, "2026-02-02", today="2026-03-02")
    sup = issue(run, tsk, "2026-03-02", "2026-03-02")
    assert "3个工作日内（本镇规定）" in ok(run("supervision", "notice", sup)).stdout
    assert "local rule" in ok(run("supervision", "notice", sup, lang="en")).stdout


def test_blank_reason_and_a_date_that_cannot_be_right_write_nothing(
    run: Invoke, data_dir: Path
) -> None:
    tsk = task(run, "2026-02-02", today="2026-03-02")
    sup = issue(run, tsk, "2026-03-02", "2026-03-02")
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    blank = run("supervision", "issue", "--record", tsk, "--reason", "\u200b")
    assert blank.exit_code == 2 and "督办理由" in blank.stderr
    result = run("supervision", "respond", sup, "--reason", "r", "--progress", " ",
                 "--new-due", "2026-03-20")  # fmt: skip
    assert result.exit_code == 2 and "进展情况" in result.stderr
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == before


def test_show_of_the_supervised_record_lists_its_notices(run: Invoke) -> None:
    tsk = task(run, "2026-02-02", today="2026-03-02")
    sup = issue(run, tsk, "2026-03-02", "2026-03-02")
    # The row comes from the registry's backlink of the supervision kind, under its label.
    table = ok(run("task", "show", tsk)).stdout
    row = next(line for line in table.splitlines() if sup in line)
    assert "督办" in row
    english = ok(run("task", "show", tsk, lang="en")).stdout
    assert any("supervision" in line and sup in line for line in english.splitlines())


def test_the_generic_show_names_no_kind() -> None:
    import commands.kind_cmd as kind_cmd

    source = Path(kind_cmd.__file__).read_text(encoding="utf-8")
    assert "supervision" not in source and "督办" not in source
