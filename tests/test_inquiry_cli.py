"""``township inquiry`` from the command line: steps, refusals, output, masking.

Expected due dates are derived by hand (see the comments) from the rule and
the official calendar (chinese-calendar 1.11), never taken from the code.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke
from wcwidth import wcswidth

CATALOGUE = """\
name = "青山镇人民政府"
hotline = "0832-1234567"

[services]
"最低生活保障申请" = 10
"临时救助申请" = 5
"""


@pytest.fixture
def township_toml(data_dir: Path) -> Path:
    """A data directory whose township.toml has a name, a hotline and two services."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "township.toml"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def ok(result: Any) -> str:
    """The stdout of a successful command (fails the test with stderr otherwise)."""
    assert result.exit_code == 0, result.stderr
    return result.stdout


def refused(result: Any, *fragments: str) -> str:
    """Assert exit 2, nothing on stdout, and each fragment in the error message."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr
    return result.stderr


def show_json(run: Invoke, record_id: str, today: str = "2026-03-02") -> dict:
    return json.loads(ok(run("inquiry", "show", record_id, "--format", "json", today=today)))


def audit_lines(data_dir: Path) -> list[dict]:
    path = data_dir / "audit.jsonl"
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()] if path.exists() else []


# -- log ----------------------------------------------------------------------


def test_log_prints_the_new_id(run: Invoke) -> None:
    assert ok(run("inquiry", "log", "--name", "张三", "--matter", "低保政策咨询")) == (
        "INQ-2026-0001\n"
    )
    assert ok(run("inquiry", "log", "--name", "李四", "--matter", "医保缴费")) == (
        "INQ-2026-0002\n"
    )


def test_log_json_prints_the_record_as_show_does(run: Invoke) -> None:
    out = ok(
        run(
            "inquiry",
            "log",
            "--name",
            "张三",
            "--unit",
            "东村",
            "--contact",
            "13812345678",
            "--matter",
            "低保政策咨询",
            "--channel",
            "phone",
            "--dept",
            "党政办",
            "--format",
            "json",
        )
    )
    data = json.loads(out)
    assert data == show_json(run, "INQ-2026-0001")
    assert data["id"] == "INQ-2026-0001" and data["status"] == "open"
    assert (data["name"], data["unit"], data["contact"]) == ("张三", "东村", "13812345678")
    assert (data["channel"], data["type"], data["matter"]) == ("phone", "consult", "低保政策咨询")
    assert data["receiver"] == "王芳"  # the acting clerk
    assert data["responsible"] == {"person": "王芳", "dept": "党政办"}
    assert data["deadlines"] == [] and "clocks" not in data
    assert [(e["on"], e["action"], e["actor"]) for e in data["events"]] == [
        ("2026-03-02", "log", "王芳")
    ]


def test_web_inquiry_is_due_five_working_days_later_across_national_day(run: Invoke) -> None:
    rid = ok(
        run(
            "inquiry",
            "log",
            "--name",
            "张三",
            "--matter",
            "网上咨询",
            "--channel",
            "web",
            today="2025-09-26",
        )
    ).splitlines()[0]
    # 2025-09-26 (Fri) + 5 working days: 09-28 (Sun) is a make-up working day,
    # 10-01..10-08 are off -> 09-28, 09-29, 09-30, 10-09, 10-10 -> 2025-10-10.
    assert rid == "INQ-2025-0001"
    (deadline,) = show_json(run, rid, today="2025-09-26")["deadlines"]
    assert deadline == {
        "rule": "web-reply",
        "trigger": "2025-09-26",
        "due": "2025-10-10",
        "met_on": None,
        "state": "open",
        "provisional": False,
        "workdays_late": 0,
    }
    # still open on the due date, overdue the day after (10-11 is a make-up working day)
    assert show_json(run, rid, today="2025-10-10")["deadlines"][0]["state"] == "open"
    assert show_json(run, rid, today="2025-10-11")["deadlines"][0]["state"] == "overdue"
    out = ok(run("inquiry", "close", rid, "--result", "已网上答复", today="2025-10-10"))
    assert "INQ-2025-0001 已办结（2025-10-10）" in out
    assert show_json(run, rid, today="2025-10-20")["deadlines"][0]["state"] == "met"


def test_log_with_a_result_is_closed_on_the_spot(run: Invoke) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "开证明", "--result", "已当场开具"))
    data = show_json(run, "INQ-2026-0001")
    assert (data["status"], data["result"], data["closed_on"]) == (
        "closed",
        "已当场开具",
        "2026-03-02",
    )


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["--on", "2026-03-03"], "晚于今天", "after today"),
        (["--on", "2026-3-1"], "YYYY-MM-DD", "YYYY-MM-DD"),
        (["--against", "赵某"], "--against", "--against"),
        (["--type", "complaint"], "--against", "--against"),
        (["--service", "临时救助申请"], "--type apply", "--type apply"),
        (["--pages", "3"], "--material", "--material"),
    ],
)
def test_log_refusals(run: Invoke, args: list[str], zh: str, en: str) -> None:
    base = ["inquiry", "log", "--name", "张三", "--matter", "咨询", *args]
    refused(run(*base), zh)
    refused(run(*base, lang="en"), en)
    assert ok(run("inquiry", "list", "--format", "json")) == "[]\n"  # nothing was written


def test_log_without_name_is_refused(run: Invoke) -> None:
    refused(run("inquiry", "log", "--matter", "咨询"), "--name", "--anonymous")
    refused(run("inquiry", "log", "--matter", "咨询", lang="en"), "Give the person's name")


# -- services -----------------------------------------------------------------


def test_unknown_service_is_refused_listing_the_catalogue(run: Invoke, township_toml: Path) -> None:
    args = ["inquiry", "log", "--name", "李四", "--matter", "申请", "--type", "apply"]
    err = refused(run(*args, "--service", "宅基地审批"), "宅基地审批", "最低生活保障申请")
    assert "临时救助申请" in err
    refused(run(*args, "--service", "宅基地审批", lang="en"), "not in the catalogue")


def test_application_with_notice_supplied_receipt_and_extension(
    run: Invoke, township_toml: Path
) -> None:
    rid = ok(
        run(
            "inquiry",
            "log",
            "--name",
            "李四",
            "--matter",
            "申请最低生活保障",
            "--type",
            "apply",
            "--service",
            "最低生活保障申请",
            "--dept",
            "民政办",
            "--material",
            "身份证复印件:2",
            "--material",
            "户口簿:4",
            today="2026-02-12",
        )
    ).splitlines()[0]
    # logged 2026-02-12 (Thu) with complete materials: + 10 working days across the
    # Spring Festival (02-15..02-23 off; 02-14 and 02-28 are make-up Saturdays) ->
    # 02-13, 02-14, 02-24, 02-25, 02-26, 02-27, 02-28, 03-02, 03-03, 03-04.
    (deadline,) = show_json(run, rid, today="2026-02-12")["deadlines"]
    assert (deadline["rule"], deadline["due"]) == ("service-commitment", "2026-03-04")

    out = ok(
        run(
            "inquiry",
            "notify",
            rid,
            "--item",
            "收入证明",
            "--item",
            "银行卡复印件",
            today="2026-02-13",
        )
    )
    assert "已一次性告知 2 项" in out
    data = show_json(run, rid, today="2026-02-13")
    assert data["status"] == "notified" and data["deadlines"] == []

    # a second notice without a reason is refused and changes nothing
    before = show_json(run, rid, today="2026-02-13")
    refused(
        run("inquiry", "notify", rid, "--item", "残疾证", today="2026-02-13"),
        "已于 2026-02-13 一次性告知过",
        "--reason",
        "补交的材料仍不齐全",
    )
    refused(
        run("inquiry", "notify", rid, "--item", "残疾证", today="2026-02-13", lang="en"),
        "a second notice needs --reason",
    )
    assert show_json(run, rid, today="2026-02-13") == before

    out = ok(
        run(
            "inquiry",
            "notify",
            rid,
            "--item",
            "收入证明",
            "--item",
            "残疾证",
            "--reason",
            "情况变化，需补充残疾证",
            today="2026-02-24",
        )
    )
    assert "其中新增 1 项" in out
    notices = show_json(run, rid, today="2026-02-24")["notices"]
    assert notices[1]["new"] == ["残疾证"] and notices[1]["reason"] == "情况变化，需补充残疾证"

    out = ok(
        run(
            "inquiry",
            "supplied",
            rid,
            "--material",
            "收入证明:1",
            "--material",
            "残疾证:1",
            today="2026-02-25",
        )
    )
    # The sentence names the committed period's due date, derived below.
    assert "材料已于 2026-02-25 补齐；下一个期限：限时办结，2026-03-10 到期" in out
    # materials complete 2026-02-25 (Wed) + 10 working days (02-28 is a make-up Saturday)
    # -> 02-26, 02-27, 02-28, 03-02, 03-03, 03-04, 03-05, 03-06, 03-09, 03-10.
    (deadline,) = show_json(run, rid, today="2026-02-25")["deadlines"]
    assert (deadline["trigger"], deadline["due"]) == ("2026-02-25", "2026-03-10")

    receipt = ok(run("inquiry", "receipt", rid, today="2026-02-25"))
    assert receipt.startswith("青山镇人民政府\n收件回执\n")
    for line in (
        "编号：INQ-2026-0001",
        "申请人：李四",
        "1. 身份证复印件  2 页  2026年2月12日",
        "4. 残疾证  1 页  2026年2月25日",
        "合计页数：8 页",
        "办结时间：2026年3月10日前",
        "经办人：王芳（民政办）",
        "监督投诉电话：0832-1234567",
    ):
        assert line in receipt

    out = ok(
        run(
            "inquiry",
            "extend",
            rid,
            "--approved-by",
            "刘镇长",
            "--reason",
            "需入户核查",
            "--days",
            "3",
            today="2026-03-05",
        )
    )
    # 2026-03-10 (Tue) + 3 working days -> 03-11, 03-12, 03-13.
    assert "经 刘镇长 批准延长 3 个工作日；下一个期限：限时办结，2026-03-13 到期" in out
    data = show_json(run, rid, today="2026-03-05")
    assert data["deadlines"][0]["due"] == "2026-03-13"
    assert data["extensions"] == [
        {"on": "2026-03-05", "days": 3, "approved_by": "刘镇长", "reason": "需入户核查"}
    ]
    en = ok(run("inquiry", "receipt", rid, today="2026-03-05", lang="en"))
    assert "To be completed by: 2026-03-13" in en and "approved by 刘镇长" in en

    out = ok(run("inquiry", "close", rid, "--result", "已审批", today="2026-03-12"))
    assert show_json(run, rid, today="2026-03-12")["deadlines"][0]["state"] == "met"
    assert "已办结" in out


def test_supplied_without_a_notice_and_extend_without_service_are_refused(
    run: Invoke, township_toml: Path
) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "咨询"))
    refused(run("inquiry", "supplied", "INQ-2026-0001"), "没有待补齐的一次性告知")
    refused(
        run(
            "inquiry",
            "extend",
            "INQ-2026-0001",
            "--approved-by",
            "刘",
            "--reason",
            "r",
            "--days",
            "2",
            lang="en",
        ),
        "no committed period",
    )


# -- notice -------------------------------------------------------------------


def test_notice_prints_two_copies_with_the_township_and_hotline(
    run: Invoke, township_toml: Path
) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "申请临时救助", "--dept", "民政办"))
    refused(run("inquiry", "notice", "INQ-2026-0001"), "还没有一次性告知")
    ok(run("inquiry", "notify", "INQ-2026-0001", "--item", "户口簿复印件", "--item", "收入证明"))
    out = ok(run("inquiry", "notice", "INQ-2026-0001"))
    first, second = out.split("沿此线裁开")
    for copy in (first, second):
        assert "青山镇人民政府" in copy and "一次性告知书" in copy
        assert "当事人：张三" in copy and "  1. 户口簿复印件\n  2. 收入证明" in copy
        assert "监督投诉电话：0832-1234567" in copy and "经办人：王芳（民政办）" in copy
    assert first.startswith("第一联 交当事人\n")
    assert "第二联 经办人留存" in second and "当事人签收" in second
    en = ok(run("inquiry", "notice", "INQ-2026-0001", lang="en"))
    assert "Copy 1 of 2: for the person" in en and "Copy 2 of 2: kept by the handler" in en
    data = json.loads(ok(run("inquiry", "notice", "INQ-2026-0001", "--format", "json")))
    assert data["notice"]["items"] == ["户口簿复印件", "收入证明"]
    assert data["text"] == out


# -- refer, redirect, close ----------------------------------------------------


def test_refer_keeps_the_receiver_responsible(run: Invoke) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "低保", "--dept", "党政办"))
    out = ok(run("inquiry", "refer", "INQ-2026-0001", "--to-dept", "民政办", "--to-person", "李娟"))
    assert "已转交 民政办 李娟，首问责任人仍为 王芳；没有未完成的期限" in out
    data = show_json(run, "INQ-2026-0001")
    assert data["status"] == "referred"
    assert data["responsible"] == {"person": "王芳", "dept": "民政办"}
    assert data["referrals"][0]["person"] == "李娟"
    listed = json.loads(ok(run("inquiry", "list", "--handler", "李娟", "--format", "json")))
    assert [r["id"] for r in listed] == ["INQ-2026-0001"]


def test_redirect_closes_and_later_steps_are_refused(run: Invoke) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "不动产登记", "--channel", "web"))
    out = ok(run("inquiry", "redirect", "INQ-2026-0001", "--to-unit", "县不动产登记中心"))
    assert "县不动产登记中心" in out
    data = show_json(run, "INQ-2026-0001")
    assert (data["status"], data["redirected_to"]) == ("redirected", "县不动产登记中心")
    assert data["deadlines"][0]["state"] == "met"
    refused(run("inquiry", "close", "INQ-2026-0001", "--result", "x"), "已告知外单位", "结束")
    refused(
        run("inquiry", "close", "INQ-2026-0001", "--result", "x", lang="en"),
        "INQ-2026-0001 was finished on 2026-03-02 (redirected)",
    )


def test_step_dates_are_checked(run: Invoke) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "咨询", "--on", "2026-02-27"))
    refused(
        run("inquiry", "close", "INQ-2026-0001", "--result", "x", "--on", "2026-02-26"),
        "早于 INQ-2026-0001 的上一步骤（2026-02-27）",
    )
    refused(
        run("inquiry", "close", "INQ-2026-0001", "--result", "x", "--on", "2026-03-03", lang="en"),
        "after today",
    )
    assert show_json(run, "INQ-2026-0001")["status"] == "open"


def test_unknown_and_foreign_ids_are_refused(run: Invoke) -> None:
    refused(run("inquiry", "show", "INQ-2026-0009"), "找不到记录 INQ-2026-0009")
    refused(run("inquiry", "close", "CMP-2026-0001", "--result", "x"), "不是首问记录")
    refused(run("inquiry", "show", "nonsense", lang="en"), "is not a valid id")


# -- show and list ------------------------------------------------------------


def test_show_table_has_fields_steps_and_deadlines(run: Invoke) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "网上咨询", "--channel", "web"))
    out = ok(run("inquiry", "show", "INQ-2026-0001"))
    for text in ("INQ-2026-0001", "首问责任人", "王芳", "网上", "咨询", "办理经过", "首问登记"):
        assert text in out
    # 2026-03-02 (Mon) + 5 working days -> 03-03, 03-04, 03-05, 03-06, 03-09.
    assert "网上咨询答复" in out and "2026-03-09" in out and "未到期" in out
    en = ok(run("inquiry", "show", "INQ-2026-0001", lang="en"))
    assert "reply to a web inquiry" in en and "receiver" in en and "logged" in en


def _three(run: Invoke) -> None:
    ok(
        run(
            "inquiry",
            "log",
            "--name",
            "张三",
            "--matter",
            "网上咨询",
            "--channel",
            "web",
            "--on",
            "2026-02-26",
        )
    )
    ok(run("inquiry", "log", "--name", "欧阳小明", "--matter", "申请", "--type", "apply"))
    ok(run("inquiry", "log", "--name", "Li", "--matter", "来电", "--channel", "phone"))
    ok(run("inquiry", "refer", "INQ-2026-0002", "--to-dept", "民政办"))


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        ([], ["INQ-2026-0001", "INQ-2026-0002", "INQ-2026-0003"]),
        (["--channel", "web"], ["INQ-2026-0001"]),
        (["--type", "apply"], ["INQ-2026-0002"]),
        (["--status", "referred"], ["INQ-2026-0002"]),
        (["--handler", "民政办"], ["INQ-2026-0002"]),
        (["--since", "2026-03-01"], ["INQ-2026-0002", "INQ-2026-0003"]),
        (["--until", "2026-02-28"], ["INQ-2026-0001"]),
    ],
)
def test_list_filters(run: Invoke, args: list[str], ids: list[str]) -> None:
    _three(run)
    data = json.loads(ok(run("inquiry", "list", *args, "--format", "json")))
    assert [r["id"] for r in data] == ids
    assert all({"id", "status", "deadlines"} <= set(r) for r in data)


def test_list_overdue(run: Invoke) -> None:
    _three(run)
    # 2026-02-26 (Thu) + 5 working days: 02-27, 02-28 (Sat, make-up), 03-02, 03-03,
    # 03-04 -> due 2026-03-04: open on 03-04, overdue on 03-05.
    assert ok(run("inquiry", "list", "--overdue", "--format", "json", today="2026-03-04")) == (
        "[]\n"
    )
    data = json.loads(
        ok(run("inquiry", "list", "--overdue", "--format", "json", today="2026-03-05"))
    )
    assert [r["id"] for r in data] == ["INQ-2026-0001"]
    assert data[0]["deadlines"][0]["state"] == "overdue"
    out = ok(run("inquiry", "list", "--overdue", today="2026-03-05"))
    assert "2026-03-04" in out and "逾期 1 个工作日" in out


def test_list_table_aligns_chinese_columns(run: Invoke) -> None:
    _three(run)
    lines = ok(run("inquiry", "list")).splitlines()
    header, rows = lines[0], lines[2:]
    assert len(rows) == 3
    # the 渠道 column starts at the same display column in the header and in every row
    start = wcswidth(header[: header.index("渠道")])
    for row, channel in zip(rows, ("网上", "来访", "来电"), strict=True):
        assert wcswidth(row[: row.index(channel)]) == start
    assert "欧阳小明" in rows[1]


@pytest.mark.parametrize("fmt", ["table", "plain", "github", "html", "csv", "tsv", "json"])
def test_list_every_format(run: Invoke, fmt: str) -> None:
    _three(run)
    out = ok(run("inquiry", "list", "--format", fmt))
    assert "INQ-2026-0003" in out
    if fmt == "csv":
        assert out.splitlines()[0].startswith("编号,状态,登记日期,姓名,渠道,类型,事项")
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<td>欧阳小明</td>" in out
    if fmt == "github":
        assert out.startswith("| 编号")


def test_list_empty(run: Invoke) -> None:
    assert ok(run("inquiry", "list")) == "没有符合条件的记录。\n"
    assert ok(run("inquiry", "list", lang="en")) == "No matching records.\n"


# -- complaints and reports: masking ----------------------------------------------


@pytest.fixture
def fake_complaints(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """A stand-in for township.kinds.complaint, so these tests do not depend on it."""
    calls: list[dict] = []
    module = types.ModuleType("township.kinds.complaint")

    def register_complaint(tx: Any, **kwargs: Any) -> dict:
        calls.append(kwargs)
        return {"id": f"CMP-2026-{len(calls):04d}"}

    module.register_complaint = register_complaint  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "township.kinds.complaint", module)
    return calls


def _complaint(run: Invoke) -> None:
    ok(
        run(
            "inquiry",
            "log",
            "--name",
            "王小五",
            "--contact",
            "13812345678",
            "--matter",
            "窗口推诿",
            "--type",
            "complaint",
            "--against",
            "赵某",
            "--category",
            "3",
            "--channel",
            "phone",
        )
    )


def test_complaint_is_registered_and_linked(run: Invoke, fake_complaints: list[dict]) -> None:
    _complaint(run)
    (call,) = fake_complaints
    assert (call["against"], call["category"], call["from_inquiry"]) == ("赵某", 3, "INQ-2026-0001")
    assert show_json(run, "INQ-2026-0001")["complaint"] == "CMP-2026-0001"


def test_complaint_is_masked_unless_revealed_and_reveals_are_audited(
    run: Invoke, data_dir: Path, fake_complaints: list[dict]
) -> None:
    _complaint(run)
    ok(run("inquiry", "log", "--name", "张三", "--contact", "13900001111", "--matter", "咨询"))
    lines = len(audit_lines(data_dir))

    table = ok(run("inquiry", "list"))
    assert "王**" in table and "王小五" not in table and "张三" in table
    data = json.loads(ok(run("inquiry", "list", "--format", "json")))
    assert (data[0]["name"], data[0]["contact"]) == ("王**", "138****5678")
    assert data[1]["contact"] == "13900001111"  # a consultation is not protected
    shown = ok(run("inquiry", "show", "INQ-2026-0001"))
    assert "138****5678" in shown and "13812345678" not in shown
    assert show_json(run, "INQ-2026-0001")["name"] == "王**"
    assert len(audit_lines(data_dir)) == lines  # reading masked is not audited

    revealed = json.loads(
        ok(run("inquiry", "show", "INQ-2026-0001", "--reveal", "--format", "json"))
    )
    assert (revealed["name"], revealed["contact"]) == ("王小五", "13812345678")
    assert "王小五" in ok(run("inquiry", "list", "--reveal", user="纪委办刘某"))
    notes = audit_lines(data_dir)[lines:]
    assert [(n["id"], n["action"], n["command"], n["actor"]) for n in notes] == [
        ("INQ-2026-0001", "reveal", "inquiry show --reveal", "王芳"),
        ("INQ-2026-0001", "reveal", "inquiry list --reveal", "纪委办刘某"),
    ]
    assert ok(run("audit", "verify"))


def test_complaint_needs_against(run: Invoke, fake_complaints: list[dict]) -> None:
    refused(
        run("inquiry", "log", "--name", "张三", "--matter", "投诉", "--type", "report"),
        "--against",
    )
    refused(
        run(
            "inquiry",
            "log",
            "--name",
            "张三",
            "--matter",
            "x",
            "--type",
            "complaint",
            "--against",
            "赵某",
            "--category",
            "8",
        )
    )
    assert fake_complaints == []


def test_complaint_with_the_real_complaint_module(run: Invoke, data_dir: Path) -> None:
    """Linked both ways through township.kinds.complaint.register_complaint (another module)."""
    _complaint(run)
    cmp_id = show_json(run, "INQ-2026-0001")["complaint"]
    assert cmp_id == "CMP-2026-0001"
    from township.storage.store import Store

    complaint = Store(data_dir).get(cmp_id, "complaint")
    assert complaint["inquiry"] == "INQ-2026-0001"
    assert ok(run("audit", "verify"))


# -- help ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "log",
        "close",
        "refer",
        "redirect",
        "notify",
        "notice",
        "supplied",
        "receipt",
        "extend",
        "list",
        "show",
    ],
)
def test_every_command_has_help_with_an_example(run: Invoke, name: str) -> None:
    out = ok(run("inquiry", name, "--help", "--lang", "en"))
    assert "Example:" in out and f"township inquiry {name}" in out


def test_closing_a_web_inquiry_after_its_due_date_says_it_was_late(run: Invoke) -> None:
    rid = ok(run("inquiry", "log", "--name", "张三", "--matter", "网上咨询", "--channel", "web",
                 today="2025-09-26")).splitlines()[0]  # fmt: skip
    # Due 2025-10-10 (see above); closed Mon 10-13: 10-11 (Sat, make-up) and 10-13 are the
    # working days after the due date -> late by 2.
    out = ok(run("inquiry", "close", rid, "--result", "已答复", today="2025-10-13"))
    assert out == (
        f"{rid} 已办结（2025-10-13）；「网上咨询答复」逾期 2 个工作日完成（到期日 2025-10-10）。\n"
    )


def test_a_referral_restarts_the_web_reply_clock(run: Invoke) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "网上咨询", "--channel", "web",
           today="2026-02-26"))  # fmt: skip
    # Logged Thu 2026-02-26: due 2026-03-04 (test_list_overdue). Referred on 03-05, after
    # that: the office it is referred to received the question on 03-05 -> 03-06 (1),
    # 03-09..03-12 (2-5) -> due 2026-03-12. The first clock is not counted as late.
    out = ok(run("inquiry", "refer", "INQ-2026-0001", "--to-dept", "民政办", today="2026-03-05"))
    assert out.endswith("下一个期限：网上咨询答复，2026-03-12 到期。\n")
    data = show_json(run, "INQ-2026-0001", today="2026-03-05")
    assert [(x["rule"], x["trigger"], x["due"], x["state"]) for x in data["deadlines"]] == [
        ("web-reply", "2026-03-05", "2026-03-12", "open")
    ]
    assert data["events"][-1]["restarted_clock"] == "2026-02-26"
    listed = json.loads(ok(run("inquiry", "list", "--overdue", "--format", "json",
                               today="2026-03-05")))  # fmt: skip
    assert listed == []


def test_an_application_for_a_service_outside_the_catalogue_is_refused(
    run: Invoke, data_dir: Path
) -> None:
    """The shipped township.toml lists no service: the regulations state none."""
    ok(run("init"))
    text = (data_dir / "township.toml").read_text(encoding="utf-8")
    services = text.split("[services]", 1)[1] if "[services]" in text else ""
    services = services.split("\n[", 1)[0]  # up to the next table ([dibao])
    assert all(line.startswith("#") or not line.strip() for line in services.splitlines())
    refused(
        run("inquiry", "log", "--name", "张三", "--matter", "申请", "--type", "apply",
            "--service", "最低生活保障申请"),
        "最低生活保障申请", "[services]",
    )  # fmt: skip
    assert not (data_dir / "inquiries").exists()


@pytest.mark.parametrize("name", ["\u200b", "\u3000", "\u3000\u200b\ufeff"])
def test_an_invisible_name_is_refused_and_nothing_is_written(
    run: Invoke, data_dir: Path, name: str
) -> None:
    refused(run("inquiry", "log", "--name", name, "--matter", "咨询"), "--name")
    refused(run("inquiry", "log", "--name", "张三", "--matter", name), "咨询或办理事项不能为空")
    assert not (data_dir / "inquiries").exists()


def test_a_second_extension_is_recorded_like_the_first(run: Invoke, township_toml: Path) -> None:
    rid = ok(run("inquiry", "log", "--name", "李四", "--matter", "申请", "--type", "apply",
                 "--service", "临时救助申请")).splitlines()[0]  # fmt: skip
    args = ["inquiry", "extend", rid, "--approved-by", "刘镇长", "--reason", "需核查"]
    ok(run(*args, "--days", "2", today="2026-03-04"))
    out = ok(run(*args, "--days", "1", today="2026-03-05"))
    # Logged Mon 2026-03-02 + 5 working days -> 03-09; + 2 -> 03-11; + 1 -> 03-12.
    assert "经 刘镇长 批准延长 1 个工作日；下一个期限：限时办结，2026-03-12 到期" in out
    assert [e["days"] for e in show_json(run, rid, today="2026-03-05")["extensions"]] == [2, 1]


def test_help_states_no_period_of_its_own(run: Invoke, data_dir: Path) -> None:
    """The help names no number of days: with web-reply overridden, nothing shows 5 or 7."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "township.toml").write_text("[rules]\nweb-reply = 7\n", encoding="utf-8")
    for name in ("log", "close", "refer", "redirect", "notify", "supplied", "extend"):
        for lang in ("zh", "en"):
            out = ok(run("inquiry", name, "--help", lang=lang))
            prose = out.split("示例：" if lang == "zh" else "Example:")[0]
            assert "个工作日" not in prose and "working days" not in prose.replace(
                "committed working days", ""
            ), (name, lang)
