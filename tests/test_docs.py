"""The docs promise what the code does: README commands, CI, the CLI reference, and the
developer guide's worked example (the toy kind the tests run)."""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import cli_reference  # noqa: E402


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_reference_is_current() -> None:
    for lang, target in cli_reference.TARGETS.items():
        current = target.read_text(encoding="utf-8")
        assert current == cli_reference.reference(lang), (
            f"docs/{target.name} is stale: run `python tools/cli_reference.py`"
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


# Generated from the code: they name every command by construction.
GENERATED = {"cli.md", "cli.en.md", "rules.md"}


def _written_docs() -> str:
    """README.md and every page of docs/ written by hand."""
    pages = [p for p in sorted((ROOT / "docs").rglob("*.md")) if p.name not in GENERATED]
    return "\n".join([_readme(), *(p.read_text(encoding="utf-8") for p in pages)])


def test_every_command_is_documented() -> None:
    written = _written_docs()
    missing = [
        " ".join(path)
        for path in cli_reference.walk(_cli(), ["township"])
        if len(path) > 1 and " ".join(path) not in written
    ]
    assert not missing, f"commands named neither in README.md nor in docs/: {missing}"


# -- the developer guide's worked example ----------------------------------------

GUIDE = ROOT / "docs" / "developer" / "adding-a-kind.md"
TOY_FILES = ("toy_book.py", "toy_kind.py")
_REGION = re.compile(r"^[ \t]*# \[guide:([\w-]+)\]\n(.*?)^[ \t]*# \[/guide:\1\]\n", re.S | re.M)


def toy_regions() -> dict[str, str]:
    """The regions of the toy kind's files the guide includes, by name."""
    found: dict[str, str] = {}
    for name in TOY_FILES:
        text = (ROOT / "tests" / name).read_text(encoding="utf-8")
        for match in _REGION.finditer(text):
            assert match.group(1) not in found, f"region {match.group(1)} twice"
            found[match.group(1)] = textwrap.dedent(match.group(2)).strip("\n")
    return found


def test_the_guide_shows_the_toy_kind_the_tests_run() -> None:
    """Every code block of the guide is a region of the toy kind's files, word for word,
    and every region is in the guide: its code is the code tests/test_rule_book.py runs."""
    guide = GUIDE.read_text(encoding="utf-8")
    blocks = [b.strip("\n") for b in re.findall(r"```python\n(.*?)```", guide, re.S)]
    regions = toy_regions()
    assert set(regions) == {"registry", "rule", "imports", "spec", "demo"}
    stray = [b.splitlines()[0] for b in blocks if b not in regions.values()]
    assert not stray, f"code in the guide that no test runs: {stray}"
    missing = [name for name, body in regions.items() if body not in blocks]
    assert not missing, f"regions of the toy kind missing from the guide: {missing}"
    # The table of files counts the lines it shows.
    module = sum(len(regions[r].splitlines()) for r in ("imports", "spec", "demo"))
    assert f"| the declaration `SPEC` and the demo | {module} lines |" in guide


def test_the_guide_names_files_that_exist() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:township|commands|tests|tools|docs)/[\w/.-]+)`", guide))
    new = {"township/kinds/toy.py", "tests/test_toy.py"}
    assert named >= new
    missing = sorted(p for p in named - new if not (ROOT / p).exists())
    assert not missing, f"the guide names files that do not exist: {missing}"


def _cli():  # type: ignore[no-untyped-def]
    from commands import cli

    return cli
