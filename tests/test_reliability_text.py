"""Hostile text is stored as given and shown safely; bad input is refused .

Control characters (ESC, C0 but tab, C1, bidi overrides) are shown escaped
in table, plain and github output and in error messages; a newline inside a
field never starts a line that looks like another row. Blank or invisible
``--as``, non-UTF-8 arguments and a bad ``TOWNSHIP_LOCK_TIMEOUT`` are
refused; nothing ends in a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Invoke

from township.errors import BadInput, clean_required
from township.i18n import Text
from township.text import escape_control

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = (
    "恶意\x1b[31m红字\x1b]0;title\x07\u202eevil\u2066\x85\x9b2J\nINQ-2026-9999  伪造的一行\r覆盖"
)
RAW_CONTROLS = ["\x1b", "\x07", "\u202e", "\u2066", "\x85", "\x9b", "\r"]


def test_escape_control() -> None:
    assert escape_control("a\x1b[0mb") == "a\\x1b[0mb"
    assert escape_control("\u202e") == "\\u202e"
    assert escape_control("a\tb") == "a\tb"  # tab kept
    assert escape_control("a\nb") == "a\\nb"
    assert escape_control("a\nb\x1b", keep_newlines=True) == "a\nb\\x1b"
    assert escape_control("\x7f\x9f\u2028\u2029\u200e\u061c") == (
        "\\x7f\\x9f\\u2028\\u2029\\u200e\\u061c"
    )
    assert escape_control("张三 O'Brien") == "张三 O'Brien"


@pytest.mark.parametrize(
    "value", ["", " ", "\t\n", "\u3000", "\u200b", "\u200b\u3000\ufeff", "\u2060 "]
)
def test_clean_required_refuses_blank(value: str) -> None:
    with pytest.raises(BadInput) as refused:
        clean_required(value, Text("姓名", "name"))
    assert "name" in refused.value.message_in("en")


def test_clean_required_strips() -> None:
    assert clean_required("\u3000 王芳\u200b ", Text("x", "x")) == "王芳"
    assert clean_required("a b", Text("x", "x")) == "a b"


@pytest.fixture
def hostile(run: Invoke, data_dir: Path) -> Path:
    result = run("inquiry", "log", "--name", HOSTILE, "--matter", HOSTILE, "--channel", "web")
    assert result.exit_code == 0, result.output
    return data_dir


@pytest.mark.parametrize("fmt", ["table", "plain", "github"])
@pytest.mark.parametrize(
    "args",
    [
        ("inquiry", "list"),
        ("inquiry", "show", "INQ-2026-0001"),
        ("overdue", "--as-of", "2026-03-10"),
        ("audit", "log"),
    ],
)
def test_terminal_formats_escape_control_characters(
    run: Invoke, hostile: Path, fmt: str, args: tuple[str, ...]
) -> None:
    result = run(*args, "--format", fmt)
    assert result.exit_code == 0, result.output
    for char in RAW_CONTROLS:
        assert char not in result.stdout, (char, result.stdout)
    # The newline inside the field did not start a line that looks like a row.
    assert not any(
        line.lstrip("| ").startswith("INQ-2026-9999") for line in result.stdout.split("\n")
    )


def test_every_format_of_the_list(run: Invoke, hostile: Path) -> None:
    html = run("inquiry", "list", "--format", "html").stdout
    for char in RAW_CONTROLS:
        assert char not in html, char
    assert "\\x1b[31m红字" in html
    # JSON and CSV carry the data as stored (JSON escapes the control characters itself).
    data = json.loads(run("inquiry", "list", "--format", "json").stdout)
    assert data[0]["matter"] == HOSTILE
    csv = run("inquiry", "list", "--format", "csv").stdout
    assert "恶意" in csv


def test_github_cell_cannot_open_a_column(run: Invoke, data_dir: Path) -> None:
    assert (
        run("inquiry", "log", "--name", "a|b", "--matter", "x | y", "--channel", "web").exit_code
        == 0
    )
    out = run("inquiry", "list", "--format", "github").stdout
    assert "x \\| y" in out


def test_error_messages_escape_control_characters(run: Invoke, hostile: Path) -> None:
    result = run("inquiry", "show", "INQ-2026-0001\x1b[2J\u202e")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b" in result.stderr


@pytest.mark.parametrize("actor", ["", " ", "\u3000", "\u200b", "\u200b\u200d\ufeff", "\t"])
def test_blank_or_invisible_as_is_refused(run: Invoke, data_dir: Path, actor: str) -> None:
    run("init")
    before = sorted(p.name for p in data_dir.rglob("*"))
    result = run("--as", actor, "inquiry", "log", "--name", "张三", "--matter", "m")
    assert result.exit_code == 2, result.output
    assert "--as" in result.stderr
    assert sorted(p.name for p in data_dir.rglob("*")) == before


def test_as_is_stripped(run: Invoke, data_dir: Path) -> None:
    assert (
        run("--as", "\u3000赵强 ", "inquiry", "log", "--name", "张三", "--matter", "m").exit_code
        == 0
    )
    line = (data_dir / "audit.jsonl").read_text(encoding="utf-8").splitlines()[-1]
    assert json.loads(line)["actor"] == "赵强"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "abc", ""])
def test_lock_timeout_must_be_finite_positive(
    run: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TOWNSHIP_LOCK_TIMEOUT", value)
    result = run("overdue")
    assert result.exit_code == 2, result.output
    assert "TOWNSHIP_LOCK_TIMEOUT" in result.stderr


def township(*args: bytes | str, data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOWNSHIP_")}
    env.update(TOWNSHIP_DATA_DIR=str(data_dir), TOWNSHIP_TODAY="2026-03-02", TOWNSHIP_USER="王芳")
    return subprocess.run(
        [sys.executable, "-m", "commands", *args],
        env=env,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )


def test_non_utf8_arguments_are_refused(data_dir: Path) -> None:
    assert township("init", data_dir=data_dir).returncode == 0
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    for args in [
        (b"inquiry", b"log", b"--name", b"\xff\xfe", b"--matter", b"m"),
        (b"--as", b"\xc3", b"overdue"),
        (b"inquiry", b"show", b"INQ-2026-\xff"),
        (b"calendar", b"add", b"2026-03-02\xff", b"3"),
    ]:
        proc = township(*args, data_dir=data_dir)
        assert proc.returncode == 2, (args, proc.stderr.decode("utf-8", "replace"))
        assert b"Traceback" not in proc.stderr + proc.stdout
        # A date is refused as not a date already; anything else as not UTF-8.
        assert "UTF-8" in proc.stderr.decode("utf-8") or args[0] == b"calendar"
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before
