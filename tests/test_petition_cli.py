"""``township petition`` from the command line .

Petition periods are calendar days (日): E + N, moved to the next working day
when that is a rest day. Expected dates are derived by hand in comments.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from conftest import CLERK, Invoke

NAME, PHONE = "王小五", "13912345678"
MASKED_NAME, MASKED_PHONE = "王**", "139****5678"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def js(result: Result) -> object:
    return json.loads(ok(result).stdout)


def receive(run: Invoke, on: str, today: str) -> str:
    result = ok(
        run(
            "petition",
            "receive",
            "--petitioner",
            NAME,
            "--contact",
            PHONE,
            "--matter",
            "宅基地纠纷",
            "--on",
            on,
            today=today,
        )
    )
    rid = result.stdout.splitlines()[0]
    assert re.fullmatch(r"PET-\d{4}-\d{4}", rid), result.stdout
    return rid


def show(run: Invoke, rid: str, today: str) -> dict:
    data = js(run("petition", "show", rid, "--format", "json", today=today))
    assert isinstance(data, dict)
    return data


def deadline(data: dict, rule: str) -> dict:
    return next(x for x in data["deadlines"] if x["rule"] == rule)


def test_acceptance_due_inside_national_day_moves_to_the_next_working_day(run: Invoke) -> None:
    rid = receive(run, "2025-09-16", today="2025-09-16")
    # 2025-09-16 + 15 days = 2025-10-01, a holiday; rest through 10-08 -> due 2025-10-09.
    acc = deadline(show(run, rid, "2025-10-09"), "petition-acceptance")
    assert (acc["due"], acc["state"], acc["provisional"]) == ("2025-10-09", "open", False)
    acc = deadline(show(run, rid, "2025-10-10"), "petition-acceptance")
    assert (acc["state"], acc["workdays_late"]) == ("overdue", 1)


def test_acceptance_due_inside_spring_festival(run: Invoke) -> None:
    rid = receive(run, "2026-02-01", today="2026-02-01")
    # 2026-02-01 + 15 days = 2026-02-16, inside the break 02-15..02-23 -> due Tue 2026-02-24.
    assert deadline(show(run, rid, "2026-02-01"), "petition-acceptance")["due"] == "2026-02-24"


def test_accept_starts_the_60_day_conclusion(run: Invoke) -> None:
    rid = receive(run, "2025-08-01", today="2025-08-04")
    out = ok(run("petition", "accept", rid, "--on", "2025-08-04", today="2025-08-04")).stdout
    # The conclusion (derived below) is the next open deadline.
    assert out == f"{rid} 已受理；下一个期限：信访事项办结，2025-10-09 到期。\n"
    data = show(run, rid, "2025-08-04")
    assert data["status"] == "accepted"
    # Acceptance: 2025-08-01 + 15 days = Sat 08-16 -> Mon 08-18; met on 08-04.
    acc = deadline(data, "petition-acceptance")
    assert (acc["due"], acc["met_on"], acc["state"]) == ("2025-08-18", "2025-08-04", "met")
    # Conclusion: 2025-08-04 + 60 days: +27 = 08-31, +30 = 09-30, +3 = 10-03 (National Day
    # break 10-01..10-08) -> 2025-10-09.
    con = deadline(data, "petition-conclusion")
    assert (con["trigger"], con["due"], con["state"]) == ("2025-08-04", "2025-10-09", "open")


def test_accept_in_english_and_twice(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", today="2026-03-02")
    out = ok(run("petition", "accept", rid, today="2026-03-02", lang="en")).stdout
    # 2026-03-02 + 60 days = Fri 05-01, 劳动节 break 05-01..05-05 -> Wed 2026-05-06.
    assert out == f"{rid} accepted; next deadline: conclude the petition, due 2026-05-06.\n"
    result = run("petition", "accept", rid, today="2026-03-02")
    assert result.exit_code == 2
    assert f"{rid} 当前状态为「已受理」" in result.stderr
    assert "petition conclude" in result.stderr
    result = run("petition", "accept", rid, today="2026-03-02", lang="en")
    assert result.exit_code == 2
    assert f"{rid} is accepted" in result.stderr


def test_decline(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", today="2026-03-05")
    out = ok(run("petition", "decline", rid, "--reason", "已进入诉讼程序", today="2026-03-05"))
    # Declining meets the only open deadline (acceptance) on time.
    assert out.stdout == f"{rid} 不予受理；没有未完成的期限。\n"
    data = show(run, rid, "2026-03-05")
    assert (data["status"], data["decline_reason"]) == ("declined", "已进入诉讼程序")
    # 2026-03-02 + 15 days = Tue 03-17; declined 03-05 -> met.
    assert deadline(data, "petition-acceptance")["state"] == "met"
    result = run("petition", "conclude", rid, "--result", "x", today="2026-03-05", lang="en")
    assert result.exit_code == 2
    assert "none (it is closed)" in result.stderr


def _accepted(run: Invoke) -> str:
    rid = receive(run, "2026-01-05", today="2026-01-05")
    ok(run("petition", "accept", rid, "--on", "2026-01-05", today="2026-01-05"))
    return rid


def test_extend_default_30_days(run: Invoke) -> None:
    rid = _accepted(run)
    # Conclusion: 2026-01-05 + 60 days: +26 = 01-31, +28 = 02-28, +6 = Fri 2026-03-06.
    assert deadline(show(run, rid, "2026-03-02"), "petition-conclusion")["due"] == "2026-03-06"
    out = ok(
        run(
            "petition",
            "extend",
            rid,
            "--approved-by",
            "镇长刘某",
            "--reason",
            "涉及多个部门",
            today="2026-03-02",
        )
    )
    # The new due date is derived below.
    assert out.stdout == (
        f"{rid} 经 镇长刘某 同意延期 30 日（合计 30 日，尚可延期 0 日）；"
        "下一个期限：信访事项办结，2026-04-07 到期。\n"
    )
    data = show(run, rid, "2026-03-02")
    # From the current due date: 03-06 + 30 days = Sun 04-05; 清明 break 04-04..04-06
    # -> Tue 2026-04-07.
    assert deadline(data, "petition-conclusion")["due"] == "2026-04-07"
    assert data["extensions"][0]["reason"] == "涉及多个部门"
    assert data["extensions"][0]["approved_by"] == "镇长刘某"
    table = ok(run("petition", "show", rid, today="2026-03-02")).stdout
    assert "涉及多个部门" in table and "2026-04-07" in table


def test_extend_twice_up_to_the_ceiling(run: Invoke) -> None:
    rid = _accepted(run)
    args = ["petition", "extend", rid, "--approved-by", "镇长刘某", "--reason", "复杂"]
    ok(run(*args, "--days", "10", today="2026-03-02", lang="en"))
    # Fri 03-06 + 10 days = Mon 2026-03-16.
    assert deadline(show(run, rid, "2026-03-02"), "petition-conclusion")["due"] == "2026-03-16"
    result = run(*args, "--days", "25", today="2026-03-03")
    assert result.exit_code == 2
    assert "尚可延期 20 日" in result.stderr
    result = run(*args, "--days", "25", today="2026-03-03", lang="en")
    assert result.exit_code == 2
    assert "20 days are left" in result.stderr
    assert deadline(show(run, rid, "2026-03-03"), "petition-conclusion")["due"] == "2026-03-16"
    # No --days: what is left, 20. Mon 03-16 + 20 days = Sun 04-05, 清明 break
    # 04-04..04-06 -> Tue 2026-04-07.
    out = ok(run(*args, today="2026-03-03"))
    assert "同意延期 20 日（合计 30 日，尚可延期 0 日）" in out.stdout
    assert deadline(show(run, rid, "2026-03-03"), "petition-conclusion")["due"] == "2026-04-07"
    result = run(*args, "--days", "1", today="2026-03-04")
    assert result.exit_code == 2
    assert "达到上限 30 日" in result.stderr


@pytest.mark.parametrize("days", ["31", "0"])
def test_extend_more_than_30_days_is_refused(run: Invoke, days: str) -> None:
    rid = _accepted(run)
    result = run(
        "petition",
        "extend",
        rid,
        "--approved-by",
        "刘",
        "--reason",
        "r",
        "--days",
        days,
        today="2026-03-02",
    )
    assert result.exit_code == 2
    # The option's bounds are the rule book's ceiling.
    assert f"延长的日数应在 1 至 30 之间（收到 {days}）" in result.stderr
    assert show(run, rid, "2026-03-02").get("extensions") is None


def test_extend_after_the_due_date_is_refused(run: Invoke) -> None:
    rid = _accepted(run)
    # Due Fri 2026-03-06 (above); approved Mon 03-09.
    result = run(
        "petition",
        "extend",
        rid,
        "--approved-by",
        "刘",
        "--reason",
        "r",
        today="2026-03-09",
        lang="en",
    )
    assert result.exit_code == 2
    assert "ended on 2026-03-06" in result.stderr


def test_conclude(run: Invoke) -> None:
    rid = _accepted(run)
    out = ok(
        run(
            "petition",
            "conclude",
            rid,
            "--result",
            "已调解",
            "--on",
            "2026-03-09",
            today="2026-03-10",
        )
    )
    # Due Fri 03-06 (derived in _accepted's test above); Mon 03-09 is 1 working day late.
    assert (
        out.stdout == f"{rid} 已办结；「信访事项办结」逾期 1 个工作日完成（到期日 2026-03-06）。\n"
    )
    data = show(run, rid, "2026-03-10")
    assert (data["status"], data["result"]) == ("concluded", "已调解")
    # Due Fri 03-06; concluded Mon 03-09 -> late by 1 working day.
    con = deadline(data, "petition-conclusion")
    assert (con["state"], con["workdays_late"]) == ("late", 1)


def test_step_dates(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", today="2026-03-02")
    result = run("petition", "accept", rid, "--on", "2026-03-03", today="2026-03-02")
    assert result.exit_code == 2
    assert "晚于今天" in result.stderr
    result = run("petition", "accept", rid, "--on", "2026-03-01", today="2026-03-02", lang="en")
    assert result.exit_code == 2
    assert "before the previous step" in result.stderr
    assert show(run, rid, "2026-03-02")["status"] == "received"


def test_list_filters(run: Invoke) -> None:
    first = receive(run, "2026-03-02", today="2026-03-02")
    second = receive(run, "2026-03-02", today="2026-03-02")
    ok(run("petition", "accept", second, today="2026-03-02"))

    def ids(*args: str, today: str = "2026-03-02") -> list[str]:
        data = js(run("petition", "list", "--format", "json", *args, today=today))
        assert isinstance(data, list)
        return [r["id"] for r in data]

    assert ids() == [first, second]
    assert ids("--status", "accepted") == [second]
    # first's acceptance is due Tue 2026-03-17; overdue on 03-18. second is accepted,
    # conclusion due 03-02 + 60 days = Fri 05-01, a holiday (劳动节 05-01..05-05) -> 05-06.
    assert ids("--overdue", today="2026-03-18") == [first]
    table = ok(run("petition", "list", today="2026-03-18")).stdout
    assert "2026-05-06" in table and "逾期 1 个工作日" in table


# -- confidentiality --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "plain", "github", "html", "csv", "tsv", "json"])
@pytest.mark.parametrize("command", ["list", "show"])
def test_masked_in_every_format(run: Invoke, command: str, fmt: str) -> None:
    rid = receive(run, "2026-03-02", today="2026-03-02")
    args = ["petition", command] + ([rid] if command == "show" else [])
    out = ok(run(*args, "--format", fmt, today="2026-03-02")).stdout
    assert NAME not in out and PHONE not in out
    assert MASKED_NAME in out and MASKED_PHONE in out


def test_masked_csv_and_json_parse_back_and_reveal_is_audited(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", today="2026-03-02")
    out = ok(run("petition", "list", "--format", "csv", today="2026-03-02")).stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["信访人"], row["联系方式"]) == (MASKED_NAME, MASKED_PHONE)
    data = js(run("petition", "list", "--format", "json", today="2026-03-02"))
    assert (data[0]["petitioner"], data[0]["contact"]) == (MASKED_NAME, MASKED_PHONE)  # type: ignore[index]
    out = ok(run("petition", "list", "--reveal", "--format", "csv", today="2026-03-02")).stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["信访人"], row["联系方式"]) == (NAME, PHONE)
    data = js(run("petition", "show", rid, "--reveal", "--format", "json", today="2026-03-02"))
    assert (data["petitioner"], data["contact"]) == (NAME, PHONE)  # type: ignore[index]
    entries = js(run("audit", "log", rid, "--format", "json", today="2026-03-02"))
    reveals = [e for e in entries if e.get("action") == "reveal"]  # type: ignore[union-attr]
    assert [(e["command"], e["fields"], e["actor"]) for e in reveals] == [
        ("petition list --reveal", ["petitioner", "contact"], CLERK),
        ("petition show --reveal", ["petitioner", "contact"], CLERK),
    ]


def test_step_json_is_masked(run: Invoke) -> None:
    rid = receive(run, "2026-03-02", today="2026-03-02")
    data = js(run("petition", "accept", rid, "--format", "json", today="2026-03-02"))
    assert (data["petitioner"], data["contact"]) == (MASKED_NAME, MASKED_PHONE)  # type: ignore[index]


def test_receive_json_is_masked(run: Invoke, data_dir: Path) -> None:
    data = js(
        run(
            "petition",
            "receive",
            "--petitioner",
            NAME,
            "--contact",
            PHONE,
            "--matter",
            "m",
            "--format",
            "json",
            today="2026-03-02",
        )
    )
    assert (data["petitioner"], data["contact"]) == (MASKED_NAME, MASKED_PHONE)  # type: ignore[index]


@pytest.mark.parametrize(
    "command", ["receive", "accept", "decline", "extend", "conclude", "list", "show"]
)
def test_help_has_an_example(run: Invoke, command: str) -> None:
    out = ok(run("petition", command, "--help", "--lang", "en")).stdout
    assert "Example:" in out
    assert f"township petition {command}" in out


def test_receive_prints_the_id_then_the_first_deadline(run: Invoke) -> None:
    out = ok(
        run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷",
            "--on", "2025-09-16", today="2025-09-16")
    ).stdout  # fmt: skip
    # 2025-09-16 + 15 days = 10-01, National Day; the break runs to 10-08 -> 2025-10-09.
    assert out == "PET-2025-0001\n下一个期限：书面告知是否受理，2025-10-09 到期。\n"
