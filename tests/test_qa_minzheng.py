"""End to end, as the 民政 services and information reports are judged: each kind
through its steps in and out of order across a quarter that ends on a rest day,
every view read for unmasked data, a one-time notice from the catalogue checked
against the seed's list (民政工作有关制度 三（四）2⑴)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import Invoke

# 2023Q3 ends on Saturday 2023-09-30, the first day of the National Day holiday
# (2023-09-29 to 2023-10-06 off; 2023-10-07 and 2023-10-08 are make-up working
# days). The county's quarterly round (quarter-end) is due on the quarter's last
# day, a rest day rolling forward: 09-30 (rest), 10-01..10-06 (rest), 10-07
# (Saturday, make-up working day) -> 2023-10-07.
QUARTER_END_DUE = "2023-10-07"


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(result: Any, *words: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


def files(data_dir: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def init(run: Invoke, today: str) -> None:
    ok(run("init", today=today))


def test_medical_aid_across_a_quarter_ending_on_a_holiday(run: Invoke) -> None:
    init(run, "2023-09-01")
    rid = ok(
        run(
            "medical-aid", "apply", "--applicant", "钱某乙", "--village", "石桥村",
            "--costs", "36000", "--condition", "high-costs", "--recipient", "dibao",
            "--contact", "13812345678", today="2023-09-20",
        )
    ).stdout.strip()  # fmt: skip
    # Out of order: the county decides only after the township's review.
    refused(run("medical-aid", "decide", rid, "--result", "approved", today="2023-09-21"),
            "medical-aid review")  # fmt: skip
    out = ok(
        run("medical-aid", "review", rid, "--opinion", "approve", "--note", "属实",
            "--visited", "2023-09-27", today="2023-09-28")
    ).stdout  # fmt: skip
    assert QUARTER_END_DUE in out
    refused(run("medical-aid", "review", rid, "--opinion", "approve", "--note", "x",
                today="2023-09-28"), "medical-aid decide")  # fmt: skip
    record = json.loads(ok(run("medical-aid", "show", rid, "--format", "json",
                               today="2023-09-28")).stdout)  # fmt: skip
    assert [c["due"] for c in record["deadlines"]] == [QUARTER_END_DUE]
    # 2023-10-09 is past the county's due date: shown, never the township's overdue.
    report = ok(run("overdue", "--format", "json", today="2023-10-09")).stdout
    assert rid not in report
    ok(run("medical-aid", "decide", rid, "--result", "approved", "--amount", "5000",
           today="2023-10-09"))  # fmt: skip
    refused(run("medical-aid", "decide", rid, "--result", "approved", today="2023-10-09"),
            "无（已结束）")  # fmt: skip
    stats = json.loads(ok(run("stats", "--format", "json", today="2023-10-09")).stdout)
    assert stats["total"]["late"] == 0


def test_disaster_aid_refuses_a_posting_that_ends_before_it_was_put_up(
    run: Invoke, data_dir: Path
) -> None:
    today = "2023-09-22"
    init(run, "2023-09-01")
    rid = ok(run("disaster-aid", "apply", "--applicant", "冯某", "--village", "石桥村",
                 "--loss", "房屋倒塌", today=today)).stdout.strip()  # fmt: skip
    # Out of order first: the next step is named, whatever --until says.
    refused(run("disaster-aid", "publish", rid, "--until", "2023-09-01", today=today),
            "disaster-aid nominate")  # fmt: skip
    ok(run("disaster-aid", "nominate", rid, "--note", "提名", today=today))
    ok(run("disaster-aid", "deliberate", rid, "--meeting", "villagers", "--result", "同意",
           today=today))  # fmt: skip
    before = files(data_dir)
    # ⑷张榜公布 on 09-22 until 09-21: the posting would end before it began.
    refused(run("disaster-aid", "publish", rid, "--until", "2023-09-21", today=today),
            "2023-09-21", "2023-09-22")  # fmt: skip
    assert files(data_dir) == before
    ok(run("disaster-aid", "publish", rid, "--until", "2023-09-22", today=today))


def _briefings(run: Invoke, today: str) -> tuple[str, str]:
    secret = ok(run("briefing", "file", "--subject", "某村土地纠纷可能引发集体上访",
                    "--category", "3", "--to", "县委政法委", "--level", "秘密",
                    "--handler", "保密员赵某", today=today)).stdout.strip()  # fmt: skip
    open_ = ok(run("briefing", "file", "--subject", "国庆期间稳定情况", "--category", "5",
                   "--to", "党委书记", today=today)).stdout.strip()  # fmt: skip
    return secret, open_


def test_search_finds_an_unclassified_subject_and_hides_a_classified_one(run: Invoke) -> None:
    today = "2023-09-25"
    init(run, "2023-09-01")
    secret, open_ = _briefings(run, today)
    # An unclassified subject is printed in list and show: search finds it too.
    found = ok(run("search", "国庆", today=today)).stdout
    assert open_ in found
    # A classified one stays masked everywhere, search included ...
    assert "没有找到" in ok(run("search", "土地纠纷", today=today)).stdout
    listed = ok(run("briefing", "list", today=today)).stdout
    assert "土地" not in listed and "〔涉密〕" in listed
    # ... unless revealed, and the reveal is audited.
    revealed = ok(run("search", "土地纠纷", "--reveal", today=today)).stdout
    assert secret in revealed and "土地纠纷" in revealed
    log = ok(run("audit", "log", secret, today=today)).stdout
    assert "search --reveal" in log
    # A search that matched no personal field audits nothing for the open one.
    assert "reveal" not in ok(run("audit", "log", open_, today=today)).stdout


def test_search_names_the_id_column_it_matched_in_chinese(run: Invoke) -> None:
    today = "2023-09-25"
    init(run, "2023-09-01")
    _, open_ = _briefings(run, today)
    out = ok(run("search", open_, today=today)).stdout
    row = next(line for line in out.splitlines() if line.startswith(open_))
    assert "编号" in row and " id" not in row


def test_amend_confirmation_of_a_briefing_subject(run: Invoke) -> None:
    today = "2023-09-25"
    init(run, "2023-09-01")
    secret, open_ = _briefings(run, today)
    # Unclassified: as show prints it, no contact-style mask.
    out = ok(run("amend", open_, "--set", "subject=国庆节期间稳定情况", "--reason", "笔误",
                 today=today)).stdout  # fmt: skip
    assert "国庆期间稳定情况 → 国庆节期间稳定情况" in out
    # Classified: refused without --reveal; with it, shown and audited.
    refused(run("amend", secret, "--set", "subject=某村土地纠纷", "--reason", "笔误",
                today=today), "--reveal")  # fmt: skip
    # Amending another field of a classified report never prints the subject.
    out = ok(run("amend", secret, "--set", "recipients=县委政法委、县公安局", "--reason", "补充",
                 "--format", "json", today=today)).stdout  # fmt: skip
    assert "土地" not in out


def test_one_time_notice_from_the_catalogue_matches_the_seed_list(run: Invoke) -> None:
    """民政工作有关制度 三（四）2⑴: 本人身份证、户口本复印件，属五保户特困对象的须提供证件复印件，
    当年患病的县级以上(含县级)医疗诊断书、医疗费用发票，必要的医疗病史资料原件，已由政府医疗
    救济、社会互助情况的证明. A category-1 applicant (五保户、特困户家庭人员) who brought the
    first two is missing the other five; a category-2 one does not need the 证件复印件."""
    today = "2023-09-20"
    init(run, "2023-09-01")
    seed = [
        "五保户、特困对象证件复印件",
        "当年患病的县级以上（含县级）医疗诊断书",
        "医疗费用发票",
        "必要的医疗病史资料原件",
        "已获政府医疗救济、社会互助情况的证明",
    ]
    have = ["--have", "本人身份证复印件", "--have", "户口本复印件"]
    for category, missing in (("1", seed), ("2", seed[1:])):
        rid = ok(run("inquiry", "log", "--name", "钱某乙", "--matter", "大病救济申请",
                     "--type", "apply", today=today)).stdout.strip()  # fmt: skip
        ok(run("inquiry", "notify", rid, "--service", "大病救济", "--category", category,
               *have, today=today))  # fmt: skip
        record = json.loads(ok(run("inquiry", "show", rid, "--format", "json",
                                   today=today)).stdout)  # fmt: skip
        assert record["notices"][-1]["items"] == missing


def test_audit_log_masks_an_amended_classified_subject(run: Invoke) -> None:
    """An amend's audit line holds only the fields it changed (no level): the
    classified subject is still masked in audit log JSON and the audit export,
    and a listing with --reveal audits the reveal of that report."""
    today = "2023-09-25"
    init(run, "2023-09-01")
    secret, _ = _briefings(run, today)
    ok(run("amend", secret, "--set", "subject=某村土地纠纷", "--reason", "笔误", "--reveal",
           today=today))  # fmt: skip
    for args in (
        ("audit", "log", secret, "--format", "json"),
        ("export", "audit", "--format", "json"),
        ("export", "audit", "--format", "csv"),
    ):
        out = ok(run(*args, today=today)).stdout
        assert "土地" not in out, args
        assert "国庆期间稳定情况" in out or args[1] == "log"
    ok(run("audit", "log", secret, "--format", "json", "--reveal", today=today))
    notes = ok(run("audit", "log", secret, today=today)).stdout
    assert "audit log --reveal" in notes


def test_medical_aid_home_visit_falls_between_application_and_review(
    run: Invoke, data_dir: Path
) -> None:
    # Applied 2023-09-20, reviewed 2023-09-28: a visit on 09-29 (after the review,
    # after today) or on 09-19 (before the application) is a mistyped date.
    init(run, "2023-09-01")
    rid = ok(run("medical-aid", "apply", "--applicant", "吴某", "--village", "石桥村",
                 "--costs", "20000", today="2023-09-20")).stdout.strip()  # fmt: skip
    review = ("medical-aid", "review", rid, "--opinion", "approve", "--note", "属实")
    before = files(data_dir)
    for visited in ("2023-09-29", "2023-09-19"):
        refused(run(*review, "--visited", visited, today="2023-09-28"), visited)
    assert files(data_dir) == before
    ok(run(*review, "--visited", "2023-09-20", today="2023-09-28"))


def test_rules_of_a_kind_without_a_period_say_so(run: Invoke) -> None:
    # 五保收养, 救灾救济 and 信息报告 set no period (及时, 第一时间): no clock is
    # invented, and `rules --kind` says so instead of refusing a kind that exists.
    for kind in ("wubao", "disaster-aid", "briefing", "五保收养"):
        out = ok(run("rules", "--kind", kind)).stdout
        assert "未规定办理期限" in out
        assert json.loads(ok(run("rules", "--kind", kind, "--format", "json")).stdout) == []
    # A circular meets a duty: its rule is the duty's.
    out = ok(run("rules", "--kind", "circular")).stdout
    assert out.splitlines()[2].startswith("circular ")
    refused(run("rules", "--kind", "bogus"), "bogus")


def test_a_step_out_of_order_reads_in_english(run: Invoke) -> None:
    # The steps' English labels are past participles ("placed in a home"): the
    # refusal names the step instead of using it as a verb ("it cannot placed").
    init(run, "2023-09-01")
    rid = ok(run("wubao", "apply", "--applicant", "郑某", "--village", "石桥村",
                 today="2023-09-20")).stdout.strip()  # fmt: skip
    err = refused(run("wubao", "place", rid, "--home", "敬老院", today="2023-09-20", lang="en"),
                  "(wubao village-review)")  # fmt: skip
    assert "cannot placed" not in err
    assert "the step placed in a home (wubao place) is not allowed now" in err


def test_a_briefing_source_must_be_a_record_of_the_office(run: Invoke, data_dir: Path) -> None:
    today = "2023-09-28"
    init(run, "2023-09-01")
    report = ("briefing", "file", "--subject", "土地纠纷苗头", "--category", "1", "--to", "县委")
    before = files(data_dir)
    refused(run(*report, "--source", "DSP-2023-0099", today=today), "DSP-2023-0099")
    assert files(data_dir) == before
    dispute = ok(run("dispute", "register", "--summary", "宅基地纠纷", "--parties", "张某甲",
                     today=today)).stdout.strip()  # fmt: skip
    rid = ok(run(*report, "--source", dispute.lower(), today=today)).stdout.strip()
    record = json.loads(ok(run("briefing", "show", rid, "--format", "json", today=today)).stdout)
    assert record["source"] == dispute
