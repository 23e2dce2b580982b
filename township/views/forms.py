"""Printed documents: what the regulations hand out or file, laid out for A4.

A document is a ``Document``: a title, the record it comes from, a body of
blocks (labelled fields, numbered items, paragraphs, numbered headings),
signature lines, a seal place, and one or two copies (一式两份, with a cut
line between them). Builders make one from a record; ``render_text`` and
``render_html`` print it. Both show stored control characters escaped (ESC
as ``\\x1b``, a right-to-left override as ``\\u202e``), and a line break
inside a value as ``\\n``: a value stays on its line.

Two layouts, both on A4 with the margins of GB/T 9704-2012 《党政机关公文格式》
(top 37 mm, left 28 mm, a text area of 156 × 225 mm):

- an *issued* document (``issuer`` set: a decision, a notice to a person, a
  supervision notice) is laid out as an official document: 版头 (the
  issuing body's name in red, the 发文字号, a red rule), the title saying
  what it is about in 2号 小标宋, 主送, the body as prose in 3号 仿宋 (28
  characters a line, 22 lines a page) with numbered paragraphs whose
  first-level heading is in 黑体, the issuing body's name and the 成文日期
  written 2026年12月3日 under the seal's place, and 版记 (抄送, the record id
  as the file reference, the printing office and the date it was printed).
  The record id appears only in the 版记.
- a *form* (登记表, 回执, 告知书 in two copies) keeps its labelled lines,
  headed by the township's name, in a smaller 仿宋 so that a form fits its
  page (two copies of a one-time notice share one sheet up to six items).

``township.views.issuing`` fills in what the settings decide before a
document is rendered: the issuing body's name, the number (assigned once,
stored, audited), the printing office, and the mark printed across the
page (样稿 for a draft, 演示 in a demo directory).

===================== ================================ ======== ====== ======
document              builder                          copies   seal   clause
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
import re
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
DATE_BLANK = Text("____年__月__日", "____-__-__")


def cn_date(day: dt.date | str | None, lang: str = "zh") -> str:
    """A date as documents print it: ``2026年12月3日`` (``2026-12-03`` in English); "" for none."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    if lang == "en":
        return day.isoformat()
    return f"{day.year}年{day.month}月{day.day}日"


def date_text(day: dt.date | str | None) -> Text:
    """A date as a document writes it, in both languages: ``2026年12月3日`` / ``2026-12-03``.

    The one date writer of the documents (``cn_date`` in both languages).
    ``None`` (a step not taken yet) is the blank a clerk fills in by hand,
    ``____年__月__日``.
    """
    if day is None or day == "":
        return DATE_BLANK
    if isinstance(day, str):
        day = day[:10]
    return Text(cn_date(day), cn_date(day, "en"))


_CIRCLED = re.compile(r"^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]\s*")


def plain_label(label: Text) -> Text:
    """A catalogue label without its circled number (``⑤通报批评`` → ``通报批评``)."""
    return Text(_CIRCLED.sub("", label.zh), _CIRCLED.sub("", label.en))


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


@dataclass(frozen=True)
class Heading:
    """A numbered paragraph of an issued document: ``一、`` and its heading (黑体), then text.

    The renderer numbers the headings of a document in order (一、二、三、).
    """

    heading: Value
    text: Value = ""


Block = Field | Items | Paragraph | Heading


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
    """A printable document; ``copies`` has one or two entries (一式两份)."""

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
    # Filled in by ``township.views.issuing`` from the settings before printing:
    # the issuing body's name (发文机关标志 and 署名), the 发文字号, the printing
    # office and day (版记), and the mark across the page (样稿, 演示).
    # ``issue_key``: which of the record's issued documents this is, for the
    # number stored on the record (default: the form and its 成文日期, so that
    # a petition's acceptance and each of its extension notices get numbers of
    # their own).
    issuer_name: str | None = None
    doc_number: str | None = None
    printed_by: str | None = None
    printed_on: dt.date | None = None
    mark: Text | None = None
    issue_key: str | None = None

    @property
    def issued(self) -> bool:
        """True for an issued document (laid out as 公文), False for a form."""
        return self.issuer is not None

    @property
    def key(self) -> str:
        """The key its number is stored under on the record: ``issue_key``, or form@date.

        The date is the 成文日期, which a record's steps fix (an amendment
        never changes a date); not the title, which masking may change.
        """
        return self.issue_key or f"{self.form}@{self.issued_on.isoformat()}"

    def as_json(self, lang: str) -> dict[str, Any]:
        """The document as data: its record, numbers, dates, matter and text in ``lang``."""
        extra: dict[str, Any] = {}
        if self.issued:
            extra = {
                "issuer": self.issuer,
                "issuer_name": self.issuer_name or self.township,
                "doc_number": self.doc_number,
                "addressee": _t(self.addressee, lang) or None,
                "cc": [_t(c, lang) for c in self.cc],
                "printed_by": self.printed_by,
                "printed_on": self.printed_on.isoformat() if self.printed_on else None,
            }
        return {
            "form": self.form,
            "id": self.record_id,
            "number": self.number,
            "issued_on": self.issued_on.isoformat(),
            "copies": len(self.copies),
            "matter": _t(self.matter, lang) or None,
            "mark": _t(self.mark, lang) or None,
            **extra,
            **self.data,
            "text": render_text(self, lang),
        }


def _t(value: Value | None, lang: str) -> str:
    if value is None:
        return ""
    return value.get(lang) if isinstance(value, Text) else value


def _pick(lang: str) -> Callable[[str, str], str]:
    return (lambda zh, en: en) if lang == "en" else (lambda zh, en: zh)


NUMERALS = "一二三四五六七八九十"


def heading_number(n: int, lang: str) -> str:
    """``一、`` for the first heading (``1.`` in English); 十一、 and on for more than ten."""
    if lang == "en":
        return f"{n}. "
    if n <= 10:
        return NUMERALS[n - 1] + "、"
    tens, unit = divmod(n, 10)
    return (
        (NUMERALS[tens - 1] if tens > 1 else "")
        + "十"
        + (NUMERALS[unit - 1] if unit else "")
        + "、"
    )


def _issuer(doc: Document) -> str:
    return doc.issuer_name or doc.township


def seal_caption(name: str) -> Text:
    """The caption of a seal's place: the body whose seal it is (``青山镇人民政府（盖章）``)."""
    return Text(f"{name}（盖章）", f"Seal of {name}")


def body_seal(config: Config, body: str) -> Text:
    """The seal caption of ``body`` (a key of ``[documents]``: ``government``, …) as configured."""
    name, _ = config.body(body)
    return seal_caption(name)


def _seal(doc: Document) -> Value | None:
    """The caption of an issued document's seal place: the issuing body's, once resolved.

    The seal is the issuing body's own (GB/T 9704 7.3.5): with the body's
    name filled in from the settings, the caption names it, whatever
    caption the builder wrote; otherwise the builder's caption.
    """
    if doc.issuer_name:
        return seal_caption(doc.issuer_name)
    return doc.seal


def _file_ref(doc: Document, lang: str) -> str:
    return _pick(lang)("存档编号：", "File reference: ") + doc.record_id


def _printed(doc: Document, lang: str) -> tuple[str, str]:
    """The 印发 line of the 版记: the printing office, and the day followed by 印发."""
    office = doc.printed_by or _issuer(doc)
    day = doc.printed_on or doc.issued_on
    return office, _pick(lang)(f"{cn_date(day)}印发", f"printed {day.isoformat()}")


def _cc(doc: Document, lang: str) -> str:
    sep = _pick(lang)("、", ", ")
    return (
        _pick(lang)("抄送：", "Copy to: ")
        + sep.join(_t(c, lang) for c in doc.cc)
        + _pick(lang)("。", ".")
    )


# -- text ------------------------------------------------------------------------

SIGN_BLANK = "____________"
CUT = Text("沿此线裁开", "cut here")
RULE = "─" * 28
INDENT = "　　"


def _line(value: Value | None, lang: str) -> str:
    """A value on one line of the text form: control characters shown escaped.

    A stored ESC, backspace, C1 control or bidi override cannot drive the
    terminal or the printer, and a line break inside a value cannot start a
    line of its own (``township.text.escape_control``).
    """
    from township.text import escape_control

    return escape_control(_t(value, lang))


def _text_blocks(doc: Document, lang: str, indent: str) -> list[str]:
    lines: list[str] = []
    headings = 0
    for block in doc.blocks:
        if isinstance(block, Field):
            lines.append(indent + _line(block.label, lang) + _line(block.value, lang))
        elif isinstance(block, Items):
            lines.append(indent + _line(block.heading, lang))
            if not block.items:
                lines.append("  " + _line(block.empty, lang))
            lines += [f"  {i}. {_line(item, lang)}" for i, item in enumerate(block.items, 1)]
        elif isinstance(block, Heading):
            headings += 1
            lines.append(
                heading_number(headings, lang)
                + _line(block.heading, lang)
                + _line(block.text, lang)
            )
        elif doc.issued:
            lines.append(indent + _line(block.text, lang))
        else:
            lines += ["", _line(block.text, lang)]
    return lines


def _text_signatures(doc: Document, copy: Copy, lang: str) -> list[str]:
    date_label = _pick(lang)("日期：", "Date: ")
    lines = []
    for sig in (*doc.signatures, *copy.signatures):
        line = _line(sig.label, lang) + SIGN_BLANK
        if sig.dated:
            line += "    " + date_label + _t(DATE_BLANK, lang)
        lines.append(line)
    return lines


def _text_issued(doc: Document, copy: Copy, lang: str) -> list[str]:
    lines = [f"【{_line(doc.mark, lang)}】"] if doc.mark else []
    lines += [_line(_issuer(doc), lang)]
    if doc.doc_number:
        lines.append(_line(doc.doc_number, lang))
    lines += [RULE, _line(doc.title, lang), ""]
    if doc.addressee:
        lines.append(_line(doc.addressee, lang) + _pick(lang)("：", ":"))
    lines += _text_blocks(doc, lang, INDENT)
    lines += ["", " " * 24 + _line(_issuer(doc), lang), " " * 24 + cn_date(doc.issued_on, lang)]
    if doc.seal is not None:
        lines.append(" " * 24 + _line(_seal(doc), lang))
    signatures = _text_signatures(doc, copy, lang)
    if signatures:
        lines += ["", *signatures]
    lines += ["", RULE]
    if doc.cc:
        lines.append(_line(_cc(doc, lang), lang))
    lines.append(_line(_file_ref(doc, lang), lang))
    office, day = _printed(doc, lang)
    lines += [_line(office, lang) + "    " + day, RULE]
    return lines


def _text_copy(doc: Document, copy: Copy, lang: str) -> list[str]:
    if doc.issued:
        return _text_issued(doc, copy, lang)
    lines = [f"【{_line(doc.mark, lang)}】"] if doc.mark else []
    lines += [_line(copy.label, lang)] if copy.label else []
    lines += [_line(doc.township, lang), _line(doc.title, lang), ""]
    lines += _text_blocks(doc, lang, "")
    lines.append("")
    lines += _text_signatures(doc, copy, lang)
    if doc.seal is not None:
        lines += ["", " " * 24 + _line(doc.seal, lang)]
    return lines


def render_text(doc: Document, lang: str) -> str:
    """The document as plain text, in the order of the page; two copies are separated by a cut line."""
    cut = _t(CUT, lang).join(["- " * 16, " " + "- " * 16]).rstrip()
    parts: list[str] = []
    for i, copy in enumerate(doc.copies):
        if i:
            parts += ["", cut, ""]
        parts += _text_copy(doc, copy, lang)
    return "\n".join(parts) + "\n"


# -- html ------------------------------------------------------------------------

# GB/T 9704-2012: A4, 版心 156 × 225 mm, top margin 37 mm, left 28 mm (so right
# 26 mm, bottom 35 mm). The body is 3号 (16 pt) 仿宋: 28 characters a line,
# 22 lines a page. 16 pt is 5.644 mm, 28 of which are 158 mm: a letter spacing
# of -0.08 mm brings 28 to 155.8 mm (29 would need 161 mm, so a line holds 28).
# 22 lines in 225 mm: a line pitch of 10.2 mm (22 × 10.2 = 224.4 mm).
BODY_FONTS = (
    '"仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif'
)
HEI_FONTS = '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'

PAGE_CSS = f"""\
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
@font-face {{ font-family: "township-title"; src: local("方正小标宋简体"), local("FZXiaoBiaoSong-B05S"),
  local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"), local("Source Han Serif SC Bold"); }}
html, body {{ margin: 0; padding: 0; }}
body {{ color: #000; font-family: {BODY_FONTS}; font-size: 16pt; line-height: 10.2mm;
  letter-spacing: -0.08mm; text-spacing-trim: space-all; }}
@media screen {{ body {{ width: 156mm; margin: 1em auto; }} }}
p {{ margin: 0; }}
body {{ position: relative; }}
.mark {{ position: absolute; top: 0; left: 0; z-index: 2; font-family: {HEI_FONTS};
  border: 0.4mm solid #d00; color: #d00; padding: 0 1mm; line-height: 1.3; letter-spacing: 0; }}
canvas.watermark {{ position: fixed; top: 0; left: 0; width: 156mm; height: 225mm; z-index: -1;
  pointer-events: none; }}
/* an issued document (公文) */
.gw {{ display: flex; flex-direction: column; min-height: 222mm; }}
.gw .issuer {{ text-align: center; color: #d00; font-family: "township-title", {BODY_FONTS};
  font-size: 24pt; line-height: 15mm; letter-spacing: 0.1em; }}
.gw .docno {{ text-align: center; }}
.gw .red-rule {{ border: 0; border-top: 0.6mm solid #d00; margin: 2mm 0 3mm; }}
.gw h1 {{ text-align: center; font-family: "township-title", {BODY_FONTS}; font-weight: normal;
  font-size: 22pt; line-height: 10.2mm; margin: 0 0 10.2mm; letter-spacing: 0; }}
.gw .addressee {{ text-indent: 0; }}
.gw .para {{ text-indent: 2em; text-align: justify; }}
.gw .h1 {{ font-family: {HEI_FONTS}; }}
.gw .items {{ margin: 0; padding: 0; list-style: none; }}
.gw .items li {{ text-indent: 2em; }}
.gw .sign {{ position: relative; display: table; margin: 4mm 2em 0 auto; min-width: 8em;
  text-align: center; break-inside: avoid; }}
.gw .seal-place {{ position: absolute; left: 50%; margin-left: -21mm; top: -13mm; width: 42mm;
  height: 42mm;
  box-sizing: border-box; padding: 4mm 6mm 0; border: 0.3mm dashed #d00; border-radius: 50%;
  text-align: center; font-size: 8pt; line-height: 1.3; color: #d00; letter-spacing: 0; }}
.gw .receipts {{ margin-top: 5mm; font-size: 14pt; line-height: 8mm; }}
.gw .banji {{ margin-top: auto; padding-top: 3mm; font-size: 14pt; line-height: 7mm;
  break-inside: avoid; }}
.gw .banji p {{ border-bottom: 0.25mm solid #000; padding: 0 1em; }}
.gw .banji p:first-child {{ border-top: 0.35mm solid #000; }}
.gw .banji p:last-child {{ border-bottom: 0.35mm solid #000; display: flex;
  justify-content: space-between; }}
/* a form (登记表、回执、告知书) */
.form {{ font-size: 14pt; line-height: 8mm; letter-spacing: 0; }}
.form.two {{ font-size: 11pt; line-height: 5.2mm; }}
.copy {{ break-inside: avoid; page-break-inside: avoid; position: relative; }}
.copy-label {{ text-align: right; font-size: 9pt; line-height: 4mm; }}
.township {{ text-align: center; letter-spacing: 0.1em; }}
.form h1 {{ text-align: center; font-family: "township-title", {BODY_FONTS}; font-weight: normal;
  font-size: 18pt; line-height: 1.6; margin: 0 0 2mm; letter-spacing: 0; }}
.form h1:lang(zh) {{ letter-spacing: 0.3em; }}
.form.two h1 {{ font-size: 15pt; line-height: 1.25; margin: 0 0 1mm; }}
.form.two p.short {{ display: inline-block; width: 49%; vertical-align: top; }}
.form.two .signatures {{ margin-top: 1.5mm; }}
.form.two .copy-label {{ line-height: 3.5mm; }}
.field .label, .items-heading {{ font-family: {HEI_FONTS}; }}
.form ol.items {{ margin: 0; padding-left: 2.2em; }}
.form p.para {{ text-indent: 2em; }}
.signatures {{ margin-top: 3mm; }}
.blank {{ display: inline-block; border-bottom: 1px solid #000; min-width: 38mm; }}
.date {{ margin-left: 10mm; }}
.seal {{ float: right; width: 38mm; height: 38mm; margin: -20mm 6mm 0 0;
  border: 1px dashed #666; border-radius: 50%; display: flex; align-items: center;
  justify-content: center; text-align: center; font-size: 9pt; line-height: 1.4; color: #444; }}
.end {{ clear: both; }}
.cut {{ border: 0; border-top: 1px dashed #000; margin: 4mm 0 3mm; overflow: visible;
  text-align: center; height: 0; }}
.cut::after {{ content: attr(data-label); position: relative; top: -0.7em; background: #fff;
  padding: 0 1em; font-size: 9pt; }}
"""


def _esc(text: str) -> str:
    """HTML-escaped, control characters shown escaped as in the text form."""
    from html import escape

    from township.text import escape_control

    return escape(escape_control(text))


def _v(value: Value | None, lang: str) -> str:
    return _esc(_t(value, lang))


def _html_blocks(doc: Document, lang: str) -> list[str]:
    out: list[str] = []
    headings = 0
    for block in doc.blocks:
        if isinstance(block, Field):
            kind = "field para" if doc.issued else "field"
            if not doc.issued and len(_t(block.label, lang) + _t(block.value, lang)) <= 22:
                kind += " short"  # two short fields share a line of a two-copy form
            out.append(
                f'<p class="{kind}"><span class="label">{_v(block.label, lang)}</span>'
                f"{_v(block.value, lang)}</p>"
            )
        elif isinstance(block, Items):
            kind = "items-heading para" if doc.issued else "items-heading"
            out.append(f'<p class="{kind}">{_v(block.heading, lang)}</p>')
            if block.items:
                lis = "".join(
                    f"<li>{i}. {_v(item, lang)}</li>"
                    if doc.issued
                    else f"<li>{_v(item, lang)}</li>"
                    for i, item in enumerate(block.items, 1)
                )
                tag = "ul" if doc.issued else "ol"
                out.append(f'<{tag} class="items">{lis}</{tag}>')
            else:
                out.append(f'<p class="field">{_v(block.empty, lang)}</p>')
        elif isinstance(block, Heading):
            headings += 1
            out.append(
                f'<p class="para"><span class="h1">{_esc(heading_number(headings, lang))}'
                f"{_v(block.heading, lang)}</span>{_v(block.text, lang)}</p>"
            )
        else:
            out.append(f'<p class="para">{_v(block.text, lang)}</p>')
    return out


def _html_signatures(doc: Document, copy: Copy, lang: str) -> list[str]:
    date_label = _esc(_pick(lang)("日期：", "Date: "))
    out = []
    for sig in (*doc.signatures, *copy.signatures):
        date = f'<span class="date">{date_label}{_v(DATE_BLANK, lang)}</span>' if sig.dated else ""
        out.append(f'<p class="sig">{_v(sig.label, lang)}<span class="blank"></span>{date}</p>')
    return out


def _html_issued(doc: Document, copy: Copy, lang: str) -> list[str]:
    out = ['<section class="gw">', "<header>"]
    out.append(f'<p class="issuer">{_esc(_issuer(doc))}</p>')
    if doc.doc_number:
        out.append(f'<p class="docno">{_esc(doc.doc_number)}</p>')
    out += ['<hr class="red-rule">', "</header>", f"<h1>{_v(doc.title, lang)}</h1>"]
    if doc.addressee:
        out.append(f'<p class="addressee">{_v(doc.addressee, lang)}{_pick(lang)("：", ":")}</p>')
    out += _html_blocks(doc, lang)
    out.append('<div class="sign">')
    if doc.seal is not None:
        out.append(f'<div class="seal-place">{_v(_seal(doc), lang)}</div>')
    out += [
        f'<p class="sign-name">{_esc(_issuer(doc))}</p>',
        f'<p class="sign-date">{_esc(cn_date(doc.issued_on, lang))}</p>',
        "</div>",
    ]
    signatures = _html_signatures(doc, copy, lang)
    if signatures:
        out += ['<div class="receipts">', *signatures, "</div>"]
    office, day = _printed(doc, lang)
    out.append('<footer class="banji">')
    if doc.cc:
        out.append(f'<p class="cc">{_esc(_cc(doc, lang))}</p>')
    out += [
        f'<p class="fileref">{_esc(_file_ref(doc, lang))}</p>',
        f'<p class="printed"><span>{_esc(office)}</span><span>{_esc(day)}</span></p>',
        "</footer>",
        "</section>",
    ]
    return out


def _html_copy(doc: Document, copy: Copy, lang: str) -> list[str]:
    if doc.issued:
        return _html_issued(doc, copy, lang)
    out = ['<section class="copy">']
    if copy.label:
        out.append(f'<p class="copy-label">{_v(copy.label, lang)}</p>')
    out.append(f'<p class="township">{_esc(doc.township)}</p>')
    out.append(f"<h1>{_v(doc.title, lang)}</h1>")
    out += _html_blocks(doc, lang)
    out += ['<div class="signatures">', *_html_signatures(doc, copy, lang), "</div>"]
    if doc.seal is not None:
        out.append(f'<div class="seal">{_v(doc.seal, lang)}</div>')
    out.append('<div class="end"></div>\n</section>')
    return out


def _watermark(text: str) -> str:
    """The mark drawn large across every page (样稿, 演示), as a picture, not as text.

    Drawn on a canvas, so that it prints on each page (a fixed element) but
    reading the PDF's text back (pdftotext, a screen reader) does not mix its
    characters into the lines it crosses; the mark in the page's top-left
    corner is the one that reads as text.
    """
    from html import escape

    return (
        f'<canvas class="watermark" width="1180" height="1700" data-text="{escape(text)}"></canvas>\n'
        "<script>\n(function () {\n"
        '  var c = document.querySelector("canvas.watermark");\n'
        "  if (!c || !c.getContext) return;\n"
        '  var g = c.getContext("2d");\n'
        "  g.translate(c.width / 2, c.height / 2);\n"
        "  g.rotate(-Math.PI / 6);\n"
        "  g.font = \"bold 400px 'Noto Sans CJK SC', 'SimHei', sans-serif\";\n"
        '  g.fillStyle = "rgba(200, 0, 0, 0.15)";\n'
        '  g.textAlign = "center";\n'
        '  g.textBaseline = "middle";\n'
        '  g.fillText(c.getAttribute("data-text"), 0, 0);\n'
        "})();\n</script>"
    )


def render_html(doc: Document, lang: str) -> str:
    """The document as a whole HTML page: A4, print CSS, ready to print."""
    body: list[str] = []
    if doc.mark:
        body += [f'<div class="mark">{_v(doc.mark, lang)}</div>', _watermark(_t(doc.mark, lang))]
    for i, copy in enumerate(doc.copies):
        if i:
            body.append(f'<hr class="cut" data-label="{_v(CUT, lang)}">')
        body += _html_copy(doc, copy, lang)
    title = " ".join(p for p in (_t(doc.title, lang), doc.doc_number or doc.number) if p)
    html_lang = "en" if lang == "en" else "zh-CN"
    kind = "issued" if doc.issued else ("form two" if len(doc.copies) > 1 else "form")
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)}</title>\n<style>\n{PAGE_CSS}</style>\n</head>\n"
        f'<body class="{kind}">\n' + "\n".join(body) + "\n</body>\n</html>\n"
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


def service_blocks(name: str | None, config: Config) -> list[Block]:
    """The service's 办理程序、依据 and 时限 as the one-time notice prints them (一次性告知制).

    Read from ``township.book.services.service_of``; a part it does not
    have is not printed.
    """
    from township.book.services import service_of

    service = service_of(name, config) if name else None
    if service is None:
        return []
    blocks: list[Block] = []
    if service.procedure:
        blocks.append(
            Field(
                Text("办理程序：", "Procedure: "),
                Text("→".join(service.procedure), " → ".join(service.procedure)),
            )
        )
    if service.basis or service.clause:
        basis = service.basis or ""
        clause = f"（{service.clause}）" if service.clause else ""
        blocks.append(Field(Text("办理依据：", "Basis: "), basis + clause))
    if service.days:
        blocks.append(
            Field(
                Text("办理时限：", "Time limit: "),
                Text(
                    f"材料齐全之日起{service.days}个工作日内办结（本镇服务承诺）",
                    f"{service.days} working days from complete materials (the office's commitment)",
                ),
            )
        )
    return blocks


def inquiry_notice(record: Record, config: Config, number: int | None = None) -> Document:
    """The written one-time notice (一次性告知书), 一式两份 (一次性告知制 4).

    The first copy goes to the person, the second, signed for by the person,
    stays with the handler. ``number`` picks an earlier notice (1 = the
    first); default the latest. For a service of the catalogue it prints
    the service's procedure, basis and committed time (``service_blocks``).
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
        *service_blocks(notice.get("service") or record.get("service"), config),
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
        Field(Text("告知日期：", "Date: "), date_text(notice["on"])),
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
        matter=record["matter"] + service,
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
                    f"{record['service']}（承诺{days}个工作日内办结，本镇服务承诺）",
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
                        [
                            item["name"],
                            *([t(f"{pages} 页", f"{pages} p.")] if pages else []),
                            t(cn_date(on), on),
                        ]
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
            Field(Text("材料齐全日期：", "Materials complete on: "), date_text(due.trigger)),
            Field(
                Text("办结时间：", "To be completed by: "),
                Text(
                    f"{cn_date(due.due)}前{mark.zh}（{clause_of(due.rule.id).zh}）",
                    f"{due.due.isoformat()}{mark.en} ({clause_of(due.rule.id).en})",
                ),
            ),
        ]
        for ext in record.get("extensions", []):
            blocks.append(
                Field(
                    Text("延期：", "Extension: "),
                    Text(
                        f"{ext['days']}个工作日（{ext['approved_by']}批准，{cn_date(ext['on'])}）："
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
        Field(Text("出具日期：", "Issued on: "), date_text(issued)),
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
        seal=body_seal(config, "government"),
        matter=record["matter"],
        data={
            "service": record.get("service"),
            "received": batches,
            "due": due.as_json() if due else None,
            "handler": record.get("receiver"),
        },
    )


def clause_of(rule_id: str) -> Text:
    """Where a period in force comes from, as a document cites it: the clause's reference.

    ``权力查究问责制度·行政问责制 10`` (the reference without the rule book's
    quote, which states the regulation's number: the document states the
    number in force beside it); 本镇规定 for a local default.
    """
    from township.book import rules

    rule = rules.RULES[rule_id]
    if rule.local_default:
        return Text("本镇规定", "local rule, 本镇规定")
    return Text(
        rule.clause.zh.split("：")[0], rule.clause.en.split("：")[0].split(": ")[0].split(" (")[0]
    )


def _sentence(text: str) -> str:
    """``text`` ending in one full stop (a value typed with or without one)."""
    text = text.strip().rstrip("。.；;，,")
    return text + "。" if text else ""


def _joined(labels: Sequence[Text], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(label.get(lang) for label in labels)


def case_decision_notice(record: Record, config: Config, grounds: Sequence[int] = ()) -> Document:
    """The 问责决定书 (行政问责制 9-10), issued by the party committee once it has decided.

    Laid out as an official document: the party committee's name and the
    number (``case-decision``), a title naming the subject and the methods
    (关于给予李某通报批评的决定), addressed to the subject, copied to the
    subject's unit; numbered paragraphs: the facts found and the
    conclusion, the aggravating grounds that apply (``grounds``, computed by
    the caller from the store), the decision, and the right of appeal with
    the appeal window in force (``township.toml`` ``[rules]`` applied) and
    its clause. Internal notes (the severity band) are not printed.
    """
    from township.book import rules
    from township.book.catalogs import AGGRAVATION_CLAUSE, MATTERS, METHODS, ground_label

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
    appeal_clause = clause_of("appeal-window")
    party, _ = config.body("party-committee")
    subject = record["subject"]
    matter = plain_label(MATTERS.label(record["matter"]))
    methods = [plain_label(METHODS.label(m)) for m in decision["methods"]]
    blocks: list[Block] = [
        Paragraph(
            Text(
                f"关于你（{record['unit']}）{matter.zh}一事，经调查，现将调查结论和问责决定告知如下：",
                f"On the matter of {matter.en} ({record['unit']}), {party} investigated under "
                "the accountability rules (行政问责制). The findings and the decision follow.",
            )
        )
    ]
    found = " ".join(p for p in (report.get("facts"), report.get("conclusion")) if p)
    if report.get("facts") or report.get("conclusion"):
        facts = _sentence(report.get("facts") or "")
        conclusion = _sentence(report.get("conclusion") or "")
        blocks.append(
            Heading(
                Text("调查认定的事实。", "Facts found. "),
                Text(
                    facts + (f"调查结论：{conclusion}" if conclusion else ""),
                    found,
                ),
            )
        )
    if grounds:
        labels = [plain_label(ground_label(g)) for g in grounds]
        blocks.append(
            Heading(
                Text("从重情形。", "Aggravating grounds. "),
                Text(
                    f"你有{_joined(labels, 'zh')}的情形，依照{AGGRAVATION_CLAUSE.zh}从重问责。",
                    f"You {_joined(labels, 'en')}; held accountable more severely under "
                    f"{AGGRAVATION_CLAUSE.en}.",
                ),
            )
        )
    blocks.append(
        Heading(
            Text("问责决定。", "Decision. "),
            Text(
                f"经本委研究，决定给予你{_joined(methods, 'zh')}的问责（行政问责制 2）。",
                f"{party} decides: {_joined(methods, 'en')} (行政问责制 2).",
            ),
        )
    )
    if decision.get("revoked"):
        blocks.append(
            Paragraph(
                Text(
                    f"本决定已于{cn_date(decision['revoked_on'])}经复议、复核撤销。",
                    f"This decision was revoked on review on {decision['revoked_on']}.",
                )
            )
        )
    elif decision.get("changed_on"):
        blocks.append(
            Paragraph(
                Text(
                    f"问责方式已于{cn_date(decision['changed_on'])}经复议、复核变更为上述方式。",
                    f"The methods above are as changed on review on {decision['changed_on']}.",
                )
            )
        )
    blocks.append(
        Heading(
            Text("申诉权利。", "Appeal. "),
            Text(
                f"你对本决定不服的，可自收到本决定之日起{appeal_days}个工作日内向本委提出申诉"
                f"（{appeal_clause.zh}）。申诉期间，本决定不停止执行。",
                f"If you disagree with this decision you may appeal to {party} within "
                f"{appeal_days} working days of receiving it ({appeal_clause.en}). The decision "
                "is carried out while the appeal is pending.",
            ),
        )
    )
    title = Text(
        f"关于给予{subject}{_joined(methods, 'zh')}的决定",
        f"Decision on {_joined(methods, 'en')} for {subject} (问责决定书)",
    )
    return Document(
        form="case-decision-notice",
        title=title,
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=dt.date.fromisoformat(decision["on"]),
        blocks=tuple(blocks),
        seal=body_seal(config, "party-committee"),
        data={"decision": decision, "appeal_days": appeal_days},
        issuer="party-committee",
        numbered="case-decision",
        addressee=subject,
        cc=(record["unit"],) if record.get("unit") else (),
        matter=Text(f"{subject}{matter.zh}", f"{subject}: {matter.en}"),
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
    due = cn_date(rec.due_of(filing, calendar).date) if filing else ""
    due_en = rec.due_of(filing, calendar).date.isoformat() if filing else ""
    if filing:
        where = clause_of("denial-filing")
        due, due_en = f"{due}前（{where.zh}）", f"{due_en} ({where.en})"
    opinion = record.get("opinion")
    dept = (record.get("responsible") or {}).get("dept") or record.get("dept")
    kind = Text("处罚", "penalty") if record.get("type") == "penalty" else Text("否定", "denial")
    blocks: list[Block] = [
        Field(Text("编号：", "No.: "), record["id"]),
        Field(Text("登记日期：", "Filed on: "), date_text(filed_on)),
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
                f"{opinion['text']}（{opinion['leader']}，{cn_date(opinion['on'])}）",
                f"{opinion['text']} ({opinion['leader']}, {opinion['on']})",
            )
            if opinion
            else "",
        ),
        Field(Text("报备及书面告知期限：", "File and notify by: "), Text(due, due_en)),
    ]
    if record.get("notified"):
        blocks.append(
            Field(Text("书面告知日期：", "Applicant told on: "), date_text(record["notified"]))
        )
    returned = record.get("materials_returned")
    if returned:
        blocks.append(
            Field(
                Text("材料退还：", "Materials returned: "),
                Text(
                    f"{cn_date(returned['on'])}（{returned['signed_by']} 签收）",
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
        matter=record["matter"],
    )


URGENCY = {"urgent": Text("急件", "urgent"), "normal": Text("一般", "normal")}


def supervised_matter(record: Record) -> Text:
    """What a supervised record is about: its kind's declared matter (``matter_of``).

    Masked as ``show`` masks it (a supervision notice goes to an office,
    not to the person); the record's id when the kind declares no matter
    or the record is not found.
    """
    from township.views.matter import matter_of

    found = matter_of(record) if record.get("kind") else Text("", "")
    rid = str(record.get("id", ""))
    return Text(found.zh or rid, found.en or found.zh or rid)


@dataclass(frozen=True)
class Overdue:
    """A deadline of the supervised record that is overdue: its rule, due date, days late."""

    rule_id: str
    label: Text
    due: dt.date
    workdays_late: int


def supervision_notice(
    record: Record,
    config: Config,
    answer_days: int,
    *,
    deadline: tuple[Value, dt.date] | None = None,
    supervised: Record | None = None,
    overdue: Sequence[Overdue] = (),
) -> Document:
    """The 督办告知书 (督办制度 (二)(四)(八)) of a supervision record, issued by ``supervision-office``.

    ``record``: ``{id, record, reason, urgency, dept, issued_on, actor}``
    (``record`` the supervised record's id); ``answer_days`` the answer
    period in force (working days, a local default: 本镇规定);
    ``supervised`` the supervised record (its matter, document number and
    issuing office are named); ``overdue`` each of its deadlines that is
    overdue, each with its clause; ``deadline`` the deadline the notice
    watches as (label, due date), named when none is overdue.
    """
    sup_id = record["record"]
    urgency = URGENCY.get(record.get("urgency") or "normal", URGENCY["normal"])
    target = supervised or {"id": sup_id}
    matter = supervised_matter(target)
    cited = [
        *(
            [(f"来文单位：{target['issuer']}", f"from {target['issuer']}")]
            if target.get("issuer")
            else []
        ),
        *(
            [(f"文号：{target['doc_no']}", f"document no. {target['doc_no']}")]
            if target.get("doc_no")
            else []
        ),
        (f"登记编号：{sup_id}", f"record {sup_id}"),
    ]
    source = "，".join(zh for zh, _ in cited)
    source_en = "; ".join(en for _, en in cited)
    blocks: list[Block] = [
        Paragraph(
            Text(
                f"你单位承办的“{matter.zh}”（{source}）已超过办理时限。根据督办制度，现予督办。",
                f"The matter '{matter.en}' ({source_en}) in your charge is past its time limit. "
                "It is hereby placed under supervision (督办制度).",
            )
        )
    ]
    if overdue:
        zh = "；".join(
            f"{o.label.zh}应于{cn_date(o.due)}前完成（{clause_of(o.rule_id).zh}），"
            f"已逾期{o.workdays_late}个工作日"
            for o in overdue
        )
        en = "; ".join(
            f"{o.label.en}: due {o.due.isoformat()} ({clause_of(o.rule_id).en}), "
            f"{o.workdays_late} working days overdue"
            for o in overdue
        )
        blocks.append(Heading(Text("逾期情况。", "Overdue. "), Text(zh + "。", en + ".")))
    elif deadline is not None:
        label, due = deadline
        blocks.append(
            Heading(
                Text("办理期限。", "Deadline. "),
                Text(
                    f"{_t(label, 'zh')}，{cn_date(due)}到期。",
                    f"{_t(label, 'en')}, due {due.isoformat()}.",
                ),
            )
        )
    blocks += [
        Heading(
            Text("督办理由。", "Reason. "),
            Text(
                f"{_sentence(record['reason'])}缓急程度：{urgency.zh}。",
                f"{record['reason']}. Urgency: {urgency.en}.",
            ),
        ),
        Heading(
            Text("办理要求。", "What to do. "),
            Text(
                f"请你单位自收到本告知书之日起{answer_days}个工作日内（{clause_of('supervision-reply').zh}）"
                "书面报告超时办理的原因及进展情况，并重新确定办结时限（督办制度（四））。",
                f"Please answer in writing within {answer_days} working days of receiving this "
                f"notice ({clause_of('supervision-reply').en}) with the reason for the delay and "
                "the progress made, and set a new completion date (督办制度 (四)).",
            ),
        ),
    ]
    if record.get("actor"):
        blocks.append(
            Paragraph(Text(f"督办人：{record['actor']}", f"Issued by: {record['actor']}"))
        )
    return Document(
        form="supervision-notice",
        title=Text(
            f"关于“{matter.zh}”的督办告知书", f"Supervision notice: '{matter.en}' (督办告知书)"
        ),
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=dt.date.fromisoformat(record["issued_on"]),
        blocks=tuple(blocks),
        signatures=(Signature(Text("承办单位签收：", "Received by the office: ")),),
        seal=body_seal(config, "supervision-office"),
        data={
            "record": sup_id,
            "answer_days": answer_days,
            "overdue": [
                {"rule": o.rule_id, "due": o.due.isoformat(), "workdays_late": o.workdays_late}
                for o in overdue
            ],
        },
        issuer="supervision-office",
        numbered="supervision-notice",
        addressee=record.get("dept") or None,
        matter=matter,
    )


def overdue_deadlines(
    supervised: Record, calendar: WorkCalendar, today: dt.date
) -> tuple[Overdue, ...]:
    """Every deadline of ``supervised`` overdue on ``today`` (the office's own clocks)."""
    from township.steps.machine import deadlines

    return tuple(
        Overdue(d.rule.id, d.rule.label, d.due, d.workdays_late)
        for d in deadlines(supervised, calendar, today)
        if d.state == "overdue"
    )
