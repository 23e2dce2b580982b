"""``township complaint``: efficiency complaints (效能投诉制).

The steps' commands are derived from the kind's declaration
(``township.kinds.complaint.SPEC``, ``commands.steps``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from commands import TownshipGroup
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.steps import add_steps

Record = dict[str, Any]


@click.group(cls=TownshipGroup)
def complaint() -> None:
    """Efficiency complaints (效能投诉制): register, assign, resolve, escalate.

    The complainant's name and contact are masked everywhere unless --reveal
    is given; each reveal is audited.

    \b
    Example:
      township complaint register --complainant 张三 --contact 13812345678 \\
          --against 民政办 --category 1 --summary "低保申请拖延不办"
      township complaint list --status registered
    """


class _Absences:
    """The absence records, read once per command and kept by person.

    ``absences_around`` reads its records from a store; this stands in for
    the store with only the absences of one person, so that a list of many
    category ⑤ complaints reads the absence files once, not once a row.
    """

    def __init__(self, app: AppContext) -> None:
        self.app = app
        self.by_person: dict[str, list[Record]] | None = None

    def of(self, person: str) -> _Listed:
        if self.by_person is None:
            from township.book.registry import KINDS

            self.by_person = {}
            for record in self.app.store.iter_records(KINDS["absence"]):
                name = record.get("person")
                key = name.strip() if isinstance(name, str) else ""
                self.by_person.setdefault(key, []).append(record)
        return _Listed(self.by_person.get(person.strip(), []))


class _Listed:
    """A store that holds only ``records`` (for ``absences_around``)."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records

    def iter_records(self, kind: Any) -> list[Record]:
        return self.records


def _with_absences(app: AppContext) -> Callable[[Record], Record]:
    """A category ⑤ complaint (擅离岗位) read with the absences around its date."""
    from township.kinds.absence import absences_around, around_summary

    absences = _Absences(app)

    def read(record: Record) -> Record:
        if record.get("category") != 5:
            return record
        against = record.get("against") or ""
        day = dt.date.fromisoformat(record.get("received") or record["events"][0]["on"])
        found = absences_around(absences.of(against), against, day)  # type: ignore[arg-type]
        return {
            **record,
            "absences": [r["id"] for r in found],
            "absences_around": around_summary(found),
        }

    return read


add_steps(complaint, "complaint")
add_list_show(complaint, "complaint", personal=True, enrich=_with_absences)
