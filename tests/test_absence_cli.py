"""``township absence`` from the command line , the report's section
and a category ⑤ complaint's absences.

Calendar facts for the comments: 2026-02-28 (Sat) is a make-up working day of
the Spring Festival; 2026-03-02 is a Monday.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Invoke


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def js(result: Result) -> object:
    return json.loads(ok(result).stdout)


def files(data_dir: Path) -> dict[Path, bytes]:
    # Every byte of every data file; the lock file is not data.
    return {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and p.name != ".lock"}


LOG = (
    "absence", "log", "--person", "王某", "--dept", "民政办", "--from", "2026-02-26",
    "--to", "2026-02-27", "--reason", "trip",
)  # fmt: skip


def log(run: Invoke, *extra: str) -> str:
    args = (*LOG, "--substitute", "李某", "--approved-by", "副镇长 高某", "--on", "2026-02-25")
    return ok(run(*args, *extra)).stdout.splitlines()[0]


def test_log_prints_the_id_and_return_is_due_on_the_last_day(run: Invoke) -> None:
    rid = log(run)
    assert rid == "ABS-2026-0001"
    data = js(run("absence", "show", rid, "--format", "json"))
    assert isinstance(data, dict)
    [ret] = data["deadlines"]
    # Due Fri 02-27 (fixed); on Mon 03-02 overdue by 2 working days (02-28, 03-02).
    assert (ret["rule"], ret["due"], ret["state"], ret["workdays_late"]) == (
        "absence-return",
        "2026-02-27",
        "overdue",
        2,
    )
    assert (data["person"], data["substitute"], data["approved_by"]) == (
        "王某",
        "李某",
        "副镇长 高某",
    )
    report = js(run("overdue", "--format", "json"))
    assert isinstance(report, list)
    [item] = report
    assert (item["id"], item["kind"], item["rule"], item["workdays_late"]) == (
        rid,
        "absence",
        "absence-return",
        2,
    )
    assert item["responsible"] == {"person": "王某", "dept": "民政办"}
    assert run("overdue", "--exit-code").exit_code == 1


def test_not_yet_overdue_on_the_last_day(run: Invoke) -> None:
    rid = log(run)
    data = js(run("absence", "show", rid, "--format", "json", today="2026-02-27"))
    assert isinstance(data, dict)
    assert data["deadlines"][0]["state"] == "open"
    report = js(run("overdue", "--format", "json", today="2026-02-27"))
    assert isinstance(report, list)
    assert [i["state"] for i in report] == ["due-today"]


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (("--approved-by", "副镇长 高某"), "缺少选项「--substitute」"),  # no stand-in
        (("--substitute", "李某"), "缺少选项「--approved-by」"),  # no approver
        (("--substitute", " ", "--approved-by", "副镇长 高某"), "替岗人不能为空"),
        (("--substitute", "李某", "--approved-by", "\u3000"), "批准领导不能为空"),
        (("--substitute", "\u200b\u200c", "--approved-by", "副镇长 高某"), "替岗人不能为空"),
        (
            ("--substitute", "李某", "--approved-by", "高某", "--person", "\ufeff"),
            "离岗人员不能为空",
        ),
        (("--substitute", "李某", "--approved-by", "高某", "--dept", "\u3000"), "站所不能为空"),
    ],
)
def test_without_stand_in_or_approver_is_refused(
    run: Invoke, data_dir: Path, extra: tuple[str, ...], needle: str
) -> None:
    ok(run("init"))
    before = files(data_dir)
    result = run(*LOG, *extra)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "Traceback" not in result.output
    assert files(data_dir) == before


@pytest.mark.parametrize(
    ("start", "end", "needle"),
    [
        ("0001-01-01", "2026-02-26", "离岗第一日 0001-01-01 早于 2000-01-01"),
        ("1999-12-31", "2026-02-26", "离岗第一日 1999-12-31 早于 2000-01-01"),
        ("2026-02-26", "1999-12-31", "离岗最后一日 1999-12-31 早于 2000-01-01"),
    ],
)
def test_a_day_before_2000_is_refused_with_the_reason(
    run: Invoke, data_dir: Path, start: str, end: str, needle: str
) -> None:
    ok(run("init"))
    before = files(data_dir)
    result = run(
        "absence", "log", "--person", "王某", "--dept", "民政办", "--from", start, "--to", end,
        "--reason", "trip", "--substitute", "李某", "--approved-by", "高某",
    )  # fmt: skip
    assert result.exit_code == 2 and needle in result.stderr, result.stderr
    assert files(data_dir) == before
    english = run(
        "absence", "log", "--person", "王某", "--dept", "民政办", "--from", start, "--to", end,
        "--reason", "trip", "--substitute", "李某", "--approved-by", "高某", "--lang", "en",
    )  # fmt: skip
    assert english.exit_code == 2 and "is before 2000-01-01" in english.stderr


def test_unreported_refuses_invisible_text(run: Invoke, data_dir: Path) -> None:
    ok(run("init"))
    before = files(data_dir)
    for args, needle in [
        (("--person", "\u200b", "--dept", "财政所", "--note", "x"), "离岗人员不能为空"),
        (("--person", "赵某", "--dept", "\u3000", "--note", "x"), "站所不能为空"),
        (("--person", "赵某", "--dept", "财政所", "--note", "\u2060 "), "情况说明不能为空"),
    ]:
        result = run("absence", "unreported", *args)
        assert result.exit_code == 2 and needle in result.stderr, (args, result.stderr)
    assert files(data_dir) == before


def test_last_day_before_first_day_is_refused(run: Invoke, data_dir: Path) -> None:
    ok(run("init"))
    before = files(data_dir)
    result = run(
        "absence", "log", "--person", "王某", "--dept", "民政办", "--from", "2026-02-26",
        "--to", "2026-02-25", "--reason", "trip", "--substitute", "李某", "--approved-by", "高某",
    )  # fmt: skip
    assert result.exit_code == 2 and "--from" in result.stderr
    assert files(data_dir) == before


def test_return_before_it_began_is_refused_then_returned(run: Invoke, data_dir: Path) -> None:
    rid = log(run)
    before = files(data_dir)
    result = run("absence", "return", rid, "--on", "2026-02-25")
    assert result.exit_code == 2 and "2026-02-26" in result.stderr
    assert files(data_dir) == before
    out = ok(run("absence", "return", rid, "--on", "2026-02-27")).stdout
    assert out.startswith(f"{rid} 已返岗")
    again = run("absence", "return", rid)
    assert again.exit_code == 2 and "已返岗" in again.stderr


def test_late_return_is_confirmed_late(run: Invoke) -> None:
    rid = log(run)
    out = ok(run("absence", "return", rid, "--lang", "en")).stdout
    # Back Mon 03-02, due Fri 02-27: 2 working days late (02-28 make-up Saturday).
    assert (
        out
        == f"{rid} back at the post; 'return to the post' met 2 working days late (due 2026-02-27).\n"
    )


def test_unreported(run: Invoke) -> None:
    result = run(
        "absence", "unreported", "--person", "赵某", "--dept", "财政所",
        "--note", "上班时间离岗，未安排替岗", "--sanction", "warning",
    )  # fmt: skip
    rid = ok(result).stdout.splitlines()[0]
    data = js(run("absence", "show", rid, "--format", "json"))
    assert isinstance(data, dict)
    assert (data["status"], data["sanction"], data["deadlines"]) == ("unreported", "warning", [])
    assert "效能告诫" in ok(run("absence", "list")).stdout
    bad = run("absence", "unreported", "--person", "赵某", "--dept", "财政所", "--note", "x",
              "--sanction", "fine")  # fmt: skip
    assert bad.exit_code == 2


def test_today_lists_who_is_away_and_who_stands_in(run: Invoke) -> None:
    a = log(run)  # 02-26..02-27, not back
    b = ok(
        run(
            "absence", "log", "--person", "赵某", "--dept", "财政所", "--from", "2026-03-02",
            "--to", "2026-03-04", "--reason", "training", "--substitute", "陈某",
            "--approved-by", "镇长 何某",
        )
    ).stdout.splitlines()[0]  # fmt: skip
    data = js(run("absence", "today", "--format", "json"))
    assert isinstance(data, list)
    by_id = {x["id"]: x for x in data}
    assert set(by_id) == {a, b}
    assert set(by_id[a]) == {
        "id", "person", "dept", "reason", "from", "to", "substitute", "approved_by", "state",
    }  # fmt: skip
    assert (by_id[a]["state"], by_id[b]["state"], by_id[b]["substitute"]) == (
        "overdue",
        "away",
        "陈某",
    )
    table = ok(run("absence", "today")).stdout
    assert "陈某" in table and "逾期未返岗" in table and "离岗中" in table
    # On 02-25 nobody is away yet.
    assert js(run("absence", "today", "--as-of", "2026-02-25", "--format", "json")) == []
    assert "无人离岗" in ok(run("absence", "today", "--as-of", "2026-02-25")).stdout


@pytest.mark.parametrize("fmt", ["table", "plain", "html"])
def test_the_report_ends_with_who_is_away(run: Invoke, fmt: str) -> None:
    rid = log(run)
    out = ok(run("overdue", "--format", fmt)).stdout
    assert "今日离岗与替岗" in out and "替岗 李某" in out and rid in out
    if fmt != "html":
        tail = out.rstrip("\n").split("\n")
        # The away section comes last but for the audit head.
        assert "王某" in tail[-2] and "逾期未返岗" in tail[-2]


def test_the_report_json_stays_the_list_of_deadlines(run: Invoke) -> None:
    ok(
        run(
            "absence", "log", "--person", "赵某", "--dept", "财政所", "--from", "2026-03-02",
            "--to", "2026-03-20", "--reason", "training", "--substitute", "陈某",
            "--approved-by", "镇长 何某",
        )
    )  # fmt: skip
    # Away, due far ahead: nothing due; JSON is still the plain list.
    assert js(run("overdue", "--format", "json")) == []
    assert "陈某" in ok(run("overdue")).stdout
    assert ok(run("overdue", "--quiet")).stdout == ""


def test_a_category_5_complaint_shows_the_absences_around_it(run: Invoke) -> None:
    rid = log(run)
    ok(run("absence", "log", "--person", "李某", "--dept", "民政办", "--from", "2026-02-26",
           "--to", "2026-02-26", "--reason", "leave", "--substitute", "王某",
           "--approved-by", "高某", "--on", "2026-02-25"))  # fmt: skip
    five = ok(
        run("complaint", "register", "--complainant", "刘某", "--against", "王某",
            "--category", "5", "--summary", "窗口无人", "--on", "2026-02-27")
    ).stdout.splitlines()[0]  # fmt: skip
    shown = ok(run("complaint", "show", five)).stdout
    assert "前后离岗记录" in shown and rid in shown and "替岗 李某" in shown
    assert "ABS-2026-0002" not in shown  # someone else's absence
    data = js(run("complaint", "show", five, "--format", "json"))
    assert isinstance(data, dict)
    assert data["absences"] == [rid]
    three = ok(
        run("complaint", "register", "--complainant", "刘某", "--against", "王某",
            "--category", "3", "--summary", "态度生硬", "--on", "2026-02-27")
    ).stdout.splitlines()[0]  # fmt: skip
    assert "前后离岗记录" not in ok(run("complaint", "show", three)).stdout


def test_list_filters_and_export(run: Invoke) -> None:
    rid = log(run)
    assert rid in ok(run("absence", "list", "--overdue")).stdout
    assert rid in ok(run("absence", "list", "--handler", "民政办")).stdout
    assert rid in ok(run("absence", "list", "--status", "离岗中")).stdout
    exported = ok(run("export", "absence", "--format", "csv")).stdout
    assert rid in exported and "李某" in exported
