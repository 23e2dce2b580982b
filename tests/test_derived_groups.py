"""A kind's command group derived from its declaration: listed without being built.

``township wubao --help`` lists the steps, ``list`` and ``show`` from the
declaration (``commands.steps.DerivedGroup``) and builds a command only when
it runs, so listing imports neither the step machine nor the renderer. What
the listing says must be what the built commands say.

``township <group> --help`` goes further: the root answers it from the
generated listing (``commands/listing/``, ``commands.ListedGroup``)
without importing the group's module or the kind's declaration; the
listing must be current and print what the group itself prints.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import commands
from commands import SUBCOMMANDS, ListedGroup, cli
from commands.steps import DerivedGroup
from township.book.roster import KINDS

DERIVED = sorted(set(KINDS) - set(SUBCOMMANDS))


def test_the_kinds_without_a_command_module_are_derived() -> None:
    assert {"wubao", "medical-aid", "disaster-aid"} <= set(DERIVED)
    ctx = click.Context(cli)
    for name in DERIVED:
        assert isinstance(cli.get_command(ctx, name), DerivedGroup), name


def test_the_listing_says_what_the_built_commands_say() -> None:
    for name in DERIVED:
        group = DerivedGroup(name, help="x")
        ctx = click.Context(group)
        for command in list(group.lazy):
            for limit in (30, 45, 80):
                listed = group.lazy_short(command, limit)
                built = group.get_command(ctx, command)
                assert built is not None
                assert listed == built.get_short_help_str(limit), (name, command, limit)


def test_listing_a_derived_group_loads_no_step_machine() -> None:
    code = (
        "import sys\n"
        "from commands import main\n"
        "sys.argv = ['township', 'wubao', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in ('township.steps.machine', 'commands.render') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout
    # ... while a step's own --help builds that step (its options), the
    # machine and the renderer still waiting for a step to run.
    code = code.replace("'wubao', '--help'", "'wubao', 'apply', '--help'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout and "--applicant" in out.stdout


# -- township <group> --help from the listing ------------------------------------

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import cli_listing  # noqa: E402

# the listed groups: name -> listing
GROUPS = {
    name: commands.listed_group(cli, name).listing  # type: ignore[union-attr]
    for name in cli.list_commands(click.Context(cli))
    if commands.listed_group(cli, name) is not None
}

# What none of the listed groups' --help may import: the declarations, the
# step machine, the store, the renderer and the libraries only a command
# needs (the start-up goal: docs/developer/notes.md "Start-up").
HEAVY = (
    "township.book.registry",
    "township.book.rules",
    "township.steps.machine",
    "township.storage.store",
    "township.calendar",
    "commands.render",
    "commands.records_view",
    "commands.steps",
    "pendulum",
    "tabulate",
    "tinydb",
)


def test_the_listing_is_current() -> None:
    assert cli_listing.written() == cli_listing.listing(), (
        "commands/listing/ is stale: run `python tools/cli_listing.py`"
    )


def test_every_group_of_a_kind_and_the_slow_ones_are_listed() -> None:
    # the groups that were above the goal before the listing (and every kind)
    hand_written = {"inquiry", "case", "complaint", "petition", "task", "calendar", "audit"}
    assert {*hand_written, "duty", "briefing", *KINDS} <= set(GROUPS)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 100])
def test_the_stand_in_prints_what_the_group_prints(
    lang: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    listed = {}
    for name in GROUPS:
        args = ["--lang", lang, name, "--help"]
        listed[name] = runner.invoke(cli, args, terminal_width=width)
    # the same, from the groups themselves
    monkeypatch.setattr(commands, "listed_group", lambda root, name: None)
    for name, result in listed.items():
        args = ["--lang", lang, name, "--help"]
        itself = runner.invoke(cli, args, terminal_width=width)
        assert result.exit_code == itself.exit_code == 0, (name, result.output)
        assert result.output == itself.output, (name, lang, width)


def test_the_stand_in_is_used_for_help_alone() -> None:
    ctx = click.Context(cli, info_name="township", **cli.context_settings)
    helps = ctx.help_option_names  # -h, --help
    assert commands.help_only(["--help"], cli.params, helps)
    assert commands.help_only(["--lang", "en", "--today", "2026-01-02", "-h"], cli.params, helps)
    assert commands.help_only(["--as=王五", "--help"], cli.params, helps)
    assert not commands.help_only(["log", "--help"], cli.params, helps)
    assert not commands.help_only(["--lang", "--help"], cli.params, helps)  # --help is the value
    assert not commands.help_only([], cli.params, helps)
    assert not commands.help_only(["--", "--help"], cli.params, helps)
    # asked for a command, the stand-in answers with the group's own
    stand_in = commands.listed_group(cli, "inquiry")
    assert isinstance(stand_in, ListedGroup)
    sub = click.Context(stand_in, info_name="inquiry", parent=ctx)
    assert stand_in.get_command(sub, "log") is cli.real_command(ctx, "inquiry").commands["log"]
    assert stand_in.list_commands(sub) == [row[0] for row in GROUPS["inquiry"]["commands"]]


def test_a_listed_groups_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from commands import main\n"
        f"for name in {sorted(GROUPS)!r}:\n"
        "    for lang in ('zh', 'en'):\n"
        "        sys.argv = ['township', '--lang', lang, name, '--help']\n"
        "        try:\n            main()\n        except SystemExit:\n            pass\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout
    assert "township inquiry log" in out.stdout and "First-contact log" in out.stdout
    # ... while a command's own --help loads the group (here its declaration)
    code = code.replace("name, '--help'", "name, 'list', '--help'")
    code = code.replace(repr(sorted(GROUPS)), "['wubao']")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "township.book.registry" in out.stdout
