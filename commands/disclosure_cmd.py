"""``township disclosure``: disclosure on request (依申请公开).

Every step's command is derived from the kind's declaration
(``township.kinds.disclosure.SPEC``, ``commands.steps``).
"""

from __future__ import annotations

import click

from commands import TownshipGroup
from commands.kind_cmd import add_list_show
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def disclosure() -> None:
    """Disclosure on request (依申请公开): answered within the rule's period.

    A citizen's request is disclosed (publish) or declined with its reason
    (decline) within the period of the rule disclosure-request (township
    rules --kind disclosure). The requester's name and contact are masked
    unless --reveal is given; each reveal is audited.

    \b
    Example:
      township disclosure request --requester 张某 --matter "村道硬化工程招标结果"
      township disclosure list --overdue
    """


add_steps(disclosure, "disclosure")
add_list_show(disclosure, "disclosure", personal=True)
