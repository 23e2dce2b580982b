"""``township assessment``: the year-end assessment (年底总考核).

The ``record`` command is derived from the kind's declaration
(``township.kinds.assessment.SPEC``, ``commands.steps``).
"""

from __future__ import annotations

import click

from commands import TownshipGroup
from commands.kind_cmd import add_list_show
from commands.steps import add_steps


@click.group(cls=TownshipGroup)
def assessment() -> None:
    """The year-end assessment (年底总考核): each unit's result of the year.

    A failing year costs the unit the year's honours (取消当年评先评优资格); two
    failing years in a row cost the post (调整工作岗位); township stats shows both.

    \b
    Example:
      township assessment record --year 2025 --unit 财政所 --result fail
      township assessment list
    """


add_steps(assessment, "assessment")
add_list_show(assessment, "assessment")
