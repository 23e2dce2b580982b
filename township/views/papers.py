"""The written documents the regulations require that had no form of their own.

Each builder makes a ``township.views.forms.Document`` from a record (or,
for the visit summary, from the records of a period); the commands print it
with ``commands.forms_cmd.emit_form``, which lays it out, numbers an issued
document and refuses template values. A builder refuses a record that is not
yet in the state its document needs (``StepOutOfOrder``, exit 2) with one
sentence naming the step to take.

=================================== ======================= ============ ===============
document                            builder                 issuer       clause
=================================== ======================= ============ ===============
受理事项登记表                       ``intake_form``         —            接访制度 (三)
来访情况归类                         ``visit_summary``       —            接访制度 (七)
书面调查报告                         ``case_report_form``    —            行政问责制 8
信访受理/不予受理/延期办理告知书     ``petition_notice``     government   限时办结制 5
书面告知报办人                       ``denial_notice``       government   否定报备制 5
领导包案“五个一”表                   ``package_form``        —            领导包案化解制度
=================================== ======================= ============ ===============

Every document names its matter, the periods that apply to it with the
clause each comes from (a local default says 本镇规定) and writes its dates
as 2026年12月3日. Decisions where the regulations are silent are in
``docs/decisions/papers.md``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.book import rules
from township.book.rules import RULES
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.steps import machine as rec
from township.views.forms import (
    Block,
    Document,
    Field,
    Items,
    Paragraph,
    Signature,
    Value,
    body_seal,
    date_text,
)

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.config import Config
    from township.steps.machine import Env
    from township.storage.store import Transaction

Record = dict[str, Any]
BLANK = "________________"
SHORT_BLANK = "________"
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# -- dates, periods, names -------------------------------------------------------------


def cite(rule_id: str) -> Text:
    """Where a rule's number comes from: the clause's name, or 本镇规定 for a local default.

    The rule book's clause quotes the regulation after a colon
    (``机关效能建设制度·限时办结制 5：…``); a document cites the part before it.
    """
    rule = RULES[rule_id]
    if rule.local_default:
        return Text("本镇规定", "local rule (本镇规定)")

    def head(text: str) -> str:
        for mark in ("：", ": ", " ("):
            text = text.split(mark, 1)[0]
        return text.strip()

    return Text(head(rule.clause.zh), head(rule.clause.en))


def span_and_source(rule_id: str, config: Config, n: int | None = None) -> tuple[Text, Text]:
    """A rule's period and where its number comes from: (``60日``, ``机关效能建设制度·限时办结制 5``).

    ``n``: the number a record's clock was counted with (default: the rule
    book's number in force, ``township.toml`` ``[rules]`` applied). A number
    the regulation does not state is called 本镇规定; a number ``township.toml``
    changed says so (本镇现行规定).
    """
    rule = RULES[rule_id]
    if n is None and rule.n is not None:
        n = rules.period(rule_id, config.rules)
    described = rules.describe_period(rule, n)
    where = cite(rule_id)
    if not rule.local_default and rule.n is not None and n is not None and n != rule.n:
        where = Text(f"{where.zh}；本镇现行规定", f"{where.en}; as in force here")
    return Text(described.zh.replace(" ", ""), described.en), where


def period_in_force(rule_id: str, config: Config, n: int | None = None) -> Text:
    """``petition-conclusion`` as a document states it: ``60日（机关效能建设制度·限时办结制 5）``."""
    span, where = span_and_source(rule_id, config, n)
    return Text(f"{span.zh}（{where.zh}）", f"{span.en} ({where.en})")


def _deadline_line(
    record: Record, rule_id: str, config: Config, calendar: WorkCalendar
) -> Text | None:
    """One period of the record: its label, number in force, clause and due date."""
    c = rec.clock(record, rule_id)
    if c is None:
        return None
    rule = RULES[rule_id]
    n = int(c["n"]) if c.get("n") is not None else None
    due = rec.due_of(c, calendar)
    state = ""
    state_en = ""
    if c.get("met_on"):
        met = date_text(c["met_on"])
        state, state_en = f"，已于{met.zh}完成", f", met on {met.en}"
    span = period_in_force(rule_id, config, n) if n is not None else Text("", "")
    if rule.unit == "fixed" or n is None:
        span = Text(f"（{cite(rule_id).zh}）", f"({cite(rule_id).en})")
    mark = Text("（暂定）", " (provisional)") if due.provisional else Text("", "")
    day = date_text(due.date)
    return Text(
        f"{rule.label.zh}：{span.zh}，{day.zh}前{mark.zh}{state}",
        f"{rule.label.en}: {span.en}, by {day.en}{mark.en}{state_en}",
    )


def periods_block(
    record: Record, rule_ids: Sequence[str], config: Config, calendar: WorkCalendar
) -> tuple[Block, ...]:
    """The periods of ``rule_ids`` the record runs, under one heading (none: no block)."""
    lines = tuple(
        line
        for line in (_deadline_line(record, r, config, calendar) for r in rule_ids)
        if line is not None
    )
    if not lines:
        return ()
    return (Items(Text("办理期限（依据现行规定）：", "Periods in force:"), lines),)


def zh_of(value: Text | None) -> str:
    """The Chinese of an optional label ("" for none)."""
    return value.zh if value is not None else ""


def en_of(value: Text | None) -> str:
    """The English of an optional label ("" for none)."""
    return value.en if value is not None else ""


def _or_blank(value: Any) -> Value:
    return str(value) if value not in (None, "") else BLANK


def _refuse(message: Text, **params: Any) -> StepOutOfOrder:
    return StepOutOfOrder(message, **params)


# -- 受理事项登记表 (接访制度 (三)) --------------------------------------------------------


def intake_form(record: Record, config: Config, calendar: WorkCalendar) -> Document:
    """The 受理事项登记表 a visitor fills in at reception, pre-filled from a visit.

    综治维稳有关工作制度·接访制度 (三): 接待来访群众时，首先请来访人填写《受理事项登记表》，
    在检验表格内容清楚完整后，核对来访人身份证. What the visit record holds is
    filled in (name, unit, contact, the date, the matter, the receiver, the
    office); what it does not (ID number, sex, address, how many came) is a
    blank line for the visitor. Only a visit (``--channel visit``) has one.
    """
    from township.kinds.inquiry import TYPES, display_name, log_date

    if record.get("channel") != "visit":
        raise _refuse(
            Text(
                "{id} 不是来访登记（渠道：{channel}），受理事项登记表只用于来访；"
                "来访请用 inquiry log --channel visit 登记。",
                "{id} is not a visit (channel: {channel}); the intake form is for visits "
                "only: log a visit with inquiry log --channel visit.",
            ),
            id=record["id"],
            channel=record.get("channel") or "—",
        )
    on = log_date(record)
    resp = record.get("responsible") or {}
    kind = TYPES.get(record.get("type") or "")
    blocks: list[Block] = [
        Field(Text("登记编号：", "No.: "), record["id"]),
        Field(Text("来访时间：", "Date of the visit: "), date_text(on)),
        Field(Text("来访人姓名：", "Visitor's name: "), display_name(record)),
        Field(Text("性别：", "Sex: "), SHORT_BLANK),
        Field(Text("公民身份号码：", "ID card number: "), BLANK + BLANK),
        Field(Text("工作单位或住址：", "Unit or address: "), _or_blank(record.get("unit"))),
        Field(Text("联系电话：", "Telephone: "), _or_blank(record.get("contact"))),
        Field(Text("来访人数：", "Number of visitors: "), SHORT_BLANK),
        Field(Text("事项类型：", "Kind of matter: "), kind if kind is not None else BLANK),
        Field(Text("反映事项及诉求：", "Matter and request: "), record.get("matter") or BLANK),
        Field(Text("接访人（首接责任人）：", "Received by: "), _or_blank(record.get("receiver"))),
        Field(Text("承办部门：", "Office handling it: "), _or_blank(resp.get("dept"))),
        Field(
            Text("身份证核对：", "ID card checked: "),
            Text("□ 已核对    □ 未能核对（原因：________）", "□ yes    □ no (why: ________)"),
        ),
        Field(
            Text("处理方式：", "How it is handled: "),
            Text(
                "□ 当场解答  □ 转交有关部门  □ 告知承接单位  □ 其他________",
                "□ answered on the spot  □ passed to an office  □ sent to another unit  "
                "□ other ________",
            ),
        ),
        *periods_block(record, ("service-commitment",), config, calendar),
        Paragraph(
            Text(
                "请来访人如实填写本表，接访人检查表格内容清楚完整后核对来访人身份证"
                "（综治维稳有关工作制度·接访制度（三））。",
                "The visitor fills in this form; the receiver checks it is complete and "
                "clear, then checks the visitor's ID card (接访制度 (三)).",
            )
        ),
    ]
    return Document(
        form="inquiry-intake-form",
        title=Text("受理事项登记表", "Intake form (受理事项登记表)"),
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=on,
        blocks=tuple(blocks),
        signatures=(
            Signature(Text("来访人（签名）：", "Visitor's signature: ")),
            Signature(Text("接访人（签名）：", "Receiver's signature: ")),
        ),
        matter=record.get("matter"),
        data={"channel": "visit", "logged": on.isoformat()},
    )


# -- 来访情况归类 (接访制度 (七)) -----------------------------------------------------------


@dataclass(frozen=True)
class SummaryPeriod:
    """A month or a quarter of visits: its key (``2026-02``, ``2026Q1``) and its duty."""

    key: str
    first: dt.date
    last: dt.date
    duty: str

    @property
    def label(self) -> Text:
        """``2026年2月`` / ``2026年第一季度``."""
        if "Q" in self.key:
            q = int(self.key[-1])
            return Text(f"{self.first.year}年第{'一二三四'[q - 1]}季度", f"Q{q} {self.first.year}")
        return Text(
            f"{self.first.year}年{self.first.month}月",
            f"{MONTHS_EN[self.first.month - 1]} {self.first.year}",
        )


MONTHLY = "visit-summary"
QUARTERLY = "visit-summary-quarterly"


def summary_period(month: str | None = None, quarter: str | None = None) -> SummaryPeriod:
    """The period of ``--month YYYY-MM`` or ``--quarter YYYYQn`` (exactly one of them)."""
    from township.dates import parse_quarter, quarter_start

    if (month is None) == (quarter is None):
        raise BadInput(
            Text(
                "请用 --month YYYY-MM 或 --quarter YYYYQn 指定一个期间（二者选一）。",
                "Name one period: --month YYYY-MM or --quarter YYYYQn (one of them).",
            )
        )
    if quarter is not None:
        year, q = parse_quarter(quarter)
        first = quarter_start(year, q)
        nxt = quarter_start(year + (q == 4), 1 if q == 4 else q + 1)
        return SummaryPeriod(f"{year}Q{q}", first, nxt - dt.timedelta(days=1), QUARTERLY)
    try:
        first = dt.datetime.strptime(str(month), "%Y-%m").date()
    except ValueError:
        raise BadInput(
            Text(
                "月份「{value}」无效；应写作 2026-02（年份-月份）。",
                "Month '{value}' is not valid; write it like 2026-02 (year-month).",
            ),
            value=month,
        ) from None
    nxt = rec.add_months(first, 1)
    return SummaryPeriod(
        f"{first.year}-{first.month:02d}", first, nxt - dt.timedelta(days=1), MONTHLY
    )


def _within(day: Any, period: SummaryPeriod) -> bool:
    try:
        on = dt.date.fromisoformat(str(day)[:10])
    except ValueError:
        return False
    return period.first <= on <= period.last


def _logged(record: Record) -> str | None:
    events = record.get("events") or []
    return events[0].get("on") if events and isinstance(events[0], dict) else None


def _count_lines(counts: Counter[str], labels: Mapping[str, Text]) -> tuple[Value, ...]:
    lines: list[Value] = []
    for key, label in labels.items():
        if counts.get(key):
            n = counts[key]
            lines.append(Text(f"{label.zh}：{n} 件", f"{label.en}: {n}"))
    for key in sorted(k for k in counts if k not in labels):
        lines.append(Text(f"{key}：{counts[key]} 件", f"{key}: {counts[key]}"))
    return tuple(lines)


def visit_summary(
    inquiries: Iterable[Record],
    petitions: Iterable[Record],
    disputes: Iterable[Record],
    period: SummaryPeriod,
    config: Config,
    printed_on: dt.date,
) -> Document:
    """The 来访情况归类 of a month or a quarter (综治维稳有关工作制度·接访制度 (七)).

    接访制度 (七): 对来访反应的情况以规范的文书格式进行处理并及时归档管理，对每月和季度来访
    情况进行归类并及时形成文书上报主管领导和部门并通报有关单位. The visits are the
    inquiries logged with ``--channel visit`` in the period, counted by kind
    (咨询、办理、投诉、举报) and by where they stand; beside them the petitions
    (信访件) received and the disputes registered from a visit in the same
    period. Printed before the period has ended it is a summary so far
    (截至 the print date).
    """
    from township.kinds.inquiry import STATUSES, TYPES
    from township.kinds.petition import STATUS_LABELS as PETITION_STATUSES

    if printed_on < period.first:
        raise BadInput(
            Text(
                "期间 {period} 自 {first} 开始，尚无来访可归类；请指定已开始的月份或季度。",
                "The period {period} begins on {first}: there are no visits to summarise yet; "
                "name a month or quarter that has begun.",
            ),
            period=period.key,
            first=period.first.isoformat(),
        )
    visits = [
        r for r in inquiries if r.get("channel") == "visit" and _within(_logged(r) or "", period)
    ]
    received = [r for r in petitions if _within(r.get("received") or _logged(r) or "", period)]
    from_visits = [
        r
        for r in disputes
        if r.get("source") == "visit" and _within(r.get("registered") or _logged(r) or "", period)
    ]
    by_type = Counter(str(r.get("type") or "consult") for r in visits)
    by_status = Counter(str(r.get("status") or "") for r in visits)
    by_petition = Counter(str(r.get("status") or "") for r in received)
    ended = printed_on >= period.last
    until = period.last if ended else printed_on
    span = Text(
        f"{date_text(period.first).zh}至{date_text(until).zh}",
        f"{date_text(period.first).en} to {date_text(until).en}",
    )
    blocks: list[Block] = [
        Field(Text("统计期间：", "Period: "), span),
        Field(
            Text("来访登记总数：", "Visits logged: "),
            Text(f"{len(visits)} 件", str(len(visits))),
        ),
        Items(
            Text("一、按反映事项类型归类：", "1. By kind of matter:"),
            _count_lines(by_type, TYPES),
        ),
        Items(
            Text("二、按办理情况归类：", "2. By how they stand:"),
            _count_lines(by_status, STATUSES),
        ),
        Items(
            Text(
                f"三、同期收到信访件 {len(received)} 件，按办理情况：",
                f"3. Petitions received in the period: {len(received)}, by status:",
            ),
            _count_lines(by_petition, PETITION_STATUSES),
        ),
        Field(
            Text("四、来访反映的矛盾纠纷建档：", "4. Disputes registered from a visit: "),
            Text(f"{len(from_visits)} 件", str(len(from_visits))),
        ),
    ]
    if not ended:
        blocks.append(
            Paragraph(
                Text(
                    f"本期尚未结束，以上为截至{date_text(printed_on).zh}的情况。",
                    f"The period has not ended: the figures are as of {date_text(printed_on).en}.",
                )
            )
        )
    rule = RULES[period.duty]
    blocks += [
        Field(
            Text("报送要求：", "Duty: "),
            Text(
                f"{rule.label.zh}，{rules.describe_period(rule, rule.n).zh}一次"
                f"（{cite(period.duty).zh}）",
                f"{rule.label.en}, {rules.describe_period(rule, rule.n).en} ({cite(period.duty).en})",
            ),
        ),
        Field(
            Text("报送：", "To: "),
            Text(
                "主管领导和部门，并通报有关单位",
                "the leaders in charge; copied to the offices concerned",
            ),
        ),
    ]
    title = Text(
        f"{period.label.zh}来访情况归类", f"Summary of visits, {period.label.en} (来访情况归类)"
    )
    return Document(
        form="inquiry-summary",
        title=title,
        township=config.name,
        record_id=period.key,
        number=period.key,
        issued_on=printed_on,
        blocks=tuple(blocks),
        signatures=(
            Signature(Text("填报人（签名）：", "Prepared by: ")),
            Signature(Text("审核人（签名）：", "Checked by: ")),
        ),
        matter=title,
        data={
            "period": period.key,
            "duty": period.duty,
            "first": period.first.isoformat(),
            "last": until.isoformat(),
            "ended": ended,
            "visits": len(visits),
            "by_type": dict(by_type),
            "by_status": dict(by_status),
            "petitions": len(received),
            "petitions_by_status": dict(by_petition),
            "disputes_from_visits": len(from_visits),
        },
    )


def mark_summary_done(
    tx: Transaction,
    period: SummaryPeriod,
    *,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record | None:
    """Record the period's visit-summary duty done by printing its summary; the record, or None.

    Only a summary of a period that has ended meets the duty (a summary so
    far reports nothing yet); a period already met, or a duty switched off in
    ``township.toml`` ``[duties]``, records nothing. The completion is an
    ordinary ``duty done`` record naming the period (``--period``), so
    ``duty show``, the report and the audit log see it like any other.
    """
    from township.book.registry import KINDS
    from township.kinds import duty as duties

    if today < period.last:
        return None
    config = env.config
    item = duties.duties_of(config).get(period.duty) if config is not None else None
    if item is None or not item.enabled:
        return None
    for record in tx.store.iter_records(KINDS[duties.KIND]):
        if record.get("duty") == period.duty and (
            record.get("period") == period.key
            or (record.get("period") is None and _within(record.get("done") or "", period))
        ):
            return None
    return duties.record_done(
        tx,
        duty=period.duty,
        on=today,
        today=today,
        actor=actor,
        env=env,
        period=period.key,
        note=f"来访情况归类（inquiry summary）{period.key}",
    )


# -- 书面调查报告 (行政问责制 8) ------------------------------------------------------------


def case_report_form(
    record: Record, config: Config, calendar: WorkCalendar, grounds: Sequence[int] = ()
) -> Document:
    """The 书面调查报告 the investigation team submits to the party committee.

    权力查究问责制度·行政问责制 8: 调查组一般应在10个工作日内完成调查工作，并向镇党委提交
    书面调查报告…调查报告包括问责情形的详细事实、基本结论和问责建议. 7: 调查组应该
    听取被调查人的陈述和申辩. ``grounds``: the aggravating grounds ①-④ that
    apply (computed by the caller from the store).
    """
    from township.book.catalogs import MATTERS, METHODS, SOURCES, ground_label
    from township.kinds.case import severity_label

    report = record.get("report")
    if not report:
        raise _refuse(
            Text(
                "{id} 尚未提交调查报告，没有书面调查报告可打印；请先登记调查报告（case report）。",
                "{id} has no report yet, so there is nothing to print; record the report "
                "first (case report).",
            ),
            id=record["id"],
        )
    matter = MATTERS.label(record["matter"])
    subject = f"{record['subject']}（{record['unit']}）"
    the_matter = Text(
        f"{subject}{record.get('summary') or ''}（{matter.zh}）",
        f"{subject} {record.get('summary') or ''} ({matter.en})",
    )
    statements = [e for e in record.get("events", []) if e.get("action") == "statement"]
    heard: Value
    if statements:
        heard = Text(
            "；".join(f"{date_text(e['on']).zh}：{e.get('note') or ''}" for e in statements),
            "; ".join(f"{date_text(e['on']).en}: {e.get('note') or ''}" for e in statements),
        )
    else:
        reason = report.get("no_statement_reason") or ""
        heard = Text(f"未能听取（{reason}）", f"not heard ({reason})")
    blocks: list[Block] = [
        Field(Text("案件编号：", "Case: "), record["id"]),
        Field(Text("被调查人：", "Subject: "), subject),
        Field(Text("问责情形：", "Matter: "), matter),
        Field(Text("问题摘要：", "Summary: "), record.get("summary") or ""),
        Field(Text("启动来源：", "Source: "), SOURCES.label(record["source"])),
        Field(
            Text("启动问责程序：", "Opened: "),
            Text(
                f"{date_text(record.get('opened')).zh}，{record.get('opened_by') or ''}决定；"
                f"初步核实：{record.get('verified') or ''}",
                f"{date_text(record.get('opened')).en}, decided by "
                f"{record.get('opened_by') or ''}; preliminary check: {record.get('verified') or ''}",
            ),
        ),
        Field(
            Text("调查组成员：", "Investigators: "), "、".join(record.get("investigators") or [])
        ),
        Field(Text("陈述和申辩：", "The subject's statement: "), heard),
        Paragraph(
            Text("一、问责情形的详细事实：" + report["facts"], "1. Facts: " + report["facts"])
        ),
        Paragraph(
            Text("二、基本结论：" + report["conclusion"], "2. Conclusion: " + report["conclusion"])
        ),
    ]
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
    blocks += [
        Items(
            Text("三、问责建议：", "3. Recommended methods:"),
            tuple(METHODS.label(m) for m in report.get("recommend") or ()),
        ),
        *periods_block(record, ("investigation",), config, calendar),
        Field(Text("报告日期：", "Reported on: "), date_text(report["on"])),
    ]
    return Document(
        form="case-report-form",
        title=Text("书面调查报告", "Investigation report (书面调查报告)"),
        township=config.name,
        record_id=record["id"],
        number=record["id"],
        issued_on=dt.date.fromisoformat(report["on"]),
        blocks=tuple(blocks),
        signatures=(Signature(Text("调查组成员（签名）：", "Investigators' signatures: ")),),
        addressee=config.body("party-committee")[0],
        matter=the_matter,
        data={"report": report},
    )


# -- 信访受理、不予受理、延期办理告知书 (限时办结制 5) ----------------------------------------


def closing(label: Text, office: str | None) -> Paragraph:
    """The last paragraph of a notice to a person: the office handling it, then 特此告知。"""
    if office:
        return Paragraph(Text(f"{label.zh}：{office}。特此告知。", f"{label.en}: {office}."))
    return Paragraph(Text("特此告知。", "You are hereby informed."))


def government_notice(
    config: Config,
    record_id: str,
    *,
    form: str,
    title: Text,
    issued_on: dt.date,
    blocks: tuple[Block, ...],
    received_by: Text,
    numbered: str,
    addressee: str,
    matter: str,
    data: dict[str, Any],
) -> Document:
    """A written notice the township government issues to a person (信访人, 报办人).

    The government acts (限时办结制 5: the town head approves; 否定报备制 5:
    the office tells the applicant): its name and seal from ``[documents]``,
    numbered by ``numbered``, addressed (主送) to the person, who signs for it.
    """
    return Document(
        form=form,
        title=title,
        township=config.name,
        record_id=record_id,
        number=record_id,
        issued_on=issued_on,
        blocks=blocks,
        signatures=(Signature(received_by),),
        seal=body_seal(config, "government"),
        issuer="government",
        numbered=numbered,
        addressee=addressee,
        matter=matter,
        data={**data, "addressee": addressee},
    )


PETITION_CLAUSE = "机关效能建设制度·限时办结制 5"


def petition_notice(
    record: Record, config: Config, calendar: WorkCalendar, *, extension: bool = False
) -> Document:
    """The written notice to a petitioner: accepted, declined, or the latest extension.

    机关效能建设制度·限时办结制 5: 收到信访事项，不能当场答复是否受理的，在15日内书面告知
    信访人；受理的信访事项自受理之日起60日办结，情况复杂的，经镇长同意，能够适当延长办理
    期限，但延长期限不得超出30日，并告知信访人延期理由. Issued by the township
    government to the petitioner (name masked unless the caller revealed it).
    With ``extension``, the latest extension (``extensions_of``): its reason,
    its days and the new due date. The periods are stated in the prose with
    their clause (an issued notice fits one page).
    """
    from township.kinds.petition import ACCEPTANCE, CONCLUSION, extensions_of

    rid = record["id"]
    name = record.get("petitioner") or ""
    received = date_text(record.get("received") or _logged(record))
    matter = record.get("matter") or ""
    opening = Text(
        f"你于{received.zh}提出的关于“{matter}”的信访事项，",
        f'Your petition of {received.en} about "{matter}" ',
    )
    c = rec.clock(record, CONCLUSION)
    due = date_text(rec.due_of(c, calendar).date if c else None)
    span, where = span_and_source(CONCLUSION, config, int(c["n"]) if c else None)
    accepted = date_text(record.get("accepted"))
    text: Text
    if extension:
        found = extensions_of(record)
        if not found:
            raise _refuse(
                Text(
                    "{id} 没有延期记录，没有延期办理告知书可打印；经镇长同意后请先登记延期"
                    "（petition extend）。",
                    "{id} has not been extended, so there is no extension notice to print; "
                    "record the extension first (petition extend).",
                ),
                id=rid,
            )
        ext = found[-1]
        total = sum(int(e["days"]) for e in found)
        limit = RULES[CONCLUSION].extension.max_n
        form = "petition-extension-notice"
        title = Text("延期办理告知书", "Notice of extension (延期办理告知书)")
        issued = dt.date.fromisoformat(ext["on"])
        times = (
            Text(
                f"本事项已延期{len(found)}次，合计{total}日。",
                f" Extended {len(found)} times, {total} days in all.",
            )
            if len(found) > 1
            else Text("", "")
        )
        text = Text(
            opening.zh + f"本机关已于{accepted.zh}受理。依照{where.zh}，受理的信访事项自受理之日起"
            f"{span.zh}内办结，情况复杂的，经镇长同意可以适当延长，延长期限不超过{limit}日。"
            f"因{ext['reason']}，经镇长同意（{ext['approved_by']}），办理期限延长{ext['days']}日，"
            f"延长后的办结期限为{due.zh}。{times.zh}",
            opening.en + f"was accepted on {accepted.en}. Under {where.en}, an accepted petition "
            f"is concluded within {span.en} of acceptance; a complex one may be extended with the "
            f"town head's approval by at most {limit} days. Because {ext['reason']}, with the "
            f"town head's approval ({ext['approved_by']}), the period is extended by "
            f"{ext['days']} days; it is now due on {due.en}.{times.en}",
        )
    elif record.get("status") == "declined":
        form = "petition-decline-notice"
        title = Text("不予受理告知书", "Notice of non-acceptance (不予受理告知书)")
        declined = next(
            (e["on"] for e in record.get("events", []) if e.get("action") == "decline"), None
        )
        issued = dt.date.fromisoformat(declined) if declined else dt.date.min
        reason = record.get("decline_reason") or ""
        told, told_where = span_and_source(ACCEPTANCE, config)
        text = Text(
            opening.zh + f"经审查，本机关决定不予受理。理由：{reason}。"
            f"（依照{told_where.zh}，收到信访事项{told.zh}内书面告知是否受理。）",
            opening.en + f"has been examined and is not accepted. Reason: {reason}. "
            f"(Under {told_where.en}, a petitioner is told within {told.en} whether the "
            "petition is accepted.)",
        )
    elif record.get("accepted"):
        form = "petition-acceptance-notice"
        title = Text("信访事项受理告知书", "Notice of acceptance (信访事项受理告知书)")
        issued = dt.date.fromisoformat(record["accepted"])
        text = Text(
            opening.zh + f"经审查，符合受理条件，本机关已于{accepted.zh}受理。依照{where.zh}，"
            f"该事项自受理之日起{span.zh}内办结，即{due.zh}前，办理结果将书面答复你。",
            opening.en + f"meets the conditions and was accepted on {accepted.en}. Under "
            f"{where.en}, it will be concluded within {span.en} of acceptance, by {due.en}, and "
            "you will be told the result in writing.",
        )
    else:
        raise _refuse(
            Text(
                "{id} 尚未决定是否受理，没有告知书可打印；请先受理（petition accept）"
                "或不予受理（petition decline --reason）。",
                "{id} has not been accepted or declined yet, so there is no notice to print; "
                "accept it (petition accept) or decline it (petition decline --reason) first.",
            ),
            id=rid,
        )
    dept = (record.get("responsible") or {}).get("dept")
    return government_notice(
        config,
        rid,
        form=form,
        title=title,
        issued_on=issued,
        blocks=(Paragraph(text), closing(Text("承办部门", "Office handling it"), dept)),
        received_by=Text("信访人签收：", "Received by the petitioner: "),
        numbered="petition-notice",
        addressee=name,
        matter=matter,
        data={"notice": form.removeprefix("petition-").removesuffix("-notice")},
    )


# -- 书面告知报办人 (否定报备制 5) ------------------------------------------------------------


def denial_notice(
    record: Record, config: Config, calendar: WorkCalendar, today: dt.date
) -> Document:
    """The written notice telling the applicant of the denial and its reason.

    机关效能建设制度·否定报备制 5: 否定报备必须在10个工作日内办结，并以书面形式告知报办人;
    6: 报办人要求退还被否定的审办材料的，应该退还，并需签收备查. A denial beyond the
    clerk's authority is told only once the leader has given an opinion (3).
    Dated the day the applicant was told (``denial complete``), or ``today``
    when not yet recorded.
    """
    rid = record["id"]
    if record.get("status") == "awaiting-opinion":
        raise _refuse(
            Text(
                "{id} 超越经办人权限，尚待分管领导提出处理意见，不能书面告知报办人；"
                "请先登记领导意见（denial opinion）。",
                "{id} is beyond the clerk's authority and awaits the leader's opinion; "
                "record it first (denial opinion), then tell the applicant.",
            ),
            id=rid,
        )
    penalty = record.get("type") == "penalty"
    filed_on = next(
        (e["on"] for e in record.get("events", []) if e.get("action") == "file"),
        (record.get("created") or "")[:10] or None,
    )
    issued = dt.date.fromisoformat(record["notified"]) if record.get("notified") else today
    matter = record.get("matter") or ""
    verdict = (
        Text("本机关决定予以处罚", "the office imposes a penalty")
        if penalty
        else Text("经审查，不予办理", "after examination it cannot be granted")
    )
    opinion = record.get("opinion")
    reason, basis = record.get("reason") or "", record.get("basis") or ""
    approved = (
        Text(
            f"本事项经分管领导审批：{opinion['text']}（{opinion['leader']}，"
            f"{date_text(opinion['on']).zh}）。",
            f" Approved by the leader in charge: {opinion['text']} ({opinion['leader']}, "
            f"{date_text(opinion['on']).en}).",
        )
        if opinion
        else Text("", "")
    )
    blocks: list[Block] = [
        Paragraph(
            Text(
                f"你于{date_text(filed_on).zh}申请办理的“{matter}”事项，{verdict.zh}。"
                f"理由：{reason}。依据：{basis}。{approved.zh}",
                f'Regarding "{matter}", applied for on {date_text(filed_on).en}: '
                f"{verdict.en}. Reason: {reason}. Basis: {basis}.{approved.en}",
            )
        ),
        Paragraph(
            Text(
                "你要求退还被否定的审办材料的，可向承办单位申请，材料退还时请签收"
                "（机关效能建设制度·否定报备制 6）。",
                "If you want the materials you handed in back, ask the office; you sign for "
                "them when they are returned (否定报备制 6).",
            )
        ),
    ]
    c = rec.clock(record, "denial-filing")
    if c is not None:
        span, where = span_and_source("denial-filing", config, int(c["n"]))
        due = date_text(rec.due_of(c, calendar).date)
        blocks.append(
            Paragraph(
                Text(
                    f"依照{where.zh}，否定事项应在{span.zh}内报备并书面告知报办人（{due.zh}前）。",
                    f"Under {where.en}, a denial is filed and the applicant told in writing "
                    f"within {span.en} (by {due.en}).",
                )
            )
        )
    dept = (record.get("responsible") or {}).get("dept") or record.get("dept")
    office = " ".join(str(p) for p in (dept, record.get("handler")) if p)
    blocks.append(closing(Text("承办单位及经办人", "Office and clerk"), office))
    return government_notice(
        config,
        rid,
        form="denial-notice",
        title=Text("处罚事项书面告知书", "Written notice of penalty (处罚事项书面告知书)")
        if penalty
        else Text("否定事项书面告知书", "Written notice of denial (否定事项书面告知书)"),
        issued_on=issued,
        blocks=tuple(blocks),
        received_by=Text("报办人签收：", "Received by the applicant: "),
        numbered="denial-notice",
        addressee=record.get("applicant") or "",
        matter=matter,
        data={"type": record.get("type") or "denial", "notified": record.get("notified")},
    )


# -- 领导包案“五个一”表 (领导包案化解制度) --------------------------------------------------


def package_form(record: Record, config: Config, calendar: WorkCalendar) -> Document:
    """The 领导包案“五个一”表 of a dispute packaged to a leader.

    综治维稳有关工作制度·领导包案化解制度 (一): 经讨论需要由领导包案处理的，严格按照矛盾
    纠纷排查调处“五个一”机制逐一落实并认真填写，经领导同意后报一把手审批，审批后将表送达
    包案领导; (四) 包案领导原则上应该在规定的调处期限内完成调处工作…经一把手同意后，在
    延期期限内办结. The seed does not list the five; the form uses the usual
    reading: 一个矛盾纠纷、一名包案领导、一个工作班子、一套调处方案、一个化解时限
    (``docs/decisions/papers.md``). What the record does not hold (the working
    team, the plan) is a blank for the leader to fill in.
    """
    from township.kinds.dispute import CATEGORY_LABELS, SOURCES

    rid = record["id"]
    if not record.get("leader"):
        raise _refuse(
            Text(
                "{id} 不是领导包案的纠纷，没有“五个一”表可打印；请先领导包案（dispute package）。",
                "{id} has not been packaged to a leader, so there is no package form to "
                "print; package it first (dispute package).",
            ),
            id=rid,
        )
    c = rec.clock(record, "dispute-mediation")
    due = rec.due_of(c, calendar).date if c else None
    packaged = record.get("routed_on") or next(
        (e["on"] for e in record.get("events", []) if e.get("action") == "package"), None
    )
    days = record.get("days")
    where = cite("dispute-mediation")
    category = CATEGORY_LABELS.get(record.get("category")) if record.get("category") else None
    source = SOURCES.get(record.get("source") or "")
    exts = record.get("extensions") or []
    blocks: list[Block] = [
        Field(Text("编号：", "No.: "), rid),
        Field(Text("建档日期：", "Registered: "), date_text(record.get("registered"))),
        Field(Text("当事人：", "Parties: "), record.get("parties") or ""),
        Field(Text("联系方式：", "Contact: "), _or_blank(record.get("contact"))),
        Field(
            Text("村（社区）及来源：", "Village and source: "),
            Text(
                f"{record.get('village') or BLANK}（{zh_of(source) or '—'}）",
                f"{record.get('village') or BLANK} ({en_of(source) or '—'})",
            ),
        ),
        Field(Text("排查类别：", "Category: "), category if category is not None else BLANK),
        Items(
            Text("“五个一”：", "The five ones (五个一):"),
            (
                Text(
                    f"一个矛盾纠纷：{record.get('summary') or ''}",
                    f"one dispute: {record.get('summary') or ''}",
                ),
                Text(f"一名包案领导：{record['leader']}", f"one leader: {record['leader']}"),
                Text(f"一个工作班子：{BLANK}", f"one working team: {BLANK}"),
                Text(f"一套调处方案：{BLANK}", f"one plan: {BLANK}"),
                Text(
                    f"一个化解时限：自{date_text(packaged).zh}起{days}日，"
                    f"{date_text(due).zh}前（{where.zh}）",
                    f"one time limit: {days} days from {date_text(packaged).en}, by "
                    f"{date_text(due).en} ({where.en})",
                ),
            ),
        ),
    ]
    for ext in exts:
        blocks.append(
            Field(
                Text("延期：", "Extension: "),
                Text(
                    f"{ext.get('days') or ext.get('n')}日（{ext.get('approved_by') or ''}同意，"
                    f"{date_text(ext.get('on')).zh}）：{ext.get('reason') or ''}",
                    f"{ext.get('days') or ext.get('n')} days (agreed by "
                    f"{ext.get('approved_by') or ''}, {date_text(ext.get('on')).en}): "
                    f"{ext.get('reason') or ''}",
                ),
            )
        )
    if record.get("result"):
        blocks.append(Field(Text("调处结果：", "Result: "), record["result"]))
    blocks += [
        Field(
            Text("领导同意及一把手审批：", "Agreed and approved: "),
            Text(
                f"{record['leader']}同意包案，{record.get('approved_by') or ''}审批，"
                f"{date_text(packaged).zh}",
                f"agreed by {record['leader']}, approved by {record.get('approved_by') or ''}, "
                f"{date_text(packaged).en}",
            ),
        ),
        Paragraph(
            Text(
                "本表经一把手审批后送达包案领导（领导包案化解制度（一））。",
                "Once approved by the head, this form goes to the leader (领导包案化解制度 (一)).",
            )
        ),
    ]
    return Document(
        form="dispute-package-form",
        title=Text("领导包案“五个一”表", "Leader's package form (领导包案“五个一”表)"),
        township=config.name,
        record_id=rid,
        number=rid,
        issued_on=dt.date.fromisoformat(packaged) if packaged else dt.date.min,
        blocks=tuple(blocks),
        signatures=(
            Signature(Text("包案领导（签名）：", "Leader's signature: ")),
            Signature(Text("一把手（签名）：", "Head's signature: ")),
        ),
        matter=record.get("summary"),
        data={"leader": record["leader"], "days": days, "due": due.isoformat() if due else None},
    )
