"""The user guide (docs/user/) does what it says: every command of it runs on the demo,
and every relative link of README.md and docs/ leads to a file and heading that exist.

The guide's convention (docs/user/README.md says it to the reader): a command is
a line of a ```console block starting with ``$ township``, continued by lines
ending in ``\\``; the other lines of the block are what it prints (not checked:
an illustration). A command expected to fail is preceded, in the same block,
by the line ``# 退出码 N`` (N its exit code); every other command exits 0.
``> FILE`` at the end of a command writes its output to FILE.

Each page runs, in order, on its own copy of one demo directory made with
``township init --demo`` on the guide's fixed day (``TOWNSHIP_TODAY``, named on
the index page), so that a page's commands build on each other as the
reader's would.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from commands import cli

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "user"
TODAY = "2026-03-02"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
EXIT = re.compile(r"^#\s*退出码\s*(\d+)\s*$")


def commands_of(text: str) -> list[tuple[str, int]]:
    """The commands of a page's console blocks, each with the exit code it should give."""
    found: list[tuple[str, int]] = []
    for block in BLOCK.findall(text):
        expect = 0
        lines = iter(block.splitlines())
        for line in lines:
            mark = EXIT.match(line)
            if mark:
                expect = int(mark.group(1))
                continue
            if not line.startswith("$ "):
                continue
            command = line[2:]
            while command.endswith("\\"):
                command = command[:-1] + " " + next(lines).strip()
            found.append((command, expect))
            expect = 0
    return found


def test_the_convention_reads_continuations_and_exit_codes() -> None:
    page = (
        "```console\n$ township inquiry log --name 张三 \\\n    --matter 咨询\nINQ-2026-0007\n"
        "# 退出码 2\n$ township inquiry show INQ-2099-0001\n$ township rules\n```\n"
    )
    assert commands_of(page) == [
        ("township inquiry log --name 张三  --matter 咨询", 0),
        ("township inquiry show INQ-2099-0001", 2),
        ("township rules", 0),
    ]


PAGES = sorted(p for p in GUIDE.glob("*.md") if p.name != "commands.md")
# The README's first session of a clerk runs on the demo too.
RUN = [*PAGES, ROOT / "README.md"]


def test_the_guide_has_its_pages_and_each_job_has_commands() -> None:
    names = {p.name for p in PAGES}
    assert "README.md" in names and len(names) >= 14, names
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    for page in PAGES:
        if page.name != "README.md":
            assert f"]({page.name})" in index, f"the index does not link {page.name}"
            assert commands_of(page.read_text(encoding="utf-8")), f"{page.name} has no command"
    # The index names the day the guide's commands are run on.
    assert f"TOWNSHIP_TODAY={TODAY} TOWNSHIP_USER=王某" in index


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("guide") / "demo"
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "--today", TODAY, "init", "--demo"])
    assert result.exit_code == 0, result.output
    return data


@pytest.mark.parametrize("page", RUN, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_command_of_the_page_runs_on_the_demo(
    page: Path, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "demo"
    shutil.copytree(demo, data)
    monkeypatch.chdir(tmp_path)
    env: dict[str, str | None] = {
        "TOWNSHIP_DATA_DIR": str(data),
        "TOWNSHIP_TODAY": TODAY,
        "TOWNSHIP_USER": "王某",
        "TOWNSHIP_LANG": None,  # the guide is read in Chinese whatever the caller's shell says
    }
    runner = CliRunner()
    for command, expect in commands_of(page.read_text(encoding="utf-8")):
        if command.startswith("export "):
            # The variables the reader sets are the test's own (``env``).
            assert (
                command
                == f"export TOWNSHIP_DATA_DIR=guide TOWNSHIP_TODAY={TODAY} TOWNSHIP_USER=王某"
            )
            continue
        words = shlex.split(command)
        target = None
        if len(words) > 2 and words[-2] == ">":
            words, target = words[:-2], words[-1]
        assert words[0] == "township", command
        result = runner.invoke(cli, words[1:], env=env)
        assert result.exit_code == expect, f"{page.name}: {command}\n{result.output}"
        assert "Traceback" not in result.output, command
        if target is not None:
            (tmp_path / target).write_text(result.stdout, encoding="utf-8")


# -- links ---------------------------------------------------------------------------

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
FENCE = re.compile(r"^```.*?^```", re.S | re.M)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings (a repeated heading gets -1, -2 …)."""
    seen: dict[str, int] = {}
    found = set()
    for heading in HEADING.findall(FENCE.sub("", page.read_text(encoding="utf-8"))):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def test_slugs_as_github_makes_them() -> None:
    assert slug("首问登记与一次性告知") == "首问登记与一次性告知"
    assert slug("1. 安装（install）") == "1-安装install"
    assert slug("`township check`: 检查安装") == "township-check-检查安装"


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@pytest.mark.parametrize("page", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page: Path) -> None:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        inside = resolved == ROOT or ROOT in resolved.parents
        found = resolved.exists() and inside
        if not found or (anchor and resolved.suffix == ".md" and anchor not in anchors(resolved)):
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: broken links {broken}"


def test_no_page_sends_the_reader_outside_the_project() -> None:
    for page in DOCS:
        assert "../shared" not in page.read_text(encoding="utf-8"), page


def test_the_admin_guide_settings_are_read(tmp_path: Path) -> None:
    """Every ``toml`` block of the administrator's guide is a township.toml township reads."""
    from township.config import load, load_mail

    blocks = re.findall(r"^```toml\n(.*?)^```", (ROOT / "docs" / "admin.md").read_text("utf-8"),
                        re.S | re.M)  # fmt: skip
    assert len(blocks) >= 2
    for n, block in enumerate(blocks):
        data = tmp_path / str(n)
        data.mkdir()
        (data / "township.toml").write_text(block, encoding="utf-8")
        load(data)
        if "[mail]" in block:
            load_mail(data)


def test_the_readme_is_a_short_front_door() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 300
    for page in ("docs/user/README.md", "docs/admin.md", "docs/cli.md", "docs/developer/README.md"):
        assert f"]({page})" in readme, page
