"""Every command's help in both languages: Chinese by default, English with --lang en.

The commands are found by walking the command tree, so a command added
later without its Chinese help (``commands/locale/zh/<group>.py``) fails here.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from commands import cli, locale, split_help

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import cli_reference  # noqa: E402

PATHS = [path[1:] for path in cli_reference.walk(cli, ["township"])]
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# What may stay ASCII on a Chinese help line: option names, metavars and
# choice lists, defaults in brackets, file and key names, ids.
ALLOWED = re.compile(
    r"--?[\w-]+|\[[^\]]*\]|\{[^}]*\}|\b[A-Z][A-Z0-9_.|-]+\b|\b\w+\.(?:toml|json|csv)\b"
    r"|\b[A-Z]+-\d{4}-\d{4}\b|\d[\d.,:-]*|x>=\d+"
)
WORD = re.compile(r"[A-Za-z]{2,}")


def command(path: list[str]) -> click.Command:
    cmd: click.Command = cli
    for name in path:
        assert isinstance(cmd, click.Group)
        found = cmd.get_command(click.Context(cmd), name)
        assert found is not None, path
        cmd = found
    return cmd


def help_text(path: list[str], lang: str) -> str:
    result = CliRunner().invoke(cli, ["--lang", lang, *path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def untranslated(text: str) -> list[str]:
    """Lines of a Chinese help page that are English prose (examples excepted)."""
    bad = []
    in_example = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped in ("示例：", "可以更正的字段："):
            in_example = True
            continue
        if in_example and (not stripped or line.startswith("    ")):
            continue
        in_example = False
        if not stripped or stripped.startswith("township"):
            continue
        rest = ALLOWED.sub(" ", stripped)
        if not CJK.search(rest) and len(WORD.findall(rest)) >= 2:
            bad.append(line)
    return bad


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "township")
def test_chinese_help_has_no_english_prose(path: list[str]) -> None:
    text = help_text(path, "zh")
    assert text.startswith("用法: township") or text.startswith("用法: cli"), text
    assert "显示本帮助并退出。" in text
    assert not untranslated(text), f"untranslated lines in {path}: {untranslated(text)}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "township")
def test_every_help_text_has_a_chinese_entry(path: list[str]) -> None:
    """Structural: prose and every option's help come from the catalogue, not English."""
    cmd = command(path)
    key = " ".join(path)
    prose, _examples = split_help(inspect.cleandoc(cmd.help or ""))
    if prose.strip():
        assert locale.entry(key).get("help"), f"no zh help for '{key}' in commands/locale/zh/"
    missing = [
        param.opts[0]
        for param in cmd.params
        if isinstance(param, click.Option)
        and param.help
        and not param.hidden
        and locale.option_help(key, param) is None
    ]
    assert not missing, f"no zh help for options of '{key}': {missing}"
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(click.Context(cmd)):
            assert locale.short_help(f"{key} {name}".strip()), f"no zh summary of {key} {name}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "township")
def test_english_help_has_no_chinese_headings(path: list[str]) -> None:
    text = help_text(path, "en")
    assert text.startswith("Usage: "), text
    assert "Show this message and exit." in text
    assert "\nOptions:\n" in text
    for word in ("用法", "选项:", "命令:", "示例", "显示本帮助", "可选：", "必填", "默认："):
        assert word not in text, (path, word)


def test_lang_after_the_command_and_from_the_environment() -> None:
    runner = CliRunner()
    late = runner.invoke(cli, ["inquiry", "log", "--help", "--lang", "en"]).output
    assert late.startswith("Usage: ") and "Show this message and exit." in late
    env = runner.invoke(cli, ["case", "open", "--help"], env={"TOWNSHIP_LANG": "en"}).output
    assert env.startswith("Usage: ")
    # the command line wins over the environment
    both = runner.invoke(cli, ["case", "--lang", "zh", "--help"], env={"TOWNSHIP_LANG": "en"})
    assert both.output.startswith("用法: ") and "命令:" in both.output


def test_click_usage_errors_in_chinese_and_english() -> None:
    runner = CliRunner()
    zh = runner.invoke(cli, ["inquiry", "log", "--mater", "x"])
    assert zh.exit_code == 2
    assert (
        "错误：没有选项「--mater」。是不是要用其中之一：「--category」、「--material」、「--matter」？"
        in zh.stderr
    )
    assert "用法: " in zh.stderr
    assert "查看帮助" in zh.stderr and "Usage" not in zh.stderr and "Error" not in zh.stderr
    missing = runner.invoke(cli, ["case", "open", "--subject", "x"])
    assert missing.exit_code == 2 and "错误：缺少选项「--unit」。\n" in missing.stderr
    en = runner.invoke(cli, ["--lang", "en", "case", "open", "--subject", "x"])
    assert "Error: Missing option '--unit'." in en.stderr and "Try '" in en.stderr
    bad_int = runner.invoke(cli, ["calendar", "add", "2026-03-02", "x"])
    # The number's own message says what to type (Arabic digits) after click's prefix.
    assert bad_int.exit_code == 2 and (
        "错误：「N」的取值无效：「x」不是有效的数字：应为整数，请写阿拉伯数字，例如 5。"
        in bad_int.stderr
    )
    bad_choice = runner.invoke(cli, ["calendar", "add", "2026-03-02", "3", "--unit", "week"])
    assert bad_choice.exit_code == 2
    assert (
        "错误：「--unit」的取值无效：「week」不在可选值之中；可选：workday、day。"
        in bad_choice.stderr
    )
    no_command = runner.invoke(cli, ["nonsense"])
    assert no_command.exit_code == 2 and "错误：没有命令「nonsense」。" in no_command.stderr
    extra = runner.invoke(cli, ["calendar", "add", "2026-03-02", "3", "4"])
    assert extra.exit_code == 2 and "错误：多出了参数：4。" in extra.stderr


def _missing_choice(choice: click.ParamType, lang: str) -> str:
    """The error of a command whose required option of type ``choice`` is missing."""
    from commands import TownshipCommand

    @click.command("review", cls=TownshipCommand)
    @click.option("--opinion", required=True, type=choice, help="The opinion.")
    def review(opinion: str) -> None:  # pragma: no cover - never runs
        del opinion

    locale.set_lang(lang, scanned=True)  # CliRunner bypasses TownshipGroup.main
    try:
        result = CliRunner().invoke(review, [])
        assert result.exit_code == 2
    finally:
        locale.set_lang("zh", scanned=True)
    return result.stderr.strip().splitlines()[-1]


def test_a_missing_catalogue_option_lists_its_values_with_their_labels() -> None:
    from commands.params import CatalogueChoice
    from township.i18n import Text

    opinions = CatalogueChoice(
        {"approve": Text("同意", "approve"), "reject": Text("不同意", "reject")}
    )
    assert _missing_choice(opinions, "zh") == (
        "错误：缺少选项「--opinion」。可选：approve 同意、reject 不同意。"
    )
    assert _missing_choice(opinions, "en") == (
        "Error: Missing option '--opinion'. Choose from: approve, reject."
    )
    # A plain choice has no labels: its keys, as a Chinese list.
    plain = click.Choice(["approve", "reject"])
    assert _missing_choice(plain, "zh") == "错误：缺少选项「--opinion」。可选：approve、reject。"


def test_chinese_messages_end_in_chinese_punctuation() -> None:
    from commands.locale import click_zh

    for english, chinese in click_zh.MESSAGES.items():
        if english.startswith(("Error: {message}", "Missing", "Usage")) or not english.strip():
            continue
        assert "!r}" not in chinese and "'" not in chinese, english
        if english.rstrip().endswith((".", "?", ")")) and "\n" not in english:
            assert chinese.endswith(("。", "？", "）", "……")), english
    assert click_zh.quoted("'--as' / '-a'") == "「--as」/「-a」"
    assert click_zh.quoted("TOWNSHIP_TODAY") == "「TOWNSHIP_TODAY」"
    assert click_zh.sentence("Bad value.") == "Bad value。"


def test_the_line_check_finds_english_prose() -> None:
    page = "用法: township x\n\n  Record the day the missing materials were handed in.\n"
    assert untranslated(page) == ["  Record the day the missing materials were handed in."]
    assert not untranslated(
        "  --on YYYY-MM-DD   办理日期［默认：今天］。\n  --unit [workday|day]\n"
    )


def _options() -> list[tuple[str, click.Option]]:
    found = []
    for path in PATHS:
        cmd = command(path)
        found += [(" ".join(path), p) for p in cmd.params if isinstance(p, click.Option)]
    return found


def test_shared_option_help_is_keyed_by_id_not_by_english() -> None:
    """Rewording the English help of a shared option keeps its Chinese."""
    from commands.locale.zh._common import OPTIONS

    checked = 0
    for key, param in _options():
        own = locale.entry(key).get("options", {})
        if param.hidden or not param.help or any(o in own for o in param.opts):
            continue
        before = locale.option_help(key, param)
        saved = param.help
        param.help = "Reworded in English only."
        try:
            assert locale.option_help(key, param) == before, (key, param.opts)
        finally:
            param.help = saved
        assert before == OPTIONS[locale.shared_id(param)]
        checked += 1
    assert checked > 500  # the global options of every command, --format, --on, ...


def test_every_shared_entry_is_used() -> None:
    """An entry of the shared table that no option has is an orphan: its key changed."""
    from commands.locale.zh._common import OPTIONS

    used = {locale.shared_id(param) for _key, param in _options()}
    assert set(OPTIONS) <= used, f"unused shared zh option help: {set(OPTIONS) - used}"
