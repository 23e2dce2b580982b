"""``township dibao`` from the command line .

Periods are calendar days (日): E + N, moved to the next working day when that
is a rest day. Expected dates are derived by hand in comments: received Fri
2026-02-13 + 10 days = Mon 02-23, last day of the Spring Festival break
(02-15..02-23) -> the review is due Tue 02-24; sent to the county 02-24 + 15
days = Wed 03-11, a working day.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke

NAME, PHONE = "张秀英", "13800001234"
MASKED_NAME, MASKED_PHONE = "张**", "138****1234"


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def js(result: Result) -> object:
    return json.loads(ok(result).stdout)


def apply(run: Invoke, *extra: str, on: str = "2026-02-13", income: str = "980") -> str:
    result = ok(
        run(
            "dibao",
            "apply",
            "--applicant",
            NAME,
            "--contact",
            PHONE,
            "--village",
            "东村",
            "--household",
            "3",
            "--income",
            income,
            "--on",
            on,
            *extra,
        )
    )
    return result.stdout.splitlines()[0]


def files(data_dir: Path) -> dict[Path, bytes]:
    # Every byte of every data file; the lock file is not data.
    return {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and p.name != ".lock"}


def test_apply_prints_the_id_and_the_review_is_due_in_ten_days(run: Invoke) -> None:
    rid = apply(run)
    assert rid == "MLS-2026-0001"
    data = js(run("dibao", "show", rid, "--format", "json"))
    assert isinstance(data, dict)
    [review] = data["deadlines"]
    assert set(review) >= {"rule", "trigger", "due", "met_on", "state", "provisional"}
    # Due 2026-02-24 (see the module docstring); on 2026-03-02 it is overdue.
    assert (review["rule"], review["trigger"], review["due"], review["state"]) == (
        "dibao-town-review",
        "2026-02-13",
        "2026-02-24",
        "overdue",
    )
    listed = ok(run("dibao", "list")).stdout
    assert "2026-02-24" in listed and "镇民政办审核" in listed


def test_review_confirms_the_countys_due_date_and_the_report_ignores_it(run: Invoke) -> None:
    rid = apply(run)
    out = ok(
        run("dibao", "review", rid, "--opinion", "approve", "--note", "属实", "--on", "2026-02-24")
    ).stdout
    assert "县民政局审批" in out and "2026-03-11" in out
    # On 2026-04-01 the county is three weeks past its 15 days: shown as 已届满 on
    # the record, never in the township's report.
    shown = js(run("dibao", "show", rid, "--format", "json", today="2026-04-01"))
    assert isinstance(shown, dict)
    county = next(x for x in shown["deadlines"] if x["rule"] == "dibao-county-decision")
    assert (county["due"], county["state"]) == ("2026-03-11", "expired")
    report = js(run("overdue", "--format", "json", today="2026-04-01"))
    assert report == []
    assert run("overdue", "--exit-code", today="2026-04-01").exit_code == 0
    assert ok(run("dibao", "list", "--overdue", today="2026-04-01")).stdout.count("MLS-") == 0


def test_a_late_review_is_reported_and_confirmed_late(run: Invoke) -> None:
    rid = apply(run)
    report = js(run("overdue", "--format", "json"))
    assert isinstance(report, list)
    [item] = report
    # Due Tue 02-24; on Mon 03-02: 02-25, 02-26, 02-27, 02-28 (make-up Saturday),
    # 03-02 -> 5 working days late.
    assert set(item) == {
        "id",
        "kind",
        "matter",
        "rule",
        "rule_label",
        "clause",
        "trigger",
        "due",
        "state",
        "workdays_late",
        "serious",
        "responsible",
        "provisional",
    }
    assert (item["id"], item["kind"], item["rule"], item["state"], item["workdays_late"]) == (
        rid,
        "dibao",
        "dibao-town-review",
        "overdue",
        5,
    )
    # Its matter is the applicant, masked, and the village.
    assert item["matter"] == NAME[0] + "*" * (len(NAME) - 1) + " 东村"
    out = ok(run("dibao", "review", rid, "--opinion", "reject", "--note", "收入超标")).stdout
    assert "逾期 5 个工作日" in out


def test_out_of_order_is_exit_2_naming_the_next_step(run: Invoke, data_dir: Path) -> None:
    rid = apply(run)
    before = files(data_dir)
    result = run("dibao", "decide", rid, "--result", "approved")
    assert result.exit_code == 2
    assert "dibao review" in result.stderr
    result = run("dibao", "publish", rid, "--lang", "en")
    assert result.exit_code == 2 and "dibao review" in result.stderr
    assert files(data_dir) == before


def test_a_rejection_needs_a_reason_and_is_told_in_writing(run: Invoke, data_dir: Path) -> None:
    rid = apply(run, income="1620")
    ok(run("dibao", "review", rid, "--opinion", "reject", "--note", "收入超标"))
    before = files(data_dir)
    result = run("dibao", "decide", rid, "--result", "rejected")
    assert result.exit_code == 2 and "--reason" in result.stderr
    assert files(data_dir) == before
    ok(run("dibao", "decide", rid, "--result", "rejected", "--reason", "家庭人均收入高于标准"))
    assert ok(run("dibao", "notify", rid)).stdout.startswith(f"{rid} 已书面告知")
    again = run("dibao", "notify", rid)
    assert again.exit_code == 2


def test_approved_published_cancelled(run: Invoke) -> None:
    rid = apply(run)
    ok(run("dibao", "review", rid, "--opinion", "approve", "--note", "属实", "--on", "2026-02-24"))
    out = ok(run("dibao", "decide", rid, "--result", "approved", "--certificate", "2026-017"))
    assert out.stdout == f"{rid} 已登记县民政局审批结果；没有未完成的期限。\n"
    assert js(run("dibao", "show", rid, "--format", "json"))["status"] == "approved"
    ok(run("dibao", "publish", rid))
    ok(run("dibao", "cancel", rid, "--reason", "家庭成员就业"))
    data = js(run("dibao", "show", rid, "--format", "json"))
    assert isinstance(data, dict)
    assert (data["status"], data["certificate"]) == ("cancelled", "2026-017")
    assert [e["action"] for e in data["events"]] == [
        "apply",
        "review",
        "decide",
        "publish",
        "cancel",
    ]


def test_income_not_below_the_line_is_flagged(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text("[dibao]\nline = 1800\n", encoding="utf-8")
    result = run(
        "dibao", "apply", "--applicant", NAME, "--village", "西村", "--household", "2",
        "--income", "1800", "--on", "2026-02-13",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "MLS-2026-0001"
    assert "1800" in result.stderr and "不低于" in result.stderr
    data = js(run("dibao", "show", "MLS-2026-0001", "--format", "json"))
    assert isinstance(data, dict)
    assert (data["above_line"], data["line"]) == (True, 1800)
    assert "不低于标准" in ok(run("dibao", "list")).stdout


def test_a_bad_line_is_exit_3_naming_the_key(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text("[dibao]\nline = -1\n", encoding="utf-8")
    before = files(data_dir)
    result = run(
        "dibao", "apply", "--applicant", NAME, "--village", "西村", "--household", "2",
        "--income", "800",
    )  # fmt: skip
    assert result.exit_code == 3
    assert "dibao.line" in result.stderr
    assert files(data_dir) == before
    assert run("overdue").exit_code == 3


@pytest.mark.parametrize("fmt", ["table", "plain", "github", "html", "csv", "tsv", "json"])
def test_the_applicant_is_masked_in_every_format(run: Invoke, fmt: str) -> None:
    rid = apply(run)
    for args in (("dibao", "list"), ("dibao", "show", rid)):
        out = ok(run(*args, "--format", fmt)).stdout
        assert NAME not in out and PHONE not in out, (args, fmt)
        assert MASKED_NAME in out, (args, fmt)


def test_masked_in_export_report_and_creation_json(run: Invoke) -> None:
    created = ok(
        run(
            "dibao", "apply", "--applicant", NAME, "--contact", PHONE, "--village", "东村",
            "--household", "3", "--income", "980", "--on", "2026-02-13", "--format", "json",
        )
    ).stdout  # fmt: skip
    assert NAME not in created and PHONE not in created and MASKED_PHONE in created
    for fmt in ("csv", "json"):
        out = ok(run("export", "dibao", "--format", fmt)).stdout
        assert NAME not in out and PHONE not in out and "MLS-2026-0001" in out
    for fmt in ("table", "html", "json"):
        out = ok(run("overdue", "--format", fmt)).stdout
        assert NAME not in out and PHONE not in out
    confirm = ok(run("dibao", "review", "MLS-2026-0001", "--opinion", "approve", "--note", "属实",
                     "--format", "json")).stdout  # fmt: skip
    assert NAME not in confirm and PHONE not in confirm


def test_reveal_is_audited(run: Invoke) -> None:
    rid = apply(run)
    data = js(run("dibao", "show", rid, "--reveal", "--format", "json"))
    assert isinstance(data, dict)
    assert (data["applicant"], data["contact"]) == (NAME, PHONE)
    assert "reveal" in ok(run("audit", "log", rid)).stdout
    assert NAME in ok(run("dibao", "list", "--reveal")).stdout


def test_stats_count_the_township_not_the_county(run: Invoke) -> None:
    rid = apply(run)
    ok(run("dibao", "review", rid, "--opinion", "approve", "--note", "属实", "--on", "2026-02-24"))
    data = js(
        run("stats", "--year", "2026", "--by", "kind", "--format", "json", today="2026-04-01")
    )
    assert isinstance(data, dict)
    text = json.dumps(data, ensure_ascii=False)
    assert "dibao" in text
    # One deadline (the review, met on time); the county's is not the township's.
    assert data["total"]["met"] == 1 and data["total"]["overdue"] == 0


def test_english(run: Invoke) -> None:
    rid = apply(run)
    out = ok(run("dibao", "review", rid, "--opinion", "approve", "--note", "ok", "--lang", "en"))
    # Review due 2026-02-24, sent Mon 03-02: 5 working days late (02-25..02-28, 03-02).
    assert out.stdout == (
        f"{rid} sent to the county; 'township review' met 5 working days late (due 2026-02-24).\n"
    )
    # The county's: sent Mon 2026-03-02 + 15 days = Tue 03-17, a working day.
    shown = ok(run("dibao", "show", rid, "--lang", "en")).stdout
    assert "county decision" in shown and "2026-03-17" in shown and "with the county" in shown


@pytest.mark.parametrize(
    ("option", "value", "reason"),
    [
        ("--income", "1000000000.5", "1000000000"),
        ("--income", "1e23", "1000000000"),
        ("--income", "-1", "家庭人均收入"),
        ("--household", "0", "家庭人口"),
        ("--household", "51", "50"),
    ],
)
def test_values_that_cannot_be_right_are_refused_with_the_reason(
    run: Invoke, data_dir: Path, option: str, value: str, reason: str
) -> None:
    ok(run("init"))
    before = files(data_dir)
    args = {"--applicant": NAME, "--village": "东村", "--household": "3", "--income": "980"}
    args[option] = value
    result = run("dibao", "apply", *[x for pair in args.items() for x in pair])
    assert result.exit_code == 2, result.output
    assert reason in result.stderr and "Traceback" not in result.output
    assert files(data_dir) == before


def test_help_states_no_period_of_its_own(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text(
        "[rules]\ndibao-town-review = 12\ndibao-county-decision = 20\n", encoding="utf-8"
    )
    for path in ((), ("apply",), ("review",), ("decide",), ("notify",), ("publish",),
                 ("cancel",), ("list",), ("show",)):  # fmt: skip
        for lang in ("zh", "en"):
            text = " ".join(ok(run("dibao", *path, "--help", lang=lang)).stdout.split())
            prose = re.sub(r"(示例：|Example:).*?(选项:|Options:)", "", text)
            assert not re.search(r"(?<![\d-])(10|15|12|20)(?![\d-])", prose), (path, lang, text)
    for path in ((), ("apply",), ("review",)):
        text = " ".join(ok(run("dibao", *path, "--help")).stdout.split())
        assert "township rules --kind dibao" in text, path
