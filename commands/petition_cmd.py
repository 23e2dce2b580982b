"""``township petition``: petitions (信访)."""

from __future__ import annotations

from collections.abc import Callable

import click

from commands import TownshipGroup
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.steps import add_steps
from township.steps.machine import Record


@click.group(cls=TownshipGroup)
def petition() -> None:
    """Petitions (信访): acceptance told in writing, then concluded, in time.

    The periods are the rule book's (township rules --kind petition shows
    the numbers in force).

    The petitioner's name and contact are masked everywhere unless --reveal
    is given; each reveal is audited.

    \b
    Example:
      township petition receive --petitioner 王五 --contact 13912345678 --matter "宅基地纠纷"
      township petition list --overdue
    """


petition.lazy["notice"] = ("commands.papers_cmd:petition_notice", "Print a 告知书.")
add_steps(petition, "petition")


def _read(app: AppContext) -> Callable[[Record], Record]:
    """A record as read today: an old single extension shown as the list ``extensions``."""
    from township.kinds.petition import read_petition

    return read_petition


add_list_show(petition, "petition", personal=True, enrich=_read)
