"""The command line as a whole : global options, exit codes, errors, help."""

from __future__ import annotations

import getpass
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import Invoke

from commands import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "data" / "examples" / "calendar-2027.json")
GLOBAL_OPTIONS = {"--data-dir", "--as", "--today", "--lang"}


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env or {}, catch_exceptions=False)


def actors(data_dir: Path) -> list[str]:
    text = (data_dir / "audit.jsonl").read_text(encoding="utf-8")
    return [json.loads(line)["actor"] for line in text.splitlines()]


def last_status_year(result: Result) -> int:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)[-1]["year"]


# -- global options ------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_global_options(where: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    options = {"--data-dir": str(data_dir), "--as": "赵强", "--today": "2030-05-01", "--lang": "en"}
    flat = [x for kv in options.items() for x in kv]
    env: dict[str, str] = {}
    if where == "before":
        args = [*flat, "calendar", "import", EXAMPLE]
    elif where == "after":
        args = ["calendar", "import", EXAMPLE, *flat]
    else:
        args = ["calendar", "import", EXAMPLE]
        env = {
            "TOWNSHIP_DATA_DIR": options["--data-dir"],
            "TOWNSHIP_USER": options["--as"],
            "TOWNSHIP_TODAY": options["--today"],
            "TOWNSHIP_LANG": options["--lang"],
        }
    result = invoke(*args, env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Imported")  # --lang en
    assert (data_dir / "calendar.json").exists()  # --data-dir
    assert actors(data_dir) == ["赵强"]  # --as
    # --today: status lists the years up to the year after today.
    if where == "before":
        status = [*flat, "calendar", "status", "--format", "json"]
    elif where == "after":
        status = ["calendar", "status", "--format", "json", *flat]
    else:
        status = ["calendar", "status", "--format", "json"]
    assert last_status_year(invoke(*status, env=env)) == 2031


def test_options_after_the_command_override_env_and_root(tmp_path: Path) -> None:
    env = {"TOWNSHIP_LANG": "zh", "TOWNSHIP_TODAY": "2026-03-02", "TOWNSHIP_DATA_DIR": "x"}
    result = invoke("--lang", "zh", "calendar", "is-workday", "2025-09-27", "--lang", "en", env=env)
    assert "weekend" in result.stdout
    result = invoke("calendar", "status", "--format", "json", "--today", "2040-01-01", env=env)
    assert last_status_year(result) == 2041
    result = invoke("--today", "2035-01-01", "calendar", "status", "--format", "json", env=env)
    assert last_status_year(result) == 2036  # the option beats the env var
    result = invoke(
        "--today", "2035-01-01", "calendar", "status", "--format", "json", "--today", "2029-01-01"
    )
    assert last_status_year(result) == 2030  # after the command beats before it


def test_default_data_dir_and_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("calendar", "import", EXAMPLE).exit_code == 0
    assert (tmp_path / "data" / "calendar.json").exists()
    assert actors(tmp_path / "data") == [getpass.getuser()]


def test_init_accepts_global_options_after_it(tmp_path: Path) -> None:
    result = invoke("init", "--data-dir", str(tmp_path / "x"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Created")
    assert (tmp_path / "x" / "township.toml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("--today", "2026-13-01", "calendar", "status"),
        ("calendar", "status", "--today", "yesterday"),
        ("--today", "", "calendar", "status"),
        ("--lang", "fr", "calendar", "status"),
    ],
)
def test_invalid_global_options_exit_2(args: tuple[str, ...], tmp_path: Path) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr


def test_invalid_today_env_exit_2() -> None:
    result = invoke("calendar", "status", env={"TOWNSHIP_TODAY": "2026-02-30"})
    assert result.exit_code == 2
    assert "2026-02-30" in result.stderr
    assert "TOWNSHIP_TODAY" in result.stderr and "2月只有28天" in result.stderr


def test_invalid_today_message_language() -> None:
    zh = invoke("--today", "bad", "calendar", "status")
    assert "不是有效日期" in zh.stderr
    en = invoke("--lang", "en", "--today", "bad", "calendar", "status")
    assert "is not a valid date" in en.stderr
    en_after = invoke("calendar", "status", "--today", "bad", "--lang", "en")
    assert "is not a valid date" in en_after.stderr


# -- errors and exit codes -------------------------------------------------------


def test_errors_in_chinese_by_default_on_stderr(run: Invoke) -> None:
    result = run("calendar", "add", "2100-01-01", "1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("错误：日期 2100-01-01 超出")
    assert result.stderr.count("\n") == 1  # one sentence, one line


def test_errors_in_english(run: Invoke) -> None:
    result = run("calendar", "add", "2100-01-01", "1", lang="en")
    assert result.stderr.startswith("Error: The date 2100-01-01 is outside")
    result = invoke("--lang", "en", "calendar", "add", "2100-01-01", "1")
    assert result.stderr.startswith("Error: ")
    result = invoke("calendar", "add", "2100-01-01", "1", "--lang", "en")
    assert result.stderr.startswith("Error: ")


def test_exit_codes(run: Invoke, data_dir: Path) -> None:
    assert run("calendar", "add", "2025-09-26", "10").exit_code == 0
    assert run("calendar", "add", "2025-09-26").exit_code == 2  # usage
    assert run("calendar", "nope").exit_code == 2
    assert run("audit", "log", "XYZ").exit_code == 2  # not an id
    data_dir.mkdir(exist_ok=True)
    (data_dir / "calendar.json").write_text("{", encoding="utf-8")
    result = run("calendar", "add", "2025-09-26", "10")
    assert result.exit_code == 3  # storage
    assert "calendar.json" in result.stderr


# -- help ------------------------------------------------------------------------


def walk(
    group: click.Group, ctx: click.Context, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, (*path, name)
        yield (*path, name), cmd
        if isinstance(cmd, click.Group):
            sub = click.Context(cmd, info_name=name, parent=ctx)
            yield from walk(cmd, sub, (*path, name))


def all_commands() -> list[tuple[tuple[str, ...], click.Command]]:
    ctx = click.Context(cli, info_name="township")
    return [((), cli), *walk(cli, ctx)]


COMMANDS = all_commands()


def test_the_tree_has_the_spec_commands() -> None:
    paths = {" ".join(p) for p, _ in COMMANDS}
    for expected in (
        "init",
        "calendar add",
        "calendar between",
        "calendar is-workday",
        "calendar show",
        "calendar status",
        "calendar import",
        "audit log",
        "audit verify",
        "audit repair",
        "inquiry",
        "case",
        "complaint",
        "petition",
        "denial",
        "overdue",
        "stats",
        "export",
    ):
        assert expected in paths


@pytest.mark.parametrize(
    ("path", "cmd"), COMMANDS, ids=[" ".join(p) or "township" for p, _ in COMMANDS]
)
def test_every_command_has_help_with_an_example(path: tuple[str, ...], cmd: click.Command) -> None:
    help_text = inspect.cleandoc(cmd.help or "")
    assert help_text.strip(), path
    assert "\b\nExample" in help_text, f"{path}: no example under a \\b block"
    example = help_text.split("\b\nExample", 1)[1]
    assert "township" in example, path
    result = CliRunner().invoke(cli, [*path, "--help", "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert "Usage: " in result.stdout


@pytest.mark.parametrize(
    ("path", "cmd"),
    [(p, c) for p, c in COMMANDS if not isinstance(c, click.Group)],
    ids=[" ".join(p) for p, c in COMMANDS if not isinstance(c, click.Group)],
)
def test_every_command_accepts_the_global_options(
    path: tuple[str, ...], cmd: click.Command
) -> None:
    """the global options work on every command, also after its name."""
    names = {opt for param in cmd.params for opt in getattr(param, "opts", [])}
    assert names >= GLOBAL_OPTIONS, f"{' '.join(path)} lacks {GLOBAL_OPTIONS - names}"


def test_python_m_commands_help() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "commands", "--help", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Usage: " in result.stdout and "calendar" in result.stdout


def test_version() -> None:
    from township import __version__

    result = CliRunner().invoke(cli, ["--version"], prog_name="township")
    assert result.exit_code == 0
    assert result.stdout == f"township {__version__}\n"


def test_help_imports_no_heavy_modules() -> None:
    """start-up stays fast; --help and calendar add need no TinyDB or pendulum."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from commands import cli\n"
        "r = CliRunner().invoke(cli, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(cli, ['--today', '2026-03-02', '--data-dir', sys.argv[1],\n"
        "    'calendar', 'add', '2025-09-26', '10'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(','.join(m for m in ('pendulum', 'tabulate') if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", code, "/nonexistent-township-dir"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "pendulum" not in result.stdout
