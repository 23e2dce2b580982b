"""Issuing a printed document: what the settings decide, and the number assigned once.

Before a document is rendered (``issue``):

1. the names come from ``township.toml`` ``[documents]``: the issuing body's
   (发文机关标志 and 署名, ``Config.body``) and the printing office's (版记);
2. a value that is still the template's (what ``township init`` wrote, or
   what township uses when the file lacks it) and that the document prints
   — the township's ``name``, the ``hotline``, a body's name, the number
   pattern — refuses the print (``BadInput``, exit 2), naming every such
   key; unless the print is a draft (``--draft``: 样稿 across the page, no
   number) or the directory is the demo's (``demo = true``, written by
   ``township init --demo``: 演示 across the page). A directory without a
   township.toml has no template to refuse (``township check`` warns);
3. a document with ``numbered`` set gets its 发文字号 when it is first
   printed in final form: the next serial of its pattern and year (the
   year of its 成文日期), above every serial the audit log ever recorded
   for that series (``LogState.numbers``), so a number is never handed out
   twice even if a record was lost. The number is stored on the record
   (``doc_numbers``, by the document's ``key``) in one transaction whose
   audit line carries ``number``; printing it again shows the stored number
   and the day it was first printed (印发日期). A draft assigns nothing.

Validate, then write: the refusal comes before the transaction, and the
document is rendered inside it, so a print that fails changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from township.config import CONFIG_NAME, PRINTING_OFFICE
from township.errors import BadInput
from township.i18n import Text
from township.views.forms import Document, render_text

if TYPE_CHECKING:
    from pathlib import Path

    from township.config import Config
    from township.storage.store import Store

FIELD = "doc_numbers"
DRAFT = Text("样稿", "DRAFT 样稿")
DEMO = Text("演示", "DEMO 演示")


def stored_number(record: dict[str, Any], key: str) -> dict[str, Any] | None:
    """The number stored on ``record`` for its document ``key``, if one was assigned."""
    found = (record.get(FIELD) or {}).get(key)
    return found if isinstance(found, dict) and isinstance(found.get("text"), str) else None


def resolve(doc: Document, config: Config, *, draft: bool) -> Document:
    """``doc`` with the bodies' names and the mark filled in (no number yet)."""
    mark = DRAFT if draft else (DEMO if config.demo else None)
    if not doc.issued:
        return dataclasses.replace(doc, mark=mark)
    assert doc.issuer is not None
    issuer, _ = config.body(doc.issuer)
    office, _ = config.body(PRINTING_OFFICE)
    return dataclasses.replace(doc, issuer_name=issuer, printed_by=office, mark=mark)


def template_keys(doc: Document, config: Config) -> list[tuple[str, str]]:
    """The settings ``doc`` prints that still hold the template's value: ``[(key, value)]``."""
    text = render_text(doc, "zh")
    printed: list[tuple[str, str]] = [
        (key, value)
        for key, value in (("name", config.name), ("hotline", config.hotline))
        if value and value in text
    ]
    if doc.issued:
        assert doc.issuer is not None
        for body in (doc.issuer, PRINTING_OFFICE):
            value, key = config.body(body)
            printed.append((key, config.name if key == "name" else value))
    if doc.numbered is not None:
        value, key = config.pattern(doc.numbered)
        printed.append((key, value))
    found: list[tuple[str, str]] = []
    for key, value in printed:
        if config.is_template(key, value) and key not in dict(found):
            found.append((key, value))
    return found


def refuse_templates(doc: Document, config: Config, path: str) -> None:
    """``BadInput`` naming every setting ``doc`` would print as the template left it."""
    found = template_keys(doc, config)
    if found:
        raise BadInput(
            Text(
                "{path} 中的 {keys} 仍是 township init 写入的模板值（{values}），文书不能带着它印发；"
                "请改为本机关的实际内容后再打印，或加 --draft 打印样稿（不编发文字号）。",
                "{keys} in {path} still hold the template values that township init wrote "
                "({values}); a document cannot go out with them. Set the office's own and print "
                "again, or print a draft with --draft (no document number).",
            ),
            path=path,
            keys=[k for k, _ in found],
            values=[f"{k} = {v}" for k, v in found],
        )


def refuse_unless_draft(doc: Document, config: Config, data_dir: Path, *, draft: bool) -> Document:
    """``doc`` resolved (``resolve``), refused (``BadInput``) for a template value unless ``draft``.

    Writes nothing: a command that reveals personal data (an audited
    write) calls it on the masked document first, so that a print refused
    for a template value leaves the audit log as it was.
    """
    doc = resolve(doc, config, draft=draft)
    if not draft:
        refuse_templates(doc, config, str(data_dir / CONFIG_NAME))
    return doc


def blank_number(pattern: str, year: int) -> str:
    """The number of a draft: the pattern with the year and a blank serial (某委发〔2026〕　号)."""
    return pattern.format(year=year, n="　")


def issue(
    store: Store,
    doc: Document,
    config: Config,
    *,
    today: dt.date,
    actor: str,
    command: str,
    draft: bool,
    render: Callable[[Document], str],
) -> str:
    """``doc`` checked, numbered where it is first printed in final form, rendered by ``render``.

    Returns what ``render`` made of the document as printed. Refuses
    (``BadInput``) a template value the document prints, unless ``draft``.
    """
    doc = refuse_unless_draft(doc, config, store.data_dir, draft=draft)
    if doc.numbered is None:
        return render(doc)
    pattern, _ = config.pattern(doc.numbered)
    stored = stored_number(store.get(doc.record_id), doc.key)
    if stored is not None:
        return render(_numbered(doc, stored))
    if draft:
        return render(
            dataclasses.replace(doc, doc_number=blank_number(pattern, doc.issued_on.year))
        )
    with store.transaction(actor, command) as tx:
        record = tx.get(doc.record_id)
        stored = stored_number(record, doc.key)
        if stored is None:
            year = doc.issued_on.year
            series = f"{doc.numbered}/{year}"
            n = tx.state.next_number(series)
            stored = {
                "text": pattern.format(year=year, n=n),
                "series": series,
                "n": n,
                "on": today.isoformat(),
            }
            record[FIELD] = {**(record.get(FIELD) or {}), doc.key: stored}
            tx.update(record, extra={"number": {**stored, "document": doc.key}})
        # Rendered before the transaction commits: a failure here writes nothing.
        return render(_numbered(doc, stored))


def _numbered(doc: Document, stored: dict[str, Any]) -> Document:
    on = stored.get("on")
    printed = dt.date.fromisoformat(on) if isinstance(on, str) else None
    return dataclasses.replace(doc, doc_number=stored["text"], printed_on=printed)
