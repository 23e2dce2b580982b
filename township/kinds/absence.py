"""Absences and stand-ins — 同岗替代制 (prefix ABS).

机关效能建设制度·同岗替代制:

    1、镇属各站所工作人员上班时间应坚守自己的工作岗位；
    2、如确有特殊情况需离开工作岗位，应告知本站所负责人，并向分管领导请假，
       并及时将工作交由领导指派的同事临时替代；
    3、暂离岗位的工作人员应及时回到自己的工作岗位上；
    4、私自离开工作岗位而无任何报备手续的，将对其按有关规定予以批评教育、
       效能告诫、纪律处分。

``log`` records an absence the way clause 2 requires it: the person, the
office, the days (``from`` .. ``to``), why, the colleague named to stand in
(``substitute``) and the leader who approved it (``approved_by``). Without
a substitute or an approver it is refused: that is an absence without any
of it, which ``unreported`` records (clause 4) with the sanction, if any.

``absence-return`` (clause 3) is a date fixed by the step: due on ``to``,
the last day of the absence, by which the person is back at the post (it
does not roll off a rest day: the clerk chose the day); overdue from the
next day while ``return`` is not recorded. A return before the absence
began is refused; an early return (before ``to``) is welcome.

``away_on`` says who is away on a day and who stands in (``absence today``
and the end of the daily report); ``absences_around`` lists a person's
absences around a date (a complaint of category ⑤, 擅离岗位、未落实同岗替代).

Steps and the statuses they lead to (declared in ``SPEC``; each has logic
of its own: ``log``, ``return_to_post``, ``unreported``)::

    log         -> away        (starts absence-return, due on --to)
    return      -> returned    (meets it; closed)
    unreported  -> unreported  (no clock; closed)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.book.registry import KINDS, Field, Input, KindSpec, Step
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.steps.machine import Env, Machine, Record, check_inputs, new_record

if TYPE_CHECKING:
    from township.storage.store import Store, Transaction

KIND = "absence"
RETURN = "absence-return"
# ``absences_around``: this many calendar days either side of the date.
AROUND_DAYS = 7

STATUS_LABELS: dict[str, Text] = {
    "away": Text("离岗中", "away"),
    "returned": Text("已返岗", "returned"),
    "unreported": Text("擅自离岗", "absent unreported"),
}
REASONS: dict[str, Text] = {
    "trip": Text("出差", "business trip"),
    "meeting": Text("开会", "meeting"),
    "training": Text("培训", "training"),
    "leave": Text("请假", "leave"),
}
SANCTIONS: dict[str, Text] = {
    "criticism": Text("批评教育", "criticism"),
    "warning": Text("效能告诫", "efficiency warning"),
    "discipline": Text("纪律处分", "disciplinary sanction"),
}


def _hidden(record: Record) -> None:
    return None


def _days(record: Record) -> str | None:
    if not record.get("from"):
        return None
    return f"{record['from']} — {record['to']}"


def _new(
    record_id: str,
    *,
    person: str,
    dept: str,
    start: str,
    end: str,
    **fields: Any,
) -> Record:
    """A new absence record: the person and office are responsible for the return,
    and kept as fields of their own too (``person``, ``dept``: list, search, export)."""
    record = new_record(KIND, record_id, person=person, dept=dept, **fields)
    steps = {k: record.pop(k) for k in ("events", "clocks")}  # kept last, as new_record does
    record.update({"person": person, "dept": dept, "from": start, "to": end})
    record.update(steps)
    return record


def log(
    tx: Transaction,
    *,
    person: str | None,
    dept: str | None,
    reason: str | None,
    substitute: str | None,
    approved_by: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **days: dt.date | None,
) -> Record:
    """Log an absence from ``days["from"]`` to ``days["to"]`` (both days away), reported
    on ``on`` (``from`` is a Python keyword: the two days come as keywords of their own).

    Refused without a stand-in or an approving leader (同岗替代制 2), with a
    day before 2000-01-01, with the last day before the first, or with the
    person standing in or approving for themselves. Starts
    ``absence-return``, due on the last day.
    """
    values = {
        "person": person,
        "dept": dept,
        "reason": reason,
        "substitute": substitute,
        "approved_by": approved_by,
        **days,
    }
    got = check_inputs(SPEC.step("log"), values)
    start, end = got["from"], got["to"]
    if end < start:
        raise BadInput(
            Text(
                "离岗截止日 {end} 早于起始日 {start}；请核对 --from 和 --to。",
                "The last day away ({end}) is before the first ({start}); check --from and --to.",
            ),
            start=start,
            end=end,
        )
    for name in ("substitute", "approved_by"):
        if got[name] == got["person"]:
            raise BadInput(
                Text(
                    "{what}不能是离岗人员本人（{person}）。",
                    "{what} cannot be the person who is away ({person}).",
                ),
                what=_label(name),
                person=got["person"],
            )

    def build(record_id: str) -> Record:
        return _new(
            record_id,
            actor=actor,
            now=tx.now,
            status="away",
            person=got["person"],
            dept=got["dept"],
            start=start,
            end=end,
            reason=got["reason"],
            substitute=got["substitute"],
            approved_by=got["approved_by"],
        )

    return MACHINE.create(
        tx,
        "log",
        build,
        on=on,
        today=today,
        actor=actor,
        env=env,
        fixed={RETURN: dt.date.fromisoformat(end)},
        reason=got["reason"],
        substitute=got["substitute"],
        approved_by=got["approved_by"],
    )


def _label(field: str) -> Text:
    found = SPEC.field(field)
    return found.label if found is not None else Text(field, field)


def return_to_post(
    tx: Transaction, record_id: str, *, on: dt.date, today: dt.date, actor: str, env: Env
) -> Record:
    """Record the person back at the post on ``on``; meets ``absence-return``.

    Refused before the absence began (``from``).
    """
    record = MACHINE.begin(tx, record_id, "return", on, today)
    start = dt.date.fromisoformat(record["from"])
    if on < start:
        raise StepOutOfOrder(
            Text(
                "{id} 的离岗从 {start} 开始；不能在此之前（{on}）登记返岗。",
                "The absence {id} begins on {start}; a return on {on}, before it began, "
                "is refused.",
            ),
            id=record["id"],
            start=start.isoformat(),
            on=on.isoformat(),
        )
    record["returned"] = on.isoformat()
    return MACHINE.finish(tx, record, "return", on, actor, env)


def unreported(
    tx: Transaction,
    *,
    person: str | None,
    dept: str | None,
    note: str | None,
    sanction: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record an absence found on ``on`` without any of clause 2 (同岗替代制 4), and the
    sanction, if any: the day found is its first and last day."""
    values = {"person": person, "dept": dept, "note": note, "sanction": sanction}
    got = check_inputs(SPEC.step("unreported"), values)

    def build(record_id: str) -> Record:
        return _new(
            record_id,
            actor=actor,
            now=tx.now,
            status="unreported",
            person=got["person"],
            dept=got["dept"],
            start=on.isoformat(),
            end=on.isoformat(),
            note=got["note"],
            sanction=got.get("sanction"),
        )

    return MACHINE.create(
        tx, "unreported", build, on=on, today=today, actor=actor, env=env, note=got["note"]
    )


_PERSON = Input(
    "person", required=True, metavar="NAME", help=Text("离岗人员", "who is away from the post")
)
_DEPT = Input("dept", required=True, help=Text("离岗人员所在站所", "the person's office (站所)"))

SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step(
            "log",
            Text("离岗报备", "absence logged"),
            (),
            "away",
            inputs=(
                _PERSON,
                _DEPT,
                Input("from", Text("离岗第一日", "the first day away"), type="date", required=True),
                Input(
                    "to",
                    Text("离岗最后一日", "the last day away"),
                    type="date",
                    required=True,
                    help=Text("离岗的最后一日：此前返岗", "the last day away: back by then"),
                ),
                Input(
                    "reason",
                    type="choice",
                    catalogue=REASONS,
                    required=True,
                    help=Text("离岗事由", "why the person is away"),
                ),
                Input(
                    "substitute",
                    required=True,
                    metavar="NAME",
                    help=Text("领导指派的替岗同事", "the colleague the leader named to stand in"),
                ),
                Input(
                    "approved_by",
                    required=True,
                    metavar="NAME",
                    help=Text(
                        "批准离岗并指定替岗人的领导",
                        "the leader who approved it and named the stand-in",
                    ),
                ),
            ),
            run=log,
            help=Text(
                "登记一次离岗，写明替岗人和批准人；应在 --to 之前返岗。输出新编号。\n\n"
                "没有 --substitute 或 --approved-by 的，拒绝（这样的离岗用 absence unreported "
                "记录）；--to 早于 --from 的，也拒绝。",
                "Log an absence with its stand-in and approver; back by --to. Prints the new "
                "id.\n\nRefused without --substitute or --approved-by (an absence without them "
                "is recorded with `absence unreported`), or with --to before --from.",
            ),
            example="township absence log --person 王某 --dept 民政办 --from 2026-03-02 "
            "--to 2026-03-04 \\\n"
            '    --reason trip --substitute 李某 --approved-by "副镇长 高某" --on 2026-02-27',
        ),
        Step(
            "return",
            Text("返岗", "returned"),
            ("away",),
            "returned",
            run=return_to_post,
            help=Text(
                "记录离岗人员已返岗（离岗开始之前的，拒绝）。",
                "Record the person back at the post (refused before the absence began).",
            ),
            example="township absence return ABS-2026-0001",
            says=Text("{id} 已返岗", "{id} back at the post"),
        ),
        Step(
            "unreported",
            Text("擅自离岗登记", "unreported absence"),
            (),
            "unreported",
            inputs=(
                _PERSON,
                _DEPT,
                Input("note", required=True, help=Text("查实的情况", "what was found")),
                Input(
                    "sanction",
                    type="choice",
                    catalogue=SANCTIONS,
                    help=Text("处理（同岗替代制 4）", "the sanction, if any (同岗替代制 4)"),
                ),
            ),
            run=unreported,
            help=Text(
                "记录一次未向站所报告、未经领导批准或未安排替岗的擅自离岗。",
                "Record an absence without telling the office, asking the leader or a stand-in.",
            ),
            example="township absence unreported --person 赵某 --dept 财政所 \\\n"
            '    --note "上班时间离岗，未安排替岗" --sanction warning',
        ),
    ),
    fields=(
        Field("person", Text("离岗人员", "person"), list=True, type="text"),
        Field("dept", Text("站所", "office"), list=True, type="text"),
        Field("reason", Text("离岗事由", "reason"), catalogue=REASONS, list=True, type="text"),
        Field("days", Text("离岗期间", "days away"), list=True, show=_days),
        # Stored, shown through "days": declared for their type only.
        Field("from", Text("离岗起始日", "away from"), show=_hidden, type="date!"),
        Field("to", Text("离岗截止日", "away until"), show=_hidden, type="date!"),
        Field("substitute", Text("替岗人", "stand-in"), list=True, type="text"),
        Field("approved_by", Text("批准领导", "approved by"), type="text"),
        Field("returned", Text("返岗日期", "returned on"), type="date"),
        Field("note", Text("情况说明", "note"), amendable=True, type="text"),
        Field("sanction", Text("处理", "sanction"), catalogue=SANCTIONS, list=True, type="text"),
    ),
    final=("returned", "unreported"),
    handler_fields=("person", "dept", "substitute", "responsible.person", "responsible.dept"),
    summary=("person", "dept", "substitute", "note"),
    matter=("person", "reason"),
)
MACHINE = Machine(SPEC)


# -- who is away ------------------------------------------------------------------


@dataclass(frozen=True)
class Away:
    """One person away on a day: the record, and whether the return is overdue."""

    record_id: str
    person: str
    dept: str
    reason: str | None
    start: dt.date
    end: dt.date
    substitute: str | None
    approved_by: str | None
    state: str  # "away", "overdue" (past the last day, not back), "unreported"

    @property
    def state_label(self) -> Text:
        """离岗中 / 逾期未返岗 / 擅自离岗."""
        return AWAY_STATES[self.state]

    def as_json(self) -> dict[str, Any]:
        """``{id, person, dept, reason, from, to, substitute, approved_by, state}``."""
        return {
            "id": self.record_id,
            "person": self.person,
            "dept": self.dept,
            "reason": self.reason,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "substitute": self.substitute,
            "approved_by": self.approved_by,
            "state": self.state,
        }


AWAY_STATES: dict[str, Text] = {
    "away": Text("离岗中", "away"),
    "overdue": Text("逾期未返岗", "not back, overdue"),
    "unreported": Text("擅自离岗", "absent unreported"),
}


def is_away(record: Record, day: dt.date) -> str | None:
    """``away``, ``overdue`` or ``unreported`` when the record has its person away on
    ``day``, else None.

    A logged absence: from its first day until the day before the recorded
    return; with no return recorded, also after its last day (then
    ``overdue``). An unreported absence: the day it was found.
    """
    if record.get("kind") != KIND or not record.get("from"):
        return None
    start = dt.date.fromisoformat(record["from"])
    end = dt.date.fromisoformat(record["to"])
    if record.get("status") == "unreported":
        return "unreported" if start == day else None
    if day < start:
        return None
    returned = record.get("returned")
    if returned is not None and day >= dt.date.fromisoformat(returned):
        return None
    return "away" if day <= end else "overdue"


def _away(record: Record, state: str) -> Away:
    return Away(
        record["id"],
        record.get("person") or "",
        record.get("dept") or "",
        record.get("reason"),
        dt.date.fromisoformat(record["from"]),
        dt.date.fromisoformat(record["to"]),
        record.get("substitute"),
        record.get("approved_by"),
        state,
    )


def away_among(records: Iterable[Record], day: dt.date) -> list[Away]:
    """The people away on ``day`` among ``records``, by office, person and id."""
    found = []
    for record in records:
        state = is_away(record, day)
        if state is not None:
            found.append(_away(record, state))
    return sorted(found, key=lambda a: (a.dept, a.person, a.record_id))


def away_on(store: Store, day: dt.date) -> list[Away]:
    """Who is away on ``day`` and who stands in (``absence today``, the daily report)."""
    return away_among(store.iter_records(KINDS[KIND]), day)


def absences_around(
    store: Store, person: str, day: dt.date, days: int = AROUND_DAYS
) -> list[Record]:
    """The absences of ``person`` that overlap ``day`` ± ``days`` calendar days, by start.

    For a complaint of category ⑤ (擅离岗位、未落实同岗替代): what the records say
    about the person complained against around the complaint's date. A
    logged absence not yet returned counts as lasting until today's report
    says otherwise: up to its return, or open-ended.
    """
    low, high = day - dt.timedelta(days=days), day + dt.timedelta(days=days)
    name = person.strip()
    found = []
    for record in store.iter_records(KINDS[KIND]):
        if (record.get("person") or "").strip() != name or not record.get("from"):
            continue
        start = dt.date.fromisoformat(record["from"])
        end = dt.date.fromisoformat(record["to"])
        if record.get("status") == "away":
            end = dt.date.max
        elif record.get("returned"):
            end = max(end, dt.date.fromisoformat(record["returned"]))
        if start <= high and end >= low:
            found.append(record)
    return sorted(found, key=lambda r: (r["from"], r["id"]))


def around_summary(records: Iterable[Record]) -> Text:
    """One line per absence for a complaint's ``show``: id, days, reason, stand-in, status."""
    zh, en = [], []
    for r in records:
        reason = REASONS.get(r.get("reason") or "")
        status = STATUS_LABELS.get(r.get("status") or "", Text("", ""))
        if r.get("status") == "unreported":
            sanction = SANCTIONS.get(r.get("sanction") or "")
            zh.append(
                f"{r['id']} {r['from']} 擅自离岗" + (f"（{sanction.zh}）" if sanction else "")
            )
            en.append(
                f"{r['id']} {r['from']} absent unreported"
                + (f" ({sanction.en})" if sanction else "")
            )
            continue
        zh.append(
            f"{r['id']} {r['from']}—{r['to']} {reason.zh if reason else ''}，"
            f"替岗 {r.get('substitute')}，{status.zh}"
        )
        en.append(
            f"{r['id']} {r['from']}..{r['to']} {reason.en if reason else ''}, "
            f"stand-in {r.get('substitute')}, {status.en}"
        )
    if not zh:
        return Text(
            f"前后 {AROUND_DAYS} 日内无离岗记录", f"no absence recorded within {AROUND_DAYS} days"
        )
    return Text("；".join(zh), "; ".join(en))


# -- demo data (township init --demo) ---------------------------------------------

DEMO_SHARE = 0.03
_DEMO_REASONS = ("trip", "meeting", "training", "leave")
_DEMO_LEADERS = ("副镇长 高某", "镇长 何某", "纪委书记 林某")


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional absence: the first one made covers today (so ``absence today``
    and the report show someone away); now and then an unreported one."""
    env = maker.env
    first = maker.summary.counts.get(KIND, 0) == 0
    person = maker.clerk()
    substitute = maker.rng.choice([c for c in ("王某", "李某", "赵某", "陈某") if c != person])
    dept = maker.rng.choice(["民政办", "党政办", "综治办", "财政所", "劳动保障站"])
    if not first and maker.rng.random() < 0.15:
        values = {
            "person": person,
            "dept": dept,
            "note": "上班时间离岗，未报告站所负责人，未安排替岗",
            "sanction": maker.rng.choice(list(SANCTIONS)),
        }
        MACHINE.take(
            maker.tx, "unreported", None, values, on=on, today=on, actor="党政办 何某", env=env
        )
        maker.count(KIND, on)
        return
    if first:  # asked for the working day before, away from today for three days
        on = maker.working_days_before(1)
        start = maker.today
        end = maker.today + dt.timedelta(days=2)
    else:
        start = on
        end = on + dt.timedelta(days=maker.rng.randint(0, 4))
    values = {
        "person": person,
        "dept": dept,
        "from": start,
        "to": end,
        "reason": maker.rng.choice(_DEMO_REASONS),
        "substitute": substitute,
        "approved_by": maker.rng.choice(_DEMO_LEADERS),
    }
    today = maker.today if first else on
    record = MACHINE.take(maker.tx, "log", None, values, on=on, today=today, actor=person, env=env)
    maker.count(KIND, on)
    if not finish or first:
        return
    # Mostly back by the last day; now and then a day or three late.
    back = end + dt.timedelta(days=0 if maker.rng.random() < 0.85 else maker.rng.randint(1, 3))
    if maker.done(back):
        MACHINE.take(
            maker.tx, "return", record["id"], {}, on=back, today=back, actor=person, env=env
        )


def report_section(store: Store, day: dt.date) -> list[Text]:
    """The lines that end the daily report: who is away on ``day`` and who stands in.

    A heading, then one line per person away (``away_on``); nothing when
    nobody is away (the report of a quiet day stays as it was).
    """
    found = away_on(store, day)
    if not found:
        return []
    lines = [
        Text(f"今日离岗与替岗（{day}，同岗替代制）：", f"Away today ({day}) and who stands in:")
    ]
    for a in found:
        reason = REASONS.get(a.reason or "")
        if a.state == "unreported":
            lines.append(
                Text(
                    f"  {a.record_id} {a.dept} {a.person}：擅自离岗，无人替岗",
                    f"  {a.record_id} {a.dept} {a.person}: absent unreported, nobody stands in",
                )
            )
            continue
        lines.append(
            Text(
                f"  {a.record_id} {a.dept} {a.person}：{reason.zh if reason else ''} "
                f"{a.start}—{a.end}，替岗 {a.substitute}（{a.approved_by} 批准）"
                + ("，逾期未返岗" if a.state == "overdue" else ""),
                f"  {a.record_id} {a.dept} {a.person}: {reason.en if reason else ''} "
                f"{a.start}..{a.end}, stand-in {a.substitute} (approved by {a.approved_by})"
                + (", overdue, not back" if a.state == "overdue" else ""),
            )
        )
    return lines


def around_field(store: Store, complaint: Record) -> tuple[Record, tuple[str, Text, Text]]:
    """For ``complaint show`` of a category ⑤ complaint: the record with the ids of
    the absences of the person complained against around its date
    (``absences``, for JSON), and the field row that lists them."""
    day = dt.date.fromisoformat(complaint.get("received") or complaint["events"][0]["on"])
    found = absences_around(store, complaint.get("against") or "", day)
    row = ("absences", Text("前后离岗记录", "absences around the date"), around_summary(found))
    return {**complaint, "absences": [r["id"] for r in found]}, row


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (ABS-YYYY-0001): asked
    for the working day before, away from today for three days, so that
    ``absence today`` and the report show someone away."""
    on = maker.working_days_before(1)
    values = {
        "person": "周某",
        "dept": "党政办",
        "from": maker.today,
        "to": maker.today + dt.timedelta(days=2),
        "reason": "training",
        "substitute": "陈某",
        "approved_by": "副镇长 高某",
    }
    MACHINE.take(
        maker.tx, "log", None, values, on=on, today=maker.today, actor="周某", env=maker.env
    )
    maker.count(KIND, on)
