"""``township search`` : every kind, personal fields only when revealed (audited)."""

from __future__ import annotations

import json

from conftest import Invoke


def ok(result):
    assert result.exit_code == 0, result.output + result.stderr
    return result


def _data(run: Invoke) -> tuple[str, str]:
    pet = ok(
        run(
            "petition",
            "receive",
            "--petitioner",
            "李秀英",
            "--contact",
            "13812345678",
            "--matter",
            "宅基地纠纷",
        )
    ).stdout.splitlines()[0]
    inq = ok(
        run("inquiry", "log", "--name", "赵六", "--matter", "咨询宅基地审批", "--dept", "国土所")
    ).stdout.splitlines()[0]
    return pet, inq


def test_search_finds_records_of_every_kind_by_matter(run: Invoke) -> None:
    pet, inq = _data(run)
    data = json.loads(ok(run("search", "宅基地", "--format", "json")).stdout)
    assert {r["id"] for r in data} == {pet, inq}
    # The petitioner is masked in what a search prints without --reveal.
    assert next(r for r in data if r["id"] == pet)["petitioner"] == "李**"


def test_a_personal_field_matches_only_with_reveal_and_is_audited(run: Invoke) -> None:
    pet, _ = _data(run)
    assert json.loads(ok(run("search", "李秀英", "--format", "json")).stdout) == []
    assert "reveal" not in ok(run("audit", "log", pet)).stdout
    data = json.loads(ok(run("search", "李秀英", "--reveal", "--format", "json")).stdout)
    assert [r["id"] for r in data] == [pet] and data[0]["petitioner"] == "李秀英"
    assert "reveal" in ok(run("audit", "log", pet)).stdout


def test_kind_filter_limit_and_refusals(run: Invoke) -> None:
    _, inq = _data(run)
    data = json.loads(ok(run("search", "宅基地", "--kind", "inquiry", "--format", "json")).stdout)
    assert [r["id"] for r in data] == [inq]
    assert (
        len(json.loads(ok(run("search", "宅基地", "--limit", "1", "--format", "json")).stdout)) == 1
    )
    unknown = run("search", "宅基地", "--kind", "bogus")
    assert unknown.exit_code == 2 and "inquiry" in unknown.stderr
    blank = run("search", "\u3000 ")
    assert blank.exit_code == 2 and "Traceback" not in blank.output
