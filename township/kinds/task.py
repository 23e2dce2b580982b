"""Assigned matters and requests — 限时办结制 2, 督办制度 (七) (prefix TSK).

权力查究问责制度·限时办结制 2: 及时部署和落实上级各项重大决策。不需要制定具体
措施的，应当在15个工作日内完成；需要充分调研，制定具体措施的，应当在15个工作日内
制定工作计划，并向上级发文机关报告。对请示性事项要及时研究处理，作出明确答复，时间
不得超过15个工作日。回复时限以收件日作为计算工作日的起始时间.

综治维稳有关工作制度·督办制度 (七): 对于上级部门或领导交办的事项…及时上报进展情况。
一般情况下应当对办理进度进行一月一报，必要时可一周一报.

A task is a document the office received (收件日 = ``received``): a decision
to carry out (``execute``), a decision that first needs a work plan
(``plan``), or a request for instructions from a village or a lower body
(``request``, 请示). The numbers live in the rule book (``township.book.rules``):

    receive --type execute -> received        starts task-completion
    receive --type plan    -> awaiting-plan   starts task-plan
    receive --type request -> awaiting-reply  starts request-reply
    report  (plan)         -> planned         meets task-plan
    complete (execute, or plan after report)  -> completed (meets task-completion)
    reply   (request)      -> replied         meets request-reply
    progress (while open)                     meets the progress report due, starts the next
    assign  (while open)                      moves the responsibility

``--progress monthly`` starts ``task-progress`` (1 month, 民法典 第二百零二条:
the same day number a month on, or that month's last day; a rest day rolls
to the next working day); ``--progress weekly`` starts
``task-progress-weekly`` (7 days, rolled likewise). Each ``progress`` meets
the one due and starts the next from its own date; ``complete`` and
``reply`` meet the one due (the final result is the last report), so a
closed task owes no more reports.

Decisions where the regulations are silent (also in the README):

- A plan task is completed only after its plan is reported (``report``
  first); completing it has no statutory deadline of its own.
- ``progress`` is accepted on any open task; it starts the next report's
  clock only when the task was received with ``--progress``.
- The weekly schedule is its own rule (``task-progress-weekly``), so that
  ``township rules`` and ``township.toml`` ``[rules]`` treat it like any period.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.machine import (
    Env,
    Machine,
    Record,
    clock,
    new_record,
    require_text,
)
from township.book.registry import Field, KindSpec, Step
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text

if TYPE_CHECKING:
    from township.storage.store import Transaction

KIND = "task"
COMPLETION = "task-completion"
PLAN = "task-plan"
REPLY = "request-reply"
PROGRESS = {"monthly": "task-progress", "weekly": "task-progress-weekly"}

TYPES: dict[str, Text] = {
    "execute": Text("落实上级决定", "carry out a decision"),
    "plan": Text("制定工作方案", "draw up a work plan"),
    "request": Text("请示", "request for instructions"),
}
PROGRESS_LABELS: dict[str, Text] = {
    "monthly": Text("一月一报", "monthly"),
    "weekly": Text("一周一报", "weekly"),
}
STATUS_LABELS: dict[str, Text] = {
    "received": Text("待落实", "to carry out"),
    "awaiting-plan": Text("待报送方案", "plan due"),
    "planned": Text("方案已报送", "plan reported"),
    "awaiting-reply": Text("待答复", "reply due"),
    "completed": Text("已办结", "completed"),
    "replied": Text("已答复", "replied"),
}
# The status a task starts in, by type.
FIRST_STATUS = {"execute": "received", "plan": "awaiting-plan", "request": "awaiting-reply"}
OPEN = ("received", "awaiting-plan", "planned", "awaiting-reply")
FINAL = ("completed", "replied")


def _choice(value: str | None, catalogue: dict[str, Text], option: str) -> str:
    """The key of ``value`` (a key, or its zh or en label); ``BadInput`` listing the valid ones."""
    text = (value or "").strip()
    for key, label in catalogue.items():
        if text in (key, label.zh, label.en):
            return key
    raise BadInput(
        Text(
            "{option} 的值「{value}」无效；可选：{valid}。",
            "Invalid {option} '{value}'; valid values: {valid}.",
        ),
        option=option,
        value=value or "",
        valid=", ".join(f"{k}（{v.zh}）" for k, v in catalogue.items()),
    )


def task_type(value: str | None) -> str:
    """``execute``, ``plan`` or ``request`` from a key or label."""
    return _choice(value, TYPES, "--type")


def progress_schedule(value: str | None) -> str | None:
    """``monthly`` or ``weekly`` from a key or label; None for no schedule."""
    if value is None:
        return None
    return _choice(value, PROGRESS_LABELS, "--progress")


def progress_rule(record: Record) -> str | None:
    """The rule of the task's progress reports, if it has a schedule."""
    return PROGRESS.get(record.get("progress") or "")


def _refuse(record: Record, step: str) -> None:
    """Refuse the steps that do not fit the task's type, naming the step that does."""
    kind = record.get("type")
    wrong: Text | None = None
    if step == "reply" and kind != "request":
        wrong = Text(
            "{id} 不是请示事项（类型：{type}），不能用 task reply 答复",
            "{id} is not a request (type: {type}); only a request is answered with task reply",
        )
    elif step == "report" and kind != "plan":
        wrong = Text(
            "{id} 不需要报送工作方案（类型：{type}）",
            "{id} needs no work plan (type: {type})",
        )
    elif step == "complete" and kind == "request":
        wrong = Text(
            "{id} 是请示事项，以答复（task reply）办结，不用 task complete",
            "{id} is a request: it is closed by its answer (task reply), not task complete",
        )
    if wrong is None:
        return
    allowed = MACHINE.next_steps(record)
    raise StepOutOfOrder(
        Text(wrong.zh + "；可以进行的下一步：{next}。", wrong.en + ". Next allowed step: {next}."),
        id=record["id"],
        type=TYPES.get(kind or "", Text(str(kind), str(kind))),
        next=allowed or Text("无（已结束）", "none (it is closed)"),
    )


def _is(kind: str) -> Any:
    return lambda record: record.get("type") == kind


def _schedule(name: str) -> Any:
    return lambda record: record.get("progress") == name


def _hint(zh: str, en: str, step: str) -> Text:
    return Text(f"{zh}（task {step}）", f"{en} (task {step})")


SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step("receive", Text("收件登记", "received"), (), None),
        Step(
            "report",
            Text("报送工作方案", "work plan reported"),
            ("awaiting-plan",),
            "planned",
            hint=_hint("报送工作方案", "report the plan", "report"),
        ),
        Step(
            "complete",
            Text("办结", "completed"),
            ("received", "planned"),
            "completed",
            hint=_hint("办结", "complete it", "complete"),
        ),
        Step(
            "reply",
            Text("答复请示", "request answered"),
            ("awaiting-reply",),
            "replied",
            hint=_hint("答复请示", "answer the request", "reply"),
        ),
        Step(
            "progress",
            Text("报告进度", "progress reported"),
            OPEN,
            None,
            hint=_hint("报告进度", "report progress", "progress"),
        ),
        Step(
            "assign",
            Text("移交承办", "reassigned"),
            OPEN,
            None,
            hint=_hint("移交承办", "reassign it", "assign"),
        ),
    ),
    fields=(
        Field("received", Text("收件日", "received"), list=True),
        Field("type", Text("类型", "type"), catalogue=TYPES, list=True),
        Field("title", Text("事项", "title"), amendable=True, list=True),
        Field("issuer", Text("来文单位", "from"), amendable=True, list=True),
        Field("doc_no", Text("文号", "document no."), amendable=True, optional=True),
        Field("progress", Text("进度报告", "progress reports"), catalogue=PROGRESS_LABELS),
        Field(
            "plan",
            Text("工作方案", "work plan"),
            amendable=True,
            set_by=Text("报送方案（task report）", "reporting the plan (task report)"),
        ),
        Field(
            "reply",
            Text("答复内容", "answer"),
            amendable=True,
            set_by=Text("答复请示（task reply）", "answering the request (task reply)"),
        ),
        Field(
            "result",
            Text("办理结果", "result"),
            amendable=True,
            set_by=Text("办结（task complete）", "completing it (task complete)"),
        ),
    ),
    final=FINAL,
    start_when={
        COMPLETION: _is("execute"),
        PLAN: _is("plan"),
        REPLY: _is("request"),
        PROGRESS["monthly"]: _schedule("monthly"),
        PROGRESS["weekly"]: _schedule("weekly"),
    },
    refuse=_refuse,
    summary=("title", "issuer", "doc_no", "dept"),
)
MACHINE = Machine(SPEC)
ACTION_LABELS: dict[str, Text] = {s.name: s.label for s in SPEC.steps}


def _finish(
    tx: Transaction, record: Record, step: str, on: dt.date, actor: str, env: Env, **details: Any
) -> Record:
    """``MACHINE.finish`` (which also settles the supervision notices on the task)."""
    return MACHINE.finish(tx, record, step, on, actor, env, **details)


def receive_task(
    tx: Transaction,
    *,
    title: str,
    issuer: str,
    type_: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    doc_no: str | None = None,
    dept: str | None = None,
    person: str | None = None,
    progress: str | None = None,
) -> Record:
    """Register a document received on ``on`` (收件日); start its 15-working-day clock.

    ``type_`` (execute, plan, request) chooses the clock; ``progress``
    (monthly, weekly) also starts the progress reports. ``person`` (default:
    the receiving clerk) and ``dept`` are responsible.
    """
    title = require_text(title, Text("事项（--title）", "The title (--title)"))
    issuer = require_text(issuer, Text("来文单位（--from）", "The issuer (--from)"))
    kind = task_type(type_)
    schedule = progress_schedule(progress)

    def build(record_id: str) -> Record:
        return new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status=FIRST_STATUS[kind],
            person=(person or "").strip() or actor,
            dept=(dept or "").strip() or None,
            title=title,
            issuer=issuer,
            type=kind,
            doc_no=(doc_no or "").strip() or None,
            progress=schedule,
            received=on.isoformat(),
            plan=None,
            reply=None,
            result=None,
        )

    return MACHINE.create(tx, "receive", build, on=on, today=today, actor=actor, env=env)


def report_plan(
    tx: Transaction,
    record_id: str,
    *,
    plan: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record the work plan reported to the issuing office on ``on``; meets ``task-plan``."""
    record = MACHINE.begin(tx, record_id, "report", on, today)
    plan = require_text(plan, Text("工作方案（--plan）", "The plan (--plan)"))
    record["plan"] = plan
    return _finish(tx, record, "report", on, actor, env, note=plan)


def complete_task(
    tx: Transaction,
    record_id: str,
    *,
    result: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Complete (办结) the task with its result; meets ``task-completion`` and the report due."""
    record = MACHINE.begin(tx, record_id, "complete", on, today)
    result = require_text(result, Text("办理结果（--result）", "The result (--result)"))
    record["result"] = result
    return _finish(tx, record, "complete", on, actor, env, note=result)


def reply_request(
    tx: Transaction,
    record_id: str,
    *,
    text: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Answer the request (答复请示) on ``on``; meets ``request-reply``; closes it."""
    record = MACHINE.begin(tx, record_id, "reply", on, today)
    text = require_text(text, Text("答复内容（--text）", "The answer (--text)"))
    record["reply"] = text
    return _finish(tx, record, "reply", on, actor, env, note=text)


def report_progress(
    tx: Transaction,
    record_id: str,
    *,
    text: str,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Record a progress report on ``on``: meets the report due, starts the next one.

    The next report is due one period (the rule in force now) after ``on``:
    the rule book starts the task's progress rule on ``progress`` too.
    """
    record = MACHINE.begin(tx, record_id, "progress", on, today)
    text = require_text(text, Text("进度情况（--text）", "The progress (--text)"))
    return _finish(tx, record, "progress", on, actor, env, note=text)


def assign_task(
    tx: Transaction,
    record_id: str,
    *,
    dept: str | None,
    person: str | None,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
) -> Record:
    """Move the responsibility for the task to ``dept`` (and ``person``)."""
    record = MACHINE.begin(tx, record_id, "assign", on, today)
    dept = require_text(dept, Text("承办部门（--dept）", "The department (--dept)"))
    person = (person or "").strip() or None
    before = dict(record.get("responsible") or {})
    record["responsible"] = {"person": person, "dept": dept}
    note = " ".join(v for v in (dept, person) if v)
    return MACHINE.finish(
        tx,
        record,
        "assign",
        on,
        actor,
        env,
        note=note,
        previous=" ".join(v for v in (before.get("dept"), before.get("person")) if v) or None,
    )


def next_report_due(record: Record, env: Env) -> dt.date | None:
    """The due date of the open progress report, if any (for the commands)."""
    from township.book.machine import due_of

    rule = progress_rule(record)
    c = clock(record, rule) if rule else None
    if c is None or c.get("met_on"):
        return None
    return due_of(c, env.calendar).date


# -- demo data ----------------------------------------------------------------------

DEMO_SHARE = 0.03
# The demo maker's list of (task id, received) left late, for the supervision demo.
LATE_TASKS = "late_tasks"
# The maker's attribute naming the overdue task of the help's examples.
EXAMPLE_TASK = "example_task"
ISSUERS = ["县人民政府办公室", "县民政局", "县农业农村局", "县应急管理局", "县委办公室"]
REQUESTERS = ["东村村委会", "西村村委会", "南山村村委会", "镇卫生院"]
TITLES = {
    "execute": ["落实秋冬季森林防火工作部署", "开展农村危房排查", "落实耕地保护专项检查"],
    "plan": ["制定人居环境整治实施方案", "制定防汛抗旱工作方案"],
    "request": ["关于村道硬化资金的请示", "关于使用村集体资金修缮水渠的请示"],
}


def demo(maker: Any, on: dt.date, finish: bool) -> None:
    """One fictional task received on ``on``, taken through its steps up to today."""
    rng = maker.rng
    kind = rng.choice(["execute", "execute", "plan", "request"])
    issuer = rng.choice(REQUESTERS if kind == "request" else ISSUERS)
    progress = rng.choice([None, None, "monthly", "weekly"]) if kind != "request" else None
    clerk = maker.clerk()
    record = receive_task(
        maker.tx,
        title=rng.choice(TITLES[kind]),
        issuer=issuer,
        type_=kind,
        doc_no=f"{issuer[:2]}〔{on.year}〕{rng.randint(1, 99)}号" if kind != "request" else None,
        dept=rng.choice(["党政办", "民政办", "农业服务中心", "村镇建设办"]),
        person=clerk,
        progress=progress,
        on=on,
        today=on,
        actor=maker.clerk(),
        env=maker.env,
    )
    maker.count(KIND, on)
    if not finish:
        return
    rid, env, day = record["id"], maker.env, on
    if progress is not None:
        step = 30 if progress == "monthly" else 7
        nxt = day + dt.timedelta(days=step - rng.randint(0, 3))
        if maker.done(nxt) and rng.random() < 0.7:
            report_progress(
                maker.tx,
                rid,
                text="正在推进，已完成初步排查",
                on=nxt,
                today=nxt,
                actor=clerk,
                env=env,
            )
            day = nxt
    if kind == "plan":
        planned = maker.later(day, 3, 16)
        if not maker.done(planned):
            return
        report_plan(
            maker.tx,
            rid,
            plan="方案已制定并报送发文机关",
            on=planned,
            today=planned,
            actor=clerk,
            env=env,
        )
        day = planned
    late = kind == "execute" and rng.random() < 0.4
    if late:
        # Left late: a candidate for a supervision notice (``township.kinds.supervision.demo``).
        if not hasattr(maker, LATE_TASKS):
            setattr(maker, LATE_TASKS, [])
        getattr(maker, LATE_TASKS).append((rid, on))
    done = maker.later(day, 18, 30) if late else maker.later(day, 3, 17)
    if not maker.done(done):
        return
    if kind == "request":
        reply_request(
            maker.tx, rid, text="同意，按程序办理", on=done, today=done, actor=clerk, env=env
        )
    else:
        complete_task(
            maker.tx, rid, result="已落实并向上级反馈", on=done, today=done, actor=clerk, env=env
        )


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first: TSK-YYYY-0001 a
    decision to carry out, overdue, reporting monthly; -0002 a plan task waiting
    for its plan; -0003 a request waiting for its answer."""
    from township.book.rules import period

    late = period("task-completion", maker.config.rules) + 5
    stories = [
        (
            "落实耕地保护专项检查",
            "县人民政府办公室",
            "execute",
            "县府办〔2026〕3号",
            "monthly",
            late,
        ),
        ("制定人居环境整治实施方案", "县农业农村局", "plan", "县农发〔2026〕5号", None, 5),
        ("关于村道硬化资金的请示", "东村村委会", "request", None, None, 3),
    ]
    for title, issuer, type_, doc_no, progress, ago in stories:
        on = maker.working_days_before(ago)
        record = receive_task(
            maker.tx,
            title=title,
            issuer=issuer,
            type_=type_,
            doc_no=doc_no,
            dept="党政办",
            person="陈某",
            progress=progress,
            on=on,
            today=on,
            actor="陈某",
            env=maker.env,
        )
        maker.count(KIND, on)
        if not hasattr(maker, EXAMPLE_TASK):
            setattr(maker, EXAMPLE_TASK, record["id"])
