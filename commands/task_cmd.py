"""``township task``: assigned matters and requests (限时办结制 2, 督办制度 (七)).

Every step's command is derived from the kind's declaration
(``township.kinds.task.SPEC``, ``commands.steps``).
"""

from __future__ import annotations

import click

from commands import TownshipGroup
from commands.kind_cmd import add_list_show
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def task() -> None:
    """Assigned matters and requests (限时办结制 2), counted from the day of receipt.

    A decision of a higher office is carried out (execute), or its work plan
    reported (plan), and a request (请示) is answered, within the period of
    the rule book counted in working days from the day the document was
    received (收件日; township rules --kind task shows the periods in force).
    While a task is open its progress is reported, monthly unless --progress
    says otherwise (督办制度 (七)).

    \b
    Example:
      township task receive --title "落实秋冬季森林防火部署" --from 县人民政府办公室 \\
          --type execute --doc-no "县府办〔2026〕12号" --dept 党政办 --progress weekly
      township task list --overdue
    """


add_steps(task, "task")
add_list_show(task, "task")
