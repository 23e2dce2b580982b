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
        assert needle in result.output, result.output


def decided_case(run: Invoke, facts: str = "多次拖延办理低保申请") -> str:
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
            "case", "report", cid, "--facts", facts, "--conclusion", "属实",
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

# A township.toml an office has filled in: its own names and number patterns.
OFFICE = """\
name = "青山镇人民政府"
hotline = "0832-1234567"

[documents]
case-decision = "青委发〔{year}〕{n}号"
supervision-notice = "青督〔{year}〕{n}号"
petition-notice = "青信告〔{year}〕{n}号"
denial-notice = "青否告〔{year}〕{n}号"
"""


def office(data_dir: Path, extra: str = "") -> None:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    (data_dir / "township.toml").write_text(OFFICE + extra, encoding="utf-8")


SUPERVISION = {
    "id": "SUP-2026-0001",
    "record": "TSK-2026-0003",
    "reason": "超过办理时限未办结",
    "urgency": "urgent",
    "dept": "村镇建设办",
    "issued_on": "2026-03-02",
    "actor": "党政办 何某",
}
TASK = {
    "id": "TSK-2026-0003",
    "kind": "task",
    "title": "落实农村饮水安全排查",
    "issuer": "县人民政府办公室",
    "doc_no": "县府办发〔2026〕7号",
}


def test_supervision_notice_names_the_matter_each_overdue_deadline_and_the_office() -> None:
    overdue = (
        forms.Overdue(
            "task-completion", Text("落实上级决定", "carry out"), dt.date(2026, 2, 28), 1
        ),
        forms.Overdue("task-progress", Text("报告办理进度", "progress"), dt.date(2026, 2, 20), 5),
    )
    doc = forms.supervision_notice(SUPERVISION, CONFIG, 4, supervised=TASK, overdue=overdue)
    assert (doc.issuer, doc.numbered, doc.addressee) == (
        "supervision-office",
        "supervision-notice",
        "村镇建设办",
    )
    assert doc.matter == Text("落实农村饮水安全排查", "落实农村饮水安全排查")
    text = forms.render_text(doc, "zh")
    for needle in (
        "青山镇人民政府\n",  # the supervision office defaults to the government
        "关于“落实农村饮水安全排查”的督办告知书\n\n村镇建设办：\n",
        "来文单位：县人民政府办公室，文号：县府办发〔2026〕7号，登记编号：TSK-2026-0003",
        # each overdue deadline, with the clause its period comes from
        "落实上级决定应于2026年2月28日前完成（权力查究问责制度·限时办结制 2），已逾期1个工作日",
        "报告办理进度应于2026年2月20日前完成（综治维稳有关工作制度·督办制度（七）），已逾期5个工作日",
        "缓急程度：急件",
        # the answer period is a local default: 本镇规定, never credited to the regulation
        "4个工作日内（本镇规定）书面报告",
        "督办人：党政办 何某",
        "青山镇人民政府（盖章）",
        "2026年3月2日",
        "存档编号：SUP-2026-0001",
    ):
        assert needle in text, needle
    # the notice's own id is only the file reference of the 版记
    assert text.count("SUP-2026-0001") == 1
    assert text.index("存档编号") > text.index("2026年3月2日")
    en = forms.render_text(doc, "en")
    assert "within 4 working days" in en and "Urgency: urgent" in en


def test_a_supervision_notice_on_a_task_names_the_tasks_title_number_and_issuer(
    run: Invoke, data_dir: Path
) -> None:
    office(data_dir)
    title, issuer, doc_no = "整治河道违章搭建", "县水务局", "县水发〔2026〕12号"
    tsk = ok(
        run(
            "task", "receive", "--title", title, "--from", issuer, "--doc-no", doc_no,
            "--type", "execute", "--dept", "村镇建设办", "--person", "刘某",
            "--on", "2026-02-02", today="2026-03-02",
        )
    ).splitlines()[0]  # fmt: skip
    plain = ok(
        run(
            "task", "receive", "--title", "统计春耕备耕情况", "--from", "县农业农村局",
            "--type", "execute", "--dept", "农业服务中心", "--person", "王某",
            "--on", "2026-02-02", today="2026-03-02",
        )
    ).splitlines()[0]  # fmt: skip
    notices = [
        ok(
            run(
                "supervision", "issue", "--record", rid, "--reason", "超过办理时限未办结",
                "--on", "2026-03-02", today="2026-03-02",
            )
        ).splitlines()[0]
        for rid in (tsk, plain)
    ]  # fmt: skip
    data = json.loads(
        ok(run("supervision", "notice", notices[0], "--format", "json", today="2026-03-02"))
    )
    assert data["matter"] == title
    assert f"关于“{title}”的督办告知书" in data["text"]
    assert f"“{title}”（来文单位：{issuer}，文号：{doc_no}，登记编号：{tsk}）" in data["text"]
    # a task received without a document number names its issuer and no 文号
    text = ok(run("supervision", "notice", notices[1], "--draft", today="2026-03-02"))
    assert f"“统计春耕备耕情况”（来文单位：县农业农村局，登记编号：{plain}）" in text
    assert "文号：" not in text


def test_a_named_supervision_office_issues_the_notice() -> None:
    from township.config import DocumentsConfig

    config = Config(
        name="青山镇人民政府",
        documents=DocumentsConfig(names={"supervision-office": "青山镇督查室"}),
    )
    doc = forms.supervision_notice(SUPERVISION, config, 3, supervised=TASK)
    assert "青山镇督查室（盖章）" in forms.render_text(doc, "zh")


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


def test_chinese_dates_and_numbered_headings() -> None:
    assert forms.cn_date("2026-12-03") == "2026年12月3日"
    assert forms.cn_date(dt.date(2026, 1, 5), "en") == "2026-01-05"
    assert [forms.heading_number(n, "zh") for n in (1, 10, 11, 20)] == [
        "一、",
        "十、",
        "十一、",
        "二十、",
    ]
    assert forms.plain_label(Text("⑤通报批评", "⑤ criticism")) == Text("通报批评", "criticism")


def test_page_css_is_gb_t_9704() -> None:
    css = forms.PAGE_CSS
    # top 37 mm, right 210-28-156 = 26 mm, bottom 297-37-225 = 35 mm, left 28 mm
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in css
    assert '"仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC"' in css
    assert "font-size: 16pt; line-height: 10.2mm" in css


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
    assert "告知日期：</span>2026年3月2日" in html
    en = ok(run("inquiry", "notice", "INQ-2026-0001", "--format", "html", lang="en"))
    assert '<html lang="en">' in en and "One-time notice" in en
    data = json.loads(ok(run("inquiry", "notice", "INQ-2026-0001", "--format", "json")))
    assert data["issued_on"] == "2026-03-02" and data["copies"] == 2
    assert data["matter"] == "申请临时救助"


def test_notice_of_a_service_prints_its_committed_time(run: Invoke, township_toml: Path) -> None:
    ok(
        run(
            "inquiry", "log", "--name", "李四", "--matter", "申请低保", "--type", "apply",
            "--service", "最低生活保障申请", "--dept", "民政办",
        )
    )  # fmt: skip
    ok(run("inquiry", "notify", "INQ-2026-0001", "--item", "户口簿复印件"))
    out = ok(run("inquiry", "notice", "INQ-2026-0001"))
    # [services] "最低生活保障申请" = 10 in township.toml: the office's commitment
    assert out.count("办理时限：材料齐全之日起10个工作日内办结（本镇服务承诺）") == 2


def test_notice_from_a_service_list_prints_that_services_procedure(
    run: Invoke, township_toml: Path
) -> None:
    # Logged as a plain inquiry, notified from the shipped list of 大病救济:
    # the written notice names that service's procedure and basis (一次性告知制:
    # 一次性告知所缺的全部手续和办事程序、根据), copied from the seed's 民政工作有关制度
    # 三（四）, not the record's own (empty) service.
    ok(run("inquiry", "log", "--name", "张三", "--matter", "申请大病救济", "--dept", "民政办"))
    ok(
        run(
            "inquiry", "notify", "INQ-2026-0001", "--service", "大病救济", "--category", "1",
            "--have", "本人身份证复印件",
        )
    )  # fmt: skip
    out = ok(run("inquiry", "notice", "INQ-2026-0001"))
    assert out.count("办理程序：申请人向户口所在的村委会提出书面申请") == 2
    assert out.count("办理依据：民政工作有关制度 三（四）大病救济服务") == 2
    assert "本人身份证复印件" not in out  # handed in: not asked for again


def test_service_blocks_print_what_the_catalogue_has(monkeypatch: pytest.MonkeyPatch) -> None:
    from township.book import services

    full = services.Service(
        "户籍证明",
        days=3,
        procedure=("受理", "审核", "出具"),
        basis="《户口登记条例》",
        clause="一次性告知制",
    )
    monkeypatch.setattr(services, "service_of", lambda name, config: full)
    text = forms.render_text(
        forms.Document(
            "x", Text("t", "t"), "镇", "X", "X", dt.date(2026, 1, 5),
            tuple(forms.service_blocks("户籍证明", CONFIG)),
        ),
        "zh",
    )  # fmt: skip
    assert "办理程序：受理→审核→出具" in text
    assert "办理依据：《户口登记条例》（一次性告知制）" in text
    assert "办理时限：材料齐全之日起3个工作日内办结" in text
    monkeypatch.setattr(services, "service_of", lambda name, config: services.Service(name))
    assert forms.service_blocks("户籍证明", CONFIG) == []


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
    assert "出具日期：2026年2月12日" in out
    assert "经办人（签名）：____________" in out and "青山镇人民政府（盖章）" in out
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


def test_decision_notice_is_an_official_document_of_the_party_committee(
    run: Invoke, data_dir: Path
) -> None:
    cid = decided_case(run)
    office(data_dir, "[rules]\nappeal-window = 20\n")
    out = ok(run("case", "decision-notice", cid, today="2026-02-09"))
    # In the order of the page: 版头, title, 主送, numbered paragraphs, 署名 and
    # 成文日期 under the seal's place, 版记.
    order = [
        "中共青山镇委员会\n青委发〔2026〕1号\n",
        "关于给予李某通报批评、责令公开道歉的决定\n\n李某：\n",
        "　　关于你（民政办）办事拖拉、推诿扯皮一事",
        "一、调查认定的事实。多次拖延办理低保申请。调查结论：属实。",
        # the party committee speaks of itself as 本委
        "二、问责决定。经本委研究，决定给予你通报批评、责令公开道歉的问责",
        # township.toml's period (20), not the regulation's, with the clause
        "三、申诉权利。你对本决定不服的，可自收到本决定之日起20个工作日内向本委提出申诉"
        "（权力查究问责制度·行政问责制 10）",
        "中共青山镇委员会\n" + " " * 24 + "2026年2月6日\n",
        "中共青山镇委员会（盖章）",
        "抄送：民政办。\n存档编号：" + cid + "\n青山镇党政办公室    2026年2月9日印发\n",
    ]
    at = [out.index(part) for part in order]
    assert at == sorted(at)
    assert out.count(cid) == 1  # the record id only as the file reference
    for internal in ("情节", "①", "④", "⑤", "1. ", "2026-02", "15个工作日"):
        assert internal not in out, internal
    en = ok(run("case", "decision-notice", cid, lang="en"))
    assert "within 20 working days" in en and "青委发〔2026〕1号" in en


# -- numbers (发文字号) --------------------------------------------------------------


def audit_lines(data_dir: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (data_dir / "audit.jsonl").read_text().splitlines()]


def test_a_number_is_assigned_once_stored_audited_and_never_reused(
    run: Invoke, data_dir: Path
) -> None:
    first = decided_case(run)
    office(data_dir)
    before = (data_dir / "audit.jsonl").read_bytes()
    draft = ok(run("case", "decision-notice", first, "--draft"))
    # a draft: 样稿, the number left blank, nothing written
    assert "【样稿】" in draft and "青委发〔2026〕　号" in draft
    assert (data_dir / "audit.jsonl").read_bytes() == before
    out = ok(run("case", "decision-notice", first, today="2026-02-09"))
    assert "青委发〔2026〕1号" in out and "样稿" not in out
    stored = json.loads(ok(run("case", "show", first, "--format", "json")))["doc_numbers"]
    assert stored == {
        "case-decision-notice@2026-02-06": {
            "text": "青委发〔2026〕1号",
            "series": "case-decision/2026",
            "n": 1,
            "on": "2026-02-09",
        }
    }
    line = audit_lines(data_dir)[-1]
    assert line["command"] == "case decision-notice" and line["id"] == first
    key = "case-decision-notice@2026-02-06"
    assert line["number"] == {**stored[key], "document": key}
    # printed again, later, with another pattern: the stored number and day
    (data_dir / "township.toml").write_text(OFFICE.replace("青委发", "青委字"), encoding="utf-8")
    after_first = (data_dir / "audit.jsonl").read_bytes()
    again = ok(run("case", "decision-notice", first, today="2026-03-02"))
    assert "青委发〔2026〕1号" in again and "2026年2月9日印发" in again
    assert (data_dir / "audit.jsonl").read_bytes() == after_first
    # another decision gets the next number
    second = decided_case(run)
    assert "青委字〔2026〕2号" in ok(run("case", "decision-notice", second))
    # the number removed from the record by hand is not handed out again: the
    # audit log keeps the series' highest serial
    path = data_dir / "cases" / "2026.json"
    files = json.loads(path.read_text())
    for doc in files["records"].values():
        doc.pop("doc_numbers", None)
    path.write_text(json.dumps(files, ensure_ascii=False))
    assert "青委字〔2026〕3号" in ok(run("case", "decision-notice", first))


def test_the_year_is_the_documents_own(run: Invoke, data_dir: Path) -> None:
    cid = decided_case(run)
    office(data_dir)
    # decided 2026-02-06, first printed in 2027: 〔2026〕, the year of its 成文日期
    out = ok(run("case", "decision-notice", cid, today="2027-01-04"))
    assert "青委发〔2026〕1号" in out and "2027年1月4日印发" in out


def test_audit_verify_replays_a_numbered_print(run: Invoke, data_dir: Path) -> None:
    cid = decided_case(run)
    office(data_dir)
    ok(run("case", "decision-notice", cid))
    assert run("audit", "verify").exit_code == 0


# -- template values, drafts and the demo -----------------------------------------------


def test_template_values_are_refused_naming_the_key(run: Invoke, data_dir: Path) -> None:
    ok(run("init", today="2026-02-02"))
    cid = decided_case(run)
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    result = run("case", "decision-notice", cid)
    refused(result, "name", "documents.case-decision", "--draft")
    assert "documents.supervision-notice" not in result.output  # only what it prints
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before
    path = data_dir / "township.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'name = "某某镇人民政府"', 'name = "青山镇人民政府"'
        ),
        encoding="utf-8",
    )
    result = run("case", "decision-notice", cid)
    refused(result, "documents.case-decision")
    assert "name、" not in result.output
    # --draft prints the template's names, marked 样稿, and assigns nothing
    assert "【样稿】" in ok(run("case", "decision-notice", cid, "--draft"))


def test_a_template_hotline_on_a_notice_is_refused(run: Invoke, data_dir: Path) -> None:
    ok(run("init", today="2026-02-02"))
    path = data_dir / "township.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'name = "某某镇人民政府"', 'name = "青山镇人民政府"'
        ),
        encoding="utf-8",
    )
    ok(run("inquiry", "log", "--name", "张三", "--matter", "申请临时救助", "--dept", "民政办"))
    ok(run("inquiry", "notify", "INQ-2026-0001", "--item", "户口簿复印件"))
    refused(run("inquiry", "notice", "INQ-2026-0001"), "hotline")
    assert "【样稿】" in ok(run("inquiry", "notice", "INQ-2026-0001", "--draft"))


def test_a_demo_directory_prints_marked_demo(run: Invoke, data_dir: Path) -> None:
    ok(run("init", "--demo", "--size", "10", today="2026-02-02"))
    assert "demo = true" in (data_dir / "township.toml").read_text(encoding="utf-8")
    cid = decided_case(run)
    out = ok(run("case", "decision-notice", cid))
    assert out.startswith("【演示】\n中共演示镇委员会（虚构数据）\n演委发〔2026〕1号\n")
    html = ok(run("case", "decision-notice", cid, "--format", "html"))
    assert '<div class="mark">演示</div>' in html


def test_documents_settings_are_checked(run: Invoke, data_dir: Path) -> None:
    for extra, key in (
        ('[documents]\nseal = "x"\n', "documents.seal"),
        ('[documents]\ncase-decision = "青委发〔{year}〕号"\n', "documents.case-decision"),
        ('[documents]\ncase-decision = "青委发〔{yr}〕{n}号"\n', "documents.case-decision"),
        ("[documents]\ngovernment = 3\n", "documents.government"),
        ("demo = 1\n", "demo"),
    ):
        data_dir.mkdir(mode=0o700, exist_ok=True)
        (data_dir / "township.toml").write_text('name = "青山镇人民政府"\n' + extra)
        result = run("case", "list")
        assert result.exit_code == 3, (extra, result.output)
        assert key in result.output and "第 " in result.output


def test_bodies_default_from_the_township_name() -> None:
    from township.config import DocumentsConfig

    config = Config(name="青山镇人民政府")
    assert config.body("government") == ("青山镇人民政府", "name")
    assert config.body("party-committee") == ("中共青山镇委员会", "name")
    assert config.body("discipline-committee") == ("中共青山镇纪律检查委员会", "name")
    assert config.body("supervision-office") == ("青山镇人民政府", "name")
    assert config.body("printing-office") == ("青山镇党政办公室", "name")
    named = Config(
        name="青山镇人民政府", documents=DocumentsConfig(names={"government": "青山镇政府"})
    )
    assert named.body("supervision-office") == ("青山镇政府", "documents.government")


# -- denial form ----------------------------------------------------------------------


def test_denial_form_has_the_fields_of_the_regulation(run: Invoke) -> None:
    rid = filed_denial(run)
    out = ok(run("denial", "form", rid))
    # filed Mon 2026-03-02 + 10 working days -> 03-03..03-06, 03-09..03-13, 03-16.
    for needle in (
        "否定报备登记表",
        f"编号：{rid}",
        "登记日期：2026年3月2日",
        "审办单位及审办人：民政办 王芳",
        "审办事项：临时救助申请",
        "否定理由：家庭收入超过标准",
        "否定依据：《社会救助暂行办法》第四十七条",
        "报备及书面告知期限：2026年3月16日前（机关效能建设制度·否定报备制 5）",
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
        assert "--draft" in out


def test_what_counts_as_a_template_value() -> None:
    from township.config import DocumentsConfig

    written = Config(written=True)  # a township.toml that left name as init wrote it
    assert written.is_template("name", "某某镇人民政府")
    assert written.is_template("hotline", "0832-3580006")
    assert written.is_template("documents.case-decision", "某委发〔{year}〕{n}号")
    assert not written.is_template("documents.case-decision", "青委发〔{year}〕{n}号")
    # a body's name copied from the template's comment is the template's too
    copied = Config(
        name="青山镇人民政府",
        written=True,
        documents=DocumentsConfig(names={"party-committee": "中共某某镇委员会"}),
    )
    value, key = copied.body("party-committee")
    assert key == "documents.party-committee" and copied.is_template(key, value)
    # no township.toml at all, or the demo's: nothing to refuse
    assert not Config().is_template("name", "某某镇人民政府")
    assert not Config(written=True, demo=True).is_template("name", "某某镇人民政府")


def test_an_issued_documents_seal_place_names_the_issuing_body() -> None:
    from township.views import issuing

    doc = forms.Document(
        "petition-acceptance-notice",
        Text("信访事项受理告知书", "Notice"),
        "青山镇人民政府",
        "PET-2026-0001",
        "PET-2026-0001",
        dt.date(2026, 6, 1),
        (forms.Paragraph("特此告知。"),),
        seal=Text("镇人民政府（盖章）", "Seal"),  # a builder's generic caption
        issuer="party-committee",
        addressee="王五",
    )
    resolved = issuing.resolve(doc, Config(name="青山镇人民政府"), draft=False)
    text = forms.render_text(resolved, "zh")
    assert "中共青山镇委员会（盖章）" in text and "镇人民政府（盖章）" not in text
    assert text.startswith("中共青山镇委员会\n")
    assert "【" not in text  # neither a draft nor a demo
    assert forms.render_text(issuing.resolve(doc, Config(), draft=True), "zh").startswith(
        "【样稿】"
    )
