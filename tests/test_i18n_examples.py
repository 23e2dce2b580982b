"""Every ``Example:`` line of every ``--help`` runs, with exit 0, on a demo data directory.

Each example runs on its own copy of one demo directory (``init --demo``,
``--today`` pinned), so examples do not depend on each other. The demo makes
first the records the examples name (each kind's ``demo_examples``). A
``township mail`` example mails to a local SMTP server (aiosmtpd on
127.0.0.1) named in a ``[mail]`` table added to the copy's township.toml.
"""

from __future__ import annotations

import email
import inspect
import shlex
import shutil
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import click
import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from commands import cli, split_help
from tests.test_i18n_help import PATHS, command

TODAY = "2026-03-02"
MAIL = """
[mail]
host = "127.0.0.1"
port = {port}
security = "none"
from = "township@example.org"
to = ["jiwei@example.org"]

[mail.departments]
"民政办" = "mzb@example.org"
"党政办" = "dzb@example.org"
"""


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        msg = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return "250 OK"


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def examples() -> list[str]:
    found = []
    for path in PATHS:
        _prose, block = split_help(inspect.cleandoc(command(path).help or ""))
        block = block.replace("\\\n", " ")
        found += [
            line.strip() for line in block.splitlines() if line.strip().startswith("township")
        ]
    return sorted(set(found))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    result = CliRunner().invoke(
        cli, ["--data-dir", str(data), "--today", TODAY, "init", "--demo", "--size", "60"]
    )
    assert result.exit_code == 0, result.output
    return data


@pytest.mark.parametrize("line", examples())
def test_example_runs(
    line: str, demo: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    data = tmp_path / "data"
    words = shlex.split(line, comments=True)
    cut = [i for i, w in enumerate(words) if w in (">", "|")]
    args = words[1 : cut[0] if cut else None]
    if args[:1] != ["init"]:
        shutil.copytree(demo, data)
    env = {"TOWNSHIP_DATA_DIR": str(data), "TOWNSHIP_TODAY": TODAY, "TOWNSHIP_USER": "示例"}
    if args[:2] == ["calendar", "import"]:
        root = Path(__file__).resolve().parent.parent
        args = [str(root / a) if a.startswith("data/") else a for a in args]
    # A file an example writes (--output) goes to the test's own directory; an
    # import reads the ledger township export writes.
    monkeypatch = request.getfixturevalue("monkeypatch")
    monkeypatch.chdir(tmp_path)
    if args[:1] == ["import"]:
        ledger = ["export", args[1], "--format", "xlsx", "--output", args[2], "--reveal"]
        assert CliRunner().invoke(cli, ledger, env=env).exit_code == 0, line
        # Into another office: the same office already has every row (a ledger
        # imported twice is refused).
        env["TOWNSHIP_DATA_DIR"] = str(tmp_path / "other")
        assert CliRunner().invoke(cli, ["init"], env=env).exit_code == 0, line
    box = None
    if args[:1] == ["mail"]:
        box, port = request.getfixturevalue("inbox")
        with (data / "township.toml").open("a", encoding="utf-8") as config:
            config.write(MAIL.format(port=port))
    result = CliRunner().invoke(cli, args, env=env)
    # 1 is a finding, not a failure: something overdue (--exit-code); a warning of
    # township check (the demo keeps the template's hotline); a rest day
    # (calendar is-workday).
    warns = "--exit-code" in args or args[:1] == ["check"] or args[:2] == ["calendar", "is-workday"]
    assert result.exit_code in (0, 1 if warns else 0), (line, result.output)
    if box is not None:  # the demo has overdue items: the report is mailed, or printed
        if "--dry-run" in args:
            assert not box.messages and "jiwei@example.org" in result.stdout, line
        else:
            rcpt = {a for to, _msg in box.messages for a in to}
            assert "jiwei@example.org" in rcpt, (line, result.output)
            assert ("mzb@example.org" in rcpt) == ("--per-dept" in args), line


def test_there_are_examples() -> None:
    assert len(examples()) > 60
    assert isinstance(command([]), click.Group)
