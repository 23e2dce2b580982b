"""``township denial`` from the command line .

Expected dates are derived by hand in comments: denial-filing is 10 working
days, denial-leader-opinion 3 calendar days (moved off rest days).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import Result
from conftest import CLERK, Invoke

from commands.locale.width import unwrap

BASE = [
    "denial",
    "file",
    "--applicant",
    "孙七",
    "--matter",
    "临时救助申请",
    "--reason",
    "家庭收入超过标准",
    "--basis",
    "《社会救助暂行办法》第四十七条",
]


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def js(result: Result) -> object:
    return json.loads(ok(result).stdout)


def file(run: Invoke, *extra: str, today: str = "2026-03-02") -> str:
    rid = ok(run(*BASE, *extra, today=today)).stdout.splitlines()[0]
    assert re.fullmatch(r"DEN-\d{4}-\d{4}", rid), rid
    return rid


def show(run: Invoke, rid: str, today: str = "2026-03-02") -> dict:
    data = js(run("denial", "show", rid, "--format", "json", today=today))
    assert isinstance(data, dict)
    return data


def dues(data: dict) -> dict[str, str]:
    return {x["rule"]: x["due"] for x in data["deadlines"]}


def test_file_and_complete(run: Invoke) -> None:
    rid = file(run)
    data = show(run, rid)
    assert data["status"] == "filed"
    # Mon 2026-03-02 + 10 working days: 03-03..03-06, 03-09..03-13, 03-16 -> 2026-03-16.
    assert dues(data) == {"denial-filing": "2026-03-16"}
    out = ok(run("denial", "complete", rid, "--on", "2026-03-16", today="2026-03-17")).stdout
    # Completed on the due date 03-16 (above): met; nothing else is open.
    assert out == f"{rid} 已报备并书面告知申请人；没有未完成的期限。\n"
    data = show(run, rid, "2026-03-17")
    assert (data["status"], data["notified"]) == ("completed", "2026-03-16")
    assert data["deadlines"][0]["state"] == "met"


def test_overdue_filing(run: Invoke) -> None:
    rid = file(run)
    # Due 2026-03-16 (above); still open on Wed 03-18 -> overdue by 2 working days.
    x = show(run, rid, "2026-03-18")["deadlines"][0]
    assert (x["state"], x["workdays_late"]) == ("overdue", 2)
    data = js(run("denial", "list", "--overdue", "--format", "json", today="2026-03-18"))
    assert [r["id"] for r in data] == [rid]  # type: ignore[union-attr]
    assert js(run("denial", "list", "--overdue", "--format", "json", today="2026-03-16")) == []


def test_beyond_authority_across_national_day(run: Invoke) -> None:
    rid = file(
        run,
        "--beyond-authority",
        "--leader",
        "副镇长吴某",
        "--on",
        "2025-09-29",
        today="2025-09-30",
    )
    data = show(run, rid, "2025-09-30")
    assert data["status"] == "awaiting-opinion"
    assert data["responsible"]["person"] == "副镇长吴某"
    assert dues(data) == {
        # Mon 2025-09-29 + 10 working days: 09-30, [10-01..10-08 off], 10-09, 10-10,
        # 10-11 (Sat, make-up), 10-13..10-17, 10-20 -> 2025-10-20.
        "denial-filing": "2025-10-20",
        # 2025-09-29 + 3 days = 10-02, inside the break 10-01..10-08 -> 2025-10-09.
        "denial-leader-opinion": "2025-10-09",
    }
    # complete is refused until the leader's opinion is in.
    result = run("denial", "complete", rid, today="2025-10-09")
    assert result.exit_code == 2
    assert "denial opinion" in result.stderr and "待领导意见" in result.stderr
    result = run("denial", "complete", rid, today="2025-10-09", lang="en")
    assert result.exit_code == 2
    assert "awaiting the leader's opinion" in result.stderr
    out = ok(
        run(
            "denial",
            "opinion",
            rid,
            "--text",
            "同意不予批准",
            "--on",
            "2025-10-09",
            today="2025-10-09",
        )
    )
    # The opinion is met on its due date; denial-filing stays open, due 2025-10-20 (above).
    assert (
        out.stdout
        == f"{rid} 已登记领导处理意见；下一个期限：否定报备并书面告知，2025-10-20 到期。\n"
    )
    data = show(run, rid, "2025-10-09")
    assert data["responsible"]["person"] == CLERK
    opinion = next(x for x in data["deadlines"] if x["rule"] == "denial-leader-opinion")
    assert (opinion["met_on"], opinion["state"]) == ("2025-10-09", "met")
    ok(run("denial", "complete", rid, today="2025-10-20"))
    assert show(run, rid, "2025-10-20")["status"] == "completed"


def test_beyond_authority_needs_a_leader(run: Invoke) -> None:
    result = run(*BASE, "--beyond-authority")
    assert result.exit_code == 2
    assert "--leader" in result.stderr
    result = run(*BASE, "--leader", "吴某", lang="en")
    assert result.exit_code == 2
    assert "add --beyond-authority or drop --leader" in result.stderr


def test_opinion_refused_without_beyond_authority(run: Invoke) -> None:
    rid = file(run)
    result = run("denial", "opinion", rid, "--text", "x")
    assert result.exit_code == 2
    assert "未登记为超越经办人权限" in result.stderr
    result = run("denial", "opinion", rid, "--text", "x", lang="en")
    assert result.exit_code == 2
    assert "no leader's opinion is due" in result.stderr


def test_return_materials(run: Invoke) -> None:
    rid = file(run)
    out = ok(run("denial", "return-materials", rid, "--signed-by", "孙七", lang="en")).stdout
    # Filed Mon 2026-03-02: denial-filing due 03-16 (10 working days, as above), still open.
    assert out == (
        f"{rid}: materials returned, signed for by 孙七; next deadline: file and notify in "
        "writing, due 2026-03-16.\n"
    )
    assert show(run, rid)["materials_returned"] == {"on": "2026-03-02", "signed_by": "孙七"}
    result = run("denial", "return-materials", rid, "--signed-by", "孙七")
    assert result.exit_code == 2
    assert "不能重复登记" in result.stderr


def test_step_dates(run: Invoke) -> None:
    rid = file(run, "--on", "2026-02-27")
    result = run("denial", "complete", rid, "--on", "2026-02-26")
    assert result.exit_code == 2
    assert "早于" in result.stderr
    result = run("denial", "complete", rid, "--on", "2026-03-03", lang="en")
    assert result.exit_code == 2
    assert "after today" in result.stderr
    assert show(run, rid)["status"] == "filed"


def test_list_and_show_outputs(run: Invoke) -> None:
    first = file(run, "--dept", "民政办")
    second = file(run, "--beyond-authority", "--leader", "吴某")
    rows = list(csv.DictReader(io.StringIO(ok(run("denial", "list", "--format", "csv")).stdout)))
    assert [r["编号"] for r in rows] == [first, second]
    # The deadline shown is the soonest open one: the leader's opinion, 03-02 + 3 days = 03-05.
    assert rows[1]["到期日"] == "2026-03-05"
    assert rows[0]["责任人/部门"] == f"民政办 {CLERK}"
    data = js(run("denial", "list", "--status", "awaiting-opinion", "--format", "json"))
    assert [r["id"] for r in data] == [second]  # type: ignore[union-attr]
    assert js(run("denial", "list", "--handler", "吴某", "--format", "json"))[0]["id"] == second  # type: ignore[index]
    table = ok(run("denial", "show", second)).stdout
    assert "领导提出处理意见" in table and "2026-03-05" in table
    table = ok(run("denial", "show", second, lang="en")).stdout
    assert "leader's opinion" in table


def test_unknown_id(run: Invoke) -> None:
    result = run("denial", "show", "DEN-2026-0009")
    assert result.exit_code == 2
    assert "DEN-2026-0009" in result.stderr


@pytest.mark.parametrize(
    "command", ["file", "opinion", "complete", "return-materials", "list", "show"]
)
def test_help_has_an_example(run: Invoke, command: str) -> None:
    out = ok(run("denial", command, "--help", "--lang", "en")).stdout
    assert "Example:" in out
    assert f"township denial {command}" in out


def test_leader_received_starts_the_opinion_clock(run: Invoke) -> None:
    rid = file(
        run,
        "--beyond-authority",
        "--leader",
        "吴某",
        "--leader-received",
        "2026-02-26",
        "--on",
        "2026-03-02",
    )
    data = show(run, rid)
    opinion = next(x for x in data["deadlines"] if x["rule"] == "denial-leader-opinion")
    # The leader received it Thu 2026-02-26: + 3 days = Sun 03-01, a rest day -> Mon 03-02.
    assert (opinion["trigger"], opinion["due"]) == ("2026-02-26", "2026-03-02")
    assert data["leader_received"] == "2026-02-26"
    # Without a leader it is refused, and nothing is written.
    result = run(*BASE, "--leader-received", "2026-02-26", today="2026-03-02")
    assert result.exit_code == 2
    assert "--leader-received" in result.stderr
    assert [r["id"] for r in js(run("denial", "list", "--format", "json"))] == [rid]  # type: ignore[union-attr]


def test_applicant_and_contact_are_masked_and_type_is_kept(run: Invoke) -> None:
    rid = file(run, "--contact", "13812345678", "--type", "penalty")
    data = show(run, rid)
    assert (data["applicant"], data["contact"], data["type"]) == ("孙*", "138****5678", "penalty")
    table = ok(run("denial", "list")).stdout
    assert "孙七" not in table and "孙*" in table
    csv_out = ok(run("denial", "list", "--format", "csv")).stdout
    assert "孙七" not in csv_out and "13812345678" not in csv_out
    assert "处罚" in ok(run("denial", "show", rid)).stdout
    revealed = js(run("denial", "show", rid, "--reveal", "--format", "json"))
    assert (revealed["applicant"], revealed["contact"]) == ("孙七", "13812345678")  # type: ignore[index]
    audit = ok(run("audit", "log", "--format", "json")).stdout
    assert '"reveal"' in audit


def test_help_names_no_period_of_its_own(run: Invoke) -> None:
    """Every denial command's help points to the rule book instead of stating a period."""
    from commands import cli

    period = re.compile(r"\d+\s*(个工作日|个月|日内|日|天|working days|days|months)")
    group = cli.get_command(None, "denial")  # type: ignore[arg-type]
    for name in [*group.commands, "form"]:  # type: ignore[union-attr]
        for lang in ("zh", "en"):
            text = ok(run("denial", name, "--help", lang=lang)).stdout
            assert not period.search(text), (name, lang, period.search(text))
    assert "township rules --kind denial" in unwrap(ok(run("denial", "file", "--help")).stdout)


def test_derived_steps_refuse_out_of_order_and_missing_options(run: Invoke) -> None:
    rid = ok(run(*BASE, "--on", "2026-03-02", today="2026-03-02")).stdout.splitlines()[0]
    result = run("denial", "return-materials", rid, today="2026-03-03")
    assert result.exit_code == 2 and "缺少选项「--signed-by」" in result.stderr
    result = run("denial", "opinion", rid, "--text", "同意", today="2026-03-03")
    assert result.exit_code == 2 and "denial complete" in result.stderr
    result = ok(run("denial", "complete", rid, today="2026-03-03"))
    # Filed Mon 2026-03-02: the filing is met on Tue 03-03 (due 03-16), nothing else open.
    assert result.stdout == f"{rid} 已报备并书面告知申请人；没有未完成的期限。\n"
    result = run("denial", "complete", rid, today="2026-03-04", lang="en")
    assert result.exit_code == 2 and "Next allowed step:" in result.stderr
    assert "materials returned (denial return-materials)" in result.stderr
