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

import click
import pytest
from click.testing import CliRunner
from conftest import Invoke

from commands import cli
from township.errors import BadInput, clean_required
from township.i18n import Text
from township.text import ascii_form, escape_control, is_blank
from township.views.privacy import is_protected, mask_contact, mask_name, mask_record

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


# -- input typed on a Chinese keyboard -------------------------------------------------


def test_ascii_form_reads_full_width_input() -> None:
    assert ascii_form("２０２６－０３－１０") == "2026-03-10"
    assert ascii_form("　ＩＮＱ－２０２６－０００１　") == "INQ-2026-0001"
    assert ascii_form("１５００．５") == "1500.5"
    # Digits of other scripts are not ASCII digits after NFKC: a [0-9] pattern refuses them.
    assert ascii_form("٢٠٢٦") == "٢٠٢٦"


@pytest.mark.parametrize(
    "value", ["\u2800", "\u0301", "\ufe0f", "\u200b\u0301\u3000", "\U000e0041", "\u115f\u1160"]
)
def test_marks_fillers_and_tags_alone_are_blank(value: str) -> None:
    assert is_blank(value)
    with pytest.raises(BadInput):
        clean_required(value, Text("姓名", "name"))


@pytest.mark.parametrize("value", ["张", "e\u0301", "\ue000", "O'Brien"])
def test_visible_text_is_not_blank(value: str) -> None:
    # \ue000: a private-use character, where offices encode the rare characters of names.
    assert not is_blank(value)


def test_full_width_today_and_dates(run: Invoke, data_dir: Path) -> None:
    # 2026-03-02 is a Monday; --on 2026-02-27 (Friday) in full width is that day.
    result = run(
        "inquiry", "log", "--name", "张三", "--matter", "m", "--on", "２０２６－０２－２７",
        today="２０２６－０３－０２",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(
        run("inquiry", "show", "ＩＮＱ－２０２６－０００１", "--format", "json").stdout
    )
    assert shown["id"] == "INQ-2026-0001"
    assert shown["events"][0]["on"] == "2026-02-27"
    lower = run("inquiry", "show", "ｉｎｑ-2026-0001", "--format", "json")
    assert lower.exit_code == 0 and json.loads(lower.stdout)["id"] == "INQ-2026-0001"
    # The global option after the command, and the calendar's date and number arguments.
    assert run("overdue", "--today", "２０２６－０３－１０").exit_code == 0
    # calendar add 2025-09-26 10 is 2025-10-16 (its own --help example: the
    # National Day week and the make-up Sunday 09-28 counted).
    out = run("calendar", "add", "２０２５－０９－２６", "１０", "--format", "json").stdout
    assert json.loads(out)["due"] == "2025-10-16"
    assert run("calendar", "show", "２０２７－０２").exit_code == 0


@pytest.mark.parametrize(
    "value", ["２０２６-03-10", "2026-03-1０", "０001-01-01", "٢٠٢٦-٠٣-١٠", "２０２６－１３－０１"]
)
def test_odd_full_width_dates_are_one_sentence(run: Invoke, data_dir: Path, value: str) -> None:
    run("init")
    for args, env in [
        (["overdue", "--as-of", value], {}),
        (["--today", value, "overdue"], {}),
        (["overdue"], {"TOWNSHIP_TODAY": value}),
        (["inquiry", "list", "--since", value], {}),
        (["calendar", "is-workday", value], {}),
    ]:
        result = CliRunner().invoke(
            cli,
            args,
            env={"TOWNSHIP_DATA_DIR": str(data_dir), "TOWNSHIP_TODAY": "2026-03-10", **env},
        )
        assert result.exit_code in (0, 2), (args, env, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
    # Mixed full-width and ASCII digits are one date; 0001 is outside the calendar's years.
    ok = {"２０２６-03-10", "2026-03-1０"}
    result = run("overdue", "--as-of", value)
    assert result.exit_code == (0 if value in ok else 2), result.output


@pytest.mark.parametrize(
    ("value", "ok"), [("１０", True), ("０．５", True), ("1_0", False), ("٣", False)]
)
def test_lock_timeout_in_full_width(
    run: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch, value: str, ok: bool
) -> None:
    monkeypatch.setenv("TOWNSHIP_LOCK_TIMEOUT", value)
    result = run("overdue")
    assert result.exit_code == (0 if ok else 2), result.output


@pytest.mark.parametrize("actor", ["\u2800", "\u0301", "\u200b\ufe0f"])
def test_invisible_as_from_the_environment_is_refused(data_dir: Path, actor: str) -> None:
    env = {
        "TOWNSHIP_DATA_DIR": str(data_dir),
        "TOWNSHIP_USER": actor,
        "TOWNSHIP_TODAY": "2026-03-02",
    }
    assert CliRunner().invoke(cli, ["init"], env={**env, "TOWNSHIP_USER": "王芳"}).exit_code == 0
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    result = CliRunner().invoke(cli, ["inquiry", "log", "--name", "张三", "--matter", "m"], env=env)
    assert result.exit_code == 2 and "TOWNSHIP_USER" in result.stderr
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("value", ["", " ", "\u3000", "\u200b", "x" * 300])
def test_blank_or_impossible_data_dir_is_refused(tmp_path: Path, value: str) -> None:
    # "" would otherwise silently be the current directory.
    result = CliRunner().invoke(
        cli, ["--data-dir", value, "overdue"], env={"TOWNSHIP_TODAY": "2026-03-02"}
    )
    assert result.exit_code == 2, result.output
    assert "--data-dir" in result.stderr


def test_amend_refuses_an_invisible_reason(run: Invoke, data_dir: Path) -> None:
    assert run("inquiry", "log", "--name", "张三", "--matter", "m").exit_code == 0
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    for reason in ["\u200b", "\u3000", "\u2800"]:
        result = run("amend", "INQ-2026-0001", "--set", "matter=新事项", "--reason", reason)
        assert result.exit_code == 2, result.output
    result = run("amend", "INQ-2026-0001", "--set", "matter=\u200b\u3000", "--reason", "理由")
    assert result.exit_code == 2, result.output
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before


# -- escapes in printed documents and warnings -------------------------------------------


def _raw_controls(text: str) -> list[str]:
    return [c for c in [*RAW_CONTROLS, "\x08", "\x00"] if c in text]


@pytest.mark.parametrize("fmt", ["text", "html", "json"])
def test_printed_documents_escape_control_characters(run: Invoke, data_dir: Path, fmt: str) -> None:
    evil = "材料\x08\x08\x1b]0;t\x07\u202e\x9b\nINQ-2026-9999 伪造"
    result = run(
        "inquiry", "log", "--name", "张三", "--matter", evil, "--unit", evil, "--material", evil,
        "--pages", "3", "--receiver", "王芳", "--channel", "visit",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert run("inquiry", "notify", "INQ-2026-0001", "--item", evil).exit_code == 0
    for args in (("inquiry", "receipt", "INQ-2026-0001"), ("inquiry", "notice", "INQ-2026-0001")):
        out = run(*args, "--format", fmt).stdout
        text = json.loads(out)["text"] if fmt == "json" else out
        assert _raw_controls(text) == [], (args, text)
        assert "\\x1b" in text and "\\u202e" in text
        # The line break inside the value did not start a line of its own.
        assert not any(line.startswith("INQ-2026-9999") for line in text.splitlines())


def test_warnings_on_stderr_escape_control_characters(run: Invoke, data_dir: Path) -> None:
    from commands.common import warn
    from commands.context import AppContext

    app = AppContext()
    runner = CliRunner()

    @click.command()
    def cmd() -> None:
        warn(app, "部门 党政办\x1b[2J\u202e\n伪造", "office \x1b[2J\u202e\nforged")

    result = runner.invoke(cmd)
    assert _raw_controls(result.stderr) == []
    assert result.stderr.count("\n") == 1 and "\\x1b[2J\\u202e\\n" in result.stderr


# -- masking whatever the characters ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("张", "*"),
        ("张\u200b", "*"),
        ("\u200b张三", "张*"),
        ("*", "*"),
        ("张三丰", "张**"),
        (" 李 ", "*"),
    ],
)
def test_mask_name_whatever_it_holds(name: str, shown: str) -> None:
    assert mask_name(name) == shown


@pytest.mark.parametrize(
    ("contact", "shown"),
    [
        ("13812345678", "138****5678"),
        ("1*812345678", "1*8******78"),  # a * in it does not keep it as it is
        ("*13812345678", "*13*******78"),
        ("***", "***"),
        ("１３８１２３４５６７８", "１３８****５６７８"),
        (
            "\u200b1\u200b3\u200b8\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8",
            "138****5678",
        ),
    ],
)
def test_mask_contact_whatever_it_holds(contact: str, shown: str) -> None:
    assert mask_contact(contact) == shown


def test_masking_follows_the_kind_of_the_file() -> None:
    record = {
        "id": "CMP-2026-0001",
        "kind": "task",
        "complainant": "张三",
        "contact": "13812345678",
    }
    # Without the file's kind: the id's kind (complaint) is masked, whatever the field says.
    assert mask_record(record)["complainant"] == "张*"
    # With it: as the file says.
    assert mask_record(record, "complaint")["contact"] == "138****5678"
    odd = {"id": "TSK-2026-0001", "kind": "task", "complainant": "张三"}
    assert mask_record(odd, "complaint")["complainant"] == "张*"
    assert is_protected({"kind": "task"}, "petition")
