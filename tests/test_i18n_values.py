"""Dates told why they are invalid, env vars named as the source, catalogue options."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from commands import cli


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env=env)


def test_right_shape_wrong_day() -> None:
    # November has 30 days; 2026 is not divisible by 4, so February has 28.
    nov = run("calendar", "add", "2026-11-31", "1")
    assert nov.exit_code == 2 and "11月只有30天" in nov.stderr
    feb = run("--lang", "en", "calendar", "add", "2026-02-29", "1")
    assert "2026 is not a leap year" in feb.stderr and "'START'" in feb.stderr
    assert run("calendar", "add", "2028-02-29", "1").exit_code == 0  # 2028 is a leap year


def test_env_var_is_named_not_the_option() -> None:
    result = run("calendar", "status", env={"TOWNSHIP_TODAY": "2026/11/30"})
    assert result.exit_code == 2
    assert "「TOWNSHIP_TODAY」的取值无效" in result.stderr and "--today" not in result.stderr
    typed = run("--today", "2026/11/30", "calendar", "status")
    assert "「--today」的取值无效" in typed.stderr


def test_status_accepts_key_and_labels_and_refuses_the_rest(tmp_path: Path) -> None:
    base = ["--data-dir", str(tmp_path / "d"), "--today", "2026-03-02"]
    assert run(*base, "init", "--demo", "--size", "20").exit_code == 0
    by_key = run(*base, "inquiry", "list", "--status", "open", "--format", "json")
    by_zh = run(*base, "inquiry", "list", "--status", "办理中", "--format", "json")
    by_en = run(*base, "inquiry", "list", "--status", "OPEN", "--format", "json")
    assert by_key.exit_code == 0 and by_key.output == by_zh.output == by_en.output
    bogus = run(*base, "inquiry", "list", "--status", "bogus")
    assert bogus.exit_code == 2 and "open 办理中" in bogus.stderr


def test_numbered_catalogue_by_number_circled_or_label(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir(mode=0o700)  # a data directory must exist (township init)
    base = ["--data-dir", str(tmp_path / "d"), "--today", "2026-03-02", "case", "open"]
    rest = [
        "--subject",
        "李某",
        "--unit",
        "民政办",
        "--summary",
        "s",
        "--verified",
        "属实",
        "--opened-by",
        "镇长何某",
        "--investigator",
        "赵某",
    ]
    for matter in ("4", "④", "办事拖拉、推诿扯皮"):
        result = run(*base, *rest, "--matter", matter, "--source", "5", "--format", "json")
        assert result.exit_code == 0, result.output
    help_text = run("case", "open", "--help").output
    assert "4 办事拖拉、推诿扯皮" in help_text
