"""Invalid arguments over the commands: exit 2 or 3, one sentence, never a traceback.

A table of known-bad arguments for every command family, then hypothesis
throws arbitrary text at the arguments that take free text or ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import Invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands import cli
from commands.params import CatalogueChoice, DateType, NumberType
from township.book.registry import KINDS

BAD = [
    ("inquiry", "show", "INQ-2026-0"),
    ("inquiry", "show", "INQ-0-0001"),
    ("inquiry", "show", "CASE-2026-0001"),
    ("inquiry", "show", "\x1b[2J"),
    ("inquiry", "list", "--since", "2026-02-30"),
    ("inquiry", "list", "--since", "0000-01-01"),
    ("inquiry", "list", "--status", "nope"),
    ("inquiry", "log", "--name", "张三"),
    ("inquiry", "log", "--name", "张三", "--matter", "m", "--channel", "fax"),
    ("inquiry", "log", "--name", "张三", "--matter", "m", "--on", "1899-12-31"),
    ("inquiry", "log", "--name", "张三", "--matter", "m", "--on", "9999-12-31"),
    ("case", "show", "CASE-2026-9999"),
    ("complaint", "show", "CMP-2026-0001x"),
    ("petition", "show", ""),
    ("denial", "show", "DEN-99999-0001"),
    ("overdue", "--as-of", "2026-13-01"),
    ("overdue", "--due-within", "-1"),
    ("overdue", "--due-within", "1e9"),
    ("overdue", "--kind", "nope"),
    ("overdue", "--format", "xml"),
    ("stats", "--year", "0"),
    ("stats", "--year", "-5"),
    ("stats", "--year", "abc"),
    ("stats", "--year", "2026", "--quarter", "5"),
    ("export", "nope"),
    ("export", "inquiry", "--year", "x"),
    ("export", "inquiry", "--format", "pdf"),
    ("audit", "log", "XYZ"),
    ("audit", "verify", "--expect", "x"),
    ("audit", "verify", "--expect", "1:" + "g" * 64),
    ("audit", "repair", "--reason", ""),
    ("audit", "repair", "--reason", "\u200b"),
    ("calendar", "add", "2026-03-02", "-1"),
    ("calendar", "add", "1899-12-31", "1"),
    ("calendar", "add", "2099-12-31", "5"),
    ("calendar", "add", "2026-03-02", "99999999999999999999"),
    ("calendar", "between", "2026-03-02", "1800-01-01"),
    ("calendar", "import", "/nonexistent/file.json"),
    ("amend", "INQ-2026-0001", "--set", "nofield=1", "--reason", "r"),
    ("amend", "INQ-2026-0001", "--set", "matter", "--reason", "r"),
    ("--today", "2026-02-29", "overdue"),
    ("--lang", "fr", "overdue"),
    ("--as", "\u3000", "overdue"),
    ("--as", "", "inquiry", "list"),
]


def check(result: Result, allowed: tuple[int, ...] = (2, 3)) -> None:
    assert result.exit_code in allowed, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", BAD)
def test_bad_arguments_exit_2_or_3(run: Invoke, data_dir: Path, args: tuple[str, ...]) -> None:
    assert run("init").exit_code == 0
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    check(CliRunner().invoke(cli, list(args), env=env))


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    assert CliRunner().invoke(cli, ["init"], env=env).exit_code == 0
    return data_dir


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x10FFFF), max_size=30
)
ID_COMMANDS = [
    ("inquiry", "show"),
    ("case", "show"),
    ("complaint", "show"),
    ("petition", "show"),
    ("denial", "show"),
    ("audit", "log"),
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=st.sampled_from(ID_COMMANDS), value=TEXT)
def test_fuzz_ids(fuzz_dir: Path, command: tuple[str, str], value: str) -> None:
    env = {
        "TOWNSHIP_DATA_DIR": str(fuzz_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    # No record exists: every id is refused (2) unless audit log, which may list nothing (0).
    allowed = (0, 2) if command == ("audit", "log") else (2,)
    check(CliRunner().invoke(cli, [*command, "--", value], env=env), allowed)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    option=st.sampled_from(
        [
            ("overdue", "--as-of"),
            ("stats", "--year"),
            ("inquiry", "list", "--since"),
            ("export", "inquiry", "--year"),
            ("audit", "verify", "--expect"),
            ("calendar", "add", "2026-03-02"),
            ("calendar", "day"),
        ]
    ),
    value=TEXT,
)
def test_fuzz_option_values(fuzz_dir: Path, option: tuple[str, ...], value: str) -> None:
    env = {
        "TOWNSHIP_DATA_DIR": str(fuzz_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    # A random value is almost never valid; when it happens to be, exit 0 is fine.
    check(CliRunner().invoke(cli, [*option, value], env=env), (0, 2, 3))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actor=TEXT)
def test_fuzz_actor(fuzz_dir: Path, actor: str) -> None:
    env = {"TOWNSHIP_DATA_DIR": str(fuzz_dir), "TOWNSHIP_TODAY": "2026-03-02"}
    check(CliRunner().invoke(cli, ["--as", actor, "audit", "head"], env=env), (0, 2))


# -- every parameter of every command ------------------------------------------------
#
# The whole command tree is walked: every date, number and text parameter of
# every command is fuzzed, the others given a valid value, so that a value
# gets as far into the command as it can. A demo data set gives ids to act on.


GLOBAL = {"lang", "data_dir", "actor", "today", "fmt"}


def _walk(group: click.Group, path: list[str], ctx: click.Context) -> Iterator[tuple]:
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            yield from _walk(cmd, [*path, name], ctx)
        elif cmd is not None and [*path, name] != ["init"]:
            yield [*path, name], cmd


COMMANDS = list(_walk(cli, [], click.Context(cli)))
PARAMS = [
    (tuple(path), param.name)
    for path, cmd in COMMANDS
    for param in cmd.params
    if param.name not in GLOBAL and not isinstance(param.type, click.types.BoolParamType)
]
DATE_PARAMS = [
    (tuple(path), param.name)
    for path, cmd in COMMANDS
    for param in cmd.params
    if isinstance(param.type, DateType) and param.name != "today"
]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A demo data set, and an id of each kind it holds."""
    data_dir = tmp_path_factory.mktemp("fuzz-demo") / "data"
    env = {"TOWNSHIP_DATA_DIR": str(data_dir), "TOWNSHIP_TODAY": "2026-03-02"}
    result = CliRunner().invoke(cli, ["init", "--demo", "--size", "40"], env=env)
    assert result.exit_code == 0, result.output
    ids = {}
    for kind in KINDS.values():
        for year_file in sorted((data_dir / kind.folder).glob("*.json")):
            records = json.loads(year_file.read_text(encoding="utf-8")).get("records", {})
            for record in records.values():
                ids.setdefault(kind.name, record["id"])
    return data_dir, ids


def _valid(path: tuple[str, ...], param: click.Parameter, ids: dict[str, str]) -> str | None:
    """A value of ``param`` the command accepts, or None to leave it out."""
    kind = param.type
    if isinstance(kind, DateType):
        return "2026-03-02"
    if isinstance(kind, NumberType | click.types.IntParamType | click.types.FloatParamType):
        return "3"
    if isinstance(kind, CatalogueChoice):
        return str(next(iter(kind.mapping)))
    if isinstance(kind, click.Choice):
        return str(kind.choices[0])
    if param.name in ("record_id", "case_id"):
        return ids.get(path[0], ids["inquiry"])
    return "测试"


def _args(path: tuple[str, ...], target: str, value: str, ids: dict[str, str]) -> list[str]:
    """The command line of ``path`` with ``value`` for ``target`` and valid required values."""
    cmd = dict((tuple(p), c) for p, c in COMMANDS)[path]
    options: list[str] = []
    arguments: list[str] = []
    for param in cmd.params:
        if param.name in GLOBAL or isinstance(param.type, click.types.BoolParamType):
            continue
        if param.name == target:
            text = value
        elif param.required or isinstance(param, click.Argument):
            text = _valid(path, param, ids)  # type: ignore[assignment]
        else:
            continue
        if isinstance(param, click.Argument):
            arguments.append(text)
        else:
            options += [param.opts[0], text]
    return [*path, *options, "--", *arguments]


# What people and attackers type: full-width forms, invisible and control
# characters, line breaks before formulas, huge and odd numbers, odd dates.
NASTY = st.sampled_from(
    [
        "", " ", "\u3000", "\u200b", "\u200b\u3000\ufeff", "\u2060", "\u0301", "\u2800",
        "\x1b[2J", "\x1b]0;x\x07", "\x08", "\x85", "\u202e", "a\nb", "\r\n=cmd|' /C calc'!A0",
        "２０２６－０３－１０", "２０２６-03-10", "2026-03-1０", "ＩＮＱ-2026-0001", "ｉｎｑ－２０２６－０００１",
        "０", "１５", "－１", "１５００．５", "9" * 40, "1e999", "nan", "inf", "-1", "1_000",
        "0001-01-01", "9999-12-31", "0000-00-00", "2026-02-29", "1899-12-31", "2100-01-01",
        "INQ-2026-" + "1" * 60, "INQ-0000-0001", "*", "张", "x" * 300, "=1+1", "@SUM(A1)",
        "\udcff", "٢٠٢٦-٠٣-١٠",
    ]
)  # fmt: skip
VALUES = st.one_of(NASTY, TEXT)


def _check_any(result: Result) -> None:
    assert result.exit_code in (0, 1, 2, 3), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


@settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(PARAMS), value=VALUES)
def test_fuzz_every_parameter_of_every_command(
    demo_dir: tuple[Path, dict[str, str]], target: tuple[tuple[str, ...], str], value: str
) -> None:
    data_dir, ids = demo_dir
    path, name = target
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    _check_any(CliRunner().invoke(cli, _args(path, name, value, ids), env=env))


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    where=st.sampled_from(["--today", "--as", "--data-dir", "TOWNSHIP_TODAY", "TOWNSHIP_USER",
                           "TOWNSHIP_LOCK_TIMEOUT", "TOWNSHIP_LANG"]),
    command=st.sampled_from([("overdue",), ("inquiry", "list"), ("audit", "head"),
                             ("inquiry", "log", "--name", "张三", "--matter", "m")]),
    value=VALUES,
)  # fmt: skip
def test_fuzz_global_options_and_environment(
    demo_dir: tuple[Path, dict[str, str]], where: str, command: tuple[str, ...], value: str
) -> None:
    data_dir, _ids = demo_dir
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    if where.startswith("--"):
        args = [where, value, *command]
    else:
        if "\x00" in value or any("\ud800" <= c <= "\udfff" for c in value):
            return  # no environment holds a NUL or undecodable text as str
        env[where] = value
        args = list(command)
    _check_any(CliRunner().invoke(cli, args, env=env))


# -- full-width input is normal input ------------------------------------------------

FULL_WIDTH = str.maketrans("0123456789-:.+", "０１２３４５６７８９－：．＋")


def wide(text: str) -> str:
    """``text`` as a Chinese input method in full-width mode types it."""
    return text.translate(FULL_WIDTH).replace("I", "Ｉ").replace("N", "Ｎ").replace("Q", "Ｑ")


@pytest.mark.parametrize("target", DATE_PARAMS, ids=lambda t: " ".join(t[0]) + " " + t[1])
def test_every_date_option_reads_full_width_digits(
    demo_dir: tuple[Path, dict[str, str]], target: tuple[tuple[str, ...], str]
) -> None:
    # Each date option, given the day typed in full width, is not refused as a
    # date: its exit code is the one the ASCII day gets, and neither ends in a
    # traceback. (Commands that write may then differ: the first run wrote.)
    data_dir, ids = demo_dir
    path, name = target
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_TODAY": "2026-03-02",
        "TOWNSHIP_USER": "王芳",
    }
    day = "2026-02-27"
    typed = CliRunner().invoke(cli, _args(path, name, wide(day), ids), env=env)
    _check_any(typed)
    assert "YYYY-MM-DD" not in typed.output, typed.output
    ascii_ = CliRunner().invoke(cli, _args(path, name, day, ids), env=env)
    _check_any(ascii_)
    assert "YYYY-MM-DD" not in ascii_.output
    command = dict((tuple(p), c) for p, c in COMMANDS)[path]
    if not any(p.name == "on" for p in command.params):  # a command that reads only
        assert typed.exit_code == ascii_.exit_code, (typed.output, ascii_.output)
        assert typed.output == ascii_.output
