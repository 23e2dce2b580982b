"""Messages say the periods in force: ``[rules]`` of township.toml .

Every confirmation and refusal takes its number from the rule book with the
overrides applied, never from prose. Expected dates are derived by hand from
the overridden periods and the official calendar (chinese-calendar), as the
comments show.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke

OVERRIDES = """\
[rules]
appeal-window = 20
complaint-handling = 10
investigation = 5
web-reply = 3
petition-conclusion = 40
"""


@pytest.fixture
def overridden(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "township.toml").write_text(OVERRIDES, encoding="utf-8")
    return data_dir


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def test_complaint_handling_and_its_escalation(run: Invoke, overridden: Path) -> None:
    rid = ok(
        run("complaint", "register", "--complainant", "张三", "--against", "民政办",
            "--category", "1", "--summary", "拖延", today="2026-03-02")
    ).splitlines()[0]  # fmt: skip
    out = ok(run("complaint", "assign", rid, "--dept", "民政办", today="2026-03-02"))
    # complaint-handling = 10 working days from Mon 2026-03-02: 03-03..06 (4),
    # 03-09..13 (9), 03-16 (10) -> 2026-03-16 (15 would give 03-23).
    assert out.endswith("下一个期限：办结效能投诉，2026-03-16 到期。\n")
    out = ok(run("complaint", "escalate", rid, "--investigator", "赵某", today="2026-03-03"))
    # The case's investigation = 5 working days from Tue 03-03: 03-04..06 (3), 03-09 (4),
    # 03-10 (5) -> 2026-03-10.
    assert out.endswith("下一个期限：提交调查报告，2026-03-10 到期。\n")


def test_case_open_names_the_investigation_in_force(run: Invoke, overridden: Path) -> None:
    out = ok(
        run("case", "open", "--subject", "李某", "--unit", "民政办", "--matter", "4",
            "--source", "5", "--summary", "s", "--verified", "属实", "--opened-by", "镇长何某",
            "--investigator", "赵某", today="2026-03-02")
    )  # fmt: skip
    # investigation = 5 working days from Mon 03-02: 03-03..06 (4), 03-09 (5).
    assert out == "CASE-2026-0001\n下一个期限：提交调查报告，2026-03-09 到期。\n"


def test_web_reply_in_force_and_a_late_close(run: Invoke, overridden: Path) -> None:
    rid = ok(
        run("inquiry", "log", "--name", "张三", "--matter", "网上咨询", "--channel", "web",
            today="2026-03-02")
    ).splitlines()[0]  # fmt: skip
    out = ok(run("inquiry", "refer", rid, "--to-dept", "民政办", today="2026-03-02"))
    # web-reply = 3 working days from the referral, Mon 03-02: 03-03, 03-04, 03-05.
    assert out.endswith("下一个期限：网上咨询答复，2026-03-05 到期。\n")
    out = ok(run("inquiry", "close", rid, "--result", "已答复", today="2026-03-06", lang="en"))
    # Closed Fri 03-06, one working day after the due date.
    assert out == (
        f"{rid} closed on 2026-03-06; 'reply to a web inquiry' met 1 working day late "
        "(due 2026-03-05).\n"
    )


def test_petition_conclusion_in_force(run: Invoke, overridden: Path) -> None:
    rid = ok(
        run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷",
            today="2026-03-02")
    ).splitlines()[0]  # fmt: skip
    out = ok(run("petition", "accept", rid, today="2026-03-02"))
    # petition-conclusion = 40 days from Mon 03-02 -> Sat 04-11, a rest day -> Mon 04-13.
    assert out.endswith("下一个期限：信访事项办结，2026-04-13 到期。\n")


def test_a_late_appeal_is_refused_with_the_window_in_force(run: Invoke, overridden: Path) -> None:
    cid = ok(
        run("case", "open", "--subject", "李某", "--unit", "民政办", "--matter", "4",
            "--source", "5", "--summary", "s", "--verified", "属实", "--opened-by", "镇长何某",
            "--investigator", "赵某", today="2026-03-02")
    ).splitlines()[0]  # fmt: skip
    ok(run("case", "statement", cid, "--text", "申辩", today="2026-03-02"))
    ok(run("case", "report", cid, "--facts", "f", "--conclusion", "c", "--recommend", "1",
           "--severity", "minor", today="2026-03-02"))  # fmt: skip
    ok(run("case", "decide", cid, "--method", "1", today="2026-03-02"))
    out = ok(run("case", "deliver", cid, today="2026-03-02"))
    # appeal-window = 20 working days from Mon 03-02: 03-03..06 (4), 03-09..13 (9),
    # 03-16..20 (14), 03-23..27 (19), 03-30 (20) -> 2026-03-30.
    assert out.endswith("下一个期限：申诉期，2026-03-30 到期。\n")
    late = run("case", "appeal", cid, "--grounds", "g", today="2026-03-31")
    assert late.exit_code == 2
    assert "送达之日起20 个工作日" in late.stderr and "2026-03-30" in late.stderr
    assert "15" not in late.stderr
