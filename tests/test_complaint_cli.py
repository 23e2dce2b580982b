"""``township complaint`` from the command line .

Expected due dates are derived by hand in comments (complaint-handling:
15 working days after the day of receipt) from the official calendar.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import CLERK, Invoke, d

from commands.locale.width import unwrap

NAME, PHONE = "张三丰", "13812345678"
MASKED_NAME, MASKED_PHONE = "张**", "138****5678"
TODAY = "2025-10-20"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def js(result: Result) -> object:
    return json.loads(ok(result).stdout)


def register(run: Invoke, *extra: str, today: str = TODAY, lang: str = "zh") -> str:
    args = ["complaint", "register", "--against", "民政办", "--category", "1"]
    args += ["--summary", "低保申请拖延不办"]
    if "--anonymous" not in extra:
        args += ["--complainant", NAME, "--contact", PHONE]
    result = ok(run(*args, *extra, today=today, lang=lang))
    rid = result.stdout.splitlines()[0]
    assert re.fullmatch(r"CMP-\d{4}-\d{4}", rid), result.stdout
    return rid


def show(run: Invoke, rid: str, today: str = TODAY, *extra: str) -> dict:
    data = js(run("complaint", "show", rid, "--format", "json", *extra, today=today))
    assert isinstance(data, dict)
    return data


# -- register and the deadline ---------------------------------------------------


def test_register_prints_the_id_and_starts_the_clock(run: Invoke) -> None:
    rid = register(run, "--on", "2025-09-26")
    data = show(run, rid)
    assert data["status"] == "registered"
    assert data["received"] == "2025-09-26"
    # Fri 2025-09-26 + 15 working days: 09-28 (Sun, make-up), 09-29, 09-30, [10-01..10-08
    # off], 10-09, 10-10, 10-11 (Sat, make-up), 10-13..10-17, 10-20..10-23 -> 2025-10-23.
    assert data["deadlines"] == [
        {
            "rule": "complaint-handling",
            "trigger": "2025-09-26",
            "due": "2025-10-23",
            "met_on": None,
            "state": "open",
            "provisional": False,
            "workdays_late": 0,
        }
    ]
    assert "clocks" not in data


def test_register_with_format_json_prints_the_record(run: Invoke) -> None:
    data = js(
        run(
            "complaint",
            "register",
            "--complainant",
            NAME,
            "--contact",
            PHONE,
            "--against",
            "李四",
            "--category",
            "6",
            "--summary",
            "态度粗暴",
            "--format",
            "json",
            today=TODAY,
        )
    )
    assert isinstance(data, dict)
    assert data["id"].startswith("CMP-")
    assert data["complainant"] == MASKED_NAME
    assert data["contact"] == MASKED_PHONE
    # Mon 2025-10-20 + 15 working days: 10-21..10-24 (4), 10-27..10-31 (9), 11-03..11-07 (14),
    # 11-10 (15) -> 2025-11-10.
    assert data["deadlines"][0]["due"] == "2025-11-10"


def test_overdue_from_the_day_after_the_due_date(run: Invoke) -> None:
    rid = register(run, "--on", "2025-09-26")
    assert show(run, rid, "2025-10-23")["deadlines"][0]["state"] == "open"
    late = show(run, rid, "2025-10-24")["deadlines"][0]
    assert (late["state"], late["workdays_late"]) == ("overdue", 1)
    table = ok(run("complaint", "show", rid, today="2025-10-24")).stdout
    assert "逾期 1 个工作日" in table


def test_rules_override_in_township_toml(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "township.toml").write_text("[rules]\ncomplaint-handling = 10\n", encoding="utf-8")
    rid = register(run, "--on", "2025-09-26")
    # Fri 2025-09-26 + 10 working days: 09-28 (Sun, make-up), 09-29, 09-30, 10-09, 10-10,
    # 10-11 (Sat, make-up), 10-13, 10-14, 10-15, 10-16 -> 2025-10-16.
    deadline = show(run, rid)["deadlines"][0]
    assert (deadline["due"], deadline["state"]) == ("2025-10-16", "overdue")


def test_spring_festival_2026(run: Invoke) -> None:
    rid = register(run, "--on", "2026-02-10", today="2026-02-10")
    # Tue 2026-02-10 + 15 working days: 02-11, 02-12, 02-13, 02-14 (Sat, make-up),
    # [02-15..02-23 off], 02-24..02-27, 02-28 (Sat, make-up), 03-02..03-06, 03-09 -> 2026-03-09.
    assert show(run, rid, "2026-02-10")["deadlines"][0]["due"] == "2026-03-09"


def test_anonymous_complaint(run: Invoke) -> None:
    rid = register(run, "--anonymous")
    data = show(run, rid)
    assert data["anonymous"] is True
    assert data["complainant"] is None
    assert "（匿名）" in ok(run("complaint", "list", today=TODAY)).stdout
    assert "(anonymous)" in ok(run("complaint", "list", today=TODAY, lang="en")).stdout


def test_anonymous_with_a_name_is_refused(run: Invoke, data_dir: Path) -> None:
    base = ["complaint", "register", "--against", "x", "--category", "1", "--summary", "s"]
    result = run(*base, "--anonymous", "--complainant", NAME, today=TODAY)
    assert result.exit_code == 2
    assert "匿名投诉不登记投诉人姓名" in result.stderr
    result = run(*base, "--anonymous", "--complainant", NAME, today=TODAY, lang="en")
    assert result.exit_code == 2
    assert "drop either --complainant or --anonymous" in result.stderr
    result = run(*base, today=TODAY)
    assert result.exit_code == 2
    assert "--complainant" in result.stderr
    assert not (data_dir / "complaints").exists()


def test_category_outside_the_catalogue(run: Invoke) -> None:
    base = ["complaint", "register", "--complainant", NAME, "--against", "x", "--summary", "s"]
    result = run(*base, "--category", "8", today=TODAY)
    assert result.exit_code == 2
    assert "「8」不在可选值之中" in result.stderr and "7 其他违反效能制度的行为" in result.stderr
    result = run(*base, "--category", "0", today=TODAY, lang="en")
    assert result.exit_code == 2
    assert "'0' is not one of the valid values" in result.stderr


def test_dates_after_today_or_before_the_previous_step(run: Invoke) -> None:
    result = run(
        "complaint",
        "register",
        "--complainant",
        NAME,
        "--against",
        "x",
        "--category",
        "1",
        "--summary",
        "s",
        "--on",
        "2025-10-21",
        today=TODAY,
    )
    assert result.exit_code == 2
    assert "晚于今天" in result.stderr
    rid = register(run, "--on", "2025-10-10")
    result = run("complaint", "assign", rid, "--dept", "民政办", "--on", "2025-10-09", today=TODAY)
    assert result.exit_code == 2
    assert "早于" in result.stderr and rid in result.stderr
    result = run(
        "complaint", "assign", rid, "--dept", "民政办", "--on", "2025-10-09", today=TODAY, lang="en"
    )
    assert result.exit_code == 2
    assert "before the previous step" in result.stderr
    assert show(run, rid)["status"] == "registered"


def test_unknown_id(run: Invoke) -> None:
    result = run("complaint", "show", "CMP-2025-0042", today=TODAY)
    assert result.exit_code == 2
    assert "找不到记录 CMP-2025-0042" in result.stderr
    result = run("complaint", "assign", "PET-2025-0001", "--dept", "x", today=TODAY, lang="en")
    assert result.exit_code == 2
    assert "not a complaint record" in result.stderr


# -- from an inquiry -------------------------------------------------------------


def _inquiry(data_dir: Path) -> str:
    """An inquiry written through the library (independent of the inquiry commands)."""
    from township.steps.machine import add_event, new_record
    from township.storage.store import Store

    with Store(data_dir).transaction(CLERK, "test") as tx:

        def build(rid: str) -> dict:
            rec = new_record(
                "inquiry", rid, actor=CLERK, now=tx.now, status="open", type="complaint"
            )
            add_event(rec, on=d("2025-10-10"), actor=CLERK, now=tx.now, action="log")
            return rec

        return tx.create("inquiry", 2025, build)["id"]


def test_from_inquiry_links_it(run: Invoke, data_dir: Path) -> None:
    inq = _inquiry(data_dir)
    rid = register(run, "--from-inquiry", inq)
    assert show(run, rid)["inquiry"] == inq
    assert inq in ok(run("complaint", "show", rid, today=TODAY)).stdout


def test_from_an_unknown_inquiry_is_refused(run: Invoke, data_dir: Path) -> None:
    result = run(
        "complaint",
        "register",
        "--complainant",
        NAME,
        "--against",
        "x",
        "--category",
        "1",
        "--summary",
        "s",
        "--from-inquiry",
        "INQ-2025-0003",
        today=TODAY,
    )
    assert result.exit_code == 2
    assert "INQ-2025-0003" in result.stderr
    assert not (data_dir / "complaints").exists()


# -- assign, resolve -------------------------------------------------------------


def test_assign_and_resolve(run: Invoke) -> None:
    rid = register(run, "--on", "2025-09-26")
    result = ok(
        run("complaint", "assign", rid, "--dept", "民政办", "--person", "赵六", today=TODAY)
    )
    # Registered Fri 2025-09-26; complaint-handling, 15 working days: 09-28 (Sun, make-up)
    # 1, 09-29 2, 09-30 3, [10-01..10-08 off], 10-09 4, 10-10 5, 10-11 (Sat, make-up) 6,
    # 10-13..10-17 7-11, 10-20..10-23 12-15 -> due 2025-10-23.
    assert (
        result.stdout == f"{rid} 已交办：民政办 赵六；下一个期限：办结效能投诉，2025-10-23 到期。\n"
    )
    data = show(run, rid)
    assert data["status"] == "assigned"
    assert data["responsible"] == {"person": "赵六", "dept": "民政办"}
    result = ok(
        run(
            "complaint",
            "resolve",
            rid,
            "--finding",
            "substantiated",
            "--action",
            "责令当日办结",
            "--on",
            "2025-10-20",
            today=TODAY,
            lang="en",
        )
    )
    # Resolved 10-20, before the due date 10-23: met, nothing else open.
    assert result.stdout == f"{rid} resolved (substantiated); no open deadline.\n"
    data = show(run, rid)
    assert (data["status"], data["finding"], data["action"]) == (
        "resolved",
        "substantiated",
        "责令当日办结",
    )
    # Due 2025-10-23 (derived above), resolved 10-20 -> met.
    assert data["deadlines"][0]["state"] == "met"
    assert data["deadlines"][0]["met_on"] == "2025-10-20"
    assert [e["action"] for e in data["events"]] == ["register", "assign", "resolve"]


def test_a_second_resolve_is_refused_and_names_the_next_step(run: Invoke) -> None:
    rid = register(run)
    ok(
        run(
            "complaint",
            "resolve",
            rid,
            "--finding",
            "unsubstantiated",
            "--action",
            "x",
            today=TODAY,
        )
    )
    result = run(
        "complaint", "resolve", rid, "--finding", "substantiated", "--action", "y", today=TODAY
    )
    assert result.exit_code == 2
    assert f"{rid} 当前状态为「已办结」" in result.stderr
    assert "无（已结束）" in result.stderr
    result = run("complaint", "assign", rid, "--dept", "x", today=TODAY, lang="en")
    assert result.exit_code == 2
    assert f"{rid} is resolved" in result.stderr
    assert "none (it is closed)" in result.stderr
    assert show(run, rid)["action"] == "x"


# -- list ------------------------------------------------------------------------


def test_list_filters(run: Invoke) -> None:
    first = register(run, "--on", "2025-09-26")
    second = register(run, "--on", "2025-10-15")
    ok(run("complaint", "assign", second, "--dept", "民政办", today=TODAY))

    def ids(*args: str) -> list[str]:
        data = js(run("complaint", "list", "--format", "json", *args, today=TODAY))
        assert isinstance(data, list)
        return [r["id"] for r in data]

    assert ids() == [first, second]
    assert ids("--status", "assigned") == [second]
    assert ids("--handler", "民政办") == [second]
    assert ids("--since", "2025-10-01") == [second]
    assert ids("--until", "2025-10-01") == [first]
    # first: due 2025-10-23 (derived above); overdue on 10-24, second (due later) not.
    data = js(run("complaint", "list", "--overdue", "--format", "json", today="2025-10-24"))
    assert [r["id"] for r in data] == [first]  # type: ignore[union-attr]
    assert data[0]["deadlines"][0]["state"] == "overdue"  # type: ignore[index]


def test_list_empty(run: Invoke) -> None:
    assert ok(run("complaint", "list", today=TODAY)).stdout == "没有符合条件的记录。\n"
    assert js(run("complaint", "list", "--format", "json", today=TODAY)) == []


# -- confidentiality --------------------------------------------------------------

FORMATS = ["table", "plain", "github", "html", "csv", "tsv", "json"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", ["list", "show"])
def test_masked_in_every_format(run: Invoke, command: str, fmt: str) -> None:
    rid = register(run)
    args = ["complaint", command] + ([rid] if command == "show" else [])
    out = ok(run(*args, "--format", fmt, today=TODAY)).stdout
    assert NAME not in out and PHONE not in out
    assert MASKED_NAME in out and MASKED_PHONE in out


def test_masked_csv_and_json_parse_back(run: Invoke) -> None:
    register(run)
    rows = list(csv.DictReader(io.StringIO(ok(run("complaint", "list", "--format", "csv")).stdout)))
    assert (rows[0]["投诉人"], rows[0]["联系方式"]) == (MASKED_NAME, MASKED_PHONE)
    en = ok(run("complaint", "list", "--format", "csv", lang="en")).stdout
    rows = list(csv.DictReader(io.StringIO(en)))
    assert (rows[0]["complainant"], rows[0]["contact"]) == (MASKED_NAME, MASKED_PHONE)
    data = js(run("complaint", "list", "--format", "json"))
    assert (data[0]["complainant"], data[0]["contact"]) == (MASKED_NAME, MASKED_PHONE)  # type: ignore[index]


def test_step_output_is_masked(run: Invoke) -> None:
    rid = register(run)
    out = ok(run("complaint", "assign", rid, "--dept", "民政办", "--format", "json", today=TODAY))
    data = json.loads(out.stdout)
    assert (data["complainant"], data["contact"]) == (MASKED_NAME, MASKED_PHONE)


def _reveals(run: Invoke, rid: str) -> list[dict]:
    entries = js(run("audit", "log", rid, "--format", "json", today=TODAY))
    assert isinstance(entries, list)
    return [e for e in entries if e.get("action") == "reveal"]


def test_reveal_in_list_is_audited_once_per_record(run: Invoke) -> None:
    first = register(run)
    second = register(run)
    assert _reveals(run, first) == []
    out = ok(run("complaint", "list", "--reveal", "--format", "csv", today=TODAY)).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["投诉人"], r["联系方式"]) for r in rows] == [(NAME, PHONE), (NAME, PHONE)]
    data = js(run("complaint", "list", "--reveal", "--format", "json", today=TODAY))
    assert data[0]["complainant"] == NAME  # type: ignore[index]
    for rid in (first, second):
        reveals = _reveals(run, rid)
        assert len(reveals) == 2  # one per listing
        assert reveals[0]["fields"] == ["complainant", "contact"]
        assert reveals[0]["actor"] == CLERK
    table = ok(run("audit", "log", first, today=TODAY)).stdout
    assert "complaint list --reveal" in table and "reveal" in table


def test_reveal_in_list_audits_only_the_records_shown(run: Invoke) -> None:
    first = register(run)
    second = register(run)
    ok(run("complaint", "assign", second, "--dept", "民政办", today=TODAY))
    ok(run("complaint", "list", "--status", "assigned", "--reveal", today=TODAY))
    assert _reveals(run, first) == []
    assert len(_reveals(run, second)) == 1


def test_reveal_in_show_is_audited(run: Invoke) -> None:
    rid = register(run)
    out = ok(run("complaint", "show", rid, "--reveal", today=TODAY)).stdout
    assert NAME in out and PHONE in out
    assert show(run, rid, TODAY, "--reveal")["complainant"] == NAME
    reveals = _reveals(run, rid)
    assert len(reveals) == 2
    assert reveals[0]["command"] == "complaint show --reveal"
    assert ok(run("audit", "verify", today=TODAY)).exit_code == 0


def test_reveal_of_an_unknown_id_writes_nothing(run: Invoke, data_dir: Path) -> None:
    register(run)
    before = (data_dir / "audit.jsonl").read_text(encoding="utf-8")
    result = run("complaint", "show", "CMP-2025-0099", "--reveal", today=TODAY)
    assert result.exit_code == 2
    assert (data_dir / "audit.jsonl").read_text(encoding="utf-8") == before


# -- escalate (needs township.kinds.case) -------------------------------------------------


def test_escalate_opens_a_case_linked_both_ways(run: Invoke) -> None:
    rid = register(run, "--on", "2025-10-10")
    result = ok(run("complaint", "escalate", rid, "--investigator", "赵某", today=TODAY))
    case_id = re.search(r"CASE-\d{4}-\d{4}", result.stdout)
    assert case_id, result.stdout
    # The case's investigation runs from Mon 2025-10-20, 10 working days: 10-21..10-24
    # 1-4, 10-27..10-31 5-9, 11-03 10 -> due 2025-11-03.
    assert result.stdout == (
        f"{rid} 已转问责调查，立案 {case_id.group()}；下一个期限：提交调查报告，2025-11-03 到期。\n"
    )
    data = show(run, rid)
    assert data["status"] == "escalated"
    assert data["case"] == case_id.group()
    # Escalation meets the handling deadline on the escalation day. Due: Fri 2025-10-10
    # + 15 working days: 10-11 (Sat, make-up) 1, 10-13..10-17 2-6, 10-20..10-24 7-11,
    # 10-27..10-30 12-15 -> 2025-10-30; met on 10-20.
    deadline = data["deadlines"][0]
    assert (deadline["due"], deadline["met_on"], deadline["state"]) == (
        "2025-10-30",
        TODAY,
        "met",
    )
    case = js(run("case", "show", case_id.group(), "--format", "json", today=TODAY))
    assert case["complaint"] == rid  # type: ignore[index]
    assert case["source"] == 5  # type: ignore[index]  ⑤ 公民、法人和其他组织的检举、控告
    assert case["matter"] == 4  # type: ignore[index]  category ① -> ④办事拖拉、推诿扯皮
    assert case["subject"] == case["unit"] == "民政办"  # type: ignore[index]


def test_escalate_in_english_with_options(run: Invoke) -> None:
    rid = register(run)
    result = ok(
        run(
            "complaint",
            "escalate",
            rid,
            "--investigator",
            "赵某",
            "--investigator",
            "钱某",
            "--subject",
            "李四",
            "--unit",
            "民政办",
            "--matter",
            "7",
            today=TODAY,
            lang="en",
        )
    )
    assert result.stdout.startswith(f"{rid} escalated; opened case CASE-")
    case_id = show(run, rid)["case"]
    case = js(run("case", "show", case_id, "--format", "json", today=TODAY))
    assert (case["subject"], case["matter"]) == ("李四", 7)  # type: ignore[index]


def test_escalate_category_7_needs_a_matter_and_changes_nothing(
    run: Invoke, data_dir: Path
) -> None:
    rid = ok(
        run(
            "complaint",
            "register",
            "--complainant",
            NAME,
            "--against",
            "民政办",
            "--category",
            "7",
            "--summary",
            "其他",
            today=TODAY,
        )
    ).stdout.splitlines()[0]
    result = run("complaint", "escalate", rid, "--investigator", "赵某", today=TODAY)
    assert result.exit_code == 2
    assert "--matter" in result.stderr
    assert show(run, rid)["status"] == "registered"
    assert not (data_dir / "cases").exists()


def test_escalate_needs_an_investigator(run: Invoke) -> None:
    rid = register(run)
    result = run("complaint", "escalate", rid, today=TODAY)
    assert result.exit_code == 2
    assert "--investigator" in result.stderr


# -- help ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["register", "assign", "resolve", "escalate", "list", "show"])
def test_help_has_an_example(run: Invoke, command: str) -> None:
    out = ok(run("complaint", command, "--help", "--lang", "en")).stdout
    assert "Example:" in out
    assert f"township complaint {command}" in out


# -- show as one document -------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_show_in_html_is_one_document_with_three_tables(run: Invoke) -> None:
    rid = register(run)
    out = ok(run("complaint", "show", rid, "--format", "html", today=TODAY)).stdout
    page = _Tags()
    page.feed(out)
    page.close()
    assert page.tags.count("html") == 1 and out.count("<!DOCTYPE html>") == 1
    assert page.tags.count("table") == 3  # fields, steps, deadlines
    assert rid in page.text and NAME not in out and MASKED_NAME in out
    # CSV is the fields table alone: one table a spreadsheet can read.
    rows = list(
        csv.reader(io.StringIO(ok(run("complaint", "show", rid, "--format", "csv")).stdout))
    )
    assert rows[0] == ["项目", "内容"] and ["投诉人", MASKED_NAME] in rows


def test_a_correction_of_the_complainant_is_masked_too(run: Invoke) -> None:
    rid = register(run)
    ok(run("amend", rid, "--set", "complainant=张四丰", "--reason", "姓名写错", "--reveal",
           today=TODAY))  # fmt: skip
    for args in (("complaint", "show", rid), ("complaint", "list"), ("export", "complaint")):
        out = ok(run(*args, "--format", "json", today=TODAY)).stdout
        assert NAME not in out and "张四丰" not in out, args
    assert ok(run("audit", "log", rid, "--format", "json", today=TODAY)).stdout.count(NAME) == 0
    revealed = show(run, rid, TODAY, "--reveal")
    assert revealed["events"][-1]["changes"][0]["old"] == NAME


def test_escalate_against_a_person_needs_the_unit(run: Invoke, data_dir: Path) -> None:
    args = ["complaint", "register", "--anonymous", "--against", "李四", "--category", "6"]
    rid = ok(run(*args, "--summary", "态度粗暴", today=TODAY)).stdout.splitlines()[0]
    before = (data_dir / "complaints" / "2025.json").read_bytes()
    result = run("complaint", "escalate", rid, "--investigator", "赵某", today=TODAY, lang="en")
    assert result.exit_code == 2
    assert "--unit" in result.stderr and "against a person" in result.stderr
    assert (data_dir / "complaints" / "2025.json").read_bytes() == before
    assert not (data_dir / "cases").exists()
    ok(run("complaint", "escalate", rid, "--investigator", "赵某", "--unit", "民政办", today=TODAY))
    case_id = show(run, rid)["case"]
    case = js(run("case", "show", case_id, "--format", "json", today=TODAY))
    assert (case["subject"], case["unit"]) == ("李四", "民政办")  # type: ignore[index]


def test_anonymous_complaint_from_an_inquiry_masks_the_inquiry(run: Invoke) -> None:
    out = ok(
        run("inquiry", "log", "--name", NAME, "--contact", PHONE, "--matter", "窗口推诿",
            "--on", "2025-10-20", today=TODAY)
    )  # fmt: skip
    inq = out.stdout.strip().split()[0]
    inquiry = js(run("inquiry", "show", inq, "--format", "json", today=TODAY))
    assert inquiry["name"] == NAME  # type: ignore[index]  a plain consultation: not protected
    register(run, "--anonymous", "--from-inquiry", inq)
    inquiry = js(run("inquiry", "show", inq, "--format", "json", today=TODAY))
    assert (inquiry["name"], inquiry["contact"]) == (MASKED_NAME, MASKED_PHONE)  # type: ignore[index]
    listed = ok(run("inquiry", "list", "--format", "csv", today=TODAY)).stdout
    assert NAME not in listed and PHONE not in listed


def test_list_reads_the_absences_once_for_every_category_5_row(
    run: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list of many ⑤ complaints (擅离岗位) reads the absence files once, not per row."""
    ok(run("absence", "log", "--person", "王某", "--dept", "民政办", "--from", "2025-10-15",
           "--to", "2025-10-15", "--reason", "leave", "--substitute", "李某",
           "--approved-by", "高某", "--on", "2025-10-14", today=TODAY))  # fmt: skip
    fives = [
        ok(run("complaint", "register", "--complainant", NAME, "--against", who,
               "--category", "5", "--summary", "窗口无人", "--on", "2025-10-16",
               today=TODAY)).stdout.splitlines()[0]
        for who in ("王某", "王某", "赵某")
    ]  # fmt: skip
    register(run)  # category ①: no absences read for it
    from township.storage.store import Store

    read: list[str] = []
    iter_records = Store.iter_records

    def counted(self: Store, kind: Any, *args: Any, **kw: Any) -> Any:
        read.append(kind.name)
        return iter_records(self, kind, *args, **kw)

    monkeypatch.setattr(Store, "iter_records", counted)
    data = js(run("complaint", "list", "--format", "json", today=TODAY))
    assert read.count("absence") == 1
    absences = {r["id"]: r.get("absences") for r in data}  # type: ignore[union-attr]
    # 王某 was away on 10-15, the day before the complaints; 赵某 never.
    assert absences[fives[0]] == absences[fives[1]] == ["ABS-2025-0001"]
    assert absences[fives[2]] == []
    table = ok(run("complaint", "list", today=TODAY)).stdout
    assert read.count("absence") == 2  # one more command, one more read
    assert "③" not in table and "⑤擅离岗位、未落实同岗替代（本镇补充）" in table


def test_register_help_calls_the_period_a_local_rule_and_names_no_number(
    run: Invoke, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "township.toml").write_text("[rules]\ncomplaint-handling = 20\n", encoding="utf-8")
    zh = unwrap(ok(run("complaint", "register", "--help")).stdout).split("示例：")[0]
    assert "本镇规定" in zh and "township rules --kind complaint" in zh
    assert "15" not in zh and "20" not in zh and "个工作日" not in zh
    assert "3-7 为本镇补充" in zh
    en = unwrap(ok(run("complaint", "register", "--help", lang="en")).stdout).split("Example:")[0]
    assert "local rule" in en and "15" not in en and "working days" not in en
