"""``township medical-aid``: 大病救济服务, derived from its declaration."""

from commands.steps import kind_group

medical_aid = kind_group(
    "medical-aid",
    """Medical aid for serious illness (大病救济): application, review, county decision.

    An application outside the regulation's conditions is flagged, not
    refused. The county's quarterly round is its own clock: shown, never
    the township's overdue.

    \b
    Example:
      township medical-aid apply --applicant 钱某乙 --village 石桥村 --costs 36000 \\
          --condition high-costs --recipient dibao
      township medical-aid list
    """,
)
