"""``township wubao``: 五保收养服务, derived from its declaration (township/kinds/wubao.py)."""

from commands.steps import kind_group

wubao = kind_group(
    "wubao",
    """五保收养 applications: village review, township review, county decision, admission.

    The applicant's name, contact and ID number are masked unless --reveal
    is given; each reveal is audited.

    \b
    Example:
      township wubao apply --applicant 孙某甲 --village 青山村
      township wubao list
    """,
)
