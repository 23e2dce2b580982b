"""Supervision notices — 督办制度 (prefix SUP).

综治维稳有关工作制度·督办制度:
(二) 对督办的事项应当对承办单位发出书面督办告知书…
(四) 对没有按照调处时限完成调处工作的，应当发出督办告知书，承办单位应书面报告超时
办理的原因及进展情况，并重新拟定办结的时限。
(五) 受理处理的事项，按情况分为急件和一般事件…
(八) 对督办告知书进行统一编号，列表建档，随时对督办案件进行跟踪和指导。

A notice (督办告知书) is issued on a record of any other kind, usually one
with an overdue deadline, to the office responsible for it. Steps::

    issue   -> issued     starts supervision-reply (本镇规定: the surviving
                          text states no period; configurable)
    respond -> answered   once: the reason for the delay, the progress and a
                          new completion date (after the answer's date), which
                          becomes supervision-completion (a fixed date)
    close   -> closed     meets both; refused without --note while the
                          supervised matter is still open

``supervision-completion`` is met when the supervised matter is finished
(``finished_on``): every deadline of the supervised record that the notice
watches is met, or the record reaches a final status of its kind. The
notice is then closed by ``settle`` on the day the matter was finished (an
event ``close`` whose note says so). ``settle`` runs in every supervision
command that touches the notice, and the one-line hook ``settle_record``
runs it whenever another record changes (see the README).

The notice links both ways: ``record`` holds the supervised id, and the
supervised record gets the notice's id in its ``supervisions`` list, so that
``show`` of that record (JSON) and ``notices_for`` find its notices without
scanning the register.

Issuing, answering and closing have logic of their own (the functions
here); their commands are derived from the declaration (``SPEC``), and
``supervision notice`` prints the 督办告知书. Decisions where the regulations
are silent: ``docs/decisions/supervision.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step, parse_id, spec
from township.book.rules import RULES
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.steps.machine import (
    Env,
    Machine,
    Record,
    check_inputs,
    clock,
    deadlines,
    evaluate,
    new_record,
)

if TYPE_CHECKING:
    from township.calendar import WorkCalendar
    from township.storage.store import Store, Transaction

KIND = "supervision"
REPLY = "supervision-reply"
COMPLETION = "supervision-completion"
BACKLINK = "supervisions"

URGENCY: dict[str, Text] = {"urgent": Text("急件", "urgent"), "normal": Text("一般", "normal")}
STATUS_LABELS: dict[str, Text] = {
    "issued": Text("待答复", "awaiting answer"),
    "answered": Text("已答复，待办结", "answered"),
    "closed": Text("已销号", "closed"),
}


def urgency_key(value: str | None) -> str:
    """``urgent`` or ``normal`` from a key or label (default normal)."""
    if value is None:
        return "normal"
    text = value.strip()
    for key, label in URGENCY.items():
        if text in (key, label.zh, label.en):
            return key
    raise BadInput(
        Text(
            "--urgency 的值「{value}」无效；可选：{valid}。",
            "Invalid --urgency '{value}'; valid values: {valid}.",
        ),
        value=value,
        valid=", ".join(f"{k}（{v.zh}）" for k, v in URGENCY.items()),
    )


def _answer(record: Record) -> Text | None:
    a = record.get("answer")
    if not a:
        return None
    return Text(
        f"{a['on']}：原因：{a['reason']}；进展：{a['progress']}；新办结时限 {a['new_due']}",
        f"{a['on']}: reason: {a['reason']}; progress: {a['progress']}; new date {a['new_due']}",
    )


def _refuse(record: Record, step: str) -> None:
    if step == "respond" and record.get("answer"):
        a = record["answer"]
        raise StepOutOfOrder(
            Text(
                "{id} 已于 {on} 答复（新办结时限 {due}），每份督办告知书只答复一次；"
                "可以进行的下一步：{next}。",
                "{id} was already answered on {on} (new completion date {due}); a notice is "
                "answered once. Next allowed step: {next}.",
            ),
            id=record["id"],
            on=a["on"],
            due=a["new_due"],
            next=MACHINE.next_steps(record) or Text("无（已结束）", "none (it is closed)"),
        )


# -- what the notice watches ----------------------------------------------------------


def _watched(record: Record, calendar: WorkCalendar, on: dt.date) -> list[dict[str, str]]:
    """The supervised record's deadlines the notice watches, as of ``on``.

    The overdue ones on ``on``; when none is overdue, every open one of the
    office. A clock started after ``on`` or met by then is not open.
    """
    iso = on.isoformat()
    open_ = [
        c
        for c in record.get("clocks", [])
        if c["trigger"] <= iso
        and (not c.get("met_on") or c["met_on"] > iso)
        and RULES[c["rule"]].party == "office"
    ]
    overdue = [c for c in open_ if evaluate({**c, "met_on": None}, calendar, on).state == "overdue"]
    return [{"rule": c["rule"], "trigger": c["trigger"]} for c in (overdue or open_)]


def _is_final(record: Record, on: dt.date | None = None) -> bool:
    """True when the record is in a final status of its kind (and was by ``on``).

    A record entered from paper afterwards may reach its final status after
    the day a notice is dated: it was still open that day.
    """
    try:
        final = record.get("status") in spec(record["kind"]).final
    except (BadInput, KeyError, AttributeError, ImportError):
        return False
    if not final or on is None:
        return final
    last = _last_step(record)
    return last is not None and last <= on


def _last_step(record: Record) -> dt.date | None:
    steps = [e["on"] for e in record.get("events", []) if e.get("action") != "amend"]
    return dt.date.fromisoformat(max(steps)) if steps else None


def finished_on(notice: Record, supervised: Record) -> dt.date | None:
    """The day the supervised matter was finished, or None while it is open.

    Finished: every watched deadline is met (the latest met date), or the
    record reached a final status of its kind (the date of its last step).
    """
    days: list[dt.date] = []
    last = _last_step(supervised)
    if _is_final(supervised) and last is not None:
        days.append(last)
    watch = notice.get("watch") or []
    if watch:
        met: list[str] = []
        for w in watch:
            found = [
                c
                for c in supervised.get("clocks", [])
                if c["rule"] == w["rule"] and c["trigger"] == w["trigger"]
            ]
            if not found or not found[0].get("met_on"):
                met = []
                break
            met.append(found[0]["met_on"])
        if met:
            days.append(dt.date.fromisoformat(max(met)))
    return min(days) if days else None


def watched_deadline(
    notice: Record, supervised: Record, calendar: WorkCalendar, today: dt.date
) -> tuple[Text, dt.date] | None:
    """The supervised deadline the notice names (label, due): the soonest-due watched one."""
    watch = {(w["rule"], w["trigger"]) for w in notice.get("watch") or []}
    found = [
        d
        for c, d in zip(
            supervised.get("clocks", []), deadlines(supervised, calendar, today), strict=True
        )
        if (c["rule"], c["trigger"]) in watch
    ]
    if not found:
        return None
    first = min(found, key=lambda d: d.due)
    return first.rule.label, first.due


# -- steps ------------------------------------------------------------------------------


def issue_notice(
    tx: Transaction,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """Issue a numbered 督办告知书 on ``record`` to the office responsible for it.

    ``values`` are the inputs of the declared ``issue`` step: ``record``
    (the supervised id), ``reason``, ``urgency`` (default normal). Starts
    ``supervision-reply``. The supervised record gets the notice's id in its
    ``supervisions`` list.
    """
    checked = check_inputs(SPEC.step("issue"), values)
    target = parse_id(checked["record"])
    if target.kind.name == KIND:
        raise BadInput(
            Text(
                "{id} 本身是督办告知书，不能再对其督办；请对所督办的记录 {record} 另发督办告知书。",
                "{id} is itself a supervision notice; issue another notice on the supervised "
                "record {record} instead.",
            ),
            id=str(target),
            record=tx.get(str(target), KIND).get("record", ""),
        )
    supervised = tx.get(str(target))
    reason = checked["reason"]
    level = urgency_key(checked.get("urgency"))
    if _is_final(supervised, on):
        raise StepOutOfOrder(
            Text(
                "{id} 已经结束（{status}），无需督办；请查看 township {kind} show {id}。",
                "{id} is closed ({status}); there is nothing to supervise. See township "
                "{kind} show {id}.",
            ),
            id=supervised["id"],
            status=spec(supervised["kind"]).statuses.get(
                supervised["status"], supervised["status"]
            ),
            kind=supervised["kind"],
        )
    first = [e["on"] for e in supervised.get("events", []) if e.get("action") != "amend"]
    if first and on.isoformat() < min(first):
        raise BadInput(
            Text(
                "督办日期 {on} 早于 {id} 的登记日期（{first}）；请核对日期。",
                "The notice date {on} is before {id} was recorded ({first}); check the date.",
            ),
            on=on.isoformat(),
            id=supervised["id"],
            first=min(first),
        )
    responsible = dict(supervised.get("responsible") or {})
    office = responsible.get("dept") or responsible.get("person")
    watch = _watched(supervised, env.calendar, on)

    def build(notice_id: str) -> Record:
        notice = new_record(
            KIND,
            notice_id,
            actor=actor,
            now=tx.now,
            status="issued",
            person=responsible.get("person"),
            dept=responsible.get("dept"),
            record=supervised["id"],
            supervised_kind=supervised["kind"],
            reason=reason,
            urgency=level,
            issued_on=on.isoformat(),
            watch=watch,
        )
        # The office the notice goes to (承办单位), as printed on it.
        notice["dept"] = office
        return notice

    notice = MACHINE.create(
        tx, "issue", build, on=on, today=today, actor=actor, env=env, note=reason
    )
    links = list(supervised.get(BACKLINK) or [])
    links.append(notice["id"])
    supervised[BACKLINK] = links
    tx.update(supervised)
    return notice


def respond_notice(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """Record the office's written answer on ``on``: meets ``supervision-reply``.

    ``values``: ``reason`` (for the delay), ``progress`` and ``new_due``
    (after ``on``), which becomes ``supervision-completion``. A notice whose
    matter is already finished is closed at once (``settle``).
    """
    record = MACHINE.begin(tx, record_id, "respond", on, today)
    checked = check_inputs(SPEC.step("respond"), values)
    reason, progress = checked["reason"], checked["progress"]
    new_due = dt.date.fromisoformat(checked["new_due"])
    if new_due <= on:
        raise BadInput(
            Text(
                "新的办结时限 {due} 必须晚于答复日期 {on}；请重新确定办结时限（--new-due）。",
                "The new completion date {due} must be after the answer's date {on}; set a "
                "later --new-due.",
            ),
            due=new_due.isoformat(),
            on=on.isoformat(),
        )
    record["answer"] = {
        "on": on.isoformat(),
        "reason": reason,
        "progress": progress,
        "new_due": new_due.isoformat(),
    }
    record = MACHINE.finish(
        tx,
        record,
        "respond",
        on,
        actor,
        env,
        fixed={COMPLETION: new_due},
        note=progress,
        new_due=new_due.isoformat(),
    )
    return settle(tx, record, actor=actor, env=env, today=today)


def close_notice(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """Close (销号) the notice on ``on``; meets what is still open on it.

    Refused without ``note`` while the supervised matter is still open.
    """
    record = MACHINE.begin(tx, record_id, "close", on, today)
    supervised = tx.get(record["record"])
    done = finished_on(record, supervised)
    text = check_inputs(SPEC.step("close"), values).get("note")
    if done is None and text is None:
        raise StepOutOfOrder(
            Text(
                "{record} 的督办事项尚未办结，{id} 不能直接销号；请用 --note 说明销号理由，"
                "或待 {record} 办结后再销号。",
                "The supervised matter {record} is still open, so {id} cannot be closed "
                "as it is: give the reason with --note, or close it once {record} is finished.",
            ),
            id=record["id"],
            record=record["record"],
        )
    if text is not None:
        record["note"] = text
    return MACHINE.finish(tx, record, "close", on, actor, env, note=text)


def settle(
    tx: Transaction, notice: Record, *, actor: str, env: Env, today: dt.date | None = None
) -> Record:
    """Close an answered notice whose supervised matter is finished; return it.

    It is closed on the day the matter was finished (not before the
    answer), which meets ``supervision-completion`` on that day.
    """
    if notice.get("status") != "answered":
        return notice
    try:
        supervised = tx.get(notice["record"])
    except BadInput:
        return notice
    done = finished_on(notice, supervised)
    if done is None:
        return notice
    answered = dt.date.fromisoformat(notice["answer"]["on"])
    on = max(done, answered)
    note = Text(
        "督办事项 {record} 已于 {on} 办结，自动销号",
        "the supervised matter {record} was finished on {on}; closed",
    )
    return MACHINE.finish(
        tx,
        notice,
        "close",
        on,
        actor,
        env,
        note=note.zh.format(record=notice["record"], on=done.isoformat()),
        settled=True,
    )


def settle_record(tx: Transaction, record: Record, env: Env) -> None:
    """Settle the open notices on ``record`` (just changed); the hook for other kinds' steps.

    Cheap when the record carries no notice (its ``supervisions`` list).
    """
    for notice_id in record.get(BACKLINK) or ():
        try:
            notice = tx.get(notice_id, KIND)
        except BadInput:
            continue
        settle(tx, notice, actor=tx.actor, env=env)


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step(
            "issue",
            Text("发出督办告知书", "notice issued"),
            (),
            "issued",
            run=issue_notice,
            inputs=(
                Input(
                    "record",
                    type="id",
                    required=True,
                    metavar="ID",
                    help=Text("被督办的记录", "the record supervised"),
                ),
                Input("reason", required=True, help=Text("督办事由", "why it is supervised")),
                Input(
                    "urgency",
                    type="choice",
                    catalogue=URGENCY,
                    help=Text("缓急程度［默认：normal］", "how urgent [default: normal]"),
                ),
            ),
            help=Text(
                "就一条记录向其责任单位发出编号的督办告知书；输出告知书编号。\n\n"
                "责任单位应在答复期限内书面答复（supervision-reply：现存文本未规定期限，"
                "本镇规定；现行期限见 township rules --kind supervision）。",
                "Issue a numbered 督办告知书 on a record to the office responsible for it; "
                "prints the notice's number.\n\n"
                "The office answers in writing within the answer period (supervision-reply: "
                "the surviving text states none, so it is a local rule, 本镇规定; township "
                "rules --kind supervision shows the number in force).",
            ),
            example='township supervision issue --record TSK-2026-0001 --reason "超过办理时限未办结"',
        ),
        Step(
            "respond",
            Text("书面答复", "answered"),
            ("issued",),
            "answered",
            hint=Text("书面答复（supervision respond）", "answer it (supervision respond)"),
            once=True,
            run=respond_notice,
            inputs=(
                Input(
                    "reason",
                    Text("超时原因", "the reason for the delay"),
                    required=True,
                    writes="",
                ),
                Input(
                    "progress",
                    Text("进展情况", "the progress made so far"),
                    required=True,
                    writes="",
                ),
                Input(
                    "new_due",
                    Text("新的办结时限", "the new completion date"),
                    type="date",
                    required=True,
                    writes="",
                    help=Text(
                        "新的办结时限（在答复日期之后）",
                        "the new completion date (after the answer)",
                    ),
                ),
            ),
            help=Text(
                "记录责任单位的书面答复：延误原因、目前进展和新的办结时限。",
                "Record the office's written answer: the reason, the progress, a new "
                "completion date.",
            ),
            example='township supervision respond SUP-2026-0001 --reason "涉及多个村" \\\n'
            '    --progress "已完成大部分排查" --new-due 2026-03-20',
            says=Text("{id} 已答复", "{id} answered"),
        ),
        Step(
            "close",
            Text("销号", "closed"),
            ("issued", "answered"),
            "closed",
            hint=Text("销号（supervision close）", "close it (supervision close)"),
            run=close_notice,
            inputs=(
                Input(
                    "note",
                    help=Text(
                        "销号理由（所督办事项尚未办结时必填）",
                        "why it is closed (required while the supervised matter is open)",
                    ),
                ),
            ),
            help=Text(
                "督办告知书销号：所督办事项已办结，或用 --note 说明理由。",
                "Close (销号) a notice: when its matter is finished, or with --note saying why.",
            ),
            example='township supervision close SUP-2026-0001 --note "经核实已整改到位"',
            says=Text("{id} 已销号", "{id} closed"),
        ),
    ),
    fields=(
        Field("issued_on", Text("督办日期", "issued on"), list=True, type="date"),
        Field("record", Text("督办事项", "supervised record"), list=True, type="text"),
        Field("urgency", Text("缓急", "urgency"), catalogue=URGENCY, list=True, type="text"),
        Field("dept", Text("承办单位", "office"), list=True, type="text"),
        Field("reason", Text("督办理由", "reason"), amendable=True, list=True, type="text"),
        Field("answer", Text("答复", "answer"), show=_answer, type="object"),
        Field("note", Text("销号说明", "closing note"), type="text"),
    ),
    final=("closed",),
    refuse=_refuse,
    summary=("reason", "record", "dept"),
    on_linked_step=lambda tx, record, env: settle_record(tx, record, env),
    matter=("record", "reason"),
)
MACHINE = Machine(SPEC)


# -- reading -------------------------------------------------------------------------


def notices_for(store: Store, record_id: str) -> list[Record]:
    """The supervision notices issued on ``record_id``, in the order they were issued."""
    record = store.get(record_id)
    found = []
    for notice_id in record.get(BACKLINK) or ():
        try:
            found.append(store.get(notice_id, KIND))
        except BadInput:
            continue
    return found


def as_read(notice: Record, supervised: Record | None) -> Record:
    """The notice as it stands when read: closed on paper when the matter is finished.

    For ``list``/``show`` before ``settle`` has written it (a step of the
    supervised record taken without the hook): nothing is written.
    """
    if supervised is None or notice.get("status") != "answered":
        return notice
    done = finished_on(notice, supervised)
    if done is None:
        return notice
    shown = {**notice, "clocks": [dict(c) for c in notice.get("clocks", [])]}
    c = clock(shown, COMPLETION)
    if c is not None and not c.get("met_on"):
        c["met_on"] = max(done, dt.date.fromisoformat(notice["answer"]["on"])).isoformat()
    shown["status"] = "closed"
    return shown


def answer_days(notice: Record, env: Env) -> int:
    """The answer period on the notice (its reply clock), or the one in force now."""
    c = clock(notice, REPLY)
    return int(c["n"]) if c is not None else env.period(REPLY)


# -- demo data ----------------------------------------------------------------------

DEMO_SHARE = 0.02


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """A notice on a task the demo left late (``township.kinds.task.demo``), answered up to today.

    Without such a task received at least 16 working days before ``on``,
    the demo makes a task instead, so that each call makes one record.
    """
    from township.kinds import task as tsk

    rng, env = maker.rng, maker.env
    candidates: list[tuple[str, dt.date]] = getattr(maker, tsk.LATE_TASKS, [])
    target: Record | None = None
    for i, (rid, received) in enumerate(candidates):
        if maker.calendar.add(received, 16).date > on:
            break
        found = maker.tx.get(rid)
        if not _is_final(found, on):
            target = found
            del candidates[: i + 1]
            break
    if target is None:
        tsk.demo(maker, on, finish)
        return
    values = {"record": target["id"], "reason": "超过办理时限未办结"}
    values["urgency"] = rng.choice(["urgent", "normal", "normal"])
    notice = MACHINE.take(maker.tx, "issue", None, values, on=on, today=on, actor="何某", env=env)
    maker.count(KIND, on)
    if not finish:
        return
    answered = maker.later(on, 1, 4)
    if not maker.done(answered):
        return
    answer = {"reason": "涉及多个村，排查工作量大", "progress": "已完成大部分排查"}
    answer["new_due"] = maker.later(answered, 3, 10)
    actor = target["responsible"].get("person") or maker.clerk()
    at = {"on": answered, "today": answered, "actor": actor, "env": env}
    MACHINE.take(maker.tx, "respond", notice["id"], answer, **at)


def demo_examples(maker: Any) -> None:
    """The record the help's examples run on, made first (SUP-YYYY-0001): a
    notice issued the working day before on the overdue task the task
    examples start with (``township.kinds.task.demo_examples``, made before)."""
    from township.kinds import task as tsk

    supervised = getattr(maker, tsk.EXAMPLE_TASK, None)
    if supervised is None:
        return
    on = maker.working_days_before(1)
    values = {"record": supervised, "reason": "超过办理时限未办结", "urgency": "urgent"}
    MACHINE.take(maker.tx, "issue", None, values, on=on, today=on, actor="何某", env=maker.env)
    maker.count(KIND, on)
