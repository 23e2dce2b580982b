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

Every step is declared in ``SPEC``; only ``submit`` has logic of its own
(``submit_decision``), the others only record their inputs
(``Machine.take``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import Env, Machine, Record, clock, due_of

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


SPEC = KindSpec(
    KIND,
    statuses=STATUSES,
    steps=(
        Step(
            "propose",
            Text("提出决策事项", "proposed"),
            (),
            "proposed",
            stamp="proposed",
            inputs=(
                Input("title", required=True, help=Text("拟决策的事项", "what is to be decided")),
                Input(
                    "type",
                    type="choice",
                    catalogue=TYPES,
                    required=True,
                    help=Text("决策类别", "the kind of decision"),
                ),
                Input(
                    "dept",
                    Text("负责部门", "the department responsible"),
                    required=True,
                    writes="responsible.dept",
                ),
            ),
            help=Text(
                "登记一项须在决定前公示的重大决策。输出新编号。",
                "Register a major decision to be published before it is decided. Prints the "
                "new id.",
            ),
            example='township decision propose --title "农贸市场搬迁方案" --type other --dept 党政办',
        ),
        Step(
            "publish",
            Text("对外公示", "published"),
            ("proposed",),
            "published",
            stamp="published",
            inputs=(
                Input(
                    "channel",
                    type="choice",
                    catalogue=CHANNELS,
                    required=True,
                    help=Text("公示的渠道", "where it was published"),
                ),
            ),
            help=Text(
                "公示决策、征求意见，公示期自此开始。期限见 township rules --kind decision。",
                "Publish the decision for comment: its comment period starts. township rules "
                "--kind decision shows the period in force.",
            ),
            example="township decision publish DEC-2026-0001 --channel board",
            says=Text("{id} 已公示", "{id} published"),
        ),
        Step(
            "opinions",
            Text("汇总公众意见", "opinions summarised"),
            ("published", "summarised"),
            "summarised",
            inputs=(
                Input(
                    "summary",
                    required=True,
                    writes="opinions",
                    note=True,
                    help=Text(
                        "收到的意见汇总（或无意见）", "the opinions received, summarised (or none)"
                    ),
                ),
            ),
            help=Text(
                "记录收到的公众意见的汇总；再次汇总的，以后一次为准。",
                "Record the summary of the opinions received; a later summary replaces it.",
            ),
            example='township decision opinions DEC-2026-0002 --summary "公示期间未收到意见"',
            says=Text("{id} 已汇总意见", "{id}: opinions summarised"),
        ),
        Step(
            "submit",
            Text("提交党委讨论", "submitted to the Party committee"),
            ("published", "summarised"),
            "submitted",
            run=submit_decision,
            help=Text(
                "提交党委讨论：公示期未满的，拒绝。\n\n"
                "除非决策已公示、公示期的工作日都已过去（提交日期在公示期最后一日之后）、并已"
                "汇总公众意见，否则拒绝（退出码 2）；拒绝时说明缺少什么，以及最早可以提交的日期。",
                "Submit to the Party committee (提交党委讨论): refused before the period has "
                "passed.\n\nRefused (exit 2) unless the decision was published, the working "
                "days of its comment period have all passed (the submit date is after the "
                "period's last day) and the opinions were summarised; the refusal names what is "
                "missing and the first day allowed.",
            ),
            example="township decision submit DEC-2026-0002",
            says=Text("{id} 已提交党委讨论", "{id} submitted"),
        ),
        Step(
            "decide",
            Text("党委决定", "decided"),
            ("submitted",),
            "decided",
            inputs=(
                Input(
                    "result",
                    required=True,
                    note=True,
                    help=Text("党委的决定", "the Party committee's decision"),
                ),
            ),
            help=Text("记录党委的决定。", "Record the Party committee's decision (党委决定)."),
            example='township decision decide DEC-2026-0003 --result "党委会议研究同意"',
            says=Text("{id} 已决定", "{id} decided"),
        ),
    ),
    fields=(
        Field("title", Text("决策事项", "title"), amendable=True, list=True),
        Field("type", Text("类别", "type"), catalogue=TYPES, list=True, type="text"),
        Field("proposed", Text("提出日期", "proposed"), type="date"),
        Field("channel", Text("公示方式", "channel"), catalogue=CHANNELS, type="text"),
        Field("published", Text("公示日期", "published"), list=True, type="date"),
        Field(
            "opinions",
            Text("意见汇总", "opinions"),
            amendable=True,
            set_by=Text("汇总意见（decision opinions）", "summarising them (decision opinions)"),
        ),
        Field("submitted", Text("提交党委日期", "submitted"), type="date"),
        Field(
            "result",
            Text("党委决定", "result"),
            amendable=True,
            set_by=Text("决定（decision decide）", "deciding it (decision decide)"),
        ),
    ),
    final=("decided",),
    summary=("title", "dept", "responsible.dept"),
    matter=("title",),
)
MACHINE = Machine(SPEC)


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
    at: dict[str, Any] = {"actor": maker.clerk(), "env": maker.env}
    dept = maker.rng.choice(["党政办", "村镇建设办", "财政所", "综治办"])
    values = {"title": title, "type": kind, "dept": dept}
    rid = MACHINE.take(maker.tx, "propose", None, values, on=on, today=on, **at)["id"]
    maker.count(KIND, on)
    published = maker.later(on, 1, 3)
    if not finish or not maker.done(published):
        return
    record = MACHINE.take(
        maker.tx, "publish", rid, {"channel": "board"}, on=published, today=published, **at
    )
    first = first_submission(record, maker.env)
    assert first is not None  # published: the period has started
    summarised = maker.later(first, 0, 2)
    if not maker.done(summarised):
        return
    summary = maker.rng.choice(["公示期间未收到意见", "收到意见 2 条，已采纳 1 条"])
    MACHINE.take(
        maker.tx, "opinions", rid, {"summary": summary}, on=summarised, today=summarised, **at
    )
    submitted = maker.later(summarised, 1, 5)
    if not maker.done(submitted):
        return
    MACHINE.take(maker.tx, "submit", rid, {}, on=submitted, today=submitted, **at)
    decided = maker.later(submitted, 0, 5)
    if maker.done(decided):
        values = {"result": "党委会议研究同意"}
        MACHINE.take(maker.tx, "decide", rid, values, on=decided, today=decided, **at)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first: DEC-YYYY-0001 proposed;
    -0002 published, its comment period over and its opinions summarised (ready
    to submit today); -0003 submitted to the Party committee."""
    from township.book.rules import period

    days = period(RULE, maker.config.rules)
    stories = [
        ("农贸市场搬迁方案", "other", "党政办", [1]),
        ("镇区控制性详细规划修编", "plan", "村镇建设办", [days + 5, days + 3, 2]),
        ("镇污水处理站建设项目招标", "tender", "村镇建设办", [days + 12, days + 10, 8, 5]),
    ]
    later = [
        ("publish", {"channel": "board"}),
        ("opinions", {"summary": "公示期间未收到意见"}),
        ("submit", {}),
    ]
    at: dict[str, Any] = {"actor": "何某", "env": maker.env}
    for title, type_, dept, agos in stories:
        on = maker.working_days_before(agos[0])
        values = {"title": title, "type": type_, "dept": dept}
        rid = MACHINE.take(maker.tx, "propose", None, values, on=on, today=on, **at)["id"]
        maker.count(KIND, on)
        for (step, values), ago in zip(later, agos[1:], strict=False):
            day = maker.working_days_before(ago)
            MACHINE.take(maker.tx, step, rid, values, on=day, today=day, **at)
