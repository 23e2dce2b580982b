"""Printed forms : what each form says, in text, HTML and JSON.

The PDF checks (a real browser prints each form) are in test_forms_pdf.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke

from township.config import Config
from township.i18n import Text
from township.views import forms

CONFIG = Config(name="青山镇人民政府", hotline="0832-1234567")
CATALOGUE = """\
name = "青山镇人民政府"
hotline = "0832-1234567"

[services]
"最低生活保障申请" = 10
"""


@pytest.fixture
def township_toml(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "township.toml"
    path.write_text(CATALOGUE, encoding="utf-8")
    return path


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    for needle in needles:
        assert needle in result.output


def decided_case(run: Invoke) -> str:
    """A case opened 2026-02-02, reported and decided (methods ⑤ and ④) on 2026-02-06."""
    cid = ok(
        run(
            "case", "open", "--subject", "李某", "--unit", "民政办", "--matter", "4",
            "--source", "5", "--summary", "低保申请拖延", "--verified", "属实", "--opened-by", "镇长何某",
            "--investigator", "赵某",
            "--on", "2026-02-02", today="2026-02-06",
        )
    ).splitlines()[0]  # fmt: skip
    ok(run("case", "statement", cid, "--text", "申辩", "--on", "2026-02-03", today="2026-02-06"))
    ok(
        run(
            "case", "report", cid, "--facts", "多次拖延办理低保申请", "--conclusion", "属实",
            "--recommend", "5", "--severity", "serious", "--on", "2026-02-05",
            today="2026-02-06",
        )
    )  # fmt: skip
    ok(
        run(
            "case", "decide", cid, "--method", "5", "--method", "4", "--on", "2026-02-06",
            today="2026-02-06",
        )
    )  # fmt: skip
    return cid


def filed_denial(run: Invoke) -> str:
    return ok(
        run(
            "denial", "file", "--applicant", "孙七", "--matter", "临时救助申请",
            "--reason", "家庭收入超过标准", "--basis", "《社会救助暂行办法》第四十七条",
            "--dept", "民政办", "--on", "2026-03-02",
        )
    ).splitlines()[0]  # fmt: skip


# -- the document model --------------------------------------------------------


SUPERVISION = {
    "id": "SUP-2026-0001",
    "record": "CASE-2026-0003",
    "reason": "调查报告逾期未交",
    "urgency": "urgent",
    "dept": "调查组",
    "issued_on": "2026-03-02",
    "actor": "纪委办 周某",
}


def test_supervision_notice_names_everything_the_regulation_asks_for() -> None:
    doc = forms.supervision_notice(
        SUPERVISION,
        CONFIG,
        4,
        deadline=(Text("提交调查报告", "investigation report"), dt.date(2026, 2, 12)),
    )
    text = forms.render_text(doc, "zh")
    for needle in (
        "青山镇人民政府\n督办告知书\n",
        "督办编号：SUP-2026-0001",
        "承办单位：调查组",
        "督办事项：CASE-2026-0003",
        "办理期限：提交调查报告，2026-02-12 到期",
        "缓急程度：急件",
        "督办理由：调查报告逾期未交",
        "4 个工作日内书面报告",
        "督办人：纪委办 周某",
        "督办日期：2026-03-02",
        "督办单位（盖章）",
    ):
        assert needle in text
    en = forms.render_text(doc, "en")
    assert "within 4 working days" in en and "Urgency: urgent" in en
    assert doc.issued_on == dt.date(2026, 3, 2) and doc.seal is not None


def test_text_has_a_cut_line_only_between_two_copies() -> None:
    one = forms.Document("x", Text("标题", "Title"), "镇", "X-1", "X-1", dt.date(2026, 1, 5), ())
    assert "沿此线裁开" not in forms.render_text(one, "zh")
    two = forms.Document(
        "x",
        Text("标题", "Title"),
        "镇",
        "X-1",
        "X-1",
        dt.date(2026, 1, 5),
        (forms.Items(Text("清单：", "List:"), ("甲", "乙")),),
        copies=(forms.Copy(Text("第一联", "1")), forms.Copy(Text("第二联", "2"))),
    )
    text = forms.render_text(two, "zh")
    first, second = text.split("沿此线裁开")
    assert "  1. 甲\n  2. 乙" in first and "  1. 甲\n  2. 乙" in second
    html = forms.render_html(two, "zh")
    assert html.count('<section class="copy">') == 2 and html.count('class="cut"') == 1


def test_html_escapes_what_the_record_holds() -> None:
    doc = forms.supervision_notice({**SUPERVISION, "reason": "<script>x</script>"}, CONFIG, 3)
    html = forms.render_html(doc, "zh")
    assert "<script>" not in html and "&lt;script&gt;" in html


# -- inquiry notice and receipt --------------------------------------------------


def test_notice_html_is_an_a4_page_with_two_copies(run: Invoke, township_toml: Path) -> None:
    ok(run("inquiry", "log", "--name", "张三", "--matter", "申请临时救助", "--dept", "民政办"))
    ok(run("inquiry", "notify", "INQ-2026-0001", "--item", "户口簿复印件", "--item", "收入证明"))
    html = ok(run("inquiry", "notice", "INQ-2026-0001", "--format", "html"))
    assert html.startswith("<!DOCTYPE html>") and "@page { size: A4;" in html
    assert html.count('<p class="township">青山镇人民政府</p>') == 2
    assert html.count("<h1>一次性告知书</h1>") == 2
    assert "<li>户口簿复印件</li><li>收入证明</li>" in html
    assert "第一联 交当事人" in html and "第二联 经办人留存" in html and "当事人签收" in html
    assert 'class="seal"' not in html  # the notice is signed, not sealed
    en = ok(run("inquiry", "notice", "INQ-2026-0001", "--format", "html", lang="en"))
    assert '<html lang="en">' in en and "One-time notice" in en
    data = json.loads(ok(run("inquiry", "notice", "INQ-2026-0001", "--format", "json")))
    assert data["issued_on"] == "2026-03-02" and data["copies"] == 2


def test_receipt_carries_its_issue_date_a_signature_and_a_seal(
    run: Invoke, township_toml: Path
) -> None:
    ok(
        run(
            "inquiry", "log", "--name", "李四", "--matter", "申请低保", "--type", "apply",
            "--service", "最低生活保障申请", "--dept", "民政办", "--material", "身份证复印件:2",
            today="2026-02-12",
        )
    )  # fmt: skip
    out = ok(run("inquiry", "receipt", "INQ-2026-0001", today="2026-03-02"))
    # issued the day the materials came in, not the day it is printed
    assert "出具日期：2026-02-12" in out
    assert "经办人（签名）：____________" in out and "受理单位（盖章）" in out
    html = ok(run("inquiry", "receipt", "INQ-2026-0001", "--format", "html"))
    assert 'class="seal"' in html and "收件回执" in html


# -- case decision notice ----------------------------------------------------------


def test_decision_notice_only_after_decide(run: Invoke, data_dir: Path) -> None:
    cid = ok(
        run(
            "case", "open", "--subject", "李某", "--unit", "民政办", "--matter", "4",
            "--source", "5", "--summary", "s", "--verified", "属实", "--opened-by", "镇长何某",
            "--investigator", "赵某", "--on", "2026-02-02",
        )
    ).splitlines()[0]  # fmt: skip
    refused(run("case", "decision-notice", cid), "尚未作出问责决定", "case decide")
    refused(run("case", "decision-notice", "CASE-2026-0099"), "CASE-2026-0099")


def test_decision_notice_states_the_decision_and_the_appeal_window_in_force(
    run: Invoke, data_dir: Path
) -> None:
    cid = decided_case(run)
    (data_dir / "township.toml").write_text(
        'name = "青山镇人民政府"\n[rules]\nappeal-window = 20\n', encoding="utf-8"
    )
    out = ok(run("case", "decision-notice", cid))
    for needle in (
        "青山镇人民政府\n问责决定书\n",
        f"编号：{cid}",
        "被问责人：李某",
        "所在单位：民政办",
        "问责情形：④办事拖拉、推诿扯皮",
        "调查认定的事实：多次拖延办理低保申请",
        "  1. ⑤通报批评\n  2. ④责令公开道歉",
        "20 个工作日内",  # township.toml's period, not the regulation's 15
        "决定日期：2026-02-06",
        "被问责人签收：",
        "中共镇委员会（盖章）",
    ):
        assert needle in out
    en = ok(run("case", "decision-notice", cid, lang="en"))
    assert "within 20 working days" in en and "Accountability decision" in en


# -- denial form ----------------------------------------------------------------------


def test_denial_form_has_the_fields_of_the_regulation(run: Invoke) -> None:
    rid = filed_denial(run)
    out = ok(run("denial", "form", rid))
    # filed Mon 2026-03-02 + 10 working days -> 03-03..03-06, 03-09..03-13, 03-16.
    for needle in (
        "否定报备登记表",
        f"编号：{rid}",
        "登记日期：2026-03-02",
        "审办单位及审办人：民政办 王芳",
        "审办事项：临时救助申请",
        "否定理由：家庭收入超过标准",
        "否定依据：《社会救助暂行办法》第四十七条",
        "报备及书面告知期限：2026-03-16",
        "经办人（签名）：",
        "分管领导（签名）：",
        "复制 1 份存档备查",
    ):
        assert needle in out
    html = ok(run("denial", "form", rid, "--format", "html", lang="en"))
    assert "Denial filing form" in html and "@page" in html


def test_form_commands_have_help_with_an_example(run: Invoke) -> None:
    for args in (("case", "decision-notice"), ("denial", "form")):
        out = ok(run(*args, "--help", lang="en"))
        assert "Example:" in out and "township " + " ".join(args) in out
