"""The toy kind's commands: commands/toy_cmd.py of the developer guide.

Every step's command is derived from the declaration (``add_steps``), and
``list`` and ``show`` too (``add_list_show``). Imported once the kind is
registered (the ``toy`` fixture of ``tests/test_rule_book.py``).
"""

# [guide:commands]
from __future__ import annotations

import click

from commands import TownshipGroup
from commands.kind_cmd import add_list_show
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def toy() -> None:
    """Visitor replies: every visit answered in time (township rules --kind toy).

    The visitor's name is masked unless --reveal is given; each reveal is audited.

    \b
    Example:
      township toy open --visitor 李秀英 --matter "咨询低保政策"
      township toy list --overdue
    """


add_steps(toy, "toy")
add_list_show(toy, "toy", personal=True)
# [/guide:commands]

# The line of commands/__init__.py SUBCOMMANDS (the fixture points it here).
# [guide:subcommand]
SUBCOMMAND = {"toy": ("commands.toy_cmd:toy", "Visitor replies (来访答复).")}
# [/guide:subcommand]
