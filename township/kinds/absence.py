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

Steps and the statuses they lead to::

    log         -> away        (starts absence-return, due on --to)
    return      -> returned    (meets it; closed)
    unreported  -> unreported  (no clock; closed)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from township.book.machine import Env, Machine, Record, new_record, require_text
from township.book.registry import KINDS, Field, KindSpec, Step
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text

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


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step("log", Text("离岗报备", "absence logged"), (), "away"),
        Step("return", Text("返岗", "returned"), ("away",), "returned"),
        Step("unreported", Text("擅自离岗登记", "unreported absence"), (), "unreported"),
    ),
    fields=(
        Field("person", Text("离岗人员", "person"), list=True),
        Field("dept", Text("站所", "office"), list=True),
        Field("reason", Text("离岗事由", "reason"), catalogue=REASONS, list=True),
        Field("days", Text("离岗期间", "days away"), list=True, show=_days),
        # Stored, shown through "days": declared for their type only.
        Field("from", Text("离岗起始日", "away from"), show=_hidden, type="date!"),
        Field("to", Text("离岗截止日", "away until"), show=_hidden, type="date!"),
        Field("substitute", Text("替岗人", "stand-in"), list=True),
        Field("approved_by", Text("批准领导", "approved by")),
        Field("returned", Text("返岗日期", "returned on"), type="date"),
        Field("note", Text("情况说明", "note"), amendable=True),
        Field("sanction", Text("处理", "sanction"), catalogue=SANCTIONS, list=True),
    ),
    final=("returned", "unreported"),
    handler_fields=("person", "dept", "substitute", "responsible.person", "responsible.dept"),
    summary=("person", "dept", "substitute", "note"),
)
MACHINE = Machine(SPEC)
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


def _new(
    record_id: str,
    *,
    person: str,
    dept: str,
    start: dt.date,
    end: dt.date,
    **fields: Any,
) -> Record:
    """A new absence record: the person and office are responsible for the return,
    and kept as fields of their own too (``person``, ``dept``: list, search, export)."""
    record = new_record(KIND, record_id, person=person, dept=dept, **fields)
    steps = {k: record.pop(k) for k in ("events", "clocks")}  # kept last, as new_record does
    record.update(
        {"person": person, "dept": dept, "from": start.isoformat(), "to": end.isoformat()}
    )
    record.update(steps)
    return record


def _choice(value: str, catalogue: dict[str, Text], option: str) -> str:
    if value not in catalogue:
        raise BadInput(
            Text(
                "{option} 的值「{value}」无效；可选：{valid}。",
                "Invalid {option} '{value}'; valid values: {valid}.",
            ),
            option=option,
            value=value,
            valid=", ".join(f"{k}（{v.zh}）" for k, v in catalogue.items()),
        )
    return value


def log(
    tx: Transaction,
    *,
    person: str,
    dept: str,
    start: dt.date,
    end: dt.date,
    reason: str,
    substitute: str | None,
    approved_by: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Log an absence from ``start`` to ``end`` (both days away), reported on ``on``.

    Refused without a stand-in or an approving leader (同岗替代制 2), with
    ``end`` before ``start``, or with the person standing in or approving
    for themselves. Starts ``absence-return``, due on ``end``.
    """
    person = require_text(person, Text("离岗人员（--person）", "The person (--person)"))
    dept = require_text(dept, Text("站所（--dept）", "The office (--dept)"))
    reason = _choice(reason, REASONS, "--reason")
    substitute = require_text(
        substitute,
        Text(
            "替岗人（--substitute，领导指派的临时替代同事）",
            "The stand-in (--substitute, the colleague the leader named)",
        ),
    )
    approved_by = require_text(
        approved_by,
        Text("批准领导（--approved-by，分管领导）", "The approving leader (--approved-by)"),
    )
    if end < start:
        raise BadInput(
            Text(
                "离岗截止日 {end} 早于起始日 {start}；请核对 --from 和 --to。",
                "The last day away ({end}) is before the first ({start}); check --from and --to.",
            ),
            start=start.isoformat(),
            end=end.isoformat(),
        )
    for who, option in ((substitute, "--substitute"), (approved_by, "--approved-by")):
        if who == person:
            raise BadInput(
                Text(
                    "{option} 不能是离岗人员本人（{person}）。",
                    "{option} cannot be the person who is away ({person}).",
                ),
                option=option,
                person=person,
            )

    def build(record_id: str) -> Record:
        return _new(
            record_id,
            actor=actor,
            now=tx.now,
            status="away",
            person=person,
            dept=dept,
            start=start,
            end=end,
            reason=reason,
            substitute=substitute,
            approved_by=approved_by,
            returned=None,
            note=None,
            sanction=None,
        )

    return MACHINE.create(
        tx,
        "log",
        build,
        on=on,
        today=today,
        actor=actor,
        env=env,
        fixed={RETURN: end},
        reason=reason,
        substitute=substitute,
        approved_by=approved_by,
    )


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
    person: str,
    dept: str,
    note: str,
    sanction: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record an absence on ``on`` without any of clause 2 (同岗替代制 4), and the sanction."""
    person = require_text(person, Text("离岗人员（--person）", "The person (--person)"))
    dept = require_text(dept, Text("站所（--dept）", "The office (--dept)"))
    note = require_text(note, Text("情况说明（--note）", "The note (--note)"))
    if sanction is not None:
        sanction = _choice(sanction, SANCTIONS, "--sanction")

    def build(record_id: str) -> Record:
        return _new(
            record_id,
            actor=actor,
            now=tx.now,
            status="unreported",
            person=person,
            dept=dept,
            start=on,
            end=on,
            reason=None,
            substitute=None,
            approved_by=None,
            returned=None,
            note=note,
            sanction=sanction,
        )

    return MACHINE.create(
        tx, "unreported", build, on=on, today=today, actor=actor, env=env, note=note
    )


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
        unreported(
            maker.tx,
            person=person,
            dept=dept,
            note="上班时间离岗，未报告站所负责人，未安排替岗",
            sanction=maker.rng.choice(list(SANCTIONS)),
            on=on,
            today=on,
            actor="党政办 何某",
            env=env,
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
    record = log(
        maker.tx,
        person=person,
        dept=dept,
        start=start,
        end=end,
        reason=maker.rng.choice(_DEMO_REASONS),
        substitute=substitute,
        approved_by=maker.rng.choice(_DEMO_LEADERS),
        on=on,
        today=maker.today if first else on,
        actor=person,
        env=env,
    )
    maker.count(KIND, on)
    if not finish or first:
        return
    # Mostly back by the last day; now and then a day or three late.
    back = end + dt.timedelta(days=0 if maker.rng.random() < 0.85 else maker.rng.randint(1, 3))
    if maker.done(back):
        return_to_post(maker.tx, record["id"], on=back, today=back, actor=person, env=env)


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
    log(
        maker.tx,
        person="周某",
        dept="党政办",
        start=maker.today,
        end=maker.today + dt.timedelta(days=2),
        reason="training",
        substitute="陈某",
        approved_by="副镇长 高某",
        on=on,
        today=maker.today,
        actor="周某",
        env=maker.env,
    )
    maker.count(KIND, on)
