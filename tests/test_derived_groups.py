"""A kind's command group derived from its declaration: listed without being built.

``township wubao --help`` lists the steps, ``list`` and ``show`` from the
declaration (``commands.steps.DerivedGroup``) and builds a command only when
it runs, so listing imports neither the step machine nor the renderer. What
the listing says must be what the built commands say.
"""

from __future__ import annotations

import subprocess
import sys

import click

from commands import SUBCOMMANDS, cli
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
    # ... while a step's own --help builds that step (its options, and the
    # renderer its output takes), the machine still waiting for a step to run.
    code = code.replace("'wubao', '--help'", "'wubao', 'apply', '--help'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED ['commands.render']" in out.stdout and "--applicant" in out.stdout
