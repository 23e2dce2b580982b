"""Refresh what the user guide shows each command printing (docs/user/*.md, README.md).

Each page runs, in order, on its own copy of a demo made on the guide's day (as
tests/test_user_guide.py runs it); below every ``$ township …`` line of a
```` ```console ```` block goes the start of what it printed (a few lines, long ones
cut with …). The output shown is an illustration and is not tested; run
``python tools/user_guide.py`` after a change of wording to bring it up to date.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-03-02"
USER = "王某"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
MAX_LINES = 8
MAX_COLUMNS = 96


def _cut(line: str) -> str:
    """``line`` cut to what fits the page, by terminal columns."""
    from commands.locale.width import columns

    if columns(line) <= MAX_COLUMNS:
        return line
    while columns(line) > MAX_COLUMNS - 1:
        line = line[:-1]
    return line.rstrip() + "…"


def _shown(output: str) -> list[str]:
    lines = [_cut(line.rstrip()) for line in output.rstrip("\n").splitlines()]
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], "…"]
    return lines


def refresh(text: str, data: Path, workdir: Path) -> str:
    """``text`` with the output under each command replaced by what it prints now."""
    from commands import cli

    runner = CliRunner()
    env = {"TOWNSHIP_DATA_DIR": str(data), "TOWNSHIP_TODAY": TODAY, "TOWNSHIP_USER": USER,
           "TOWNSHIP_LANG": None}  # fmt: skip

    def block(match: re.Match[str]) -> str:
        out: list[str] = []
        lines = iter(match.group(1).splitlines())
        for line in lines:
            if line.startswith("#") and not line.startswith("$"):
                out.append(line)
                continue
            if not line.startswith("$ "):
                continue  # an old output line: replaced below
            command = [line]
            while command[-1].endswith("\\"):
                command.append(next(lines))
            out += command
            joined = " ".join(c.rstrip("\\").strip() for c in command)[2:]
            if joined.startswith("export "):
                continue
            words = shlex.split(joined)
            target = None
            if len(words) > 2 and words[-2] == ">":
                words, target = words[:-2], words[-1]
            cwd = os.getcwd()
            os.chdir(workdir)
            try:
                result = runner.invoke(cli, words[1:], env=env, terminal_width=100)
            finally:
                os.chdir(cwd)
            if target is not None:  # as the test does: later commands may read the file
                (workdir / target).write_text(result.stdout, encoding="utf-8")
            # init --demo finds the demo already made: what it says here is not what the reader sees.
            if target is None and words[1] != "init":
                out += _shown(result.output)
        return "```console\n" + "\n".join(out) + "\n```"

    return BLOCK.sub(block, text)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from commands import cli

    pages = sorted(p for p in (ROOT / "docs" / "user").glob("*.md") if p.name != "commands.md")
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        result = CliRunner().invoke(
            cli, ["--data-dir", str(demo), "--today", TODAY, "init", "--demo"]
        )
        assert result.exit_code == 0, result.output
        for page in [*pages, ROOT / "README.md"]:
            work = Path(tmp) / str(page.relative_to(ROOT)).replace("/", "-")
            work.mkdir()
            data = work / "demo"
            shutil.copytree(demo, data)
            text = page.read_text(encoding="utf-8")
            page.write_text(refresh(text, data, work), encoding="utf-8")
            print(f"refreshed {page.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
