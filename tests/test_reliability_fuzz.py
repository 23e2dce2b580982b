"""Invalid arguments over the commands: exit 2 or 3, one sentence, never a traceback.

A table of known-bad arguments for every command family, then hypothesis
throws arbitrary text at the arguments that take free text or ids.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import Invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commands import cli

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
