"""Generate the CLI reference from every command's ``--help``: docs/cli.md in Chinese
(what a clerk reads) and docs/cli.en.md in English beside it.

Run ``python tools/cli_reference.py`` after changing a command's help (it
writes ``commands/listing/`` too: ``tools/cli_listing.py``);
``tests/test_docs.py`` fails when either file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"zh": ROOT / "docs" / "cli.md", "en": ROOT / "docs" / "cli.en.md"}


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


HEADS = {
    "zh": [
        "# township 命令参考\n",
        "由 `python tools/cli_reference.py` 从各命令的 `--help` 生成，请勿手工修改。"
        "英文版见 [cli.en.md](cli.en.md)；每项工作怎么做见[用户手册](user/README.md)。\n",
    ],
    "en": [
        "# township command reference\n",
        "Generated from `--help` by `python tools/cli_reference.py`; do not edit by hand. "
        "The Chinese reference, what a clerk reads, is [cli.md](cli.md).\n",
    ],
}


def reference(lang: str = "zh") -> str:
    """The text of the reference in ``lang``: docs/cli.md (zh) or docs/cli.en.md (en)."""
    sys.path.insert(0, str(ROOT))
    from commands import cli

    parts = list(HEADS[lang])
    runner = CliRunner()
    for path in walk(cli, ["township"]):
        result = runner.invoke(cli, ["--lang", lang, *path[1:], "--help"], terminal_width=100)
        text = result.output.replace("Usage: cli", "Usage: township").replace(
            "用法: cli", "用法: township"
        )
        text = text.rstrip()
        level = "#" * min(len(path) + 1, 4)
        parts.append(f"{level} `{' '.join(path)}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    import cli_listing  # the groups' listing first: the reference prints it

    cli_listing.write()
    for lang, target in TARGETS.items():
        target.write_text(reference(lang), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
