"""``township check``: the installation looked over, one line a check.

The rule book against the kind declarations (a misspelt step fails the
suite here), ``township.toml`` against the template ``init`` writes, the
calendar of next year from 1 November, the audit log, the data files; exit 0
when all pass, 1 with warnings only, 3 on an error.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Invoke, d

from township.book import registry
from township.book import rules as book
from township.book.registry import Field, Input, Kind, KindSpec, Step
from township.check import (
    check_calendar,
    check_config,
    check_registry,
    exit_code,
    template_values,
)
from township.i18n import Text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_2027 = ROOT / "data" / "examples" / "calendar-2027.json"


def ids(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.id for f in findings]


def text(findings: list) -> str:  # type: ignore[type-arg]
    return "\n".join(f.text("zh") + "\n" + f.text("en") for f in findings)


# -- the registry -----------------------------------------------------------------


def test_the_rule_book_and_the_declarations_agree() -> None:
    """The suite's own run of the registry check: any problem fails it."""
    found = check_registry()
    assert found == [], text(found)


def _book_with(rule_id: str, **changes: object) -> dict[str, book.Rule]:
    """A patched copy of the rule book: one rule changed, the real one untouched."""
    patched = dict(book.RULES)
    patched[rule_id] = dataclasses.replace(book.RULES[rule_id], **changes)  # type: ignore[arg-type]
    return patched


def test_a_misspelt_step_in_a_rule_is_an_error_naming_it() -> None:
    # meets=("circulat",): the quarterly circular would never count as done.
    found = check_registry(rules=_book_with("circular", meets=("circulat",)))
    assert ids(found) == ["registry.E012"]
    assert found[0].level == "error" and exit_code(found) == 3
    message = found[0].text("zh")
    assert "circular" in message and "「circulat」" in message and "duty" in message
    assert "township/book/rules.py" in message
    # The real rule book is as it was.
    assert book.RULES["circular"].meets == ("done", "circular issue")


def test_a_misspelt_starting_step_is_named_with_the_closest_declared_one() -> None:
    found = check_registry(rules=_book_with("petition-acceptance", starts=("recieve",)))
    assert ids(found) == ["registry.E011"]
    assert "「recieve」" in found[0].text("zh") and "是不是「receive」？" in found[0].text("zh")
    assert "Did you mean 'receive'?" in found[0].text("en")


def test_a_duty_names_the_kind_and_step_that_meet_it() -> None:
    # "circular issue" is a step of another kind; both halves are checked.
    wrong_step = check_registry(rules=_book_with("circular", meets=("done", "circular isue")))
    assert ids(wrong_step) == ["registry.E014"]
    assert "「circular isue」" in wrong_step[0].text("zh") and "circular" in wrong_step[0].text(
        "zh"
    )
    wrong_kind = check_registry(rules=_book_with("circular", meets=("done", "circulars issue")))
    assert ids(wrong_kind) == ["registry.E013"]
    assert "「circulars」" in wrong_kind[0].text("zh")
    # Another kind's step meets only a recurring duty: on a record's rule it is an error.
    other = check_registry(rules=_book_with("web-reply", meets=("close", "circular issue")))
    assert ids(other) == ["registry.E012"]


def test_a_rule_of_an_unknown_kind() -> None:
    found = check_registry(rules=_book_with("web-reply", kind="inquirry"))
    assert sorted(ids(found)) == ["registry.E010", "registry.E015"]
    unknown = next(f for f in found if f.id == "registry.E010")
    assert "「inquirry」" in unknown.text("zh") and "是不是「inquiry」？" in unknown.text("zh")
    # The inquiry's declaration starts web-reply on a condition (start_when): that
    # rule is no longer one of its own.
    assert "start_when" in text([f for f in found if f.id == "registry.E015"])


def test_prefixes_and_folders_are_unique() -> None:
    kinds = dict(registry.KINDS)
    kinds["toy"] = Kind("toy", "INQ", "cases", Text("测试", "toy"), "township.kinds.petition")
    found = check_registry(kinds=kinds)
    assert ids(found).count("registry.E003") == 2
    messages = text(found)
    assert "「INQ」" in messages and "inquiry" in messages and "toy" in messages
    assert "「cases」" in messages
    # The toy's module declares "petition", not "toy".
    assert "registry.E002" in ids(found)


def test_a_kind_whose_module_does_not_load() -> None:
    kinds = dict(registry.KINDS)
    kinds["toy"] = Kind("toy", "TOY", "toys", Text("测试", "toy"), "township.kinds.nonexistent")
    found = check_registry(kinds=kinds)
    assert ids(found) == ["registry.E001"] and "township.kinds.nonexistent" in text(found)


def test_a_declaration_checked_against_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """Statuses, catalogues, the fields a plain step writes, the link's hook."""
    broken = KindSpec(
        "toy",
        statuses={"open": Text("办理中", "open")},
        steps=(
            Step("open", Text("登记", "opened"), (), "open", inputs=(Input("matter"),)),
            Step(
                "close",
                Text("办结", "closed"),
                ("open",),
                "closd",
                inputs=(
                    Input("result", Text("结果", "result"), type="choice"),
                    Input("grade", type="choice", catalogue={"a": Text("甲", "A")}),
                ),
            ),
        ),
        fields=(Field("grade", Text("等级", "grade")),),
    )
    kind = Kind("toy", "TOY", "toys", Text("测试", "toy"), "tests.toy", backlink="toys")
    monkeypatch.setitem(registry._SPECS, "toy", broken)
    monkeypatch.setitem(registry.KINDS, "toy", kind)
    found = check_registry()
    assert sorted(ids(found)) == [
        "registry.E021",  # close leads to "closd", not a declared status
        "registry.E022",  # no matter declared
        "registry.E030",  # --result is a choice without a catalogue
        "registry.E031",  # grade takes catalogue values but the field has no catalogue
        "registry.E032",  # open writes matter, not a declared field
        "registry.E032",  # close writes result, not a declared field
        "registry.E040",  # a backlink without on_linked_step
    ]
    assert "「closd」" in text(found) and "是不是「open」？" not in text(found)


def test_every_kind_declares_its_matter_from_its_own_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every registered kind names its matter; a matter naming a missing field is refused."""
    assert all(registry.spec(k).matter for k in registry.KINDS)
    misnamed = KindSpec(
        "toy",
        statuses={"open": Text("办理中", "open")},
        steps=(),
        fields=(Field("title", Text("事项", "title")),),
        matter=("titel",),
    )
    kind = Kind("toy", "TOY", "toys", Text("测试", "toy"), "tests.toy")
    monkeypatch.setitem(registry._SPECS, "toy", misnamed)
    monkeypatch.setitem(registry.KINDS, "toy", kind)
    found = check_registry()
    assert ids(found) == ["registry.E023"]
    assert "「titel」" in text(found) and "是不是「title」？" in text(found)


# -- township check on the command line --------------------------------------------


def _set_up(run: Invoke, data_dir: Path) -> None:
    """A data directory as an office leaves it: its own name, hotline and number patterns."""
    assert run("init").exit_code == 0
    config = data_dir / "township.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('name = "某某镇人民政府"', 'name = "青山镇人民政府"')
    text = text.replace('-notice = "某', '-notice = "青').replace(
        '-decision = "某', '-decision = "青'
    )
    config.write_text(text.replace('"0832-3580006"', '"0832-1234567"'), encoding="utf-8")


def test_all_pass_exits_0(run: Invoke, data_dir: Path) -> None:
    _set_up(run, data_dir)
    # 2026-10-30: 2026 is in the official calendar; next year's is not due yet.
    result = run("check", today="2026-10-30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and all(line.startswith("通过  ") for line in lines)
    assert lines[0].startswith("通过  规则手册与类别声明：")
    assert "明年的自 11 月 1 日起检查" in lines[2]


def test_template_values_are_warnings_exit_1(run: Invoke, data_dir: Path) -> None:
    assert run("init").exit_code == 0
    result = run("check", today="2026-10-30")
    assert result.exit_code == 1, result.output
    warnings = [line for line in result.stdout.splitlines() if line.startswith("警告")]
    # name, hotline and the four number patterns of [documents]
    assert [w.split("：")[0] for w in warnings] == [
        "警告  配置文件 township.toml（config.W001）"
    ] * 6
    assert "documents.case-decision 仍是 township init 写入的模板值" in warnings[2]
    assert "name 仍是 township init 写入的模板值「某某镇人民政府」" in warnings[0]
    assert "hotline 仍是 township init 写入的模板值「0832-3580006」" in warnings[1]


def test_template_values_among_names_hotline_and_document_numbers() -> None:
    template = (
        'name = "某某镇人民政府"\nhotline = "0832-3580006"\n[report]\nserious-after = 5\n'
        '[documents]\ngovernment = "某某镇人民政府"\ncase-decision = "某委发〔{year}〕{n}号"\n'
    )
    given = (
        '\ufeffname = "青山镇人民政府"\nhotline = "0832-3580006"\n[report]\nserious-after = 5\n'
        '[documents]\ngovernment = "青山镇人民政府"\ncase-decision = "某委发〔{year}〕{n}号"\n'
    )
    # serious-after equals the template too, but documents do not print it.
    assert template_values(given, template) == {
        "hotline": "0832-3580006",
        "documents.case-decision": "某委发〔{year}〕{n}号",
    }
    # A name or a number pattern left out is the template's in effect.
    assert template_values('hotline = "1"\n', template) == {
        "name": "某某镇人民政府",
        "documents.case-decision": "某委发〔{year}〕{n}号",
    }


def test_a_malformed_township_toml_is_an_error(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "township.toml").write_text('name = "青山镇\n', encoding="utf-8")
    [found] = check_config(data_dir, d("2026-03-02"))
    assert (found.id, found.level) == ("config.E001", "error")
    assert "第 1 行" in found.text("zh")


def test_next_years_calendar_from_1_november(run: Invoke, data_dir: Path) -> None:
    # 2027 has no official schedule in the package: from 2026-11-01 it is a warning.
    assert ids(check_calendar(data_dir, d("2026-10-31"))) == [""]
    [late] = check_calendar(data_dir, d("2026-11-01"))
    assert (late.id, late.level) == ("calendar.W002", "warning")
    assert "2027 年" in late.text("zh") and "township calendar import" in late.text("zh")
    _set_up(run, data_dir)
    result = run("check", today="2026-11-01")
    assert result.exit_code == 1 and "警告  工作日历（calendar.W002）" in result.stdout
    # Imported, it passes.
    assert run("calendar", "import", str(EXAMPLE_2027), today="2026-11-01").exit_code == 0
    result = run("check", today="2026-11-01")
    assert result.exit_code == 0, result.output
    assert "2026 年和 2027 年的官方放假安排都已有" in result.stdout
    # This year's calendar is checked all year: 2027 without its schedule, in March.
    [now] = check_calendar(None, d("2027-03-01"))
    assert now.id == "calendar.W001"


def test_a_broken_audit_log_is_an_error_exit_3(run: Invoke, data_dir: Path) -> None:
    _set_up(run, data_dir)
    created = run("petition", "receive", "--petitioner", "王五", "--matter", "宅基地纠纷")
    assert created.exit_code == 0, created.output
    log = data_dir / "audit.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace("宅基地纠纷", "宅基地"), "utf-8")
    result = run("check", today="2026-10-30")
    assert result.exit_code == 3
    assert "错误  审计日志（audit.E001）" in result.stdout
    assert "township audit" in result.stdout


def test_a_data_file_that_does_not_read_is_an_error_exit_3(run: Invoke, data_dir: Path) -> None:
    _set_up(run, data_dir)
    assert run("petition", "receive", "--petitioner", "王五", "--matter", "m").exit_code == 0
    (data_dir / "petitions" / "2026.json").write_text("{not json", encoding="utf-8")
    result = run("check", today="2026-10-30")
    assert result.exit_code == 3
    assert "错误  数据文件（data.E002）" in result.stdout and "2026.json" in result.stdout


def test_a_data_directory_others_can_read_is_a_warning(run: Invoke, data_dir: Path) -> None:
    _set_up(run, data_dir)
    os.chmod(data_dir, 0o755)
    result = run("check", today="2026-10-30")
    assert result.exit_code == 1 and "data.W001" in result.stdout and "chmod 700" in result.stdout


def test_without_a_data_directory(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from commands import cli

    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(cli, ["--data-dir", str(missing), "--today", "2026-03-02", "check"])
    assert result.exit_code == 3
    assert "错误  数据文件（data.E001）" in result.stdout and "township init" in result.stdout
    assert not missing.exists()


def test_json_and_english(run: Invoke, data_dir: Path) -> None:
    assert run("init").exit_code == 0
    data = json.loads(run("check", "--format", "json", today="2026-10-30").stdout)
    # name, hotline and the four number patterns are the template's
    assert [f["check"] for f in data] == ["registry", *["config"] * 6, "calendar", "audit", "data"]
    assert data[1]["level"] == "warning" and data[1]["id"] == "config.W001"
    assert data[0] == {**data[0], "level": "pass", "id": None}
    assert data[1]["message"]["zh"].endswith("请改为本机关的实际内容。")
    english = run("check", today="2026-10-30", lang="en")
    assert english.exit_code == 1
    assert english.stdout.splitlines()[1].startswith("warning  township.toml (config.W001): name")


def test_check_names_a_misspelt_step_and_exits_3(
    run: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        book.RULES, "circular", dataclasses.replace(book.RULES["circular"], meets=("circulat",))
    )
    result = run("check", today="2026-10-30")
    assert result.exit_code == 3
    [line] = [line for line in result.stdout.splitlines() if line.startswith("错误")]
    assert line.startswith("错误  规则手册与类别声明（registry.E012）：规则 circular")
    assert "「circulat」" in line


def test_check_on_a_patched_copy_of_the_rule_book(tmp_path: Path) -> None:
    """The real thing: a copy of the package whose rules.py has the misspelt step."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "township", copy / "township", ignore=shutil.ignore_patterns("*.pyc"))
    rules_py = copy / "township" / "book" / "rules.py"
    source = rules_py.read_text(encoding="utf-8")
    assert source.count('("done", "circular issue")') == 1
    rules_py.write_text(source.replace('("done", "circular issue")', '("circulat",)'), "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env |= {"PYTHONPATH": f"{copy}{os.pathsep}{ROOT}", "TOWNSHIP_TODAY": "2026-03-02"}
    township = [sys.executable, "-m", "commands", "--data-dir", str(tmp_path / "d")]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        # From tmp_path: ``-m`` puts the working directory first on the path.
        return subprocess.run(
            [*township, *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
        )

    assert run("init").returncode == 0
    result = run("check")
    assert result.returncode == 3, result.stdout + result.stderr
    [error] = [line for line in result.stdout.splitlines() if line.startswith("错误")]
    assert error.startswith("错误  规则手册与类别声明（registry.E012）：规则 circular")
    assert "「circulat」" in error
