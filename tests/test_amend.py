"""``township amend``: corrections with a reason , from the command line.

Each kind is created with its own command, amended, and read back with
``show --format json`` and ``audit log ID --format json``. Today is pinned
to Mon 2026-03-02 (conftest); records are created on Fri 2026-02-27.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import CLERK, Invoke

CREATED = "2026-02-27"
TODAY = "2026-03-02"
NAME, PHONE = "王小五", "13912345678"
NEW_PHONE = "13700001111"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    for needle in needles:
        assert needle in result.stderr, result.stderr
    assert result.stdout == ""
    return result.stderr


def show(run: Invoke, kind: str, rid: str, *extra: str) -> dict[str, Any]:
    data = json.loads(ok(run(kind, "show", rid, *extra, "--format", "json")).stdout)
    assert isinstance(data, dict)
    return data


def audit_entries(run: Invoke, rid: str) -> list[dict[str, Any]]:
    data = json.loads(ok(run("audit", "log", rid, "--reveal", "--format", "json")).stdout)
    assert isinstance(data, list)
    return data


def created_id(result: Result) -> str:
    return ok(result).stdout.strip().splitlines()[0]


def inquiry(run: Invoke, *extra: str) -> str:
    return created_id(
        run(
            "inquiry", "log", "--name", "张三", "--matter", "咨询低保", "--contact", PHONE,
            "--dept", "民政办", "--on", CREATED, *extra,
        )
    )  # fmt: skip


def case(run: Invoke) -> str:
    return created_id(
        run(
            "case", "open", "--subject", "李某", "--unit", "民政所", "--matter", "4",
            "--source", "2", "--summary", "低保申请拖延两个月", "--verified", "属实", "--opened-by", "镇长何某",
            "--investigator", "赵某",
            "--on", CREATED,
        )
    )  # fmt: skip


def complaint(run: Invoke) -> str:
    return created_id(
        run(
            "complaint", "register", "--complainant", NAME, "--contact", PHONE,
            "--against", "李四", "--category", "6", "--summary", "态度粗暴", "--on", CREATED,
        )
    )  # fmt: skip


def petition(run: Invoke) -> str:
    return created_id(
        run(
            "petition", "receive", "--petitioner", NAME, "--contact", PHONE,
            "--matter", "宅基地纠纷", "--on", CREATED,
        )
    )  # fmt: skip


def denial(run: Invoke) -> str:
    return created_id(
        run(
            "denial", "file", "--applicant", "赵六", "--matter", "建房审批",
            "--reason", "不符合规划", "--basis", "城乡规划法第四十条", "--on", CREATED,
        )
    )  # fmt: skip


def amend(run: Invoke, rid: str, *args: str, **kw: str) -> Result:
    return run("amend", rid, *args, **kw)


# -- each kind ------------------------------------------------------------------


def test_amend_an_inquiry_records_the_event_and_the_audit_line(run: Invoke) -> None:
    rid = inquiry(run)
    result = ok(amend(run, rid, "--set", "contact=" + NEW_PHONE, "--reason", "登记时电话记错"))
    # Without --reveal the line never prints a personal value, even of a consultation.
    assert result.stdout == (
        f"已更正 {rid}：联系方式 139****5678 → 137****1111（理由：登记时电话记错）\n"
    )
    data = show(run, "inquiry", rid)
    assert data["contact"] == NEW_PHONE
    event = data["events"][-1]
    assert event["action"] == "amend"
    assert (event["on"], event["actor"], event["reason"]) == (TODAY, CLERK, "登记时电话记错")
    assert event["changes"] == [{"field": "contact", "old": PHONE, "new": NEW_PHONE}]
    # The deadlines and the status are untouched.
    assert data["status"] == "open"
    last = audit_entries(run, rid)[-1]
    assert last["command"] == "amend"
    assert last["reason"] == "登记时电话记错"
    assert last["before"]["contact"] == PHONE
    assert last["after"]["contact"] == NEW_PHONE
    assert ok(run("audit", "verify")).exit_code == 0


def test_amend_an_inquiry_dept_moves_the_responsible_dept(run: Invoke) -> None:
    rid = inquiry(run)
    ok(amend(run, rid, "--set", "dept=社会事务办", "--reason", "部门名称笔误"))
    data = show(run, "inquiry", rid)
    assert data["dept"] == "社会事务办"
    assert data["responsible"]["dept"] == "社会事务办"


def test_after_a_referral_the_responsible_dept_stays(run: Invoke) -> None:
    rid = inquiry(run)
    ok(run("inquiry", "refer", rid, "--to-dept", "国土所"))
    ok(amend(run, rid, "--set", "dept=社会事务办", "--reason", "部门名称笔误"))
    data = show(run, "inquiry", rid)
    assert (data["dept"], data["responsible"]["dept"]) == ("社会事务办", "国土所")


def test_amend_a_case_in_english_with_two_fields(run: Invoke) -> None:
    rid = case(run)
    result = ok(
        amend(
            run, rid, "--set", "unit=民政办", "--set", "matter=7", "--reason", "typo",
            lang="en",
        )
    )  # fmt: skip
    assert result.stdout.startswith(f"Amended {rid}: unit 民政所 → 民政办; matter ④ ")
    assert "→ ⑦ indifference, rude conduct (reason: typo)" in result.stdout
    data = show(run, "case", rid)
    assert (data["unit"], data["matter"]) == ("民政办", 7)
    assert data["events"][-1]["changes"] == [
        {"field": "unit", "old": "民政所", "new": "民政办"},
        {"field": "matter", "old": 4, "new": 7},
    ]
    last = audit_entries(run, rid)[-1]
    assert (last["before"]["unit"], last["after"]["unit"]) == ("民政所", "民政办")
    assert (last["before"]["matter"], last["after"]["matter"]) == (4, 7)


def test_amend_with_reveal_shows_the_complainant_unmasked(run: Invoke) -> None:
    rid = complaint(run)
    result = ok(
        amend(run, rid, "--set", "contact=" + NEW_PHONE, "--reason", "电话记错", "--reveal")
    )
    # --reveal (audited) shows what changed: the old and the new value, unmasked.
    assert result.stdout == f"已更正 {rid}：联系方式 {PHONE} → {NEW_PHONE}（理由：电话记错）\n"
    named = ok(amend(run, rid, "--set", "complainant=王晓五", "--reason", "姓名写错", "--reveal"))
    assert f"投诉人 {NAME} → 王晓五" in named.stdout
    shown = json.loads(
        ok(amend(run, rid, "--set", "complainant=王晓六", "--reason", "姓名写错", "--format",
                 "json", "--reveal")).stdout
    )  # fmt: skip
    assert shown["complainant"] == "王晓六"
    assert shown["events"][-1]["changes"] == [
        {"field": "complainant", "old": "王晓五", "new": "王晓六"}
    ]
    assert shown["deadlines"][0]["rule"] == "complaint-handling"
    # Read again without --reveal, everything personal is masked.
    assert show(run, "complaint", rid)["complainant"] == "王**"
    # The stored record and the audit log keep the real values.
    revealed = show(run, "complaint", rid, "--reveal")
    assert revealed["complainant"] == "王晓六"
    assert revealed["events"][-2]["changes"] == [
        {"field": "complainant", "old": NAME, "new": "王晓五"}
    ]
    entries = [e for e in audit_entries(run, rid) if e.get("command") == "amend"]
    assert entries[0]["before"]["contact"] == PHONE
    assert entries[0]["after"]["contact"] == NEW_PHONE
    assert entries[1]["after"]["complainant"] == "王晓五"
    reveals = [e for e in audit_entries(run, rid) if e.get("action") == "reveal"]
    assert [e["command"] for e in reveals][:3] == ["amend --reveal"] * 3


def test_without_reveal_no_personal_value_is_echoed(run: Invoke) -> None:
    # A consultation is not protected: its contact may be corrected without --reveal,
    # but neither the confirmation nor the "no change" refusal prints it.
    rid = inquiry(run)
    same = amend(run, rid, "--set", "contact=" + PHONE, "--reason", "核对")
    assert same.exit_code == 2 and "没有变化" in same.stderr and PHONE not in same.stderr
    result = ok(amend(run, rid, "--set", "name=张三丰", "--reason", "姓名写全"))
    assert "姓名 张* → 张**" in result.stdout and "张三丰" not in result.stdout
    assert show(run, "inquiry", rid)["name"] == "张三丰"


def test_amend_a_complaint_category_is_a_catalogue_number(run: Invoke) -> None:
    rid = complaint(run)
    result = ok(amend(run, rid, "--set", "category=1", "--reason", "类别选错"))
    # ⑥ is one of the categories the surviving text does not list: marked 本镇补充.
    assert "投诉类别 ⑥服务态度差、刁难群众（本镇补充） → ①拖延不办或执行不力" in result.stdout
    assert show(run, "complaint", rid)["category"] == 1
    refused(amend(run, rid, "--set", "category=9", "--reason", "x"), "不在目录中")
    refused(amend(run, rid, "--set", "category=abc", "--reason", "x"), "应为编号")
    # A category is also named by its circled number or its label.
    ok(amend(run, rid, "--set", "category=②", "--reason", "类别选错"))
    ok(amend(run, rid, "--set", "category=服务态度差、刁难群众", "--reason", "类别选错"))
    assert show(run, "complaint", rid)["category"] == 6


def test_a_field_is_named_by_its_label_too(run: Invoke) -> None:
    rid = complaint(run)
    result = ok(amend(run, rid, "--set", "被投诉对象=李四四", "--reason", "姓名写错"))
    assert "被投诉对象 李四 → 李四四" in result.stdout
    assert show(run, "complaint", rid)["against"] == "李四四"
    english = ok(amend(run, rid, "--set", "Against=李五", "--reason", "typo", lang="en"))
    assert "against 李四四 → 李五" in english.stdout
    # A label and the name of one field are one field: given twice.
    refused(
        amend(run, rid, "--set", "against=甲", "--set", "被投诉对象=乙", "--reason", "x"), "两次"
    )
    assert show(run, "complaint", rid)["events"][-1]["changes"][0]["new"] == "李五"


def test_amend_a_petition_matter(run: Invoke) -> None:
    rid = petition(run)
    result = ok(amend(run, rid, "--set", "matter=宅基地边界纠纷", "--reason", "事项表述不准确"))
    assert result.stdout == (
        f"已更正 {rid}：信访事项 宅基地纠纷 → 宅基地边界纠纷（理由：事项表述不准确）\n"
    )
    data = show(run, "petition", rid)
    assert data["matter"] == "宅基地边界纠纷"
    assert data["petitioner"] == "王**"  # show masks the record itself
    last = audit_entries(run, rid)[-1]
    assert (last["before"]["matter"], last["after"]["matter"]) == ("宅基地纠纷", "宅基地边界纠纷")


def test_amend_a_denial_basis_with_an_earlier_date(run: Invoke) -> None:
    rid = denial(run)
    ok(amend(run, rid, "--set", "basis=城乡规划法第四十一条", "--reason", "条文号写错",
             "--on", "2026-02-28"))  # fmt: skip
    data = show(run, "denial", rid)
    assert data["basis"] == "城乡规划法第四十一条"
    assert data["events"][-1]["on"] == "2026-02-28"
    assert data["status"] == "filed"
    assert [d["rule"] for d in data["deadlines"]] == ["denial-filing"]


def test_optional_field_can_be_cleared(run: Invoke) -> None:
    rid = inquiry(run)
    ok(amend(run, rid, "--set", "contact=", "--reason", "号码无效"))
    data = show(run, "inquiry", rid)
    assert data["contact"] is None
    assert data["events"][-1]["changes"] == [{"field": "contact", "old": PHONE, "new": None}]


def test_a_closed_record_can_still_be_corrected_and_its_result_too(run: Invoke) -> None:
    rid = inquiry(run)
    ok(run("inquiry", "close", rid, "--result", "已答复"))
    ok(amend(run, rid, "--set", "result=已电话答复", "--reason", "补充答复方式"))
    data = show(run, "inquiry", rid)
    assert (data["status"], data["result"]) == ("closed", "已电话答复")


def test_audit_verify_after_several_amendments(run: Invoke) -> None:
    ids = [inquiry(run), case(run), complaint(run), petition(run), denial(run)]
    fields = [
        "matter=咨询低保政策",
        "summary=低保审批拖延",
        "against=李某某",
        "contact=",
        "applicant=赵小六",
    ]
    for rid, change in zip(ids, fields, strict=True):
        # A protected name or contact (the petitioner's, the applicant's) needs --reveal.
        ok(amend(run, rid, "--set", change, "--reason", "更正", "--reveal"))
    result = ok(run("audit", "verify"))
    assert "完好" in result.stdout


# -- refusals ---------------------------------------------------------------------


def test_unknown_id_is_refused(run: Invoke) -> None:
    inquiry(run)
    refused(amend(run, "INQ-2026-0009", "--set", "name=李四", "--reason", "x"), "INQ-2026-0009")
    refused(amend(run, "XYZ-1", "--set", "name=李四", "--reason", "x"), "不是有效的编号")


@pytest.mark.parametrize("field", ["status", "events", "id", "channel", "complaint", "responsible"])
def test_protected_fields_are_refused_with_the_amendable_list(run: Invoke, field: str) -> None:
    rid = inquiry(run)
    refused(
        amend(run, rid, "--set", f"{field}=x", "--reason", "x"),
        f"「{field}」不能更正",
        "name（姓名）、unit（单位）、contact（联系方式）、matter（事项）、dept（首问部门）、"
        "result（办理结果）",
    )
    assert len(show(run, "inquiry", rid)["events"]) == 1  # nothing changed


def test_unknown_field_is_refused_in_english(run: Invoke) -> None:
    rid = case(run)
    refused(
        amend(run, rid, "--set", "colour=red", "--reason", "x", lang="en"),
        "no field 'colour'",
        "subject, unit, matter, source, summary",
    )


def test_missing_or_empty_reason_is_refused(run: Invoke) -> None:
    rid = inquiry(run)
    result = amend(run, rid, "--set", "name=李四")
    assert result.exit_code == 2
    assert "--reason" in result.stderr
    refused(amend(run, rid, "--set", "name=李四", "--reason", "  "), "须用 --reason 说明理由")
    # A reason of nothing but invisible characters is no reason either.
    for blank in ("\u200b", "\u3000\u3000", "\u200b\u3000\ufeff"):
        refused(amend(run, rid, "--set", "name=李四", "--reason", blank), "--reason")
    assert len(show(run, "inquiry", rid)["events"]) == 1


def test_same_value_is_nothing_to_change(run: Invoke) -> None:
    rid = inquiry(run)
    refused(amend(run, rid, "--set", "matter= 咨询低保 ", "--reason", "x"), "没有需要更正的内容")
    refused(
        amend(run, rid, "--set", "事项=咨询低保", "--reason", "x", lang="en"), "nothing to change"
    )
    # A personal value is never echoed, even of a record whose data is not protected.
    err = refused(amend(run, rid, "--set", "name= 张三 ", "--reason", "x"), "没有变化")
    assert "张三" not in err


def test_future_date_and_date_before_the_previous_step_are_refused(run: Invoke) -> None:
    rid = inquiry(run)
    refused(
        amend(run, rid, "--set", "name=李四", "--reason", "x", "--on", "2026-03-03"), "晚于今天"
    )
    refused(amend(run, rid, "--set", "name=李四", "--reason", "x", "--on", "2026-02-26"), "早于")


def test_malformed_set_and_empty_required_value_are_refused(run: Invoke) -> None:
    rid = inquiry(run)
    refused(amend(run, rid, "--set", "name", "--reason", "x"), "字段=新值")
    refused(amend(run, rid, "--set", "name=a", "--set", "name=b", "--reason", "x"), "两次")
    refused(amend(run, rid, "--set", "matter=", "--reason", "x"), "不能为空")


def test_a_field_written_by_a_later_step_cannot_be_filled_in(run: Invoke) -> None:
    rid = petition(run)
    refused(amend(run, rid, "--set", "result=已办结", "--reason", "x"), "petition conclude")


def test_anonymous_name_and_escalated_case_source_are_refused(run: Invoke) -> None:
    anon = created_id(
        run(
            "complaint", "register", "--anonymous", "--against", "李四", "--category", "1",
            "--summary", "拖延", "--on", CREATED,
        )
    )  # fmt: skip
    refused(amend(run, anon, "--set", "complainant=某人", "--reason", "x"), "匿名")
    # Against a person: the unit is given (李四 is never taken for a unit).
    out = ok(
        run("complaint", "escalate", anon, "--investigator", "赵某", "--unit", "民政办")
    ).stdout
    case_id = out.split("立案 ")[1].split("；")[0]
    refused(amend(run, case_id, "--set", "source=1", "--reason", "x"), "⑤")


def test_case_subject_cannot_be_an_investigator(run: Invoke) -> None:
    rid = case(run)
    refused(amend(run, rid, "--set", "subject=赵某", "--reason", "x"), "case recuse")


def test_linked_record_is_named_on_stderr(run: Invoke) -> None:
    rid = inquiry(run, "--type", "complaint", "--against", "李四")
    result = ok(
        amend(run, rid, "--set", "contact=" + NEW_PHONE, "--reason", "电话记错", "--reveal")
    )
    # A complaint-type inquiry is protected: --reveal is needed, and shows the values.
    assert f"{PHONE} → {NEW_PHONE}" in result.stdout
    refused(amend(run, rid, "--set", "contact=" + PHONE, "--reason", "电话记错"), "--reveal")
    assert "CMP-2026-0001" in result.stderr


def test_help_has_an_example(run: Invoke) -> None:
    out = ok(run("amend", "--help", "--lang", "en")).stdout
    assert "Example:" in out and "township amend INQ-2026-0001" in out


def test_a_field_that_cannot_be_amended_lists_those_that_can(run: Invoke) -> None:
    rid = ok(
        run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷", today=TODAY)
    ).stdout.splitlines()[0]
    result = run("amend", rid, "--set", "status=x", "--reason", "r", today=TODAY)
    assert result.exit_code == 2
    # The petition declaration marks these amendable (township/kinds/petition.py SPEC).
    assert (
        "petitioner（信访人）、contact（联系方式）、matter（信访事项）、"
        "decline_reason（不予受理理由）、result（办理结果）" in result.stderr
    )


def test_a_correction_is_not_a_step_for_backfilled_dates(run: Invoke) -> None:
    # Logged Fri 02-27, corrected Mon 03-02; the paper log says it was closed on
    # Fri 02-27 too. The correction must not block entering that earlier step.
    rid = inquiry(run)
    ok(run("amend", rid, "--set", "unit=红星村", "--reason", "补登单位"))
    ok(run("inquiry", "close", rid, "--result", "当场答复", "--on", CREATED))
    events = show(run, "inquiry", rid)["events"]
    assert [e["action"] for e in events] == ["log", "amend", "close"]
    # The steps table names the correction in words.
    assert "更正" in ok(run("inquiry", "show", rid)).stdout


def test_a_guessed_personal_value_is_never_confirmed(run: Invoke, data_dir: Path) -> None:
    """amend never answers "already X" for a protected name or contact."""
    rid = complaint(run)
    before = (data_dir / "audit.jsonl").read_text(encoding="utf-8")
    # Without --reveal, a right guess and a wrong one get the same answer, naming --reveal.
    right = amend(run, rid, "--set", f"complainant={NAME}", "--reason", "x")
    wrong = amend(run, rid, "--set", "complainant=李某", "--reason", "x")
    assert right.exit_code == wrong.exit_code == 2
    assert right.stderr == wrong.stderr and "--reveal" in right.stderr
    assert NAME not in right.stderr
    assert (data_dir / "audit.jsonl").read_text(encoding="utf-8") == before
    # With --reveal: "no change", without echoing the value; the reveal is audited.
    result = amend(run, rid, "--set", f"complainant={NAME}", "--reason", "x", "--reveal")
    assert result.exit_code == 2
    assert "没有变化" in result.stderr and NAME not in result.stderr
    english = amend(run, rid, "--set", f"contact={PHONE}", "--reason", "x", "--reveal", lang="en")
    assert "No change" in english.stderr and PHONE not in english.stderr
    notes = [e for e in audit_entries(run, rid) if e.get("action") == "reveal"]
    assert [n["command"] for n in notes] == ["amend --reveal", "amend --reveal"]
