"""Circulars, assessments and the stats flags they raise .

The data set (all issued or recorded by 2026-03-02 unless said otherwise):

- 财政所: criticised in the 2025Q2 and 2025Q4 circulars -> 一票否决 in 2025;
  failed 2024 and 2025 -> 取消评先评优 2025 and 调整工作岗位 [2024, 2025].
- 综治办: criticised once in 2025 (2025Q3) and once in the 2026Q1 circular ->
  no veto in either year; failed 2025 only -> honours withdrawn 2025, no post
  adjustment.
- 民政办: praised twice, criticised never; failed 2023 and 2025 (not in a row)
  and passed 2024 -> honours 2025 only.
- 司法所: failed 2025, then re-recorded after review as pass -> nothing.
- 交通办 (test_library_flags_with_cases): staff given 通报批评 (⑤) twice in
  2025 by case decisions and criticised in one circular -> the
  criticised_staff line, never 一票否决.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLERK, Invoke, d, take

from township.calendar import WorkCalendar
from township.errors import BadInput
from township.steps.machine import Env
from township.storage.store import Store

TODAY = "2026-03-02"


def _ok(run: Invoke, *args: str) -> str:
    result = run(*args, today=TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def flags_data(run: Invoke) -> None:
    # Circulars: CIR-2026-0001 .. 0005 (ids by the year of entry, 2026).
    _ok(
        run,
        "circular",
        "issue",
        "--period",
        "2025Q2",
        "--criticize",
        "财政所",
        "--praise",
        "民政办",
        "--on",
        "2025-07-03",
    )
    _ok(
        run,
        "circular",
        "issue",
        "--period",
        "2025Q3",
        "--criticize",
        "综治办",
        "--on",
        "2025-10-10",
    )
    # 2025Q4 issued in January 2026: counts for 2025.
    _ok(
        run,
        "circular",
        "issue",
        "--period",
        "2025Q4",
        "--criticize",
        "财政所,财政所",
        "--praise",
        "民政办",
        "--on",
        "2026-01-08",
    )
    _ok(
        run,
        "circular",
        "issue",
        "--period",
        "2026Q1",
        "--criticize",
        "综治办",
        "--on",
        "2026-02-27",
    )
    for year, unit, result, on in [
        (2024, "财政所", "fail", "2025-01-10"),
        (2025, "财政所", "fail", "2026-01-12"),
        (2025, "综治办", "fail", "2026-01-12"),
        (2023, "民政办", "fail", "2024-01-10"),
        (2024, "民政办", "pass", "2025-01-10"),
        (2025, "民政办", "fail", "2026-01-12"),
        (2025, "司法所", "fail", "2026-01-12"),
        (2025, "司法所", "pass", "2026-02-02"),  # after review: this one counts
    ]:
        _ok(
            run,
            "assessment",
            "record",
            "--year",
            str(year),
            "--unit",
            unit,
            "--result",
            result,
            "--on",
            on,
        )


def test_stats_flags_2025(run: Invoke, flags_data: None) -> None:
    data = json.loads(_ok(run, "stats", "--year", "2025", "--format", "json"))
    assert data["veto_units"] == [
        {"unit": "财政所", "circulars": ["CIR-2026-0001", "CIR-2026-0003"]}
    ]
    # 司法所's 2025 fail was replaced by the later pass; 民政办's 2023 and 2025
    # fails are not in a row (2024 passed).
    assert sorted(h["unit"] for h in data["honours_withdrawn"]) == sorted(
        ["民政办", "综治办", "财政所"]
    )
    assert {h["year"] for h in data["honours_withdrawn"]} == {2025}
    assert data["post_adjustment"] == [{"unit": "财政所", "years": [2024, 2025]}]
    assert data["criticised_staff"] == []
    table = _ok(run, "stats", "--year", "2025")
    assert (
        "一票否决：财政所（年内被通报批评 2 次：CIR-2026-0001（2025Q2）、CIR-2026-0003（2025Q4））"
        in table
    )
    assert "调整工作岗位：财政所（2024、2025 年度连续考核不合格）" in table
    assert "取消当年评先评优资格：综治办（2025 年度考核不合格" in table
    assert "司法所" not in table
    english = run("stats", "--year", "2025", today=TODAY, lang="en").stdout
    assert "One-vote veto (一票否决): 财政所" in english


def test_stats_flags_2026_and_earlier_years(run: Invoke, flags_data: None) -> None:
    # 2026: 综治办 criticised once (2026Q1; its 2025Q3 criticism is another year).
    data = json.loads(_ok(run, "stats", "--year", "2026", "--format", "json"))
    assert (data["veto_units"], data["honours_withdrawn"], data["post_adjustment"]) == ([], [], [])
    # 2024: 财政所 failed alone (2023 not failed) -> honours, no post adjustment.
    data = json.loads(_ok(run, "stats", "--year", "2024", "--format", "json"))
    assert data["honours_withdrawn"] == [{"unit": "财政所", "year": 2024}]
    assert data["post_adjustment"] == []
    # A quarter reads circulars whose quarter has begun by its last day: Q2 of
    # 2025 sees only the 2025Q2 circular -> no veto yet.
    data = json.loads(_ok(run, "stats", "--year", "2025", "--quarter", "2", "--format", "json"))
    assert data["veto_units"] == []


def test_library_flags_with_cases() -> None:
    import datetime as dt

    from township.views.openness import openness_flags
    from township.views.stats import decision_of

    def case(rid: str, unit: str, on: str, methods: list[int]) -> dict:
        return {"id": rid, "kind": "case", "unit": unit, "decision": {"on": on, "methods": methods}}

    def circ(rid: str, period: str, units: list[str]) -> dict:
        return {"id": rid, "kind": "circular", "period": period, "criticized": units}

    records = [
        case("CASE-2025-0001", "交通办", "2025-03-01", [5]),
        case("CASE-2025-0002", "交通办", "2025-04-01", [1, 5]),
        case("CASE-2025-0003", "水务站", "2025-04-01", [3]),
        circ("CIR-2025-0001", "2025Q1", ["交通办"]),
        circ("CIR-2025-0002", "bad", ["交通办"]),  # a damaged period counts nowhere
    ]
    flags = openness_flags(records, 2025, dt.date(2025, 12, 31), decision_of)
    # Two ⑤ decisions and one circular: no veto, one criticised_staff line.
    assert flags.veto == []
    assert flags.as_json()["criticised_staff"] == [
        {"unit": "交通办", "decisions": 2, "cases": ["CASE-2025-0001", "CASE-2025-0002"]}
    ]


def test_circular_and_assessment_commands(run: Invoke) -> None:
    out = _ok(
        run,
        "circular",
        "issue",
        "--period",
        "2026q1",
        "--criticize",
        "财政所",
        "--criticize",
        "综治办、民政办",
        "--praise",
        "司法所",
        "--on",
        "2026-02-27",
    )
    assert out == "CIR-2026-0001\n"  # a creating command prints the id alone (no deadline)
    shown = json.loads(_ok(run, "circular", "show", "CIR-2026-0001", "--format", "json"))
    assert (shown["period"], shown["year"], shown["events"][0]["on"]) == (
        "2026Q1",
        2026,
        "2026-02-27",
    )
    assert shown["criticized"] == ["财政所", "综治办", "民政办"] and shown["deadlines"] == []
    # Refusals: a bad period, a quarter not begun, one unit both ways, a future date.
    for args, needle in [
        (("--period", "2026Q5"), "2026Q1"),
        (("--period", "2026Q2", "--on", "2026-03-02"), "2026-04-01"),
        (("--period", "2026Q1", "--criticize", "财政所", "--praise", "财政所"), "既批评又表扬"),
        (("--period", "2026Q1", "--on", "2026-03-03"), "晚于今天"),
    ]:
        bad = run("circular", "issue", *args, today=TODAY)
        assert bad.exit_code == 2 and needle in bad.stderr, (args, bad.stderr)
    assert json.loads(_ok(run, "circular", "list", "--format", "json"))[0]["id"] == "CIR-2026-0001"
    out = _ok(
        run,
        "assessment",
        "record",
        "--year",
        "2025",
        "--unit",
        "财政所",
        "--result",
        "fail",
        "--note",
        "得分 58",
    )
    assert out == "ASM-2026-0001\n"
    bad = run(
        "assessment",
        "record",
        "--year",
        "2027",
        "--unit",
        "财政所",
        "--result",
        "pass",
        today=TODAY,
    )
    assert bad.exit_code == 2 and "2027" in bad.stderr
    assert (
        run(
            "assessment", "record", "--year", "2025", "--unit", "x", "--result", "ok", today=TODAY
        ).exit_code
        == 2
    )
    listed = json.loads(_ok(run, "assessment", "list", "--format", "json"))
    assert [(r["unit"], r["year"], r["result"]) for r in listed] == [("财政所", 2025, "fail")]
    assert "不合格" in _ok(run, "assessment", "show", "ASM-2026-0001")
    # Audited: each is an audit line of its command.
    entries = json.loads(_ok(run, "audit", "log", "ASM-2026-0001", "--format", "json"))
    assert [e["command"] for e in entries] == ["assessment record"]


# -- the library: circulars and assessments taken as their commands take them ------


def test_circular_and_assessment_through_take(store: Store, data_dir: Path) -> None:
    at = {"today": d(TODAY), "env": Env(WorkCalendar())}
    with store.transaction(CLERK, "circular issue") as tx:
        record = take(
            tx, "circular", "issue", period=" 2025q4 ", criticize=["财政所，综治办", "财政所"],
            praise=["民政办"], note="镇效能办通报", on=d("2026-01-08"), **at,
        )  # fmt: skip
    assert (record["period"], record["year"], record["issued"]) == ("2025Q4", 2025, "2026-01-08")
    assert (record["criticized"], record["praised"]) == (["财政所", "综治办"], ["民政办"])
    assert record["responsible"]["dept"] == "党政办"
    with store.transaction(CLERK, "assessment record") as tx:
        record = take(tx, "assessment", "record", year=2025, unit=" 财政所 ", result="fail",
                      on=d("2026-01-12"), **at)  # fmt: skip
    assert (record["year"], record["unit"], record["result"]) == (2025, "财政所", "fail")
    before = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    for kind, step, values, needle in [
        ("circular", "issue", {"period": "2026Q2"}, "不能早于该季度开始（2026-04-01）"),
        ("circular", "issue", {"period": "2026-1"}, "通报期间「2026-1」无效"),
        ("circular", "issue", {"period": "\u200b"}, "通报期间不能为空"),
        ("circular", "issue", {"period": "2026Q1", "criticize": ["\u3000"]}, "通报批评不能为空"),
        ("assessment", "record", {"year": 1999, "unit": "x", "result": "pass"}, "1999"),
        ("assessment", "record", {"year": 2025, "unit": "x", "result": "ok"}, "考核结果「ok」无效"),
        (
            "assessment",
            "record",
            {"year": 2025, "unit": "\ufeff", "result": "pass"},
            "单位不能为空",
        ),
    ]:
        with store.transaction(CLERK, f"{kind} {step}") as tx, pytest.raises(BadInput) as caught:
            take(tx, kind, step, on=d(TODAY), **values, **at)
        assert needle in caught.value.message_in("zh"), (values, caught.value.message_in("zh"))
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == before


def test_the_flags_read_the_declarations() -> None:
    from township.book.registry import Field, KindSpec
    from township.i18n import Text
    from township.views.openness import flag_fields, flag_kinds

    assert flag_kinds() == {"case": "cases", "circular": "circulars", "assessment": "assessments"}

    def toy(*fields: Field) -> KindSpec:
        return KindSpec("toy", statuses={}, steps=(), fields=fields)

    label = Text("x", "x")
    circulars = toy(Field("period", label), Field("criticized", label))
    assert flag_fields(circulars) == "circulars"
    results = {"pass": label, "fail": label}
    yearly = toy(
        Field("unit", label), Field("year", label), Field("result", label, catalogue=results)
    )
    assert flag_fields(yearly) == "assessments"
    # A result without a "fail" key (a dibao's approved/rejected) feeds no flag.
    other = toy(Field("unit", label), Field("year", label), Field("result", label, catalogue={}))
    assert flag_fields(other) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026Q1", (2026, 1)), ("2025 q4", (2025, 4)), (" 2026Q3 ", (2026, 3))],
)
def test_parse_quarter(text: str, expected: tuple[int, int]) -> None:
    from township.dates import parse_quarter, quarter_start

    assert parse_quarter(text) == expected
    assert quarter_start(*expected).month == 3 * expected[1] - 2


@pytest.mark.parametrize("text", ["2026Q0", "2026Q5", "26Q1", "", "2026"])
def test_parse_quarter_refuses(text: str) -> None:
    from township.dates import parse_quarter

    with pytest.raises(BadInput, match="2026Q1"):
        parse_quarter(text)


def test_the_view_names_no_kind() -> None:
    import ast

    import township.views.openness as view

    tree = ast.parse(Path(view.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [m for m in imported if m.startswith("township.kinds")]
    from township.book.registry import KINDS

    strings = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    # "decision" is the field a case's decision is stored in, not the kind.
    assert not strings & (set(KINDS) - {"decision"})
