"""The 民政 services and information reports: wubao, medical-aid, disaster-aid, briefing.

Each kind is only its declaration (township/kinds/*.py): its commands are
derived. Each is taken through its steps in order and out of order, and read
in every view for masked personal data.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from conftest import Invoke


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def new_id(result: Any) -> str:
    return ok(result).stdout.splitlines()[0].strip()


def show(run: Invoke, rid: str, today: str, *more: str) -> dict:
    kind = {"WBA": "wubao", "MED": "medical-aid", "DRL": "disaster-aid", "BRF": "briefing"}
    return json.loads(
        ok(run(kind[rid[:3]], "show", rid, "--format", "json", *more, today=today)).stdout
    )


# -- 五保收养 ------------------------------------------------------------------------


def test_wubao_goes_through_its_five_steps_in_order(run: Invoke) -> None:
    today = "2026-03-20"
    rid = new_id(
        run(
            "wubao",
            "apply",
            "--applicant",
            "孙某甲",
            "--village",
            "青山村",
            "--id-number",
            "510000195001011234",
            "--on",
            "2026-03-02",
            today=today,
        )
    )
    assert rid == "WBA-2026-0001"
    # The township cannot review before the village committee has.
    refused = run("wubao", "review", rid, "--opinion", "approve", "--note", "x", today=today)
    assert refused.exit_code == 2
    assert "wubao village-review" in refused.stderr
    ok(
        run(
            "wubao",
            "village-review",
            rid,
            "--opinion",
            "情况属实",
            "--on",
            "2026-03-03",
            today=today,
        )
    )
    ok(
        run(
            "wubao",
            "review",
            rid,
            "--opinion",
            "同意",
            "--note",
            "符合三无条件",
            "--on",
            "2026-03-05",
            today=today,
        )
    )
    ok(run("wubao", "decide", rid, "--result", "approved", "--on", "2026-03-16", today=today))
    ok(run("wubao", "place", rid, "--home", "青山镇敬老院", "--on", "2026-03-18", today=today))
    record = show(run, rid, today)
    assert record["status"] == "placed"
    assert [e["action"] for e in record["events"]] == [
        "apply",
        "village-review",
        "review",
        "decide",
        "place",
    ]
    # The text sets no period: no clock is invented.
    assert record["deadlines"] == []
    # Personal data masked: name, ID number.
    assert record["applicant"] == "孙**"
    assert "195001011234" not in json.dumps(record)


def test_wubao_rejected_by_the_township_is_closed(run: Invoke) -> None:
    rid = new_id(run("wubao", "apply", "--applicant", "周某", "--village", "石桥村"))
    ok(run("wubao", "village-review", rid, "--opinion", "有子女赡养"))
    ok(run("wubao", "review", rid, "--opinion", "reject", "--note", "有法定赡养人"))
    assert show(run, rid, "2026-03-02")["status"] == "town-rejected"
    refused = run("wubao", "decide", rid, "--result", "approved")
    assert refused.exit_code == 2 and "无（已结束）" in refused.stderr


# -- 大病救济 ------------------------------------------------------------------------


def test_medical_aid_county_round_is_the_end_of_the_quarter_rolled(run: Invoke) -> None:
    today = "2024-03-01"
    rid = new_id(
        run(
            "medical-aid",
            "apply",
            "--applicant",
            "钱某乙",
            "--village",
            "石桥村",
            "--costs",
            "36000",
            "--condition",
            "high-costs",
            "--recipient",
            "dibao",
            "--on",
            "2023-11-10",
            today=today,
        )
    )
    ok(
        run(
            "medical-aid",
            "review",
            rid,
            "--opinion",
            "approve",
            "--note",
            "入户核实",
            "--visited",
            "2023-11-14",
            "--on",
            "2023-11-15",
            today=today,
        )
    )
    record = show(run, rid, today)
    (county,) = record["deadlines"]
    # Reported on 2023-11-15 (Q4): the quarter ends Sun 2023-12-31; 2024-01-01 is
    # New Year's Day (rest), so the round is due Tue 2024-01-02.
    assert (county["rule"], county["due"]) == ("medical-aid-county", "2024-01-02")
    # The county's clock: past due it is shown as expired, never overdue.
    assert county["state"] == "expired"
    report = json.loads(ok(run("overdue", "--format", "json", today=today)).stdout)
    assert not [i for i in report if i["id"] == rid]


def test_medical_aid_outside_the_conditions_is_flagged_not_refused(run: Invoke) -> None:
    rid = new_id(
        run(
            "medical-aid",
            "apply",
            "--applicant",
            "吴某",
            "--village",
            "柳溪村",
            "--costs",
            "8000",
            "--condition",
            "high-costs",
            "--recipient",
            "none",
            "--cause",
            "traffic",
        )
    )
    record = show(run, rid, "2026-03-02")
    table = ok(run("medical-aid", "show", rid)).stdout
    assert "申请人不是城乡低保救济者" in table
    assert "当年医疗费用未超过1万元" in table
    assert "不列入救济范围" in table
    assert record["status"] == "applied"
    listed = ok(run("medical-aid", "list")).stdout
    assert "申请人不是城乡低保救济者" in listed


def test_medical_aid_refuses_an_impossible_amount(run: Invoke, data_dir: Any) -> None:
    result = run(
        "medical-aid",
        "apply",
        "--applicant",
        "吴某",
        "--village",
        "柳溪村",
        "--costs",
        "1000000000000",
    )
    assert result.exit_code == 2
    assert "1000000000" in result.stderr
    assert not (data_dir / "medical-aid").exists()


def test_medical_aid_rejected_review_starts_no_county_clock(run: Invoke) -> None:
    rid = new_id(
        run(
            "medical-aid", "apply", "--applicant", "吴某", "--village", "柳溪村", "--costs", "20000"
        )
    )
    ok(run("medical-aid", "review", rid, "--opinion", "reject", "--note", "不符合条件"))
    record = show(run, rid, "2026-03-02")
    assert record["status"] == "town-rejected" and record["deadlines"] == []


# -- 救灾救济 ------------------------------------------------------------------------


def test_disaster_aid_six_steps_in_order(run: Invoke) -> None:
    today = "2026-03-20"
    rid = new_id(
        run(
            "disaster-aid",
            "apply",
            "--applicant",
            "李某丙",
            "--village",
            "柳溪村",
            "--loss",
            "洪水冲毁住房两间",
            "--on",
            "2026-03-02",
            today=today,
        )
    )
    skipped = run(
        "disaster-aid", "deliberate", rid, "--meeting", "villagers", "--result", "x", today=today
    )
    assert skipped.exit_code == 2 and "disaster-aid nominate" in skipped.stderr
    steps = [
        ("nominate", "--note", "初评提名"),
        ("deliberate", "--meeting", "村民代表会议", "--result", "全票通过"),
        ("publish", "--until", "2026-03-12"),
        ("review", "--opinion", "approve", "--note", "审核无误"),
        ("decide", "--result", "approved", "--amount", "3000", "--use", "1", "--use", "3"),
    ]
    for n, (step, *args) in enumerate(steps, start=3):
        ok(run("disaster-aid", step, rid, *args, "--on", f"2026-03-{n:02d}", today=today))
    record = show(run, rid, today)
    assert record["status"] == "approved"
    assert record["uses"] == [1, 3] and record["meeting"] == "representatives"
    assert record["deadlines"] == []


# -- 信息报告 ------------------------------------------------------------------------


def test_a_classified_report_needs_its_handler(run: Invoke, data_dir: Any) -> None:
    refused = run(
        "briefing",
        "file",
        "--subject",
        "某村聚集苗头",
        "--category",
        "3",
        "--to",
        "县委政法委",
        "--level",
        "秘密",
    )
    assert refused.exit_code == 2 and "--handler" in refused.stderr
    assert not (data_dir / "briefings").exists()


def test_a_classified_subject_is_masked_everywhere(run: Invoke) -> None:
    rid = new_id(
        run(
            "briefing",
            "file",
            "--subject",
            "某村聚集苗头",
            "--category",
            "3",
            "--to",
            "县委政法委",
            "--level",
            "秘密",
            "--handler",
            "保密员赵某",
        )
    )
    open_rid = new_id(
        run(
            "briefing", "file", "--subject", "节前排查情况", "--category", "5", "--to", "镇党委书记"
        )
    )
    record = show(run, rid, "2026-03-02")
    assert record["subject"] == "〔涉密〕" and record["channel"] == "机密途径"
    assert show(run, open_rid, "2026-03-02")["subject"] == "节前排查情况"
    for args in (
        ("briefing", "list"),
        ("briefing", "show", rid),
        ("export", "briefing", "--format", "csv"),
        ("briefing", "register"),
    ):
        assert "聚集苗头" not in ok(run(*args)).stdout, args
    assert ok(run("search", "聚集")).stdout.count(rid) == 0
    revealed = ok(run("search", "聚集", "--reveal")).stdout
    assert rid in revealed
    register = ok(run("briefing", "register", "--reveal")).stdout
    assert "聚集苗头" in register and "保密员赵某" in register
    log = ok(run("audit", "log", rid, "--format", "json")).stdout
    assert "reveal" in log


def test_an_instruction_passed_on_the_same_day_says_so(run: Invoke) -> None:
    rid = new_id(
        run(
            "briefing",
            "receive",
            "--subject",
            "节日期间维稳部署",
            "--from",
            "县综治办",
            "--on",
            "2026-02-27",
        )
    )
    early = run("briefing", "archive", rid)
    assert early.exit_code == 2 and "briefing pass-on" in early.stderr
    ok(run("briefing", "pass-on", rid, "--to", "各村委会", "--on", "2026-02-27"))
    assert "当日传达" in ok(run("briefing", "show", rid)).stdout
    ok(run("briefing", "archive", rid))


@pytest.mark.parametrize("kind", ["wubao", "medical-aid", "disaster-aid"])
def test_applicants_are_masked_in_csv_unless_revealed(run: Invoke, kind: str) -> None:
    extra = {"medical-aid": ["--costs", "12000"], "disaster-aid": ["--loss", "房屋倒塌"]}
    ok(
        run(
            kind,
            "apply",
            "--applicant",
            "郑某丁",
            "--village",
            "河东社区",
            "--contact",
            "13812345678",
            *extra.get(kind, []),
        )
    )
    rows = list(csv.reader(io.StringIO(ok(run("export", kind, "--format", "csv")).stdout)))
    text = json.dumps(rows, ensure_ascii=False)
    assert "郑某丁" not in text and "13812345678" not in text
    assert "郑**" in text and "138****5678" in text
