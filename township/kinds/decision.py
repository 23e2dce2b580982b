"""Decision publicity — 决策公开制度 (prefix DEC, kind ``decision``).

决策公开制度: 发展规划、建设项目招标、重大行政处罚 are published before they are
decided. 七: 对外公开时间不少于5个工作日 (``decision-comment-period``: the
public's window, shown and never overdue; its last day is the N-th working
day after the publication day). 八: 凡应该公开而没有公开……不得提交党委讨论实施:
a decision goes to the Party committee (``submit``) only once it was
published, every working day of the period has passed (the submit date is
after the period's last day) and the responsible office summarised the
opinions received (it may say none were). The refusal names what is missing
and the first day allowed, with the period in force.

Steps and the statuses they lead to::

    propose   -> proposed
    publish   -> published   (starts decision-comment-period)
    opinions  -> summarised  (repeatable: a later summary replaces the earlier)
    submit    -> submitted   (refused unless published, period passed, summarised)
    decide    -> decided     (the 党委's decision; closed)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.machine import Env, Machine, Record, clock, due_of, new_record, require_text
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.kinds.disclosure import check_channel

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "decision"
RULE = "decision-comment-period"

STATUSES: dict[str, Text] = {
    "proposed": Text("拟决策", "proposed"),
    "published": Text("公示中", "published"),
    "summarised": Text("已汇总意见", "opinions summarised"),
    "submitted": Text("已提交党委", "submitted"),
    "decided": Text("已决定", "decided"),
}
TYPES: dict[str, Text] = {
    "plan": Text("发展规划", "development plan"),
    "tender": Text("建设项目招标", "construction tender"),
    "penalty": Text("重大行政处罚", "major administrative penalty"),
    "other": Text("其他重大事项", "other major matter"),
}
CHANNELS: dict[str, Text] = {
    "bulletin": Text("简报", "bulletin"),
    "broadcast": Text("广播", "broadcast"),
    "board": Text("公开栏", "notice board"),
    "web": Text("政府网站", "website"),
}

SPEC = KindSpec(
    KIND,
    statuses=STATUSES,
    steps=(
        Step("propose", Text("提出决策事项", "proposed"), (), "proposed"),
        Step("publish", Text("对外公示", "published"), ("proposed",), "published"),
        Step(
            "opinions",
            Text("汇总公众意见", "opinions summarised"),
            ("published", "summarised"),
            "summarised",
        ),
        Step(
            "submit",
            Text("提交党委讨论", "submitted to the Party committee"),
            ("published", "summarised"),
            "submitted",
        ),
        Step("decide", Text("党委决定", "decided"), ("submitted",), "decided"),
    ),
    fields=(
        Field("title", Text("决策事项", "title"), amendable=True, list=True),
        Field("type", Text("类别", "type"), catalogue=TYPES, list=True),
        Field("proposed", Text("提出日期", "proposed")),
        Field("channel", Text("公示方式", "channel"), catalogue=CHANNELS),
        Field("published", Text("公示日期", "published"), list=True),
        Field(
            "opinions",
            Text("意见汇总", "opinions"),
            amendable=True,
            set_by=Text("汇总意见（decision opinions）", "summarising them (decision opinions)"),
        ),
        Field("submitted", Text("提交党委日期", "submitted")),
        Field(
            "result",
            Text("党委决定", "result"),
            amendable=True,
            set_by=Text("决定（decision decide）", "deciding it (decision decide)"),
        ),
    ),
    final=("decided",),
    summary=("title", "dept", "responsible.dept"),
)
MACHINE = Machine(SPEC)


def propose_decision(
    tx: Transaction,
    *,
    title: str,
    type: str,
    dept: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Register a major decision proposed by ``dept``."""
    title = require_text(title, Text("决策事项（--title）", "The title (--title)"))
    dept = require_text(dept, Text("承办部门（--dept）", "The department (--dept)"))
    if type not in TYPES:
        raise BadInput(
            Text("类别「{value}」无效；可选：{valid}。", "Invalid type '{value}'; valid: {valid}."),
            value=type,
            valid=", ".join(TYPES),
        )

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status="proposed",
            person=actor,
            dept=dept,
            title=title,
            type=type,
            proposed=on.isoformat(),
            channel=None,
            published=None,
            opinions=None,
            submitted=None,
            result=None,
        )

    return MACHINE.create(tx, "propose", build, on=on, today=today, actor=actor, env=env)


def publish_decision(
    tx: Transaction,
    record_id: str,
    *,
    channel: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Publish the decision for comment; starts ``decision-comment-period``."""
    record = MACHINE.begin(tx, record_id, "publish", on, today)
    record["channel"] = check_channel(channel, CHANNELS)
    record["published"] = on.isoformat()
    return MACHINE.finish(tx, record, "publish", on, actor, env, channel=channel)


def summarise_opinions(
    tx: Transaction,
    record_id: str,
    *,
    summary: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the summary of the opinions received (it may say none were)."""
    return MACHINE.note_step(
        tx,
        record_id,
        "opinions",
        field="opinions",
        text=summary,
        what=Text("意见汇总（--summary）", "The summary (--summary)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


def period_end(record: Record, env: Env) -> tuple[int, dt.date, bool] | None:
    """The comment period's length, last day and provisional flag; None if unpublished."""
    c = clock(record, RULE)
    if c is None:
        return None
    due = due_of(c, env.calendar)
    return int(c["n"]), due.date, due.provisional


def first_submission(record: Record, env: Env) -> dt.date | None:
    """The first day the decision may go to the Party committee (the day after the period)."""
    found = period_end(record, env)
    return None if found is None else found[1] + dt.timedelta(days=1)


def submission_refusal(record: Record, on: dt.date, env: Env) -> BadInput | None:
    """Why a submission dated ``on`` is refused (八), or None when it is allowed."""
    zh: list[str] = []
    en: list[str] = []
    found = period_end(record, env)
    if found is None:
        n = env.period(RULE)
        earliest = env.calendar.add(on, n, "workday").date + dt.timedelta(days=1)
        zh.append(
            f"尚未对外公示（decision publish），须公示不少于 {n} 个工作日；"
            f"若于 {on.isoformat()} 公示，最早 {earliest.isoformat()} 可以提交"
        )
        en.append(
            f"it was not published (decision publish); it must be public for at least {n} "
            f"working days; published on {on.isoformat()}, it could be submitted on "
            f"{earliest.isoformat()} at the earliest"
        )
    else:
        n, last, provisional = found
        first = last + dt.timedelta(days=1)
        star = "（暂定）" if provisional else ""
        star_en = " (provisional)" if provisional else ""
        if on <= last:
            zh.append(
                f"公示期（{n} 个工作日，{record['published']} 公示）至 {last.isoformat()}{star} "
                f"届满，最早 {first.isoformat()} 可以提交"
            )
            en.append(
                f"the comment period ({n} working days from {record['published']}) runs until "
                f"{last.isoformat()}{star_en}; the first day allowed is {first.isoformat()}"
            )
        if not record.get("opinions"):
            zh.append("尚未汇总公众意见（decision opinions）")
            en.append("the opinions received were not summarised (decision opinions)")
            if on > last:
                zh[-1] += f"；公示期已于 {last.isoformat()} 届满，汇总后即可提交"
                en[-1] += f"; the period ended on {last.isoformat()}, so it may go once summarised"
    if not zh:
        return None
    return BadInput(
        Text(
            "{id} 不能提交党委讨论：{why}（决策公开制度 八）。",
            "{id} cannot go to the Party committee: {why} (决策公开制度 八).",
        ),
        id=record["id"],
        why=Text("；".join(zh), "; ".join(en)),
    )


def submit_decision(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Submit to the Party committee (提交党委讨论), refused per 八 (``submission_refusal``)."""
    record = tx.get(record_id, KIND)
    if record.get("status") in ("proposed", "published", "summarised"):
        refusal = submission_refusal(record, on, env)
        if refusal is not None:
            raise refusal
    record = MACHINE.begin(tx, record_id, "submit", on, today)
    record["submitted"] = on.isoformat()
    return MACHINE.finish(tx, record, "submit", on, actor, env)


def decide_decision(
    tx: Transaction,
    record_id: str,
    *,
    result: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the Party committee's decision; closes the record."""
    return MACHINE.note_step(
        tx,
        record_id,
        "decide",
        field="result",
        text=result,
        what=Text("党委决定（--result）", "The result (--result)"),
        on=on,
        today=today,
        actor=actor,
        env=env,
    )


# -- demo (township init --demo) ---------------------------------------------------

DEMO_SHARE = 0.02
DEMO_TITLES = [
    ("plan", "镇区控制性详细规划修编"),
    ("tender", "镇中心小学运动场改造工程招标"),
    ("penalty", "对某养殖场违法排污的行政处罚"),
    ("other", "农贸市场搬迁方案"),
]


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One decision through its steps: published, summarised, submitted after the period."""
    kind, title = maker.rng.choice(DEMO_TITLES)
    actor = maker.clerk()
    record = propose_decision(
        maker.tx,
        title=title,
        type=kind,
        dept=maker.rng.choice(["党政办", "村镇建设办", "财政所", "综治办"]),
        on=on,
        today=on,
        actor=actor,
        env=maker.env,
    )
    maker.count(KIND, on)
    rid = record["id"]
    published = maker.later(on, 1, 3)
    if not finish or not maker.done(published):
        return
    record = publish_decision(
        maker.tx, rid, channel="board", on=published, today=published, actor=actor, env=maker.env
    )
    first = first_submission(record, maker.env)
    assert first is not None  # published: the period has started
    summarised = maker.later(first, 0, 2)
    if not maker.done(summarised):
        return
    summarise_opinions(
        maker.tx,
        rid,
        summary=maker.rng.choice(["公示期间未收到意见", "收到意见 2 条，已采纳 1 条"]),
        on=summarised,
        today=summarised,
        actor=actor,
        env=maker.env,
    )
    submitted = maker.later(summarised, 1, 5)
    if not maker.done(submitted):
        return
    submit_decision(maker.tx, rid, on=submitted, today=submitted, actor=actor, env=maker.env)
    decided = maker.later(submitted, 0, 5)
    if maker.done(decided):
        decide_decision(
            maker.tx,
            rid,
            result="党委会议研究同意",
            on=decided,
            today=decided,
            actor=actor,
            env=maker.env,
        )


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first: DEC-YYYY-0001 proposed;
    -0002 published, its comment period over and its opinions summarised (ready
    to submit today); -0003 submitted to the Party committee."""
    from township.book.rules import period

    days = period("decision-comment-period", maker.config.rules)
    stories = [
        ("农贸市场搬迁方案", "other", "党政办", [1]),
        ("镇区控制性详细规划修编", "plan", "村镇建设办", [days + 5, days + 3, 2]),
        ("镇污水处理站建设项目招标", "tender", "村镇建设办", [days + 12, days + 10, 8, 5]),
    ]
    for title, type_, dept, steps in stories:
        on = maker.working_days_before(steps[0])
        record = propose_decision(
            maker.tx,
            title=title,
            type=type_,
            dept=dept,
            on=on,
            today=on,
            actor="何某",
            env=maker.env,
        )
        maker.count(KIND, on)
        rid = record["id"]
        for n, ago in enumerate(steps[1:]):
            day = maker.working_days_before(ago)
            kwargs: dict[str, Any] = dict(on=day, today=day, actor="何某", env=maker.env)
            if n == 0:
                publish_decision(maker.tx, rid, channel="board", **kwargs)
            elif n == 1:
                summarise_opinions(maker.tx, rid, summary="公示期间未收到意见", **kwargs)
            else:
                submit_decision(maker.tx, rid, **kwargs)
