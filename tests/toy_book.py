"""The toy kind's roster line and rule (docs/developer/adding-a-kind.md, steps 1 and 2).

In the product they are one line of ``township/book/roster.py`` ``KINDS``
and one entry of ``township/book/rules.py`` ``_RULES``; the ``toy`` fixture
of ``tests/test_rule_book.py`` registers them (``module`` pointed at
``tests/toy_kind.py``).
"""

from __future__ import annotations

from township.book.roster import Kind
from township.book.rules import Rule
from township.i18n import Text

REGISTRY_LINE = (
    # [guide:registry]
    Kind("toy", "TOY", "toys", Text("来访答复", "visitor reply"), "township.kinds.toy")
    # [/guide:registry]
)

RULE = (
    # [guide:rule]
    Rule(
        "toy-reply",
        "toy",
        Text("答复来访人", "reply to the visitor"),
        5,
        "workday",
        ("open",),
        ("close",),
        Text("测试制度 1：5个工作日内答复来访人", "测试制度 1 (reply within 5 working days)"),
    )
    # [/guide:rule]
)
