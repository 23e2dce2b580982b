"""The docs promise what the code does: README commands, CI, the CLI reference."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import cli_reference  # noqa: E402


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_reference_is_current() -> None:
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == cli_reference.reference(), (
        "docs/cli.md is stale: run `python tools/cli_reference.py`"
    )


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```(?:sh|bash)\n(.*?)```", _readme(), flags=re.S)
    test_command = next(b.strip() for b in blocks if "pytest" in b)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci


def test_readme_opens_with_the_two_quickstart_commands() -> None:
    blocks = re.findall(r"```(?:sh|bash)\n(.*?)```", _readme(), flags=re.S)
    assert "township" in blocks[0] and "overdue" in blocks[0]
    assert "pytest" in blocks[1]


def test_every_command_is_documented_in_the_readme() -> None:
    readme = _readme()
    missing = [
        " ".join(path)
        for path in cli_reference.walk(_cli(), ["township"])
        if len(path) > 1 and " ".join(path) not in readme
    ]
    assert not missing, f"commands missing from README.md: {missing}"


def _cli():  # type: ignore[no-untyped-def]
    from commands import cli

    return cli
