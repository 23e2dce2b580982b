"""Printed forms : the documents the regulations hand out or file.

A form is a ``Document``: the township's name and a title, the record it
comes from and its issue date, a body of labelled fields, numbered items and
paragraphs, signature and date lines, a seal area where the form has one,
and one or two copies (一式两份, with a cut line between them). Builders
make one from a record; ``render_text`` and ``render_html`` print it. The
HTML is a whole A4 page with print CSS: a browser prints it as it is. Both
show stored control characters escaped (ESC as ``\\x1b``, a right-to-left
override as ``\\u202e``), and a line break inside a value as ``\\n``: a
value stays on its line.

===================== ================================ ======== ====== ======
form                  builder                          copies   seal   clause
===================== ================================ ======== ====== ======
一次性告知书           ``inquiry_notice``                2        no     一次性告知制 4
收件回执               ``inquiry_receipt``               1        yes    限时办结制 3
问责决定书             ``case_decision_notice``          1        yes    行政问责制 9
否定报备登记表         ``denial_form``                   1        no     否定报备制 4
督办告知书             ``supervision_notice``            1        yes    督办制度 (二)(四)(八)
===================== ================================ ======== ====== ======

Decisions where the regulations are silent: only the one-time notice is
printed in two copies (the only form the regulations say 一式两份 of); the
receipt, the decision and the supervision notice carry the office's seal;
the denial form is signed by the clerk and the leader and is photocopied for
the file (复制1份存档备查), so it is printed once. On paper the two copies
share one A4 sheet when both fit, cut along the line between them; a copy
that does not fit half a sheet goes to a page of its own and is never split.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.config import Config

Record = dict[str, Any]
Value = Text | str
NONE = Text("（无）", "(none)")


@dataclass(frozen=True)
class Field:
    """A labelled line: ``编号：INQ-2026-0001``."""

    label: Text
    value: Value


@dataclass(frozen=True)
class Items:
    """Numbered items under a heading (materials missing, methods decided)."""

    heading: Text
    items: tuple[Value, ...]
    empty: Text = NONE


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text."""

    text: Value


Block = Field | Items | Paragraph


@dataclass(frozen=True)
class Signature:
    """A line to sign (``经办人（签名）：______``), with a date line if ``dated``."""

    label: Text
    dated: bool = True


@dataclass(frozen=True)
class Copy:
    """One copy of a form: its label (第一联 交当事人) and its own signatures."""

    label: Text | None = None
    signatures: tuple[Signature, ...] = ()


@dataclass(frozen=True)
class Document:
    """A printable form; ``copies`` has one or two entries (一式两份)."""

    form: str
    title: Text
    township: str
    record_id: str
    number: str
    issued_on: dt.date
    blocks: tuple[Block, ...]
    signatures: tuple[Signature, ...] = ()
    seal: Text | None = None
    copies: tuple[Copy, ...] = (Copy(),)
    data: dict[str, Any] = field(default_factory=dict)
    # An issued document (GB/T 9704-2012): ``issuer`` names the body that acts,
    # a key of ``[documents]`` in township.toml (``government``,
    # ``party-committee``, ``discipline-committee``, ``supervision-office``);
    # ``numbered`` the key of its number pattern (``case-decision``,
    # ``supervision-notice``, ``petition-notice``, ``denial-notice``), None for
    # a form that carries no 发文字号; ``addressee`` the 主送; ``cc`` the 抄送;
    # ``matter`` the matter the document is about (the record's own, or the
    # record it concerns). A form filled in or filed (登记表) has no issuer.
    issuer: str | None = None
    numbered: str | None = None
    addressee: Value | None = None
    cc: tuple[Value, ...] = ()
    matter: Value | None = None

    def as_json(self, lang: str) -> dict[str, Any]:
        """The form as data: its record, number, issue date and text in ``lang``."""
        return {
            "form": self.form,
            "id": self.record_id,
            "number": self.number,
            "issued_on": self.issued_on.isoformat(),
            "copies": len(self.copies),
            **self.data,
            "text": render_text(self, lang),
        }


def _t(value: Value | None, lang: str) -> str:
    if value is None:
        return ""
    return value.get(lang) if isinstance(value, Text) else value


def _pick(lang: str) -> Callable[[str, str], str]:
    return (lambda zh, en: en) if lang == "en" else (lambda zh, en: zh)


# -- text ------------------------------------------------------------------------

SIGN_BLANK = "____________"
DATE_BLANK = Text("____年__月__日", "____-__-__")
CUT = Text("沿此线裁开", "cut here")


def _line(value: Value | None, lang: str) -> str:
    """A value on one line of the text form: control characters shown escaped.

    A stored ESC, backspace, C1 control or bidi override cannot drive the
    terminal or the printer, and a line break inside a value cannot start a
    line of its own (``township.text.escape_control``).
    """
    from township.text import escape_control

    return escape_control(_t(value, lang))


def _text_copy(doc: Document, copy: Copy, lang: str) -> list[str]:
    lines = [_line(copy.label, lang)] if copy.label else []
    lines += [_line(doc.township, lang), _line(doc.title, lang), ""]
    for block in doc.blocks:
        if isinstance(block, Field):
            lines.append(_line(block.label, lang) + _line(block.value, lang))
        elif isinstance(block, Items):
            lines.append(_line(block.heading, lang))
            if not block.items:
                lines.append("  " + _line(block.empty, lang))
            lines += [f"  {i}. {_line(item, lang)}" for i, item in enumerate(block.items, 1)]
        else:
            lines += ["", _line(block.text, lang)]
    lines.append("")
    date_label = _pick(lang)("日期：", "Date: ")
    for sig in (*doc.signatures, *copy.signatures):
        line = _line(sig.label, lang) + SIGN_BLANK
        if sig.dated:
            line += "    " + date_label + _t(DATE_BLANK, lang)
        lines.append(line)
    if doc.seal is not None:
        lines += ["", " " * 24 + _line(doc.seal, lang)]
    return lines


def render_text(doc: Document, lang: str) -> str:
    """The form as plain text; two copies are separated by a cut line."""
    cut = _t(CUT, lang).join(["- " * 16, " " + "- " * 16]).rstrip()
    parts: list[str] = []
    for i, copy in enumerate(doc.copies):
        if i:
            parts += ["", cut, ""]
        parts += _text_copy(doc, copy, lang)
    return "\n".join(parts) + "\n"


# -- html ------------------------------------------------------------------------

PAGE_CSS = """\
@page { size: A4; margin: 15mm 18mm; }
html { font-size: 11pt; }
body { margin: 0; color: #000;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; }
@media screen { body { max-width: 174mm; margin: 1em auto; } }
.copy { break-inside: avoid; page-break-inside: avoid; position: relative; }
.copy-label { text-align: right; font-size: 9pt; margin: 0; }
.township { text-align: center; font-size: 14pt; margin: 2mm 0 0; letter-spacing: 0.1em; }
h1 { text-align: center; font-size: 18pt; margin: 1mm 0 5mm; letter-spacing: 0.3em; }
p.field { margin: 1.2mm 0; }
p.field .label { font-weight: bold; }
.items-heading { margin: 3mm 0 1mm; }
ol.items { margin: 0 0 2mm; padding-left: 2.2em; }
ol.items li { margin: 0.8mm 0; }
p.para { margin: 3mm 0; text-indent: 2em; }
.signatures { margin-top: 7mm; }
.sig { margin: 4mm 0; }
.blank { display: inline-block; border-bottom: 1px solid #000; min-width: 38mm; }
.date { margin-left: 10mm; }
.seal { float: right; width: 40mm; height: 40mm; margin: -22mm 6mm 0 0;
  border: 1px dashed #666; border-radius: 50%; display: flex; align-items: center;
  justify-content: center; text-align: center; font-size: 9pt; color: #444; }
.end { clear: both; }
.cut { border: 0; border-top: 1px dashed #000; margin: 9mm 0 7mm; overflow: visible;
  text-align: center; height: 0; }
.cut::after { content: attr(data-label); position: relative; top: -0.7em; background: #fff;
  padding: 0 1em; font-size: 9pt; }
"""


def _esc(text: str) -> str:
    """HTML-escaped, control characters shown escaped as in the text form."""
    from html import escape

    from township.text import escape_control

    return escape(escape_control(text))


def _html_copy(doc: Document, copy: Copy, lang: str) -> list[str]:
    out = ['<section class="copy">']
    if copy.label:
        out.append(f'<p class="copy-label">{_esc(_t(copy.label, lang))}</p>')
    out.append(f'<p class="township">{_esc(doc.township)}</p>')
    out.append(f"<h1>{_esc(_t(doc.title, lang))}</h1>")
    for block in doc.blocks:
        if isinstance(block, Field):
            out.append(
                f'<p class="field"><span class="label">{_esc(_t(block.label, lang))}</span>'
                f"{_esc(_t(block.value, lang))}</p>"
            )
        elif isinstance(block, Items):
            out.append(f'<p class="items-heading">{_esc(_t(block.heading, lang))}</p>')
            if block.items:
                lis = "".join(f"<li>{_esc(_t(i, lang))}</li>" for i in block.items)
                out.append(f'<ol class="items">{lis}</ol>')
            else:
                out.append(f'<p class="field">{_esc(_t(block.empty, lang))}</p>')
        else:
            out.append(f'<p class="para">{_esc(_t(block.text, lang))}</p>')
    out.append('<div class="signatures">')
    date_label = _esc(_pick(lang)("日期：", "Date: "))
    for sig in (*doc.signatures, *copy.signatures):
        date = (
            f'<span class="date">{date_label}{_esc(_t(DATE_BLANK, lang))}</span>'
            if sig.dated
            else ""
        )
        out.append(
            f'<p class="sig">{_esc(_t(sig.label, lang))}<span class="blank"></span>{date}</p>'
        )
    out.append("</div>")
    if doc.seal is not None:
        out.append(f'<div class="seal">{_esc(_t(doc.seal, lang))}</div>')
    out.append('<div class="end"></div>\n</section>')
    return out


def render_html(doc: Document, lang: str) -> str:
    """The form as a whole HTML document: A4, print CSS, ready to print."""
    body: list[str] = []
    for i, copy in enumerate(doc.copies):
        if i:
            body.append(f'<hr class="cut" data-label="{_esc(_t(CUT, lang))}">')
        body += _html_copy(doc, copy, lang)
    title = f"{_t(doc.title, lang)} {doc.number}"
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{PAGE_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


RENDERERS: dict[str, Callable[[Document, str], str]] = {
    "text": render_text,
    "html": render_html,
}


def render(doc: Document, fmt: str, lang: str) -> str:
    """Render ``doc`` as ``text`` or ``html`` in ``lang``."""
    return RENDERERS[fmt](doc, lang)


# -- builders --------------------------------------------------------------------


def _hotline(config: Config) -> tuple[Block, ...]:
    if not config.hotline:
        return ()
    return (Field(Text("监督投诉电话：", "Complaints hotline: "), config.hotline),)


def _both(make: Callable[[Callable[[str, str], str]], str]) -> Text:
    """A ``Text`` built by ``make(t)`` once per language."""
    return Text(make(_pick("zh")), make(_pick("en")))


def inquiry_notice(record: Record, config: Config, number: int | None = None) -> Document:
    """The written one-time notice (一次性告知书), 一式两份 (一次性告知制 4).

    The first copy goes to the person, the second, signed for by the person,
    stays with the handler. ``number`` picks an earlier notice (1 = the
    first); default the latest.
    """
    from township.kinds import inquiry as inq

    notice = inq._notice_of(record, number)
    new = set(notice["new"]) if notice.get("reason") else set()
    name = inq.display_name(record)
    unit = f"（{record['unit']}）" if record.get("unit") else ""
    service = f"（{record['service']}）" if record.get("service") else ""
    dept = record.get("dept") or (record.get("responsible") or {}).get("dept")
    by = f"{notice['by']}（{dept}）" if dept else notice["by"]
    items = tuple(
        Text(item + "（新增）", item + " (new)") if item in new else item
        for item in notice["items"]
    )
    blocks: list[Block] = [
        Field(Text("编号：", "No.: "), f"{record['id']}-{notice['number']}"),
        Field(
            Text("当事人：", "To: "),
            Text(_t(name, "zh") + unit, _t(name, "en") + unit),
        ),
        Field(Text("事项：", "Matter: "), record["matter"] + service),
        Items(
            Text(
                "您办理的上述事项，尚需补齐以下全部材料和手续：",
                "To complete this matter, you still need every item below:",
            ),
            items,
        ),
    ]
    if notice.get("reason"):
        blocks.append(
            Paragraph(
                Text(
                    "再次告知的理由：" + notice["reason"],
                    "Why a second notice: " + notice["reason"],
                )
            )
        )
    blocks += [
        Paragraph(
            Text(
                "请补齐后再来办理，我们将及时予以办理。",
                "Bring them and we will deal with the matter without delay.",
            )
        ),
        Field(Text("经办人：", "Handler: "), by),
        Field(Text("告知日期：", "Date: "), notice["on"]),
        *_hotline(config),
    ]
    return Document(
        form="inquiry-notice",
        title=Text("一次性告知书", "One-time notice (一次性告知书)"),
        township=config.name,
        record_id=record["id"],
        number=f"{record['id']}-{notice['number']}",
        issued_on=dt.date.fromisoformat(notice["on"]),
        blocks=tuple(blocks),
        signatures=(Signature(Text("经办人（签名）：", "Handler's signature: ")),),
        copies=(
            Copy(Text("第一联 交当事人", "Copy 1 of 2: for the person")),
            Copy(
                Text("第二联 经办人留存", "Copy 2 of 2: kept by the handler"),
                (Signature(Text("当事人签收：", "Received by: ")),),
            ),
        ),
        data={"notice": notice},
    )


def inquiry_receipt(
    record: Record, config: Config, calendar: WorkCalendar, today: dt.date
) -> Document:
    """The 收件回执 (限时办结制 3): materials received, pages, due date, handler.

    Issued on the day the last materials were received (the log date when
    none were recorded), whenever it is printed.
    """
    from township.kinds import inquiry as inq

    batches = record.get("received") or []
    if not batches and not record.get("service"):
        raise BadInput(
            Text(
                "{id} 没有登记收到的材料，也不是服务目录中的办理事项，无法出具收件回执；"
                "请在 log 或 supplied 时用 --material 登记材料。",
                "{id} has no materials recorded and is not an application for a catalogue "
                "service, so there is no receipt to print; record materials with --material "
                "on log or supplied.",
            ),
            id=record["id"],
        )
    due = inq.commitment_due(record, calendar, today)
    resp = record.get("responsible") or {}
    handler = record.get("receiver") or ""
    handler += f"（{resp['dept']}）" if resp.get("dept") else ""
    name = inq.display_name(record)
    blocks: list[Block] = [
        Field(Text("编号：", "No.: "), record["id"]),
        Field(Text("申请人：", "Applicant: "), name),
        Field(Text("办理事项：", "Matter: "), record["matter"]),
    ]
    if record.get("service"):
        days = record.get("service_days")
        blocks.append(
            Field(
                Text("服务事项：", "Service: "),
                Text(
                    f"{record['service']}（承诺 {days} 个工作日内办结）",
                    f"{record['service']} (committed: {days} working days)",
                ),
            )
        )
    items: list[Value] = []
    total = 0
    for batch in batches:
        for item in batch["items"]:
            pages = item.get("pages")
            items.append(
                _both(
                    lambda t, item=item, pages=pages, on=batch["on"]: "  ".join(
                        [item["name"], *([t(f"{pages} 页", f"{pages} p.")] if pages else []), on]
                    )
                )
            )
        total += int(batch.get("pages") or 0)
    blocks.append(
        Items(
            Text("所收材料：", "Materials received:"),
            tuple(items),
            Text("（未登记材料）", "(none recorded)"),
        )
    )
    if total:
        blocks.append(Field(Text("合计页数：", "Total pages: "), Text(f"{total} 页", str(total))))
    if due is not None:
        mark = Text("（暂定）", " (provisional)") if due.provisional else Text("", "")
        blocks += [
            Field(Text("材料齐全日期：", "Materials complete on: "), due.trigger.isoformat()),
            Field(
                Text("办结时间：", "To be completed by: "),
                Text(f"{due.due.isoformat()} 前{mark.zh}", f"{due.due.isoformat()}{mark.en}"),
            ),
        ]
        for ext in record.get("extensions", []):
            blocks.append(
                Field(
                    Text("延期：", "Extension: "),
                    Text(
                        f"{ext['days']} 个工作日（{ext['approved_by']} 批准，{ext['on']}）："
                        f"{ext['reason']}",
                        f"{ext['days']} working days (approved by {ext['approved_by']}, "
                        f"{ext['on']}): {ext['reason']}",
                    ),
                )
            )
    elif record.get("service"):
        blocks.append(
            Field(
                Text("办结时间：", "To be completed: "),
                Text("自材料补齐之日起计算", "counted from the day the materials are complete"),
            )
        )
    dates = [b["on"] for b in batches] or [inq.log_date(record).isoformat()]
    issued = max(dt.date.fromisoformat(d) for d in dates)
    blocks += [
        Field(Text("经办人：", "Handler: "), handler),
        Field(Text("出具日期：", "Issued on: "), issued.isoformat()),
        *_hotline(config),
    ]
    return Document(
        form="inquiry-receipt",
        title=Text("收件回执", "Receipt for materials (收件回执)"),
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=issued,
        blocks=tuple(blocks),
        signatures=(Signature(Text("经办人（签名）：", "Handler's signature: ")),),
        seal=Text("受理单位（盖章）", "Seal of the office"),
        data={
            "service": record.get("service"),
            "received": batches,
            "due": due.as_json() if due else None,
            "handler": record.get("receiver"),
        },
    )


def case_decision_notice(record: Record, config: Config, grounds: Sequence[int] = ()) -> Document:
    """The 问责决定书 (行政问责制 9-10), once the Party committee has decided.

    ``grounds``: the aggravating grounds ①-④ that apply (computed by the
    caller from the store). The rights paragraph states the appeal window in
    force (``township.toml`` ``[rules]`` applied).
    """
    from township.book import rules
    from township.book.catalogs import MATTERS, METHODS, ground_label
    from township.kinds.case import severity_label

    decision = record.get("decision")
    if not decision:
        raise StepOutOfOrder(
            Text(
                "{id} 尚未作出问责决定，没有决定书可打印；请先登记决定（case decide）。",
                "{id} has no decision yet, so there is no decision notice to print; record "
                "the decision first (case decide).",
            ),
            id=record["id"],
        )
    report = record.get("report") or {}
    appeal_days = rules.period("appeal-window", config.rules)
    blocks: list[Block] = [
        Field(Text("编号：", "No.: "), record["id"]),
        Field(Text("被问责人：", "Subject: "), record["subject"]),
        Field(Text("所在单位：", "Unit: "), record["unit"]),
        Field(Text("问责情形：", "Matter: "), MATTERS.label(record["matter"])),
    ]
    if report.get("facts"):
        blocks.append(Field(Text("调查认定的事实：", "Facts found: "), report["facts"]))
    if report.get("conclusion"):
        blocks.append(Field(Text("调查结论：", "Conclusion: "), report["conclusion"]))
    severity = severity_label(record.get("severity"))
    if severity is not None:
        blocks.append(Field(Text("情节：", "Severity: "), severity))
    if grounds:
        blocks.append(
            Field(
                Text("从重情形：", "Aggravating grounds: "),
                Text(
                    "、".join(ground_label(g).zh for g in grounds),
                    "; ".join(ground_label(g).en for g in grounds),
                ),
            )
        )
    blocks.append(
        Items(
            Text("经镇党委研究，决定给予以下问责：", "The Party committee decides:"),
            tuple(METHODS.label(m) for m in decision["methods"]),
        )
    )
    if decision.get("revoked"):
        blocks.append(
            Paragraph(
                Text(
                    f"本决定已于 {decision['revoked_on']} 经复议、复核撤销。",
                    f"This decision was revoked on review on {decision['revoked_on']}.",
                )
            )
        )
    elif decision.get("changed_on"):
        blocks.append(
            Paragraph(
                Text(
                    f"问责方式已于 {decision['changed_on']} 经复议、复核变更为上列方式。",
                    f"The methods above are as changed on review on {decision['changed_on']}.",
                )
            )
        )
    blocks += [
        Paragraph(
            Text(
                f"被问责人对本决定不服的，可自收到本决定之日起 {appeal_days} 个工作日内向镇党委"
                "提出申诉。申诉期间，本决定不停止执行（行政问责制 10）。",
                f"If you disagree with this decision you may appeal to the Party committee "
                f"within {appeal_days} working days of receiving it. The decision is carried "
                "out while the appeal is pending (行政问责制 10).",
            )
        ),
        Field(Text("决定日期：", "Decided on: "), decision["on"]),
    ]
    return Document(
        form="case-decision-notice",
        title=Text("问责决定书", "Accountability decision (问责决定书)"),
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=dt.date.fromisoformat(decision["on"]),
        blocks=tuple(blocks),
        signatures=(Signature(Text("被问责人签收：", "Received by the subject: ")),),
        seal=Text("中共镇委员会（盖章）", "Seal of the Party committee"),
        data={"decision": decision, "appeal_days": appeal_days},
    )


def denial_form(record: Record, config: Config, calendar: WorkCalendar) -> Document:
    """The 否定报备登记表 (否定报备制 4): who denied what, why, on what basis.

    Filed with the higher office together with the materials; a photocopy
    stays on file.
    """
    from township.steps import machine as rec

    filed_on = next(
        (e["on"] for e in record.get("events", []) if e.get("action") == "file"),
        record["created"][:10] if record.get("created") else None,
    )
    filing = rec.clock(record, "denial-filing")
    due = rec.due_of(filing, calendar).date.isoformat() if filing else ""
    opinion = record.get("opinion")
    dept = (record.get("responsible") or {}).get("dept") or record.get("dept")
    kind = Text("处罚", "penalty") if record.get("type") == "penalty" else Text("否定", "denial")
    blocks: list[Block] = [
        Field(Text("编号：", "No.: "), record["id"]),
        Field(Text("登记日期：", "Filed on: "), filed_on or ""),
        Field(Text("类型：", "Type: "), kind),
        Field(
            Text("审办单位及审办人：", "Office and clerk: "),
            " ".join(p for p in (dept, record.get("handler")) if p),
        ),
        Field(Text("报办人：", "Applicant: "), record.get("applicant") or ""),
        Field(Text("联系方式：", "Contact: "), record.get("contact") or ""),
        Field(Text("审办事项：", "Matter: "), record["matter"]),
        Field(Text("否定理由：", "Reason: "), record["reason"]),
        Field(Text("否定依据：", "Legal basis: "), record["basis"]),
        Field(
            Text("超越经办人权限：", "Beyond the clerk's authority: "),
            Text("是（" + str(record.get("leader")) + "）", f"yes ({record.get('leader')})")
            if record.get("beyond_authority")
            else Text("否", "no"),
        ),
        Field(
            Text("领导审批意见：", "Leader's opinion: "),
            Text(
                f"{opinion['text']}（{opinion['leader']}，{opinion['on']}）",
                f"{opinion['text']} ({opinion['leader']}, {opinion['on']})",
            )
            if opinion
            else "",
        ),
        Field(Text("报备及书面告知期限：", "File and notify by: "), due),
    ]
    if record.get("notified"):
        blocks.append(Field(Text("书面告知日期：", "Applicant told on: "), record["notified"]))
    returned = record.get("materials_returned")
    if returned:
        blocks.append(
            Field(
                Text("材料退还：", "Materials returned: "),
                Text(
                    f"{returned['on']}（{returned['signed_by']} 签收）",
                    f"{returned['on']} (signed for by {returned['signed_by']})",
                ),
            )
        )
    blocks.append(
        Paragraph(
            Text(
                "本表与审办材料一并报上级机关，复制 1 份存档备查（否定报备制 4）。",
                "This form goes to the higher office with the materials; a photocopy is kept "
                "on file (否定报备制 4).",
            )
        )
    )
    return Document(
        form="denial-form",
        title=Text("否定报备登记表", "Denial filing form (否定报备登记表)"),
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=dt.date.fromisoformat(filed_on) if filed_on else dt.date.min,
        blocks=tuple(blocks),
        signatures=(
            Signature(Text("经办人（签名）：", "Clerk's signature: ")),
            Signature(Text("分管领导（签名）：", "Leader's signature: ")),
        ),
    )


URGENCY = {"urgent": Text("急件", "urgent"), "normal": Text("一般", "normal")}


def supervision_notice(
    record: Record,
    config: Config,
    answer_days: int,
    *,
    deadline: tuple[Value, dt.date] | None = None,
) -> Document:
    """The 督办告知书 (督办制度 (二)(四)(八)) of a supervision record.

    ``record``: ``{id, record, reason, urgency, dept, issued_on, actor}``
    (``record`` the supervised record's id); ``answer_days`` the answer
    period in force (working days); ``deadline`` the supervised record's
    open deadline as (label, due date), when it has one.
    """
    supervised = record["record"]
    urgency = URGENCY.get(record.get("urgency") or "normal", URGENCY["normal"])
    blocks: list[Block] = [
        Field(Text("督办编号：", "No.: "), record["id"]),
        Field(Text("承办单位：", "To: "), record.get("dept") or ""),
        Field(Text("督办事项：", "Supervised record: "), supervised),
    ]
    if deadline is not None:
        label, due = deadline
        blocks.append(
            Field(
                Text("办理期限：", "Deadline: "),
                Text(f"{_t(label, 'zh')}，{due.isoformat()} 到期", f"{_t(label, 'en')}, due {due}"),
            )
        )
    blocks += [
        Field(Text("缓急程度：", "Urgency: "), urgency),
        Field(Text("督办理由：", "Reason: "), record["reason"]),
        Paragraph(
            Text(
                f"请承办单位自收到本告知书之日起 {answer_days} 个工作日内书面报告超时办理的原因"
                "及进展情况，并重新确定办结时限（督办制度 (四)；答复期限为本镇规定）。",
                f"Please answer in writing within {answer_days} working days of receiving this "
                "notice with the reason for the delay and the progress made, and set a new "
                "completion date (督办制度 (四); the answer period is a local rule, 本镇规定).",
            )
        ),
        Field(Text("督办人：", "Issued by: "), record.get("actor") or ""),
        Field(Text("督办日期：", "Issued on: "), record["issued_on"]),
    ]
    return Document(
        form="supervision-notice",
        title=Text("督办告知书", "Supervision notice (督办告知书)"),
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=dt.date.fromisoformat(record["issued_on"]),
        blocks=tuple(blocks),
        signatures=(Signature(Text("承办单位签收：", "Received by the office: ")),),
        seal=Text("督办单位（盖章）", "Seal of the issuing office"),
        data={"record": supervised, "answer_days": answer_days},
    )
