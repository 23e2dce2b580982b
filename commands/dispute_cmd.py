"""``township dispute``: disputes and leader packages (矛盾纠纷排查调处, 领导包案).

Every step's command is derived from the kind's declaration
(``township.kinds.dispute.SPEC``, ``commands.steps``).
"""

from __future__ import annotations

import click

from commands import TownshipGroup
from commands.kind_cmd import add_list_show
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def dispute() -> None:
    """Disputes (矛盾纠纷排查调处) and leader packages (领导包案).

    Every dispute found is registered; it is routed to an office or
    packaged to a leader with a mediation period in days, or referred to
    the county. When it is handed to an office, resolved with a leader's
    consent or referred, the parties are told within the notice period
    (party-notice, 督办制度 (六); township rules --kind dispute shows it);
    then it is archived. The parties' names and contact are masked
    everywhere unless --reveal is given; each reveal is audited.

    \b
    Example:
      township dispute register --summary "宅基地界址纠纷" --parties "张某甲、李某乙" \\
          --village 东风村 --category 1 --source sweep
      township dispute list --overdue
    """


dispute.lazy["package-form"] = ("commands.papers_cmd:package_form", "Print the 领导包案“五个一”表.")
add_steps(dispute, "dispute")
add_list_show(dispute, "dispute", personal=True)
