"""Shell completion for bash, zsh and fish , as documented in the README."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def township(env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "commands"],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o nosort -F"), ("zsh", "compdef"), ("fish", "complete --no-files")],
)
def test_completion_script(shell: str, marker: str) -> None:
    script = township({"_TOWNSHIP_COMPLETE": f"{shell}_source"})
    assert marker in script
    assert "_TOWNSHIP_COMPLETE" in script


def test_completes_lazy_commands_and_subcommands() -> None:
    # "cal" -> calendar (a lazy group), then "calendar i" -> import, is-workday.
    top = township(
        {"_TOWNSHIP_COMPLETE": "bash_complete", "COMP_WORDS": "township cal", "COMP_CWORD": "1"}
    )
    assert top.split() == ["plain,calendar"]
    sub = township(
        {
            "_TOWNSHIP_COMPLETE": "bash_complete",
            "COMP_WORDS": "township calendar i",
            "COMP_CWORD": "2",
        }
    )
    assert sub.split() == ["plain,import", "plain,is-workday"]


def test_readme_documents_the_three_shells() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for shell in ("bash_source", "zsh_source", "fish_source"):
        assert f"_TOWNSHIP_COMPLETE={shell} township" in readme
