"""The documents that had no form (township.views.papers, commands.papers_cmd).

Library tests build each document from a small record written here; CLI
tests run the commands on a demo directory (``init --demo`` on 2026-03-02,
the records the help examples name) or on records made here. Petition and
dispute periods are calendar days (日), a due date on a rest day moving to
the next working day; every expected date is derived in a comment. The PDF
checks are in test_papers_pdf.py.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import Invoke, d
from test_forms import filed_denial, ok, refused

from commands import cli
from township.calendar import WorkCalendar
from township.config import Config
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.views import papers

CONFIG = Config(name="青山镇人民政府")
CAL = WorkCalendar()
TODAY = "2026-03-02"


def zh(value: Any) -> str:
    return value.zh if isinstance(value, Text) else str(value)


def text_of(doc: Any, lang: str = "zh") -> str:
    from township.views.forms import render_text

    return render_text(doc, lang)


def clock(rule: str, trigger: str, n: int, *exts: int, met_on: str | None = None) -> dict:
    return {
        "rule": rule,
        "trigger": trigger,
        "n": n,
        "extensions": [{"n": e} for e in exts],
        "met_on": met_on,
    }


# -- dates and periods --------------------------------------------------------------------


def test_dates_are_written_as_a_document_writes_them() -> None:
    from township.views.forms import date_text

    # one date writer for every document (forms.date_text): Chinese, English keeps ISO
    assert date_text(dt.date(2026, 12, 3)) == Text("2026年12月3日", "2026-12-03")
    assert date_text("2026-02-06T09:30:00").zh == "2026年2月6日"
    assert date_text(None) == Text("____年__月__日", "____-__-__")
    assert not hasattr(papers, "written_date")


def test_a_period_names_its_number_in_force_and_its_clause() -> None:
    line = papers.period_in_force("petition-conclusion", CONFIG)
    assert line.zh == "60日（机关效能建设制度·限时办结制 5）"
    # township.toml changes the number: the document says so, not the regulation's 60
    changed = papers.period_in_force(
        "petition-conclusion", Config(rules={"petition-conclusion": 45})
    )
    assert changed.zh == "45日（机关效能建设制度·限时办结制 5；本镇现行规定）"
    # a number the regulation does not state is a local rule
    assert papers.period_in_force("supervision-reply", CONFIG).zh == "3个工作日（本镇规定）"


# -- petition notice -----------------------------------------------------------------------


def petition(**more: Any) -> dict:
    record = {
        "id": "PET-2026-0007",
        "kind": "petition",
        "status": "received",
        "petitioner": "王五",
        "matter": "宅基地纠纷",
        "received": "2026-05-25",
        "responsible": {"dept": "综治办", "person": "周某"},
        "events": [{"on": "2026-05-25", "action": "receive"}],
        "clocks": [clock("petition-acceptance", "2026-05-25", 15)],
    }
    record.update(more)
    return record


def accepted(*exts: int) -> dict:
    record = petition(status="accepted", accepted="2026-06-01")
    record["clocks"][0]["met_on"] = "2026-06-01"
    record["clocks"].append(clock("petition-conclusion", "2026-06-01", 60, *exts))
    return record


def test_the_acceptance_notice_is_issued_by_the_government_to_the_petitioner() -> None:
    doc = papers.petition_notice(accepted(), CONFIG, CAL)
    assert (doc.issuer, doc.numbered, doc.addressee, doc.matter) == (
        "government",
        "petition-notice",
        "王五",
        "宅基地纠纷",
    )
    assert zh(doc.title) == "信访事项受理告知书" and doc.issued_on == d("2026-06-01")
    out = text_of(doc)
    # accepted Mon 2026-06-01 + 60 days = Fri 2026-07-31 (June 30 days: 06-01+29 = 06-30,
    # +31 = 07-31), a working day
    assert "你于2026年5月25日提出的关于“宅基地纠纷”的信访事项" in out
    assert "本机关已于2026年6月1日受理。依照机关效能建设制度·限时办结制 5" in out
    assert "该事项自受理之日起60日内办结，即2026年7月31日前" in out
    assert "青山镇人民政府（盖章）" in out and "2026-06-01" not in out


def test_the_non_acceptance_notice_gives_the_reason() -> None:
    record = petition(status="declined", decline_reason="已进入诉讼程序")
    record["events"].append({"on": "2026-06-03", "action": "decline"})
    doc = papers.petition_notice(record, CONFIG, CAL)
    assert zh(doc.title) == "不予受理告知书" and doc.issued_on == d("2026-06-03")
    assert "经审查，本机关决定不予受理。理由：已进入诉讼程序。" in text_of(doc)
    assert "依照机关效能建设制度·限时办结制 5，收到信访事项15日内书面告知是否受理" in text_of(doc)
    assert "not accepted. Reason: 已进入诉讼程序" in text_of(doc, "en")


def test_the_extension_notice_is_the_latest_of_several() -> None:
    record = accepted(10, 5)
    record["extensions"] = [
        {"on": "2026-07-20", "days": 10, "approved_by": "镇长刘某", "reason": "涉及多个部门"},
        {"on": "2026-08-05", "days": 5, "approved_by": "镇长刘某", "reason": "需县级部门会商"},
    ]
    doc = papers.petition_notice(record, CONFIG, CAL, extension=True)
    out = text_of(doc)
    assert zh(doc.title) == "延期办理告知书" and doc.issued_on == d("2026-08-05")
    # 07-31 + 10 days = Mon 08-10; + 5 days = Sat 08-15, a rest day -> Mon 08-17
    assert "因需县级部门会商，经镇长同意（镇长刘某），办理期限延长5日" in out
    assert "延长后的办结期限为2026年8月17日" in out
    assert "本事项已延期2次，合计15日。" in out and "涉及多个部门" not in out


def test_a_petition_extended_once_before_the_list_reads_as_one_extension() -> None:
    record = accepted(30)
    record["extension"] = {
        "on": "2026-07-20",
        "days": 30,
        "approved_by": "镇长刘某",
        "reason": "复杂",
    }
    out = text_of(papers.petition_notice(record, CONFIG, CAL, extension=True))
    # 07-31 + 30 days = Sun 08-30 -> Mon 08-31
    assert "延长30日，延长后的办结期限为2026年8月31日" in out and "已延期" not in out


def test_a_petition_notice_waits_for_its_step() -> None:
    with pytest.raises(StepOutOfOrder) as refused:
        papers.petition_notice(petition(), CONFIG, CAL)
    assert "petition accept" in str(refused.value)
    with pytest.raises(StepOutOfOrder) as refused:
        papers.petition_notice(accepted(), CONFIG, CAL, extension=True)
    assert "petition extend" in str(refused.value)


# -- denial notice -------------------------------------------------------------------------


def denial(**more: Any) -> dict:
    record = {
        "id": "DEN-2026-0004",
        "kind": "denial",
        "status": "filed",
        "applicant": "孙七",
        "matter": "临时救助申请",
        "reason": "家庭收入超过标准",
        "basis": "《社会救助暂行办法》第四十七条",
        "handler": "王芳",
        "responsible": {"dept": "民政办", "person": "王芳"},
        "events": [{"on": "2026-06-01", "action": "file"}],
        "clocks": [clock("denial-filing", "2026-06-01", 10)],
    }
    record.update(more)
    return record


def test_the_denial_notice_tells_the_reason_and_basis() -> None:
    doc = papers.denial_notice(denial(), CONFIG, CAL, d("2026-06-03"))
    assert (doc.issuer, doc.numbered, doc.addressee) == ("government", "denial-notice", "孙七")
    assert doc.issued_on == d("2026-06-03")  # not yet told: the day it is printed
    out = text_of(doc)
    assert "你于2026年6月1日申请办理的“临时救助申请”事项，经审查，不予办理。" in out
    assert "理由：家庭收入超过标准。依据：《社会救助暂行办法》第四十七条。" in out
    # filed Mon 06-01 + 10 working days: 06-02..06-05 (4), 06-08..06-12 (9), 06-15 (10)
    assert (
        "依照机关效能建设制度·否定报备制 5，否定事项应在10个工作日内报备并书面告知报办人（2026年6月15日前）"
        in out
    )
    told = papers.denial_notice(denial(notified="2026-06-05"), CONFIG, CAL, d("2026-06-09"))
    assert told.issued_on == d("2026-06-05")


def test_a_denial_beyond_authority_is_told_after_the_leaders_opinion() -> None:
    with pytest.raises(StepOutOfOrder) as refused:
        papers.denial_notice(denial(status="awaiting-opinion"), CONFIG, CAL, d("2026-06-03"))
    assert "denial opinion" in str(refused.value)
    opinion = {"text": "同意否定", "leader": "副镇长高某", "on": "2026-06-02"}
    out = text_of(papers.denial_notice(denial(opinion=opinion), CONFIG, CAL, d("2026-06-03")))
    assert "本事项经分管领导审批：同意否定（副镇长高某，2026年6月2日）。" in out


# -- intake form ---------------------------------------------------------------------------


def inquiry(**more: Any) -> dict:
    record = {
        "id": "INQ-2026-0009",
        "kind": "inquiry",
        "status": "open",
        "name": "赵六",
        "contact": "13800001111",
        "channel": "visit",
        "type": "consult",
        "matter": "咨询宅基地审批",
        "receiver": "王芳",
        "responsible": {"dept": "党政办", "person": "王芳"},
        "events": [{"on": "2026-06-02", "action": "log"}],
    }
    record.update(more)
    return record


def test_the_intake_form_is_prefilled_from_the_visit_and_blank_elsewhere() -> None:
    doc = papers.intake_form(inquiry(), CONFIG, CAL)
    out = text_of(doc)
    for line in (
        "登记编号：INQ-2026-0009",
        "来访时间：2026年6月2日",
        "来访人姓名：赵六",
        "联系电话：13800001111",
        "反映事项及诉求：咨询宅基地审批",
        "接访人（首接责任人）：王芳",
        "工作单位或住址：________________",
        "公民身份号码：________",
        "来访人（签名）：",
    ):
        assert line in out, line
    assert doc.issuer is None and doc.numbered is None and doc.matter == "咨询宅基地审批"


def test_only_a_visit_has_an_intake_form() -> None:
    with pytest.raises(StepOutOfOrder) as refused:
        papers.intake_form(inquiry(channel="phone"), CONFIG, CAL)
    assert "--channel visit" in str(refused.value)


# -- investigation report ------------------------------------------------------------------


def case(**more: Any) -> dict:
    record = {
        "id": "CASE-2026-0005",
        "kind": "case",
        "status": "reported",
        "subject": "李某",
        "unit": "民政办",
        "matter": 4,
        "source": 5,
        "summary": "低保申请拖延",
        "investigators": ["赵某", "钱某"],
        "opened": "2026-06-01",
        "opened_by": "镇长何某",
        "verified": "反映属实",
        "severity": "serious",
        "events": [
            {"on": "2026-06-01", "action": "open"},
            {"on": "2026-06-03", "action": "statement", "note": "承认延误"},
        ],
        "report": {
            "on": "2026-06-10",
            "facts": "三次拖延办理低保申请",
            "conclusion": "问责情形成立",
            "recommend": [5, 4],
            "no_statement_reason": None,
        },
        "clocks": [clock("investigation", "2026-06-01", 10, met_on="2026-06-10")],
    }
    record.update(more)
    return record


def test_the_report_form_has_facts_conclusion_and_recommendation() -> None:
    doc = papers.case_report_form(case(), CONFIG, CAL)
    out = text_of(doc)
    # to the party committee (行政问责制 8: 向镇党委提交), named as [documents] derives it
    assert doc.addressee == "中共青山镇委员会" and doc.issued_on == d("2026-06-10")
    for line in (
        "被调查人：李某（民政办）",
        "问责情形：④办事拖拉、推诿扯皮",
        "调查组成员：赵某、钱某",
        "陈述和申辩：2026年6月3日：承认延误",
        "一、问责情形的详细事实：三次拖延办理低保申请",
        "二、基本结论：问责情形成立",
        "  1. ⑤通报批评\n  2. ④责令公开道歉",
        # opened Mon 06-01 + 10 working days: 06-02..06-05 (4), 06-08..06-12 (9), 06-15 (10)
        "提交调查报告：10个工作日（权力查究问责制度·行政问责制 8），2026年6月15日前，已于2026年6月10日完成",
        "报告日期：2026年6月10日",
    ):
        assert line in out, line
    assert "李某（民政办）低保申请拖延" in zh(doc.matter)


def test_a_report_form_waits_for_the_report() -> None:
    with pytest.raises(StepOutOfOrder) as refused:
        papers.case_report_form(case(report=None, status="investigating"), CONFIG, CAL)
    assert "case report" in str(refused.value)


def test_a_report_without_a_statement_says_why() -> None:
    record = case(events=[{"on": "2026-06-01", "action": "open"}])
    record["report"] = {**record["report"], "no_statement_reason": "被调查人住院"}
    assert "陈述和申辩：未能听取（被调查人住院）" in text_of(
        papers.case_report_form(record, CONFIG, CAL)
    )


# -- package form --------------------------------------------------------------------------


def dispute(**more: Any) -> dict:
    record = {
        "id": "DSP-2026-0006",
        "kind": "dispute",
        "status": "packaged",
        "summary": "邻里排水沟纠纷",
        "parties": "刘某己、杨某庚",
        "village": "河湾社区",
        "category": 2,
        "source": "visit",
        "registered": "2026-05-29",
        "leader": "副镇长高某",
        "approved_by": "党委书记林某",
        "days": 15,
        "routed_on": "2026-06-01",
        "events": [{"on": "2026-06-01", "action": "package"}],
        "clocks": [clock("dispute-mediation", "2026-06-01", 15)],
    }
    record.update(more)
    return record


def test_the_package_form_fills_in_the_five_ones_it_knows() -> None:
    doc = papers.package_form(dispute(), CONFIG, CAL)
    out = text_of(doc)
    # packaged Mon 06-01 + 15 days = Tue 06-16
    for line in (
        "一个矛盾纠纷：邻里排水沟纠纷",
        "一名包案领导：副镇长高某",
        "一个工作班子：________________",
        "一套调处方案：________________",
        "一个化解时限：自2026年6月1日起15日，2026年6月16日前"
        "（综治维稳有关工作制度·矛盾纠纷排查制度（三）、领导包案化解制度）",
        "领导同意及一把手审批：副镇长高某同意包案，党委书记林某审批，2026年6月1日",
        "村（社区）及来源：河湾社区（来访）",
    ):
        assert line in out, line
    assert doc.matter == "邻里排水沟纠纷" and doc.issued_on == d("2026-06-01")


def test_a_package_form_needs_a_package() -> None:
    record = dispute(status="routed", leader=None, clocks=[])
    with pytest.raises(StepOutOfOrder) as refused:
        papers.package_form(record, CONFIG, CAL)
    assert "dispute package" in str(refused.value)


# -- visit summary -------------------------------------------------------------------------


def test_a_summary_period_is_a_month_or_a_quarter() -> None:
    feb = papers.summary_period(month="2026-02")
    assert (feb.key, feb.first, feb.last, feb.duty) == (
        "2026-02",
        d("2026-02-01"),
        d("2026-02-28"),
        "visit-summary",
    )
    q4 = papers.summary_period(quarter="2025Q4")
    assert (q4.key, q4.first, q4.last, q4.duty) == (
        "2025Q4",
        d("2025-10-01"),
        d("2025-12-31"),
        "visit-summary-quarterly",
    )
    assert q4.label.zh == "2025年第四季度"
    for bad in ({}, {"month": "2026-02", "quarter": "2026Q1"}, {"month": "2026-13"}):
        with pytest.raises(BadInput):
            papers.summary_period(**bad)


def visit(
    n: int, on: str, type_: str = "consult", status: str = "closed", channel: str = "visit"
) -> dict:
    return {
        "id": f"INQ-2026-{n:04d}",
        "channel": channel,
        "type": type_,
        "status": status,
        "events": [{"on": on, "action": "log"}],
    }


def test_the_summary_counts_the_periods_visits_by_kind_and_state() -> None:
    inquiries = [
        visit(1, "2026-02-02"),
        visit(2, "2026-02-10", "apply", "open"),
        visit(3, "2026-02-28", "complaint"),
        visit(4, "2026-03-01"),  # the next month
        visit(5, "2026-02-11", channel="phone"),  # not a visit
    ]
    petitions = [{"id": "PET-2026-0001", "status": "accepted", "received": "2026-02-03"}]
    disputes = [
        {"id": "DSP-2026-0001", "source": "visit", "registered": "2026-02-04"},
        {"id": "DSP-2026-0002", "source": "sweep", "registered": "2026-02-04"},
    ]
    period = papers.summary_period(month="2026-02")
    doc = papers.visit_summary(inquiries, petitions, disputes, period, CONFIG, d("2026-03-02"))
    assert doc.data["visits"] == 3
    assert doc.data["by_type"] == {"consult": 1, "apply": 1, "complaint": 1}
    assert doc.data["by_status"] == {"closed": 2, "open": 1}
    assert (doc.data["petitions"], doc.data["disputes_from_visits"]) == (1, 1)
    out = text_of(doc)
    assert zh(doc.title) == "2026年2月来访情况归类"
    assert "统计期间：2026年2月1日至2026年2月28日" in out and "来访登记总数：3 件" in out
    assert "咨询：1 件" in out and "已办结：2 件" in out and "已受理：1 件" in out
    assert "来访情况归类上报，每月一次（综治维稳有关工作制度·接访制度（七））" in out
    # printed before the month ends: the figures so far
    early = papers.visit_summary(inquiries, [], [], period, CONFIG, d("2026-02-20"))
    assert early.data["ended"] is False and "截至2026年2月20日" in text_of(early)
    with pytest.raises(BadInput):
        papers.visit_summary([], [], [], period, CONFIG, d("2026-01-31"))


# -- the commands, on the demo -------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo directory (``init --demo`` on 2026-03-02) for the module to copy."""
    path = tmp_path_factory.mktemp("demo") / "data"
    env = {"TOWNSHIP_DATA_DIR": str(path), "TOWNSHIP_TODAY": TODAY, "TOWNSHIP_LANG": "zh"}
    result = CliRunner().invoke(cli, ["init", "--demo"], env=env)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def demo(demo_template: Path, data_dir: Path) -> Iterator[Path]:
    shutil.copytree(demo_template, data_dir)
    yield data_dir


def snapshot(path: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_each_document_prints_on_the_demo(run: Invoke, demo: Path) -> None:
    expected = {
        ("inquiry", "intake-form", "INQ-2026-0002"): ("受理事项登记表", "咨询房屋不动产登记办理"),
        ("case", "report-form", "CASE-2026-0002"): (
            "书面调查报告",
            "经调查，被调查人办理群众事项超出承诺时限",
        ),
        # received 02-12, accepted 02-14; 02-14 + 60 days = Wed 04-15 (02-28 is +14, 03-31 +45)
        ("petition", "notice", "PET-2026-0002"): ("信访事项受理告知书", "即2026年4月15日前"),
        # filed Fri 02-27 + 10 working days: Sat 02-28 is a make-up working day (1),
        # 03-02..03-06 (6), 03-09..03-12 (10)
        ("denial", "notice", "DEN-2026-0002"): ("否定事项书面告知书", "2026年3月12日前"),
        # packaged 02-12 + 15 days = Fri 02-27
        ("dispute", "package-form", "DSP-2026-0004"): ("领导包案“五个一”表", "2026年2月27日前"),
    }
    for args, needles in expected.items():
        out = ok(run(*args))
        for needle in needles:
            assert needle in out, (args, needle)
        html = ok(run(*args, "--format", "html"))
        assert html.startswith("<!DOCTYPE html>") and needles[0] in html
        en = ok(run(*args, lang="en"))
        assert "(" in en and needles[0] in en  # the English title keeps the Chinese name


def test_the_documents_refuse_a_record_not_ready(run: Invoke, demo: Path) -> None:
    before = snapshot(demo)
    refused(run("inquiry", "intake-form", "INQ-2026-0001"), "--channel visit")
    refused(run("case", "report-form", "CASE-2026-0001"), "case report")
    refused(run("petition", "notice", "PET-2026-0001", "--reveal"), "petition accept")
    refused(run("petition", "notice", "PET-2026-0002", "--extension"), "petition extend")
    refused(run("denial", "notice", "DEN-2026-0001", "--reveal"), "denial opinion")
    refused(run("dispute", "package-form", "DSP-2026-0001"), "dispute package")
    refused(run("petition", "notice", "PET-2026-0099"), "PET-2026-0099")
    refused(run("inquiry", "summary"), "--month")
    refused(run("inquiry", "summary", "--month", "2026-2x"), "2026-02")
    refused(run("inquiry", "summary", "--quarter", "2026Q2"), "2026Q2")
    en = run("petition", "notice", "PET-2026-0001", lang="en")
    assert en.exit_code == 2 and "petition accept" in en.output and "Traceback" not in en.output
    # a refused --reveal writes no reveal to the audit log
    assert snapshot(demo) == before


def js(result: Result) -> Any:
    return json.loads(ok(result))


def test_the_addressee_is_masked_unless_revealed_and_the_reveal_is_audited(
    run: Invoke, demo: Path
) -> None:
    masked = js(run("petition", "notice", "PET-2026-0002", "--format", "json"))
    assert masked["addressee"] == "韩**" and "韩某乙" not in json.dumps(masked, ensure_ascii=False)
    shown = js(run("petition", "notice", "PET-2026-0002", "--reveal", "--format", "json"))
    assert shown["addressee"] == "韩某乙"
    denial_json = js(run("denial", "notice", "DEN-2026-0002", "--format", "json"))
    assert denial_json["addressee"] == "孙**"
    out = ok(run("dispute", "package-form", "DSP-2026-0004"))
    assert "刘某己" not in out and "当事人：刘******" in out
    assert "刘某己" in ok(run("dispute", "package-form", "DSP-2026-0004", "--reveal"))
    entries = js(run("audit", "log", "--format", "json"))
    reveals = [(e["command"], e["id"]) for e in entries if e.get("action") == "reveal"]
    assert ("petition notice --reveal", "PET-2026-0002") in reveals
    assert ("dispute package-form --reveal", "DSP-2026-0004") in reveals


def duty_period(run: Invoke, duty: str, key: str) -> dict:
    data = js(run("duty", "show", duty, "--format", "json"))
    return next(p for p in data["periods"] if p["period"] == key)


def test_printing_a_months_summary_meets_its_duty_once(run: Invoke, demo: Path) -> None:
    assert duty_period(run, "visit-summary", "2026-02")["met_on"] is None
    draft = run("inquiry", "summary", "--month", "2026-02", "--draft")
    assert draft.exit_code == 0 and "DUTY-" not in draft.stderr
    assert duty_period(run, "visit-summary", "2026-02")["met_on"] is None
    first = run("inquiry", "summary", "--month", "2026-02")
    assert first.exit_code == 0 and "2026年2月来访情况归类" in first.stdout
    assert "已登记定期工作 visit-summary 期间 2026-02 完成" in first.stderr
    assert "DUTY-" not in first.stdout  # stdout is the document alone
    # printed on Mon 2026-03-02: February's period was due on its last day, Sat 02-28, a
    # make-up working day (no roll), so it is met late
    period = duty_period(run, "visit-summary", "2026-02")
    assert period["met_on"] == TODAY and period["state"] == "late"
    again = run("inquiry", "summary", "--month", "2026-02")
    assert again.exit_code == 0 and again.stderr == ""


def test_a_quarter_meets_the_quarterly_duty_and_an_open_month_meets_nothing(
    run: Invoke, demo: Path
) -> None:
    quarter = run("inquiry", "summary", "--quarter", "2025Q4", lang="en")
    assert quarter.exit_code == 0 and "Summary of visits, Q4 2025" in quarter.stdout
    assert "visit-summary-quarterly" in quarter.stderr
    assert duty_period(run, "visit-summary-quarterly", "2025Q4")["met_on"] == TODAY
    march = run("inquiry", "summary", "--month", "2026-03")
    assert march.exit_code == 0 and "截至2026年3月2日" in march.stdout and march.stderr == ""
    assert duty_period(run, "visit-summary", "2026-03")["met_on"] is None


def test_an_extension_notice_from_the_commands(run: Invoke) -> None:
    rid = ok(
        run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷",
            "--on", "2026-05-25", today="2026-06-01")
    ).splitlines()[0]  # fmt: skip
    ok(run("petition", "accept", rid, "--on", "2026-06-01", today="2026-06-01"))
    ok(
        run("petition", "extend", rid, "--approved-by", "镇长刘某", "--reason", "涉及多个部门",
            "--days", "10", "--on", "2026-07-20", today="2026-07-20")
    )  # fmt: skip
    out = ok(run("petition", "notice", rid, "--extension", "--draft", today="2026-07-20"))
    # accepted 06-01 + 60 days = Fri 07-31; + 10 days = Mon 08-10
    assert "延期办理告知书" in out and "延长后的办结期限为2026年8月10日" in out
    assert "王五" not in out  # masked without --reveal
    en = ok(run("petition", "notice", rid, "--extension", "--draft", today="2026-07-20", lang="en"))
    assert "it is now due on 2026-08-10" in en


def test_the_commands_have_help_with_an_example(run: Invoke) -> None:
    for args in (
        ("inquiry", "intake-form"),
        ("inquiry", "summary"),
        ("case", "report-form"),
        ("petition", "notice"),
        ("denial", "notice"),
        ("dispute", "package-form"),
    ):
        en = ok(run(*args, "--help", lang="en"))
        assert "Example:" in en and "township " + " ".join(args) in en and "--draft" in en
        assert "示例：" in ok(run(*args, "--help"))


def test_a_notice_states_the_period_township_toml_sets(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "township.toml").write_text(
        'name = "青山镇人民政府"\n[rules]\npetition-conclusion = 45\n', encoding="utf-8"
    )
    rid = ok(
        run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷",
            "--on", "2026-05-25", today="2026-06-01")
    ).splitlines()[0]  # fmt: skip
    ok(run("petition", "accept", rid, "--on", "2026-06-01", today="2026-06-01"))
    out = ok(run("petition", "notice", rid, "--draft", today="2026-06-01"))
    # accepted Mon 06-01 + 45 days = Thu 07-16 (06-01 + 29 = 06-30, + 16 = 07-16)
    assert "限时办结制 5；本镇现行规定，该事项自受理之日起45日内办结，即2026年7月16日前" in out
    assert "60日" not in out


NAMED_BODIES = """\
name = "青山镇人民政府"
hotline = "0832-1234567"

[documents]
government = "青山镇政府"
party-committee = "中共青山镇党委"
petition-notice = "青信告〔{year}〕{n}号"
denial-notice = "青否告〔{year}〕{n}号"
"""


def test_the_seal_and_addressee_name_the_bodies_township_toml_names(
    run: Invoke, data_dir: Path
) -> None:
    """Petition and denial notices go out under the government's seal (限时办结制 5: 经镇长
    同意; 否定报备制 5: the office tells the applicant); the report goes to the party
    committee (行政问责制 8). The names are the ones written in township.toml here."""
    from township.config import DocumentsConfig
    from township.views.forms import Document

    config = Config(
        name="青山镇人民政府",
        documents=DocumentsConfig(
            names={"government": "青山镇政府", "party-committee": "中共青山镇党委"}
        ),
    )
    built: list[Document] = [
        papers.petition_notice(accepted(), config, CAL),
        papers.denial_notice(denial(), config, CAL, d(TODAY)),
    ]
    for doc in built:
        assert doc.seal == Text("青山镇政府（盖章）", "Seal of 青山镇政府"), doc.form
        assert "青山镇政府（盖章）" in text_of(doc) and "\n镇人民政府（盖章）" not in text_of(doc)
    report = papers.case_report_form(case(), config, CAL)
    assert report.addressee == "中共青山镇党委"
    # and from the command line, with the names of township.toml
    data_dir.mkdir(parents=True)
    (data_dir / "township.toml").write_text(NAMED_BODIES, encoding="utf-8")
    rid = ok(
        run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷",
            "--on", "2026-05-25", today="2026-06-01")
    ).splitlines()[0]  # fmt: skip
    ok(run("petition", "accept", rid, "--on", "2026-06-01", today="2026-06-01"))
    out = ok(run("petition", "notice", rid, today="2026-06-01"))
    assert out.startswith("青山镇政府\n青信告〔2026〕1号\n")
    assert "青山镇政府（盖章）" in out and "青山镇人民政府" not in out


# -- validate, then write: a refused print reveals nothing --------------------------------


def template_office(run: Invoke, data_dir: Path) -> None:
    """A directory ``init`` made: its name is still the template's 某某镇人民政府."""
    ok(run("init", today="2026-06-01"))
    assert "某某镇人民政府" in (data_dir / "township.toml").read_text(encoding="utf-8")


def assert_refused_unchanged(run: Invoke, data_dir: Path, *args: str, audited: bool = True) -> None:
    """``args`` with --reveal is refused for the template name, and no file changed.

    ``audited``: the record holds protected data, so the same print as a draft
    does write its reveal (a consultation's name is not protected: nothing to audit).
    """
    before = snapshot(data_dir)
    refused(run(*args, "--reveal", today="2026-06-01"), "某某镇人民政府", "--draft")
    assert snapshot(data_dir) == before, args  # the audit log has no reveal line
    # the same print as a draft goes out, and its reveal is audited
    ok(run(*args, "--reveal", "--draft", today="2026-06-01"))
    assert (snapshot(data_dir) != before) == audited, args


def test_papers_refused_for_a_template_value_write_no_reveal(run: Invoke, data_dir: Path) -> None:
    template_office(run, data_dir)
    pet = ok(
        run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷",
            "--on", "2026-05-25", today="2026-06-01")
    ).splitlines()[0]  # fmt: skip
    ok(run("petition", "accept", pet, "--on", "2026-06-01", today="2026-06-01"))
    den = filed_denial(run)
    visit = ok(
        run("inquiry", "log", "--name", "张三", "--matter", "咨询宅基地审批", "--channel",
            "visit", "--dept", "国土所", "--on", "2026-06-01", today="2026-06-01")
    ).splitlines()[0]  # fmt: skip
    assert_refused_unchanged(run, data_dir, "petition", "notice", pet)
    assert_refused_unchanged(run, data_dir, "denial", "notice", den)
    assert_refused_unchanged(run, data_dir, "inquiry", "intake-form", visit, audited=False)


def test_forms_refused_for_a_template_value_write_no_reveal(run: Invoke, data_dir: Path) -> None:
    template_office(run, data_dir)
    den = filed_denial(run)
    inq = ok(
        run("inquiry", "log", "--name", "张三", "--matter", "申请临时救助", "--dept", "民政办",
            "--on", "2026-06-01", today="2026-06-01")
    ).splitlines()[0]  # fmt: skip
    ok(run("inquiry", "notify", inq, "--item", "户口簿复印件", today="2026-06-01"))
    assert_refused_unchanged(run, data_dir, "denial", "form", den)
    assert_refused_unchanged(run, data_dir, "inquiry", "notice", inq, audited=False)


def test_the_briefing_register_refused_for_a_template_value_writes_no_reveal(
    run: Invoke, data_dir: Path
) -> None:
    template_office(run, data_dir)
    ok(
        run(
            "briefing", "file", "--subject", "某村聚集苗头", "--category", "3",
            "--to", "县委政法委", "--level", "秘密", "--handler", "保密员赵某",
            today="2026-06-01",
        )
    )  # fmt: skip
    assert_refused_unchanged(run, data_dir, "briefing", "register")
