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


# The fields of each kind that hold a protected person's name or contact.
PERSONAL_FIELDS: dict[str, tuple[str, str]] = {
    "complaint": ("complainant", "contact"),
    "petition": ("petitioner", "contact"),
    "inquiry": ("name", "contact"),
}
# Inquiries are masked only when they carry a complaint or a report (首问负责制 3(4)).
MASKED_INQUIRY_TYPES = ("complaint", "report")


def is_protected(record: dict) -> bool:
    """True when the record names a complainant or petitioner to protect."""
    kind = record.get("kind")
    if kind == "inquiry":
        return record.get("type") in MASKED_INQUIRY_TYPES
    return kind in PERSONAL_FIELDS


def mask_record(record: dict) -> dict:
    """A copy of ``record`` with its protected name and contact masked."""
    if not is_protected(record):
        return record
    name_field, contact_field = PERSONAL_FIELDS[record["kind"]]
    masked = dict(record)
    if name_field in masked:
        masked[name_field] = mask_name(masked[name_field])
    if contact_field in masked:
        masked[contact_field] = mask_contact(masked[contact_field])
    return masked
