"""``township circular``: quarterly circulars (每季一通报).

The ``issue`` command is derived from the kind's declaration
(``township.kinds.circular.SPEC``, ``commands.steps``).
"""

from __future__ import annotations

import click

from commands import TownshipGroup
from commands.kind_cmd import add_list_show
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def circular() -> None:
    """Quarterly circulars (每季一通报): the units praised and criticised.

    A unit criticised in two or more circulars of a year is flagged 一票否决
    by township stats.

    \b
    Example:
      township circular issue --period 2026Q1 --criticize 财政所 --praise 民政办
      township circular list
    """


add_steps(circular, "circular")
add_list_show(circular, "circular")
