"""Generate docs/cli.md, the CLI reference, from every command's ``--help``.

Run ``python tools/cli_reference.py`` after changing a command's help;
``tests/test_docs.py`` fails when docs/cli.md is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"


def walk(group: click.Group, path: list[str]) -> list[list[str]]:
    """Every command path below ``group``, depth first, sorted by name."""
    ctx = click.Context(group, info_name=path[-1])
    found = [path]
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            found += walk(cmd, [*path, name])
        elif cmd is not None:
            found.append([*path, name])
    return found


def reference() -> str:
    """The text of docs/cli.md."""
    sys.path.insert(0, str(ROOT))
    from commands import cli

    parts = [
        "# township command reference\n",
        "Generated from `--help` by `python tools/cli_reference.py`; do not edit by hand.\n",
    ]
    runner = CliRunner()
    for path in walk(cli, ["township"]):
        result = runner.invoke(cli, ["--lang", "en", *path[1:], "--help"], terminal_width=100)
        text = result.output.replace("Usage: cli", "Usage: township").rstrip()
        level = "#" * min(len(path) + 1, 4)
        parts.append(f"{level} `{' '.join(path)}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
