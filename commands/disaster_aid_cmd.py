"""``township disaster-aid``: 救灾救济, derived from its declaration."""

from commands.steps import kind_group

disaster_aid = kind_group(
    "disaster-aid",
    """Disaster relief (救灾救济): the six steps of 灾民救济对象核定程序.

    \b
    Example:
      township disaster-aid apply --applicant 李某丙 --village 柳溪村 --loss "洪水冲毁住房两间"
      township disaster-aid list
    """,
)
