"""Masking personal data (SPEC 4.3, 4.4).

Complainants and petitioners are protected (调查组应当严格遵守保密规定;
retaliation against complainants is an aggravating ground): lists, reports
and exports show 张** and 138****5678 unless the clerk reveals them, and
every reveal is audited.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d")


def mask_name(name: str | None) -> str | None:
    """Keep the first character: 张三丰 -> 张**, Li Lei -> L*****."""
    if not name:
        return name
    name = name.strip()
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_contact(contact: str | None) -> str | None:
    """Keep the first 3 and last 4 digits of an 11-digit mobile; hide most of the rest.

    13812345678 -> 138****5678; anything else keeps its first 3 and last 2
    characters.
    """
    if not contact:
        return contact
    text = contact.strip()
    digits = _DIGITS.findall(text)
    if len(digits) == 11 and text.isdigit():
        return text[:3] + "****" + text[-4:]
    if len(text) <= 5:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 5) + text[-2:]
