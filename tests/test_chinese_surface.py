"""Chinese wherever a clerk looks: the comments of township.toml and of the help's
examples, the step labels of ``township rules``, click's messages, field and duty labels.

The help's prose is checked line by line in tests/test_i18n_help.py; this file
checks what that test leaves out (example blocks, the configuration file).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from commands import cli
from commands.locale.width import columns, split_wide, unwrap
from tests.test_i18n_help import PATHS, help_text
from township import config

CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
TODAY = "2026-03-10"
SETTING = re.compile(r"\s*#\s*[\w\"-]+\s*=")


def _english_comment(comment: str) -> bool:
    """A comment written in English: English words and no Chinese character."""
    return not CJK.search(comment) and bool(ENGLISH.search(comment))


def test_the_line_check_tells_english_from_chinese() -> None:
    assert _english_comment("# make-up working day")
    assert not _english_comment("# 调休上班日")
    assert not _english_comment("# -> 2025-10-16")
    assert not _english_comment("# 改动某条规则的期限，例如 complaint-handling")


def test_township_toml_written_by_init_is_commented_in_chinese(tmp_path: Path) -> None:
    runner = CliRunner()
    for args, name in ((["init"], "plain"), (["init", "--demo"], "demo")):
        data = tmp_path / name
        result = runner.invoke(cli, ["--data-dir", str(data), "--today", TODAY, *args])
        assert result.exit_code == 0, result.output
        text = (data / "township.toml").read_text(encoding="utf-8")
        comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
        assert comments, text
        # A commented-out setting (``# complaint-handling = 10``) is an example, not prose.
        prose = [c for c in comments if not SETTING.match(c)]
        english = [c for c in prose if _english_comment(c)]
        assert not english, english
    # Every table of the template says what it is for, in Chinese.
    assert config.TEMPLATE.startswith("# township 配置文件")


def _example_comments(text: str) -> list[str]:
    """The ``# ...`` comments on the lines of a help page's example block."""
    _, _, examples = text.partition("示例：")
    return [line.partition("#")[2] for line in examples.splitlines() if "#" in line]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "township")
def test_help_examples_carry_chinese_comments(path: list[str]) -> None:
    comments = _example_comments(help_text(path, "zh"))
    english = [c for c in comments if _english_comment("#" + c)]
    assert not english, f"English comments in the examples of {path}: {english}"


def test_rules_names_steps_by_their_labels() -> None:
    result = CliRunner().invoke(cli, ["--today", TODAY, "rules", "--kind", "complaint"])
    assert result.exit_code == 0, result.output
    # complaint-handling starts at 登记 (register) and is met by 办结 (close).
    assert "登记" in result.output and "办结" in result.output
    body = "\n".join(result.output.splitlines()[2:])
    assert " register " not in body and " close " not in body, body


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "--today", TODAY, "init", "--demo"])
    assert result.exit_code == 0, result.output
    return data


def _run(data: Path, tmp_path: Path, *args: str) -> tuple[int, str]:
    """``args`` run on a fresh copy of the demo (kept for the next run of the same test)."""
    copy = tmp_path / "data"
    if not copy.exists():
        shutil.copytree(data, copy)
    result = CliRunner().invoke(cli, ["--data-dir", str(copy), "--today", TODAY, *args])
    return result.exit_code, result.output


def test_a_missing_option_is_a_chinese_sentence_with_labels(demo: Path, tmp_path: Path) -> None:
    code, output = _run(demo, tmp_path, "disclosure", "publish", "OPN-2026-0001")
    assert code == 2
    line = next(x for x in output.splitlines() if x.startswith("错误："))
    assert line.startswith("错误：缺少选项「--channel」。可选："), line
    assert "board 公开栏" in line and line.endswith("。"), line
    assert "." not in line, line


def test_amend_takes_a_field_label(demo: Path, tmp_path: Path) -> None:
    code, output = _run(
        demo, tmp_path, "amend", "CMP-2026-0001", "--set", "被投诉对象=党政办", "--reason", "笔误"
    )
    assert code == 0, output
    assert "被投诉对象" in output and "党政办" in output


def test_a_duty_label_is_accepted_where_its_id_is(demo: Path, tmp_path: Path) -> None:
    code, output = _run(demo, tmp_path, "duty", "done", "办公例会")
    assert code == 0, output
    assert "办公例会" in output
    code, output = _run(demo, tmp_path, "duty", "show", "办公例会")
    assert code == 0, output


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "township")
def test_chinese_help_fits_the_terminal(path: list[str]) -> None:
    """A Chinese character takes two columns: wrapped prose fits an 80-column terminal,
    and no word is cut in two (``townsh`` / ``ip rules``)."""
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    # The example block is shown as written (not wrapped); everything else is wrapped.
    prose, _, rest = result.output.partition("示例：")
    options = rest.partition("选项:")[2] if rest else ""
    for line in [*prose.splitlines(), *options.splitlines()]:
        if CJK.search(line):
            assert columns(line) <= 80, line
    assert "townsh\n" not in result.output.replace(" ", "")


def test_columns_and_breaks() -> None:
    assert columns("township") == 8 and columns("首问登记") == 8 and columns("（a）") == 5
    # A line may break between Chinese characters, never before closing punctuation.
    assert split_wide("办结（期限见") == ["办", "结", "（期", "限", "见"]
    assert split_wide("见。abc中") == ["见。", "abc", "中"]


def test_unwrap_joins_a_chinese_word_and_keeps_an_english_space() -> None:
    assert unwrap("本镇规\n  定；见 township rules --kind\n  complaint。\n\n  下一段") == (
        "本镇规定；见 township rules --kind complaint。\n\n  下一段"
    )


def test_a_new_record_names_every_deadline_it_starts(demo: Path, tmp_path: Path) -> None:
    code, output = _run(
        demo, tmp_path, "task", "receive", "--title", "落实森林防火部署", "--from", "县政府办",
        "--type", "execute", "--dept", "党政办", "--progress", "weekly",
    )  # fmt: skip
    assert code == 0, output
    # Received Tuesday 2026-03-10: the weekly report is due seven days later (03-17); the
    # decision is carried out within 15 working days (03-11 … 03-31, no holiday between).
    assert output.splitlines()[1] == (
        "期限：报告办理进度（每周），2026-03-17 到期；落实上级决定，2026-03-31 到期。"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("search", "低保", "--kind", "低保"),
        ("rules", "--kind", "问责"),
        ("overdue", "--kind", "投诉"),
        ("export", "首问", "--year", "2026"),
    ],
)
def test_a_kind_is_named_by_its_chinese_label(
    args: tuple[str, ...], demo: Path, tmp_path: Path
) -> None:
    code, output = _run(demo, tmp_path, *args)
    assert code == 0, output


@pytest.mark.parametrize(
    "args",
    [
        ("search", "低保", "--kind", "某类"),
        ("rules", "--kind", "某类"),
        ("overdue", "--kind", "某类"),
    ],
)
def test_an_unknown_kind_is_refused_with_the_labels(
    args: tuple[str, ...], demo: Path, tmp_path: Path
) -> None:
    code, output = _run(demo, tmp_path, *args)
    assert code == 2
    line = next(x for x in output.splitlines() if x.startswith("错误："))
    assert "case 问责、" in line and line.endswith("。") and ", " not in line, line


def test_an_unknown_duty_is_refused_in_chinese_punctuation(demo: Path, tmp_path: Path) -> None:
    code, output = _run(demo, tmp_path, "duty", "done", "例会")
    assert code == 2
    assert "office-meeting（办公例会）、" in output and ", " not in output, output


def test_click_defaults_and_required_marks_are_in_chinese_brackets() -> None:
    """Click's ``  [default: x]`` and ``  [required]`` read ［默认：x］ and ［必填］ in Chinese,
    as the help's own defaults do; English keeps click's brackets."""
    marks = 0
    for path in PATHS:
        zh = help_text(path, "zh")
        assert "  [默认" not in zh and "  [必填" not in zh, " ".join(path)
        assert "default:" not in zh and "required]" not in zh, " ".join(path)
        marks += zh.count("［必填］") + zh.count("［默认：")
    assert marks > 100  # every required option and shown default, across the commands
    en = help_text(["inquiry", "log"], "en")
    assert "[required]" in en
    zh = unwrap(help_text(["inquiry", "log"], "zh"))
    assert "咨询或办理事项。［必填］" in zh
