"""Registers printed as documents: the 收发登记 of classified information reports.

综治维稳有关工作制度 七（四）: 信息报告涉及到机密事项的…由保密员经办并做好收发登记，
处理完毕后按要求做好存档工作. One line per report sent or instruction received,
with its level, date, handler, recipients and whether it is archived.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from township.i18n import Text
from township.views.forms import Document, Items, Paragraph, Signature, cn_date

if TYPE_CHECKING:
    from township.config import Config


def _line(record: dict[str, Any]) -> Text:
    sent = record.get("status") == "sent" or ("recipients" in record and not record.get("issuer"))
    direction = Text("发出", "sent") if sent else Text("收到", "received")
    party = record.get("recipients") if sent else record.get("issuer")
    archived = Text("已存档", "archived") if record.get("archived_on") else Text("未存档", "open")
    handler = record.get("handler") or ""
    passed = record.get("passed_on")
    tail_zh = f"，传达：{record.get('recipients')}（{cn_date(passed)}）" if passed else ""
    tail_en = f", passed on to {record.get('recipients')} ({passed})" if passed else ""
    dated = record.get("dated") or ""
    return Text(
        f"{cn_date(dated) if dated else ''} {direction.zh} {record['id']} {record.get('level')} "
        f"「{record.get('subject', '')}」 {'报送' if sent else '来文'}：{party or ''} "
        f"经办：{handler}{tail_zh} {archived.zh}",
        f"{record.get('dated', '')} {direction.en} {record['id']} {record.get('level')} "
        f"'{record.get('subject', '')}' {'to' if sent else 'from'}: {party or ''} "
        f"handler: {handler}{tail_en} {archived.en}",
    )


def briefing_register(
    records: Sequence[dict[str, Any]], year: int, config: Config, today: dt.date
) -> Document:
    """The year's 收发登记 of classified reports (records already masked as printed)."""
    return Document(
        form="briefing-register",
        title=Text(f"{year}年涉密信息报告收发登记", f"Register of classified reports, {year}"),
        township=config.name,
        record_id="",
        number=f"{year}",
        issued_on=today,
        blocks=(
            Items(
                Text("收发登记：", "Sent and received:"),
                tuple(_line(r) for r in records),
            ),
            Paragraph(
                Text(
                    "由保密员经办并做好收发登记，处理完毕后存档（综治维稳有关工作制度 七（四））。",
                    "Handled by the secrecy officer and archived when done "
                    "(综治维稳有关工作制度 七(四)).",
                )
            ),
        ),
        signatures=(Signature(Text("保密员（签名）：", "Secrecy officer: ")),),
        data={"year": year, "records": [r["id"] for r in records]},
        matter=Text(f"{year}年涉密信息报告收发登记", f"classified reports of {year}"),
    )
