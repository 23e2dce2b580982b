"""``township denial``: denial filings (否定报备制).

The steps' commands are derived from their declarations in
``township.kinds.denial`` (``commands.steps``); the form (否定报备登记表) is a
document, not a step, and is written in ``commands.forms_cmd``.
"""

from __future__ import annotations

import click

from commands import TownshipGroup
from commands.kind_cmd import add_list_show
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def denial() -> None:
    """Denial filings (否定报备制): filed and the applicant told in writing in time.

    The periods are the rule book's (township rules --kind denial shows the
    numbers in force). The applicant's name and contact are masked unless
    --reveal is given; each reveal is audited.

    \b
    Example:
      township denial file --applicant 孙七 --matter "临时救助申请" \\
          --reason "家庭收入超过标准" --basis "《社会救助暂行办法》第四十七条"
      township denial list --overdue
    """


denial.lazy["form"] = ("commands.forms_cmd:denial_form", "Print the 否定报备登记表.")
denial.lazy["notice"] = ("commands.papers_cmd:denial_notice", "Print the 书面告知.")

add_steps(denial, "denial")
add_list_show(denial, "denial", personal=True)
