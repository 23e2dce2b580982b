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

Progress reports (``--progress``): ``monthly`` starts ``task-progress`` (民法典
第二百零二条: the same day number a month on, or that month's last day; a rest
day rolls to the next working day), ``weekly`` starts ``task-progress-weekly``,
``none`` neither. 一般情况下 a month: ``monthly`` is the default of ``execute``
and ``plan``; a request (请示) is answered within its own period and reports
none unless asked. Each ``progress`` meets the report due and starts the
next from its own date; ``complete`` and ``reply`` meet the one due (the
final result is the last report), so a closed task owes no more reports.

``report``, ``complete``, ``reply`` and ``progress`` only record what they are
given: they are declared (``SPEC``) and taken by the step machine. Receiving
(the type chooses the status and the clocks) and reassigning (the whole
responsibility moves) have code here. Decisions where the regulations are
silent: ``docs/decisions/task.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from township.book.registry import Field, Input, KindSpec, Step
from township.errors import BadInput, StepOutOfOrder
from township.i18n import Text
from township.steps.machine import (
    Env,
    Machine,
    Record,
    check_inputs,
    clock,
    new_record,
)

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
# What --progress accepts: a schedule, or none.
NO_PROGRESS = "none"
PROGRESS_CHOICES: dict[str, Text] = {
    **PROGRESS_LABELS,
    NO_PROGRESS: Text("不定期报告", "none"),
}
# The schedule a task reports on when --progress is not given (督办制度 (七):
# 一般情况下…一月一报); a request is answered, it reports none.
DEFAULT_PROGRESS: dict[str, str | None] = {"execute": "monthly", "plan": "monthly", "request": None}
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
RULES_HINT = "township rules --kind task"


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


def progress_schedule(value: str | None, kind: str = "request") -> str | None:
    """``monthly`` or ``weekly`` from a key or label; None for no schedule.

    Not given (None), a task of type ``kind`` reports on its default
    schedule (``DEFAULT_PROGRESS``); ``none`` asks for no schedule.
    """
    if value is None:
        return DEFAULT_PROGRESS[kind]
    key = _choice(value, PROGRESS_CHOICES, "--progress")
    return None if key == NO_PROGRESS else key


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


def receive_task(
    tx: Transaction, *, on: dt.date, today: dt.date, actor: str, env: Env, **values: Any
) -> Record:
    """Register a document received on ``on`` (收件日); its type chooses the clock.

    ``values`` are the inputs of the declared ``receive`` step: ``title``,
    ``from`` (the issuing office), ``type`` (execute, plan, request),
    ``doc_no``, ``dept``, ``person`` (default: the receiving clerk) and
    ``progress`` (monthly, weekly or none; default by type,
    ``DEFAULT_PROGRESS``), which starts the progress reports.
    """
    checked = check_inputs(SPEC.step("receive"), values)
    kind = task_type(checked.get("type"))
    schedule = progress_schedule(checked.get("progress"), kind)

    def build(record_id: str) -> Record:
        record = new_record(
            KIND,
            record_id,
            actor=actor,
            now=tx.now,
            status=FIRST_STATUS[kind],
            person=checked.get("person") or actor,
            dept=checked.get("dept"),
            title=checked["title"],
            issuer=checked["from"],
            type=kind,
            received=on.isoformat(),
        )
        if checked.get("doc_no"):
            record["doc_no"] = checked["doc_no"]
        if schedule is not None:
            record["progress"] = schedule
        return record

    return MACHINE.create(tx, "receive", build, on=on, today=today, actor=actor, env=env)


def assign_task(
    tx: Transaction,
    record_id: str,
    *,
    on: dt.date,
    today: dt.date,
    actor: str,
    env: Env,
    **values: Any,
) -> Record:
    """Move the responsibility for the task to ``dept`` (and ``person``, else nobody in person).

    The event keeps who was responsible before (``previous``).
    """
    record = MACHINE.begin(tx, record_id, "assign", on, today)
    checked = check_inputs(SPEC.step("assign"), values)
    dept, person = checked["dept"], checked.get("person")
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


SEE_RULES = Text(f"期限见 {RULES_HINT}", f"{RULES_HINT} shows the periods in force")

SPEC = KindSpec(
    KIND,
    statuses=STATUS_LABELS,
    steps=(
        Step(
            "receive",
            Text("收件登记", "received"),
            (),
            None,
            run=receive_task,
            inputs=(
                Input(
                    "title",
                    required=True,
                    help=Text("文件要求办理的事项", "what the document asks for"),
                ),
                Input(
                    "from",
                    required=True,
                    writes="issuer",
                    metavar="ISSUER",
                    help=Text("发文机关", "the issuing office"),
                ),
                Input(
                    "type",
                    type="choice",
                    catalogue=TYPES,
                    required=True,
                    help=Text("文件的类型", "what the document asks of the office"),
                ),
                Input("doc_no", help=Text("文号", "the document number (文号)")),
                Input(
                    "dept",
                    Text("负责的部门", "the department responsible"),
                    writes="responsible.dept",
                ),
                Input(
                    "person",
                    Text(
                        "责任人［默认：当前经办人］",
                        "the person responsible [default: the acting clerk]",
                    ),
                    writes="responsible.person",
                ),
                Input(
                    "progress",
                    type="choice",
                    catalogue=PROGRESS_CHOICES,
                    help=Text(
                        "办结前报告进度［默认：execute 和 plan 为 monthly，request 为 none］",
                        "how progress is reported while open [default: monthly for execute "
                        "and plan, none for request]",
                    ),
                ),
            ),
            help=Text(
                "登记收到的文件（收件日 = --on），输出新编号。\n\n"
                "落实、报送工作方案或答复的期限以收件日起算，按工作日计；办结之前按 --progress "
                f"报告进度（督办制度 (七)）。{SEE_RULES.zh}。",
                "Register a document received (收件日 = --on); prints the new id.\n\n"
                "The period to carry it out, report its plan or answer it counts working "
                "days from the day of receipt; progress is reported as --progress says "
                f"while it is open (督办制度 (七)); {SEE_RULES.en}.",
            ),
            example='township task receive --title "关于村道硬化资金的请示" --from 东村村委会 \\\n'
            "    --type request --on 2025-09-26",
        ),
        Step(
            "report",
            Text("报送工作方案", "work plan reported"),
            ("awaiting-plan",),
            "planned",
            hint=_hint("报送工作方案", "report the plan", "report"),
            inputs=(
                Input(
                    "plan",
                    required=True,
                    note=True,
                    help=Text(
                        "向发文机关报送的工作方案", "the work plan reported to the issuing office"
                    ),
                ),
            ),
            help=Text(
                "记录向发文机关报送的工作方案（制定工作方案的事项）。",
                "Record the work plan reported to the issuing office (a plan task).",
            ),
            example='township task report TSK-2026-0002 --plan "人居环境整治实施方案（已报县政府办）"',
            says=Text("{id} 已报送工作方案", "{id} plan reported"),
        ),
        Step(
            "complete",
            Text("办结", "completed"),
            ("received", "planned"),
            "completed",
            hint=_hint("办结", "complete it", "complete"),
            inputs=(
                Input("result", required=True, note=True, help=Text("办理结果", "what was done")),
            ),
            help=Text(
                "办结一件交办事项：上级决定已落实，或制定方案的事项在报送方案之后办结。",
                "Complete (办结) a task: a decision carried out, or a plan task after its plan.",
            ),
            example='township task complete TSK-2026-0001 --result "已完成排查并上报"',
            says=Text("{id} 已办结", "{id} completed"),
        ),
        Step(
            "reply",
            Text("答复请示", "request answered"),
            ("awaiting-reply",),
            "replied",
            hint=_hint("答复请示", "answer the request", "reply"),
            inputs=(
                Input(
                    "text",
                    required=True,
                    writes="reply",
                    note=True,
                    help=Text("对请示的答复", "the answer to the request"),
                ),
            ),
            help=Text("答复请示；答复即办结。", "Answer a request (答复请示); closes it."),
            example='township task reply TSK-2026-0003 --text "同意，按程序办理"',
            says=Text("{id} 已答复", "{id} answered"),
        ),
        Step(
            "progress",
            Text("报告进度", "progress reported"),
            OPEN,
            None,
            hint=_hint("报告进度", "report progress", "progress"),
            inputs=(
                Input(
                    "text",
                    Text("报告的进度", "the progress reported"),
                    required=True,
                    writes="",
                    note=True,
                ),
            ),
            help=Text(
                "报告办理中事项的进度；按进度报告周期的，下一次报告自本次报告之日起算。",
                "Report progress on an open task; on a schedule, the next report is due "
                "one period after this one.",
            ),
            example='township task progress TSK-2026-0001 --text "已完成 3 个村的排查"',
            says=Text("{id} 已报告进度", "{id} progress reported"),
        ),
        Step(
            "assign",
            Text("移交承办", "reassigned"),
            OPEN,
            None,
            hint=_hint("移交承办", "reassign it", "assign"),
            run=assign_task,
            inputs=(
                Input(
                    "dept",
                    Text("移交后的负责部门", "the department now responsible"),
                    required=True,
                ),
                Input("person", Text("移交后的责任人", "the person now responsible")),
            ),
            help=Text(
                "把办理中事项的责任移交另一部门（及人员）。",
                "Move the responsibility for an open task to another department (and person).",
            ),
            example="township task assign TSK-2026-0001 --dept 农业服务中心 --person 刘某",
            says=Text("{id} 已移交 {dept}", "{id} assigned to {dept}"),
        ),
    ),
    fields=(
        Field("received", Text("收件日", "received"), list=True, type="date"),
        Field("type", Text("类型", "type"), catalogue=TYPES, list=True, type="text"),
        Field("title", Text("事项", "title"), amendable=True, list=True, type="text"),
        Field("issuer", Text("来文单位", "from"), amendable=True, list=True, type="text"),
        Field("doc_no", Text("文号", "document no."), amendable=True, optional=True, type="text"),
        Field(
            "progress", Text("进度报告", "progress reports"), catalogue=PROGRESS_LABELS, type="text"
        ),
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
    matter=("title",),
)
MACHINE = Machine(SPEC)


def next_report_due(record: Record, env: Env) -> dt.date | None:
    """The due date of the open progress report, if any (for the commands)."""
    from township.steps.machine import due_of

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
    # Most tasks report on their default schedule; some weekly (必要时可一周一报).
    progress = rng.choice([None, None, None, "weekly"]) if kind != "request" else None
    clerk = maker.clerk()
    values: dict[str, Any] = {"title": rng.choice(TITLES[kind]), "from": issuer, "type": kind}
    if kind != "request":
        values["doc_no"] = f"{issuer[:2]}〔{on.year}〕{rng.randint(1, 99)}号"
    values |= {"dept": rng.choice(["党政办", "民政办", "农业服务中心", "村镇建设办"])}
    values |= {"person": clerk, "progress": progress}
    at: dict[str, Any] = {"actor": maker.clerk(), "env": maker.env}
    record = MACHINE.take(maker.tx, "receive", None, values, on=on, today=on, **at)
    maker.count(KIND, on)
    if not finish:
        return
    rid, day = record["id"], on
    at["actor"] = clerk
    schedule = record.get("progress")
    if schedule is not None:
        step = 30 if schedule == "monthly" else 7
        nxt = day + dt.timedelta(days=step - rng.randint(0, 3))
        if maker.done(nxt) and rng.random() < 0.7:
            text = {"text": "正在推进，已完成初步排查"}
            MACHINE.take(maker.tx, "progress", rid, text, on=nxt, today=nxt, **at)
            day = nxt
    if kind == "plan":
        planned = maker.later(day, 3, 16)
        if not maker.done(planned):
            return
        plan = {"plan": "方案已制定并报送发文机关"}
        MACHINE.take(maker.tx, "report", rid, plan, on=planned, today=planned, **at)
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
        answer = {"text": "同意，按程序办理"}
        MACHINE.take(maker.tx, "reply", rid, answer, on=done, today=done, **at)
    else:
        result = {"result": "已落实并向上级反馈"}
        MACHINE.take(maker.tx, "complete", rid, result, on=done, today=done, **at)


def demo_examples(maker: Any) -> None:
    """The records the help's examples run on, made first: TSK-YYYY-0001 a
    decision to carry out, overdue, reporting monthly; -0002 a plan task waiting
    for its plan; -0003 a request waiting for its answer."""
    from township.book.rules import period

    late = period("task-completion", maker.config.rules) + 5
    stories = [
        ("落实耕地保护专项检查", "县人民政府办公室", "execute", "县府办〔2026〕3号", late),
        ("制定人居环境整治实施方案", "县农业农村局", "plan", "县农发〔2026〕5号", 5),
        ("关于村道硬化资金的请示", "东村村委会", "request", None, 3),
    ]
    at: dict[str, Any] = {"actor": "陈某", "env": maker.env}
    for title, issuer, type_, doc_no, ago in stories:
        on = maker.working_days_before(ago)
        values = {"title": title, "from": issuer, "type": type_, "doc_no": doc_no}
        values |= {"dept": "党政办", "person": "陈某"}
        record = MACHINE.take(maker.tx, "receive", None, values, on=on, today=on, **at)
        maker.count(KIND, on)
        if not hasattr(maker, EXAMPLE_TASK):
            setattr(maker, EXAMPLE_TASK, record["id"])
