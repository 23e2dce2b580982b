"""Inquiries: the first-contact log (首问负责制), one-time notices (一次性告知制)
and service deadlines (服务承诺制, 限时办结制).

An inquiry (prefix INQ) is one line of the 首问登记本: who came or called
(姓名、单位、联系方式), how (channel), what about (matter), who received
them (the 首问责任人, by default the acting clerk) and the result. Its steps,
declared in ``SPEC``:

========== ========================================= ========================
step       what it records                           status afterwards
========== ========================================= ========================
log        the first contact                         open (closed if --result)
notify     一次性告知: the complete list of what is   notified
           missing (typed, or a service's list of
           materials less what was handed in);
           again only with a reason
supplied   the missing materials were handed in       open / referred
refer      引荐/转交 inside the township               referred
extend     a leader-approved extension, as often as   unchanged
           approved (机关效能建设制度·限时办结制 4)
close      handled, with the result                   closed
redirect   not this government's remit: sent to an    redirected
           outside unit, and closed
========== ========================================= ========================

``close`` and ``redirect`` only record their inputs (the step machine takes
them); the other steps have logic of their own, in the functions below.

The receiver stays the responsible person until the inquiry is closed, also
after a referral (首问负责制: 首问责任人); a referral moves the responsible
department to the one it was referred to, so the daily report reaches it.

Deadlines (rules in ``township.book.rules``): ``web-reply`` for ``--channel web``
from the day the answering office received the question (权力查究问责制度·首问责任制 5): the
log date, or after ``refer`` the referral date — a referral restarts the
clock: the clock of the office that passed the question on is ended without
being counted (kept in the ``refer`` event as ``restarted_clock``) and a new
one runs from the referral; ``service-commitment`` for an application for a service
of the catalogue (``[services]`` of ``township.toml``), from the day the
materials are complete — the log date, or after a notice the date of
``supplied`` (行政许可法 第三十二条). A notice stops a commitment clock that
has not been met: the materials were not complete after all.

Every function that writes takes an open ``Transaction`` and changes the
record only through it; a refused step raises before anything is staged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.book.rules import RULES
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.kinds.complaint import CATEGORIES as COMPLAINT_CATEGORIES
from township.steps import machine as rec
from township.steps.machine import Machine

if TYPE_CHECKING:
    from township.book.services import Service
    from township.calendar import WorkCalendar
    from township.config import Config
    from township.storage.store import Transaction

Record = dict[str, Any]
KIND = "inquiry"
WEB_REPLY = "web-reply"
COMMITMENT = "service-commitment"

CHANNELS: dict[str, Text] = {
    "phone": Text("来电", "phone"),
    "visit": Text("来访", "visit"),
    "web": Text("网上", "web"),
    "letter": Text("来信", "letter"),
}
TYPES: dict[str, Text] = {
    "consult": Text("咨询", "consultation"),
    "apply": Text("办理", "application"),
    "complaint": Text("投诉", "complaint"),
    "report": Text("举报", "report"),
}
STATUSES: dict[str, Text] = {
    "open": Text("办理中", "open"),
    "notified": Text("已一次性告知，待补齐", "notified, awaiting materials"),
    "referred": Text("已引荐转交", "referred"),
    "closed": Text("已办结", "closed"),
    "redirected": Text("已告知外单位", "redirected"),
}
FINAL = ("closed", "redirected")
COMPLAINT_TYPES = ("complaint", "report")
# The 效能投诉 category of a complaint or report logged without one:
# ⑦ 其他违反效能制度的行为.
DEFAULT_CATEGORY = 7
ANONYMOUS = Text("匿名", "anonymous")

_PAGES = re.compile(r"^(?P<name>.*?)\s*[:：]\s*(?P<pages>\d+)\s*(页|p|pages?)?$")


# -- validation -------------------------------------------------------------


def service_days(service: str, config: Config) -> int:
    """The committed working days of ``service``; ``BadInput`` listing the catalogue."""
    if service in config.services:
        return config.services[service]
    if not config.services:
        raise BadInput(
            Text(
                "服务事项「{service}」不在服务目录中：township.toml 的 [services] 还没有任何事项"
                "（现存规章没有规定具体事项的承诺时限，须由本镇公布）；请先在其中登记事项及"
                "承诺办结的工作日数。",
                "The service '{service}' is not in the catalogue: the [services] table of "
                "township.toml is empty (the regulations name no service's committed time; the "
                "office publishes its own); add the service and its committed working days there.",
            ),
            service=service,
        )
    raise BadInput(
        Text(
            "服务事项「{service}」不在服务目录中；已公布的事项有：{known}。",
            "The service '{service}' is not in the catalogue; the published services are: {known}.",
        ),
        service=service,
        known=list(config.services),
    )


def parse_materials(items: Sequence[str], pages: int | None) -> dict[str, Any] | None:
    """One batch of received materials from ``--material`` texts and ``--pages``.

    A material may end in ``:N`` (or ``：N页``) for its number of pages:
    ``身份证复印件:2``. ``pages`` is the batch's total; when omitted it is
    the sum of the items' pages if every item gives them. ``None`` when
    nothing was received.
    """
    parsed = []
    for text in items:
        match = _PAGES.match(text.strip())
        name = (match.group("name") if match else text).strip()
        count = int(match.group("pages")) if match else None
        if not name:
            raise BadInput(
                Text(
                    "材料「{text}」缺少名称；请写成「材料名称」或「材料名称:页数」。",
                    "The material '{text}' has no name; write 'name' or 'name:pages'.",
                ),
                text=text,
            )
        parsed.append({"name": name, "pages": count})
    if not parsed:
        if pages is not None:
            raise BadInput(
                Text(
                    "给出了页数（--pages {pages}）却没有材料名称；请用 --material 列出收到的材料。",
                    "--pages {pages} was given without any material; list what was received "
                    "with --material.",
                ),
                pages=pages,
            )
        return None
    known = [p["pages"] for p in parsed if p["pages"] is not None]
    if pages is not None and pages < 1:
        raise BadInput(
            Text(
                "页数应为正整数，而不是 {pages}。", "Pages must be a positive number, not {pages}."
            ),
            pages=pages,
        )
    if len(known) == len(parsed):
        if pages is not None and pages != sum(known):
            raise BadInput(
                Text(
                    "各材料页数之和为 {sum}，与 --pages {pages} 不符；请核对页数。",
                    "The materials' pages add up to {sum}, not --pages {pages}; check the count.",
                ),
                sum=sum(known),
                pages=pages,
            )
        total = sum(known)
    else:
        total = pages
    return {"items": parsed, "pages": total}


def _check_complaint_options(
    type_: str, against: str | None, category: int | None, anonymous: bool
) -> None:
    if type_ in COMPLAINT_TYPES:
        if not against:
            raise BadInput(
                Text(
                    "投诉、举报类首问登记须用 --against 写明被投诉的人员或单位。",
                    "An inquiry of type complaint or report needs --against: the person or "
                    "unit complained about.",
                )
            )
        return
    given = [
        name
        for name, value in (
            ("--against", against),
            ("--category", category),
            ("--anonymous", anonymous or None),
        )
        if value is not None
    ]
    if given:
        raise BadInput(
            Text(
                "{options} 只用于投诉或举报（--type complaint 或 --type report）。",
                "{options} only apply to a complaint or report (--type complaint or "
                "--type report).",
            ),
            options=given,
        )


# -- reading ------------------------------------------------------------------


def log_date(record: Record) -> dt.date:
    """The date of the first contact."""
    return dt.date.fromisoformat(record["events"][0]["on"])


def display_name(record: Record) -> str | Text:
    """The person's name, or 匿名 for an anonymous report."""
    return record.get("name") or ANONYMOUS


# ``inquiry list --handler``: the receiver (首问责任人) and the responsible
# office, the clerk who logged it, and any office or person it was referred to.
HANDLER_FIELDS = (
    "responsible.person",
    "responsible.dept",
    "receiver",
    "actor",
    "referrals.dept",
    "referrals.person",
)


def of_channel_and_type(
    records: Iterable[Record], *, channel: str | None = None, type_: str | None = None
) -> Iterator[Record]:
    """The inquiries of ``channel`` and ``type_`` (each: any when None)."""
    return (
        r
        for r in records
        if (channel is None or r.get("channel") == channel)
        and (type_ is None or r.get("type") == type_)
    )


def select(
    records: Iterable[Record],
    calendar: WorkCalendar,
    today: dt.date,
    *,
    handler: str | None = None,
    channel: str | None = None,
    type_: str | None = None,
    **filters: Any,
) -> list[Record]:
    """The inquiries that pass the ``list`` filters, by id.

    ``channel`` and ``type_`` are an inquiry's own; ``handler`` matches
    ``HANDLER_FIELDS``; ``filters`` are the others of ``records.select``
    (``status``, ``since``, ``until``, ``overdue``).
    """
    return rec.select(
        of_channel_and_type(records, channel=channel, type_=type_),
        calendar,
        today,
        person=handler,
        handler_fields=HANDLER_FIELDS,
        **filters,
    )


# -- steps --------------------------------------------------------------------


def _now_status(record: Record) -> str:
    """The status of an inquiry still in hand, from what happened so far."""
    if record.get("notices") and record.get("materials_complete_on") is None:
        return "notified"
    if record.get("referrals"):
        return "referred"
    return "open"


def _refuse_finished(record: Record, step: str) -> None:
    if record["status"] in FINAL:
        raise StepOutOfOrder(
            Text(
                "{id} 已于 {on} 结束（{status}），不能再登记「{step}」；如事项再次提出，请重新登记。",
                "{id} was finished on {on} ({status}); no further step ({step}) can be "
                "recorded. Log a new inquiry if the matter comes back.",
            ),
            id=record["id"],
            status=STATUSES[record["status"]],
            on=record.get("closed_on") or "",
            step=SPEC.step(step).label,
        )


def log_inquiry(
    tx: Transaction,
    *,
    name: str | None,
    matter: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: rec.Env,
    unit: str | None = None,
    contact: str | None = None,
    channel: str = "visit",
    type: str = "consult",  # the option is --type
    receiver: str | None = None,
    dept: str | None = None,
    result: str | None = None,
    service: str | None = None,
    material: Sequence[str] = (),
    pages: int | None = None,
    against: str | None = None,
    category: int | None = None,
    anonymous: bool = False,
) -> Record:
    """Log a first contact (首问登记) and start its deadlines; return the new record.

    The step machine has checked the inputs (``Machine.take``). ``receiver``
    (首问责任人) defaults to ``actor``. ``result`` closes the inquiry at once
    (当场办理). ``type="apply"`` with a ``service`` starts
    ``service-commitment`` with the service's committed days; a complaint or
    report also registers a complaint linked both ways (机关效能建设制度·首问负责制 3(4)).
    """
    _check_complaint_options(type, against, category, anonymous)
    if anonymous and name:
        raise BadInput(
            Text(
                "匿名举报、投诉不登记姓名；请去掉 --name 或 --anonymous 之一。",
                "An anonymous complaint or report records no name; drop either --name or "
                "--anonymous.",
            )
        )
    if not anonymous and not name:
        raise BadInput(
            Text(
                "请用 --name 写明来电、来访人的姓名（匿名举报、投诉用 --anonymous）。",
                "Give the person's name with --name (--anonymous for an anonymous complaint "
                "or report).",
            )
        )
    days = None
    if service is not None:
        if type != "apply":
            raise BadInput(
                Text(
                    "--service 只用于办理申请（--type apply）；咨询请不要指定服务事项。",
                    "--service only applies to an application (--type apply).",
                )
            )
        days = service_days(service, env.config)
    batch = parse_materials(material, pages)
    receiver = receiver or actor

    def build(record_id: str) -> Record:
        record = rec.new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="open",
            person=receiver,
            dept=dept,
            name=None if anonymous else name,
            anonymous=anonymous,
            unit=unit,
            contact=contact,
            channel=channel,
            type=type,
            matter=matter,
            receiver=receiver,
            service=service,
            service_days=days,
            result=None,
            closed_on=None,
            complaint=None,
            referrals=[],
            redirected_to=None,
            notices=[],
            received=[],
            extensions=[],
            materials_complete_on=on.isoformat(),
        )
        # The receiver's office sits next to the receiver (new_record takes
        # ``dept`` for the responsible office).
        at = list(record).index("receiver") + 1
        items = list(record.items())
        record = dict([*items[:at], ("dept", dept), *items[at:]])
        if batch is not None:
            record["received"].append({"on": on.isoformat(), **batch})
        return record

    periods = {COMMITMENT: days} if days is not None else None
    at: dict[str, Any] = {"on": on, "today": today, "actor": actor, "env": env}
    record = MACHINE.create(tx, "log", build, periods=periods, text=matter, receiver=receiver, **at)
    if result:
        record = MACHINE.take(tx, "close", record["id"], {"result": result}, **at)
    if type in COMPLAINT_TYPES:
        from township.kinds.complaint import register_complaint

        complaint = register_complaint(
            tx,
            complainant=None if anonymous else name,
            contact=contact,
            anonymous=anonymous,
            against=str(against),
            category=category if category is not None else DEFAULT_CATEGORY,
            summary=matter,
            from_inquiry=record["id"],
            **at,
        )
        record["complaint"] = complaint["id"]
        tx.update(record)
    return record


def refer_inquiry(
    tx: Transaction,
    record_id: str,
    *,
    to_dept: str,
    to_person: str | None = None,
    note: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: rec.Env,
) -> Record:
    """引荐/转交 inside the township: the receiver stays responsible, the dept moves.

    A web question's reply runs from the day the answering office received
    it (权力查究问责制度·首问责任制 5): an open ``web-reply`` clock is ended without being
    counted (kept in the event as ``restarted_clock``) and a new one runs
    from ``on``.
    """
    record = MACHINE.begin(tx, record_id, "refer", on, today)
    referral = {"on": on.isoformat(), "dept": to_dept, "person": to_person, "note": note}
    record["referrals"].append(referral)
    record["responsible"] = {"person": record["receiver"], "dept": to_dept}
    record["status"] = _now_status(record)
    restarted = None
    running = rec.clock(record, WEB_REPLY)
    if running is not None and running["met_on"] is None:
        # Started here, not by the rule book: a referral restarts a running
        # clock (the old one is dropped, not met), which `starts` cannot say;
        # an answered or redirected question gets no new clock.
        record["clocks"].remove(running)
        restarted = running["trigger"]
        rec.start_clock(record, WEB_REPLY, on, env.period(WEB_REPLY))
    text = to_dept + (f" {to_person}" if to_person else "") + (f"：{note}" if note else "")
    return MACHINE.finish(
        tx,
        record,
        "refer",
        on,
        actor,
        env,
        text=text,
        dept=to_dept,
        person=to_person,
        restarted_clock=restarted,
    )


def notify_inquiry(
    tx: Transaction,
    record_id: str,
    *,
    item: Sequence[str] = (),
    service: str | None = None,
    category: str | None = None,
    have: Sequence[str] = (),
    reason: str | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: rec.Env,
) -> Record:
    """一次性告知: record the complete list of what is missing, once.

    机关效能建设制度·一次性告知制 (4): 对符合要求但手续不齐全旳，应一次性告知所缺旳全部
    手续和办事程序、根据. The list is ``item`` as typed, or, with ``service``,
    every material of the service's list (``township.book.services``; for
    the applicant's ``category`` when its materials depend on it) that is
    not among those the person has (``have``), so that none can be
    forgotten; ``item`` then adds what the list does not name (民政部门要求
    提供的其他材料). An inquiry logged for a service with a list is notified
    from that list when neither ``item`` nor ``service`` is given.

    A second notice needs ``reason`` (the supplied materials were still
    incomplete, or the circumstances changed; 权力查究问责制度·一次性告知制 2); the notice
    keeps which of its items are new. A running ``service-commitment``
    clock is stopped: it starts again when the materials are supplied.
    """
    record = MACHINE.begin(tx, record_id, "notify", on, today)
    listed = _from_service(record, item, service, category, have, env)
    wanted = list(dict.fromkeys([*(listed["items"] if listed else []), *item]))
    earlier = record.get("notices", [])
    if earlier and not reason:
        raise StepOutOfOrder(
            Text(
                "{id} 已于 {on} 一次性告知过；再次告知须用 --reason 说明理由"
                "（补交的材料仍不齐全，或情况发生变化需增加新的材料和手续）。",
                "{id} was already given its one-time notice on {on}; a second notice needs "
                "--reason: the supplied materials were still incomplete, or the circumstances "
                "changed.",
            ),
            id=record["id"],
            on=earlier[0]["on"],
        )
    seen = {i for notice in earlier for i in notice["items"]}
    new = [i for i in wanted if i not in seen]
    notice = {
        "number": len(earlier) + 1,
        "on": on.isoformat(),
        "items": wanted,
        "new": new,
        "reason": reason if earlier else None,
        "by": actor,
    }
    if listed:
        notice |= {k: v for k, v in listed.items() if k != "items"}
    record["notices"].append(notice)
    # The materials are not complete: a commitment clock not yet met stops,
    # and starts again from `supplied` (行政许可法 第三十二条).
    stopped = None
    running = rec.clock(record, COMMITMENT)
    if running is not None and running["met_on"] is None:
        record["clocks"].remove(running)
        stopped = running["trigger"]
    record["materials_complete_on"] = None
    return MACHINE.finish(
        tx,
        record,
        "notify",
        on,
        actor,
        env,
        text="、".join(wanted),
        items=wanted,
        new=new if earlier else None,
        reason=notice["reason"],
        stopped_clock=stopped,
        **({"service": listed["service"], "category": listed.get("category")} if listed else {}),
    )


def _from_service(
    record: Record,
    item: Sequence[str],
    service: str | None,
    category: str | None,
    have: Sequence[str],
    env: rec.Env,
) -> dict[str, Any] | None:
    """The notice's list from a service's materials: ``{service, category, have, items}``.

    None when the notice is typed item by item (no ``service``, or a service
    without a list). Refused: neither a list nor items; ``--category`` or
    ``--have`` without a list; a category the service does not have, or none
    where its materials depend on one (naming the choices); a ``--have``
    name the list does not hold (naming it, and the list); nothing missing.
    """
    from township.book.services import known_services, service_of

    config = env.config
    if service is None and not item and record.get("service"):
        service = record["service"]  # an application for a service: its list
    if service is None:
        if not item:
            raise BadInput(
                Text(
                    "尚缺的材料或手续不能为空：请用 --item 逐项列出，或用 --service 按服务事项的"
                    "材料清单告知。",
                    "The missing materials or steps cannot be empty: give each with --item, or "
                    "--service to notify from the service's list of materials.",
                )
            )
        if category is not None or have:
            raise BadInput(
                Text(
                    "--category 和 --have 须与 --service 一起使用（按服务事项的材料清单告知）。",
                    "--category and --have go with --service (a notice from the service's "
                    "list of materials).",
                )
            )
        return None
    found = service_of(service, config) if config is not None else None
    if found is None:
        raise BadInput(
            Text(
                "服务事项「{service}」不在服务目录中；已有的事项：{known}。",
                "The service '{service}' is not in the catalogue; known: {known}.",
            ),
            service=service,
            known="、".join(known_services(config)) if config is not None else "-",
        )
    if not found.materials:
        if category is not None or have or not item:
            raise BadInput(
                Text(
                    "服务事项「{service}」没有材料清单（可在 township.toml 的 [services] 中列出）；"
                    "请用 --item 逐项列出尚缺的材料或手续。",
                    "The service '{service}' has no list of materials (township.toml "
                    "[services] may give one); list each missing item with --item.",
                ),
                service=service,
            )
        return {"service": found.name, "items": []}
    chosen = _category_of(found, category)
    needed = [m.name for m in found.needs(chosen)]
    stray = [h for h in dict.fromkeys(have) if h not in needed]
    if stray:
        raise BadInput(
            Text(
                "以下 --have 不在「{service}」的材料清单中：{stray}。请按清单上的名称填写："
                "{needed}。",
                "These --have names are not in the list of '{service}': {stray}. Use the "
                "names of the list: {needed}.",
            ),
            service=service,
            stray="、".join(f"「{h}」" for h in stray),
            needed="、".join(f"「{n}」" for n in needed),
        )
    missing = [n for n in needed if n not in have]
    if not missing and not item:
        raise BadInput(
            Text(
                "「{service}」清单上的材料都已齐全，没有需要告知补齐的材料。",
                "Every material on the list of '{service}' is there; nothing to notify.",
            ),
            service=service,
        )
    return {
        "service": found.name,
        "category": chosen,
        "have": list(dict.fromkeys(have)),
        "items": missing,
    }


def _category_of(service: Service, category: str | None) -> str | None:
    """The applicant category ``category`` names, checked against ``service``'s."""
    if not service.categories:
        if category is not None:
            raise BadInput(
                Text(
                    "服务事项「{service}」不分申请人类别，不能用 --category。",
                    "The service '{service}' has no categories of applicant; drop --category.",
                ),
                service=service.name,
            )
        return None
    choices = "；".join(f"{n} {c}" for n, c in enumerate(service.categories, 1))
    if category is None:
        raise BadInput(
            Text(
                "服务事项「{service}」所需材料因申请人类别而不同，请用 --category 指明（编号或名称）："
                "{choices}。",
                "The materials of '{service}' depend on the applicant's category; give "
                "--category (number or name): {choices}.",
            ),
            service=service.name,
            choices=choices,
        )
    chosen = service.category_named(category)
    if chosen is None:
        raise BadInput(
            Text(
                "「{category}」不是服务事项「{service}」的申请人类别；可选：{choices}。",
                "'{category}' is not a category of '{service}'; choose: {choices}.",
            ),
            category=category,
            service=service.name,
            choices=choices,
        )
    return chosen


def record_supplied(
    tx: Transaction,
    record_id: str,
    *,
    material: Sequence[str] = (),
    pages: int | None = None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: rec.Env,
) -> Record:
    """The missing materials were handed in on ``on``: the service clock starts."""
    record = MACHINE.begin(tx, record_id, "supplied", on, today)
    if record.get("materials_complete_on") is not None:
        raise StepOutOfOrder(
            Text(
                "{id} 没有待补齐的一次性告知；supplied 用于 notify 之后登记补齐材料的日期。",
                "{id} has no one-time notice waiting for materials; supplied records the day "
                "the materials asked for by notify were handed in.",
            ),
            id=record["id"],
        )
    batch = parse_materials(material, pages)
    if batch is not None:
        record["received"].append({"on": on.isoformat(), **batch})
    record["materials_complete_on"] = on.isoformat()
    record["status"] = _now_status(record)
    text = "、".join(i["name"] for i in batch["items"]) if batch else None
    # The rule book starts service-commitment on `supplied` too; its days are
    # the catalogue's, kept on the record (none: an inquiry for no service).
    days = record.get("service_days") if record.get("service") else None
    periods = {COMMITMENT: int(days)} if days is not None else None
    return MACHINE.finish(tx, record, "supplied", on, actor, env, periods=periods, text=text)


def extend_inquiry(
    tx: Transaction,
    record_id: str,
    *,
    approved_by: str,
    reason: str,
    days: int,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: rec.Env,
) -> Record:
    """A leader-approved extension of ``service-commitment`` by ``days`` working days.

    机关效能建设制度·限时办结制 4: 如遇特殊情况确需延时的，经办人要按照职权要求报领导审批，
    并告知当事人延时办理的理由. The text sets no limit on how often: the rule book's
    extension policy (``RULES["service-commitment"].extension``) says how
    many and how long, and this step follows it. ``reason`` is what the
    applicant was told.
    """
    record = MACHINE.begin(tx, record_id, "extend", on, today)
    running = rec.clock(record, COMMITMENT)
    if running is None or running["met_on"] is not None:
        if record.get("service") and record.get("materials_complete_on") is None:
            raise StepOutOfOrder(
                Text(
                    "{id} 的承诺办结期限尚未起算（材料未补齐）；用 inquiry supplied 登记补齐后才能延期。",
                    "The committed period of {id} has not started (materials incomplete); "
                    "record them with inquiry supplied before extending it.",
                ),
                id=record["id"],
            )
        raise StepOutOfOrder(
            Text(
                "{id} 不是服务目录中的办理事项，没有承诺办结期限可以延长。",
                "{id} is not an application for a catalogue service; it has no committed "
                "period to extend.",
            ),
            id=record["id"],
        )
    _check_extension_policy(record, running, days)
    rec.extend_clock(
        record, COMMITMENT, days, on=on.isoformat(), approved_by=approved_by, reason=reason
    )
    record["extensions"].append(
        {"on": on.isoformat(), "days": days, "approved_by": approved_by, "reason": reason}
    )
    return MACHINE.finish(
        tx,
        record,
        "extend",
        on,
        actor,
        env,
        text=f"+{days}（{approved_by}）：{reason}",
        days=days,
        approved_by=approved_by,
        reason=reason,
    )


def _check_extension_policy(record: Record, running: dict[str, Any], days: int) -> None:
    """Refuse an extension the rule book's policy does not allow (how often, how long)."""
    policy = RULES[COMMITMENT].extension
    if policy.times is not None and len(running["extensions"]) >= policy.times:
        raise StepOutOfOrder(
            Text(
                "{id} 的承诺办结期限已延长 {count} 次，规则手册只允许 {times} 次（{clause}）。",
                "The committed period of {id} was extended {count} time(s); the rule book "
                "allows {times} ({clause}).",
            ),
            id=record["id"],
            count=len(running["extensions"]),
            times=policy.times,
            clause=RULES[COMMITMENT].clause,
        )
    if policy.max_n is not None and days > policy.max_n:
        raise BadInput(
            Text(
                "延长 {days} 个工作日超过规则手册的上限 {max} 个工作日（{clause}）。",
                "An extension of {days} working days exceeds the rule book's {max} ({clause}).",
            ),
            days=days,
            max=policy.max_n,
            clause=RULES[COMMITMENT].clause,
        )


# -- printable documents ------------------------------------------------------


def _notice_of(record: Record, number: int | None) -> dict[str, Any]:
    notices = record.get("notices") or []
    if not notices:
        raise BadInput(
            Text(
                "{id} 还没有一次性告知；先用 inquiry notify {id} --item … 登记告知的内容。",
                "{id} has no one-time notice yet; record one with inquiry notify {id} --item ….",
            ),
            id=record["id"],
        )
    if number is None:
        return notices[-1]
    if not 1 <= number <= len(notices):
        raise BadInput(
            Text(
                "{id} 只有 {count} 份一次性告知；请给出 1 至 {count}。",
                "{id} has {count} one-time notice(s); give a number from 1 to {count}.",
            ),
            id=record["id"],
            count=len(notices),
        )
    return notices[number - 1]


def _pick(lang: str) -> Any:
    """A chooser of the zh or en version of a line."""
    return (lambda zh, en: en) if lang == "en" else (lambda zh, en: zh)


def notice_text(record: Record, config: Config, number: int | None = None) -> Text:
    """The written one-time notice (一次性告知书), 一式两份, for printing.

    Both copies carry the same text: the first is handed to the person
    (第一联 交当事人), the second, with the person's signature, stays with
    the handler (第二联 经办人留存; 权力查究问责制度·一次性告知制 4). ``number`` picks an
    earlier notice (1 = the first); default the latest.
    """
    notice = _notice_of(record, number)
    new = set(notice["new"]) if notice.get("reason") else set()
    texts = {}
    for lang in ("zh", "en"):
        t = _pick(lang)
        name = display_name(record)
        name = name.get(lang) if isinstance(name, Text) else name
        unit = f"（{record['unit']}）" if record.get("unit") else ""
        service = f"（{record['service']}）" if record.get("service") else ""
        dept = f"（{record['dept']}）" if record.get("dept") else ""
        body = [
            config.name,
            t("一次性告知书", "One-time notice (一次性告知书)"),
            "",
            t("编号：", "No.: ") + f"{record['id']}-{notice['number']}",
            t("当事人：", "To: ") + f"{name}{unit}",
            t("事项：", "Matter: ") + f"{record['matter']}{service}",
            "",
            t(
                "您办理的上述事项，尚需补齐以下全部材料和手续：",
                "To complete this matter, you still need every item below:",
            ),
        ]
        for i, item in enumerate(notice["items"], 1):
            body.append(f"  {i}. {item}" + (t("（新增）", " (new)") if item in new else ""))
        if notice.get("reason"):
            body += ["", t("再次告知的理由：", "Why a second notice: ") + notice["reason"]]
        body += [
            "",
            t(
                "请补齐后再来办理，我们将及时予以办理。",
                "Bring them and we will deal with the matter without delay.",
            ),
            t("经办人：", "Handler: ") + f"{notice['by']}{dept}",
            t("告知日期：", "Date: ") + notice["on"],
        ]
        if config.hotline:
            body.append(t("监督投诉电话：", "Complaints hotline: ") + config.hotline)
        first = [t("第一联 交当事人", "Copy 1 of 2: for the person"), *body]
        second = [
            t("第二联 经办人留存", "Copy 2 of 2: kept by the handler"),
            *body,
            "",
            t("当事人签收：____________", "Received by: ____________"),
        ]
        cut = t("沿此线裁开", "cut here").join(["- " * 16, " " + "- " * 16])
        texts[lang] = "\n".join([*first, "", cut.rstrip(), "", *second]) + "\n"
    return Text(texts["zh"], texts["en"])


def commitment_due(record: Record, calendar: WorkCalendar, today: dt.date) -> rec.Deadline | None:
    """The ``service-commitment`` deadline as read on ``today``, if its clock runs."""
    clock = rec.clock(record, "service-commitment")
    return rec.evaluate(clock, calendar, today) if clock is not None else None


def receipt_text(record: Record, config: Config, calendar: WorkCalendar, today: dt.date) -> Text:
    """The 收件回执 (机关效能建设制度·限时办结制 3): materials received, pages, due date, handler."""
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
    due = commitment_due(record, calendar, today)
    resp = record.get("responsible") or {}
    dept = f"（{resp['dept']}）" if resp.get("dept") else ""
    texts = {}
    for lang in ("zh", "en"):
        t = _pick(lang)
        name = display_name(record)
        name = name.get(lang) if isinstance(name, Text) else name
        lines = [
            config.name,
            t("收件回执", "Receipt for materials (收件回执)"),
            "",
            t("编号：", "No.: ") + record["id"],
            t("申请人：", "Applicant: ") + str(name),
            t("办理事项：", "Matter: ") + record["matter"],
        ]
        if record.get("service"):
            days = record.get("service_days")
            lines.append(
                t("服务事项：", "Service: ")
                + record["service"]
                + t(f"（承诺 {days} 个工作日内办结）", f" (committed: {days} working days)")
            )
        lines += ["", t("所收材料：", "Materials received:")]
        count = 0
        total = 0
        for batch in batches:
            for item in batch["items"]:
                count += 1
                pages = item.get("pages")
                size = [t(f"{pages} 页", f"{pages} p.")] if pages is not None else []
                lines.append("  ".join([f"  {count}. {item['name']}", *size, batch["on"]]))
            total += int(batch.get("pages") or 0)
        if count == 0:
            lines.append(t("  （未登记材料）", "  (none recorded)"))
        if total:
            lines.append(t(f"合计页数：{total} 页", f"Total pages: {total}"))
        lines.append("")
        if due is not None:
            mark = t("（暂定）", " (provisional)") if due.provisional else ""
            lines.append(t("材料齐全日期：", "Materials complete on: ") + due.trigger.isoformat())
            lines.append(
                t(
                    f"办结时间：{due.due.isoformat()} 前",
                    f"To be completed by: {due.due.isoformat()}",
                )
                + mark
            )
            for ext in record.get("extensions", []):
                lines.append(
                    t(
                        f"  延期 {ext['days']} 个工作日（{ext['approved_by']} 批准，{ext['on']}）："
                        f"{ext['reason']}",
                        f"  extended by {ext['days']} working days (approved by "
                        f"{ext['approved_by']}, {ext['on']}): {ext['reason']}",
                    )
                )
        elif record.get("service"):
            lines.append(
                t(
                    "办结时间：自材料补齐之日起计算",
                    "To be completed: counted from the day the materials are complete",
                )
            )
        lines.append(t("经办人：", "Handler: ") + f"{record.get('receiver') or ''}{dept}")
        if config.hotline:
            lines.append(t("监督投诉电话：", "Complaints hotline: ") + config.hotline)
        texts[lang] = "\n".join(lines) + "\n"
    return Text(texts["zh"], texts["en"])


# -- the declaration  -----------------------------------------------


def _protected(record: Record) -> bool:
    """An inquiry is protected when it carries a complaint or a report (机关效能建设制度·首问负责制 3(4))."""
    return record.get("type") in COMPLAINT_TYPES or bool(record.get("protected"))


_IN_HAND = tuple(s for s in STATUSES if s not in FINAL)
_IN_HAND = tuple(s for s in STATUSES if s not in FINAL)


def _referrals(record: Record) -> str:
    return "；".join(
        f"{r['on']} {r['dept']}" + (f" {r['person']}" if r.get("person") else "")
        for r in record.get("referrals", [])
    )


def _notices(record: Record) -> str:
    lines = []
    for n in record.get("notices", []):
        line = f"{n['on']} #{n['number']} " + "、".join(n["items"])
        if n.get("reason"):
            line += f"（{n['reason']}；+ {'、'.join(n['new']) or '-'}）"
        lines.append(line)
    return "；".join(lines)


def _received(record: Record) -> str:
    lines = []
    for b in record.get("received", []):
        names = "、".join(i["name"] for i in b["items"])
        lines.append(f"{b['on']} {names}" + (f" ({b['pages']} p.)" if b.get("pages") else ""))
    return "；".join(lines)


def _extensions(record: Record) -> str:
    return "；".join(
        f"{e['on']} +{e['days']}（{e['approved_by']}）：{e['reason']}"
        for e in record.get("extensions", [])
    )


def _service(record: Record) -> Text | None:
    service = record.get("service")
    if not service:
        return None
    days = record.get("service_days")
    return Text(f"{service}（承诺 {days} 个工作日）", f"{service} ({days} working days)")


def _notified(record: Record, values: Mapping[str, Any]) -> Text:
    notice, rid = record["notices"][-1], record["id"]
    count, new = len(notice["items"]), len(notice["new"])
    extra_zh = f"，其中新增 {new} 项" if notice["reason"] else ""
    extra_en = f", {new} of them new" if notice["reason"] else ""
    if notice.get("have") is not None:
        extra_zh += f"（按「{notice['service']}」材料清单，已交 {len(notice['have'])} 项）"
        extra_en += f" (from the list of {notice['service']}, {len(notice['have'])} handed in)"
    return Text(
        f"{rid} 已一次性告知 {count} 项{extra_zh}（打印告知书：township inquiry notice {rid}）",
        f"{rid}: one-time notice of {count} item(s){extra_en} (print it with "
        f"township inquiry notice {rid})",
    )


def _referred(record: Record, values: Mapping[str, Any]) -> Text:
    last, rid, receiver = record["referrals"][-1], record["id"], record["receiver"]
    who = last["dept"] + (f" {last['person']}" if last.get("person") else "")
    return Text(
        f"{rid} 已转交 {who}，首问责任人仍为 {receiver}",
        f"{rid} referred to {who}, {receiver} stays responsible",
    )


# The materials received, on ``log`` and on ``supplied``.
MATERIAL = Input(
    "material",
    Text("收到的材料", "a material received"),
    type="texts",
    metavar="TEXT",
    help=Text(
        "收到的材料（可重复）；写成「名称:页数」可注明页数",
        "a material received (repeatable); 'name:N' gives its number of pages",
    ),
)
PAGES = Input(
    "pages",
    Text("页数", "pages"),
    type="int",
    low=1,
    help=Text(
        "收到的总页数［默认：各材料页数之和］",
        "total pages received [default: the sum of the materials' pages]",
    ),
)

SPEC = KindSpec(
    KIND,
    statuses=STATUSES,
    steps=(
        Step(
            "log",
            Text("首问登记", "logged"),
            (),
            "open",
            run=log_inquiry,
            inputs=(
                Input(
                    "name",
                    ask="--anonymous",
                    help=Text(
                        "来访、来电人的姓名；匿名（--anonymous）时不填",
                        "the person's name; not needed with --anonymous",
                    ),
                ),
                Input(
                    "matter",
                    Text("咨询或办理事项", "what they asked or applied for"),
                    required=True,
                ),
                Input("unit", help=Text("所在单位或村", "the person's unit or village")),
                Input("contact", help=Text("联系方式（电话或地址）", "phone or address")),
                Input(
                    "channel",
                    Text("来访渠道", "how they came"),
                    type="choice",
                    catalogue=CHANNELS,
                    default="visit",
                    ask=True,
                    help=Text(
                        "来访渠道［默认：visit 来访］；网上咨询须在期限内答复（见 township rules --kind inquiry）",
                        "how they came [default: visit]; a web inquiry must be answered in time "
                        "(township rules --kind inquiry)",
                    ),
                ),
                Input(
                    "type",
                    type="choice",
                    catalogue=TYPES,
                    default="consult",
                    ask=True,
                    help=Text(
                        "来意［默认：consult 咨询］；投诉、举报同时登记一件效能投诉",
                        "what they came for [default: consult]; a complaint or report also "
                        "registers a complaint",
                    ),
                ),
                Input(
                    "receiver",
                    help=Text(
                        "首问责任人［默认：当前经办人］",
                        "the 首问责任人 [default: the acting clerk]",
                    ),
                ),
                Input("dept", help=Text("首问责任人所在部门（责任部门）", "the receiver's office")),
                Input(
                    "result",
                    help=Text(
                        "当场办理的结果；登记即办结",
                        "handled on the spot: the result; closes the inquiry",
                    ),
                ),
                Input(
                    "service",
                    help=Text(
                        "--type apply 时：服务目录中的事项（township.toml）",
                        "with --type apply: the catalogue service (township.toml)",
                    ),
                ),
                MATERIAL,
                PAGES,
                Input(
                    "against",
                    Text("被投诉、举报的人或单位", "the person or unit concerned"),
                    metavar="P|U",
                    help=Text(
                        "投诉、举报：被投诉、举报的人或单位",
                        "complaint/report: the person or unit concerned",
                    ),
                ),
                Input(
                    "category",
                    Text("投诉类别", "complaint category"),
                    type="choice",
                    catalogue=COMPLAINT_CATEGORIES,
                    help=Text(
                        "投诉、举报：效能投诉类别［默认：7］；③-⑦为本镇补充",
                        "complaint/report: its category [default: 7]; ③-⑦ are the office's own",
                    ),
                ),
                Input(
                    "anonymous",
                    Text("匿名", "anonymous"),
                    type="flag",
                    help=Text("投诉、举报人匿名", "a complaint or report from an anonymous person"),
                ),
            ),
            help=Text(
                "在首问登记本上登记一次首问，输出新编号。\n\n"
                "网上咨询应在期限内答复；办理服务目录中的事项，应自材料齐全之日起在承诺的"
                "工作日内办结（期限见 township rules --kind inquiry）。",
                "Log a first contact in the 首问登记本 and print the new id.\n\n"
                "A web inquiry must be answered within web-reply; an application for a "
                "catalogue service must be completed within its committed working days from "
                "the day its materials are complete (township rules --kind inquiry shows the "
                "periods in force).",
            ),
            example="township inquiry log --name 张三 --matter 低保政策咨询 --channel phone\n"
            "# 申请办理服务事项，登记收到的材料：\n"
            "township inquiry log --name 李四 --matter 申请低保 --type apply \\\n"
            "    --service 临时救助申请 --material 身份证复印件:2 --dept 民政办\n"
            "# 来访投诉，同时登记一件效能投诉：\n"
            "township inquiry log --name 王五 --matter 窗口推诿 --type complaint --against 赵某",
        ),
        Step(
            "notify",
            Text("一次性告知", "one-time notice"),
            _IN_HAND,
            "notified",
            run=notify_inquiry,
            inputs=(
                Input(
                    "item",
                    Text("尚缺的材料或手续", "a missing material or step"),
                    type="texts",
                    metavar="TEXT",
                    help=Text(
                        "尚缺的材料或手续（可重复）：一次性告知完整清单；与 --service 同用时为清单以外"
                        "另需的项目",
                        "a missing material or step (repeatable): the complete list, given once; "
                        "with --service, what is needed besides the service's list",
                    ),
                ),
                Input(
                    "service",
                    Text("服务事项", "the service"),
                    writes="",
                    help=Text(
                        "按该服务事项的材料清单告知：清单上未用 --have 列出的材料都列为尚缺"
                        "［默认：登记时的服务事项］",
                        "notify from this service's list of materials: every one not given with "
                        "--have is listed as missing [default: the service it was logged for]",
                    ),
                ),
                Input(
                    "category",
                    Text("申请人类别", "the applicant's category"),
                    writes="",
                    metavar="K",
                    help=Text(
                        "申请人类别（编号或名称），所需材料因类别而不同的事项必填",
                        "the applicant's category (number or name), required where the "
                        "materials depend on it",
                    ),
                ),
                Input(
                    "have",
                    Text("已交的材料", "a material handed in"),
                    type="texts",
                    writes="",
                    metavar="NAME",
                    help=Text(
                        "已交的材料（可重复），名称须与清单上的完全一致",
                        "a material handed in (repeatable), named exactly as on the list",
                    ),
                ),
                Input(
                    "reason",
                    Text("再次告知的理由", "the reason for a second notice"),
                    help=Text(
                        "第二次告知的理由：补交的材料仍不齐全，或情况发生变化",
                        "for a second notice: the supplied materials were still incomplete, "
                        "or the circumstances changed",
                    ),
                ),
            ),
            help=Text(
                "记录一次性告知：尚缺的全部材料或手续。\n\n"
                "有材料清单的服务事项（township.toml 的 [services]，以及内置的「就业失业登记证」"
                "「大病救济」），用 --service 和 --have 列出已交的材料，清单上其余的材料全部列为"
                "尚缺，不会遗漏；没有清单的事项用 --item 逐项列出。"
                "第二次告知须写 --reason；记录会标明哪些是新增项。",
                "Record the one-time notice (一次性告知) of everything still missing.\n\n"
                "For a service with a list of materials (township.toml [services], and the "
                "shipped 就业失业登记证 and 大病救济), give --service and what was handed in "
                "with --have: every other material of the list is listed as missing, none "
                "forgotten; for a service without a list, give each item with --item. "
                "A second notice needs --reason; the record keeps which items are new.",
            ),
            example="township inquiry notify INQ-2026-0004 --item 户口簿复印件 --item 收入证明\n"
            "# 按事项的材料清单：只写已交的，其余全部列为尚缺：\n"
            "township inquiry notify INQ-2026-0001 --service 大病救济 --category 1 \\\n"
            "    --have 本人身份证复印件 --have 户口本复印件\n"
            "# 补交后仍不齐全，再次告知（须写理由）：\n"
            "township inquiry notify INQ-2026-0003 --item 银行卡复印件 --reason 补交材料仍不齐全",
            says=_notified,
        ),
        # supplied and refer lead to the status of what is still pending.
        Step(
            "supplied",
            Text("补齐材料", "materials supplied"),
            _IN_HAND,
            None,
            run=record_supplied,
            inputs=(MATERIAL, PAGES),
            help=Text(
                "记录补齐材料的日期。\n\n办理事项的承诺期限自当日起算。",
                "Record the day the missing materials were handed in.\n\n"
                "The committed period of an application starts that day.",
            ),
            example="township inquiry supplied INQ-2026-0003 --material 户口簿复印件:4 "
            "--material 收入证明:1",
            says=Text(
                "{id} 材料已于 {materials_complete_on} 补齐",
                "{id}: materials complete on {materials_complete_on}",
            ),
        ),
        Step(
            "refer",
            Text("引荐转交", "referred"),
            _IN_HAND,
            None,
            run=refer_inquiry,
            inputs=(
                Input(
                    "to_dept",
                    Text("转交到的部门", "the office it is referred to"),
                    required=True,
                    help=Text(
                        "转交到的部门（引荐/转交）", "the office it is referred to (引荐/转交)"
                    ),
                ),
                Input("to_person", Text("该部门的经办人", "the clerk who handles it there")),
                Input("note", Text("交接的内容", "what was handed over")),
            ),
            help=Text(
                "把首问转交本镇其他部门（引荐/转交）。\n\n"
                "办结之前，首问责任人仍然负责；网上咨询的答复期限自转交之日重新起算"
                "（由接收部门答复）。",
                "Refer an inquiry to another office of the township (引荐/转交).\n\n"
                "The receiver (首问责任人) stays responsible until it is closed. A web "
                "question's reply runs again from the referral (the office it is referred "
                "to answers it).",
            ),
            example="township inquiry refer INQ-2026-0001 --to-dept 民政办 --to-person 李娟",
            says=_referred,
        ),
        Step(
            "extend",
            Text("延期办理", "extended"),
            _IN_HAND,
            None,
            run=extend_inquiry,
            inputs=(
                Input(
                    "approved_by",
                    Text("批准延期的领导", "the leader who approved it"),
                    required=True,
                ),
                Input(
                    "reason",
                    Text("告知申请人的延期理由", "the reason told to the applicant"),
                    required=True,
                ),
                Input(
                    "days",
                    Text("延长的工作日数", "working days added"),
                    type="int",
                    required=True,
                    low=1,
                ),
            ),
            help=Text(
                "延长办理事项的承诺期限（限时办结制 4）。\n\n"
                "每次延期都须经领导批准，并告知申请人延期理由；现存文本未限定次数"
                "（延期规则见 township rules --kind inquiry）。",
                "Extend the committed period of an application (机关效能建设制度·限时办结制 4).\n\n"
                "Each extension is approved by a leader and its reason told to the applicant; "
                "the text sets no limit on how often (township rules --kind inquiry shows the "
                "rule).",
            ),
            example="township inquiry extend INQ-2026-0004 --approved-by 刘镇长 \\\n"
            "    --reason 需入户核查家庭收入 --days 5",
            says=Text(
                "{id} 经 {approved_by} 批准延长 {days} 个工作日",
                "{id} extended by {days} working days (approved by {approved_by})",
            ),
        ),
        Step(
            "close",
            Text("办结", "closed"),
            _IN_HAND,
            "closed",
            stamp="closed_on",
            inputs=(Input("result", required=True, note=True),),
            help=Text(
                "写明办理结果，办结一条首问登记；其期限随之完成。",
                "Close an inquiry with its result; this meets its deadlines.",
            ),
            example="township inquiry close INQ-2026-0001 --result 已答复政策",
            says=Text("{id} 已办结（{closed_on}）", "{id} closed on {closed_on}"),
        ),
        Step(
            "redirect",
            Text("告知外单位", "redirected"),
            _IN_HAND,
            "redirected",
            stamp="closed_on",
            inputs=(
                Input(
                    "to_unit",
                    Text("外单位", "the outside unit"),
                    required=True,
                    writes="redirected_to",
                    note=True,
                    help=Text("引导来人前往的外单位", "the outside unit the person was sent to"),
                ),
                Input("note", Text("告知来人的内容", "what the person was told"), writes="result"),
            ),
            help=Text(
                "不属本镇职责：记录引导到的外单位，并办结。",
                "Not our remit: record the outside unit it went to, and close.",
            ),
            example="township inquiry redirect INQ-2026-0002 --to-unit 县不动产登记中心",
            says=Text(
                "{id} 已告知当事人向 {redirected_to} 办理，本次登记办结",
                "{id}: the person was sent to {redirected_to}, the inquiry is closed",
            ),
        ),
    ),
    fields=(
        Field("closed_on", Text("办结日期", "closed on"), type="date"),
        Field(
            "logged",
            Text("登记日期", "logged on"),
            list=True,
            show=lambda r: log_date(r).isoformat(),
        ),
        Field("name", Text("姓名", "name"), "name", amendable=True, list=True, show=display_name),
        Field("unit", Text("单位", "unit"), amendable=True, optional=True, type="text"),
        Field("contact", Text("联系方式", "contact"), "contact", amendable=True, optional=True),
        Field("channel", Text("渠道", "channel"), catalogue=CHANNELS, list=True, type="text"),
        Field("type", Text("类型", "type"), catalogue=TYPES, list=True, type="text"),
        Field("matter", Text("事项", "matter"), amendable=True, list=True, type="text"),
        Field("receiver", Text("首问责任人", "receiver"), list=True, type="text"),
        Field(
            "dept",
            Text("首问部门", "receiving dept"),
            amendable=True,
            optional=True,
            mirror="responsible.dept",
            type="text",
        ),
        Field("service", Text("服务事项", "service"), show=_service, type="text"),
        Field("received", Text("收件材料", "materials received"), show=_received, type="list"),
        Field("notices", Text("一次性告知", "one-time notices"), show=_notices, type="list"),
        Field("materials_complete_on", Text("材料齐全日期", "materials complete"), type="date"),
        Field("extensions", Text("延期", "extensions"), show=_extensions, type="list"),
        Field("referrals", Text("引荐转交", "referred to"), show=_referrals, type="list"),
        Field("redirected_to", Text("告知外单位", "sent to")),
        Field("complaint", Text("关联投诉", "complaint"), type="text"),
        Field(
            "result",
            Text("办理结果", "result"),
            amendable=True,
            set_by=Text("办结（inquiry close）", "closing it (inquiry close)"),
        ),
    ),
    final=FINAL,
    handler_fields=HANDLER_FIELDS,
    protected=_protected,
    start_when={WEB_REPLY: lambda r: r.get("channel") == "web"},
    refuse=_refuse_finished,
    matter=("matter",),
)
MACHINE = Machine(SPEC)


# -- the demo (township init --demo) --------------------------------------------

DEMO_SHARE = 0.50
# The service the demo's applications are for, when the catalogue lists it.
DEMO_SERVICE = "临时救助申请"
DEMO_MATTERS = [
    "咨询最低生活保障申请条件",
    "咨询临时救助办理程序",
    "反映村道路灯损坏",
    "咨询《就业失业登记证》办理",
    "咨询农村建房审批材料",
    "反映邻里宅基地纠纷",
    "咨询医疗救助报销比例",
    "咨询残疾人两项补贴",
]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional inquiry from ``on`` through its steps (``township init --demo``):
    mostly visits and calls, some web questions, some applications for a
    catalogue service given a one-time notice, a few referrals; closed some
    working days later unless that is after today or ``finish`` is False."""
    roll = maker.rng.random()
    channel = (
        "web" if roll < 0.15 else "phone" if roll < 0.4 else "letter" if roll < 0.5 else "visit"
    )
    dept = maker.dept()
    services = sorted(maker.config.services)
    apply = bool(services) and maker.rng.random() < 0.2
    values: dict[str, Any] = {}
    if apply:
        values = {
            "type": "apply",
            "service": maker.rng.choice(services),
            "material": ["申请书", "户口簿复印件", "收入证明"],
            "pages": maker.rng.randint(3, 12),
        }
    values |= {"name": maker.person(), "matter": maker.rng.choice(DEMO_MATTERS)}
    values |= {"contact": maker.phone(), "channel": channel, "dept": dept}
    at: dict[str, Any] = {"actor": maker.clerk(), "env": maker.env}
    record = MACHINE.take(maker.tx, "log", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    rid, at["actor"] = record["id"], record["receiver"]
    if not finish:
        return

    def step(name: str, day: dt.date, **given: Any) -> None:
        MACHINE.take(maker.tx, name, rid, given, on=day, today=day, **at)

    if apply and maker.rng.random() < 0.3:
        notified = maker.later(on, 0, 1)
        if not maker.done(notified):
            return
        step("notify", notified, item=["户口簿复印件", "收入证明"])
        supplied = maker.later(notified, 1, 6)
        if not maker.done(supplied):
            return
        step("supplied", supplied, material=["户口簿复印件", "收入证明"])
        on = supplied
    if maker.rng.random() < 0.1:
        referred = maker.later(on, 0, 1)
        if not maker.done(referred):
            return
        step("refer", referred, to_dept=maker.dept())
        on = referred
    closed = maker.later(on, 0, 8 if channel == "web" else 12)
    if maker.done(closed):
        step("close", closed, result="已答复并办结")


def demo_showcase(maker: Any) -> None:
    """Two open web questions for the daily report: one due today, one due soon."""
    reply = maker.env.period(WEB_REPLY)
    for ahead in (0, 1):
        on = maker.working_days_before(reply - ahead)
        values = {"name": maker.person(), "matter": "网上咨询：" + maker.rng.choice(DEMO_MATTERS)}
        values |= {"contact": maker.phone(), "channel": "web", "dept": maker.dept()}
        at: dict[str, Any] = {"actor": maker.clerk(), "env": maker.env}
        MACHINE.take(maker.tx, "log", None, values, on=on, today=on, **at)
        maker.count(KIND, on)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first (the year's first ids).

    INQ-YYYY-0001 a phone consultation, open; -0002 a visit about a matter of
    another unit, open; -0003 an application for a catalogue service given its
    one-time notice and awaiting the materials; -0004 an application with its
    materials complete, its committed period running. Dates are working days
    before ``maker.today``; nothing is random.
    """
    catalogue = sorted(maker.config.services)
    service = DEMO_SERVICE if DEMO_SERVICE in catalogue else (catalogue or [None])[0]
    apply = {"type": "apply", "service": service}
    stories: list[tuple[str, str, str, str, int, dict[str, Any]]] = [
        ("钱某甲", "咨询最低生活保障申请条件", "phone", "党政办", 1, {}),
        ("孙某乙", "咨询房屋不动产登记办理", "visit", "党政办", 0, {}),
        ("周某丙", "申请临时救助", "visit", "民政办", 3, {**apply, "material": ["申请书:1"]}),
        (
            "吴某丁",
            "申请临时救助",
            "visit",
            "民政办",
            2,
            {**apply, "material": ["申请书:1", "户口簿复印件:4", "收入证明:1"]},
        ),
    ]
    at: dict[str, Any] = {"actor": "王某", "env": maker.env}
    for n, (name, matter, channel, dept, ago, extra) in enumerate(stories, start=1):
        on = maker.working_days_before(ago)
        values = {"name": name, "matter": matter, "contact": f"1380000{n:04d}"}
        values |= {"channel": channel, "dept": dept, **extra}
        record = MACHINE.take(maker.tx, "log", None, values, on=on, today=on, **at)
        maker.count(KIND, on)
        if n == 3:
            items = {"item": ["户口簿复印件", "收入证明"]}
            MACHINE.take(maker.tx, "notify", record["id"], items, on=on, today=on, **at)
