"""The rule book: every period the regulations set, as data .

Every deadline township tracks is one ``Rule`` here, and everything reads
this table: the clocks a step starts and meets (``township.steps.machine``), the
refusals and confirmations (which take their numbers from ``in_force``, never
from prose), ``show``, the daily report, ``stats``, ``township rules`` and the
generated ``docs/rules.md``.

An entry holds what OpenFisca keeps for a parameter: a label, a value and
its unit, the reference it comes from (``clause``, naming the part of the
compilation: it holds two 限时办结制 and two 一次性告知制), and whether the
number is the regulation's own or a local default the office chose where the
surviving text states none (``local_default``). ``township.toml`` ``[rules]``
may override the number of a rule that has one; the period in force is fixed
on a record when its clock starts. The clause keeps the regulation's words;
``clause_in_force`` adds the number in force where an override changed it,
for every place a clause is shown beside a deadline.

Units (民法典 第二百零一条至第二百零三条): ``workday`` (the N-th
working day after the event), ``day`` (calendar days, a rest day rolling to
the next working day), ``month`` (the same day number N months on, or that
month's last day, rolled likewise), ``quarter-end`` (the last day of the
quarter the event falls in, rolled likewise; it has no number), ``fixed`` (a date a step sets, such as a
new completion date or the last day of an absence), ``month-end`` (the last
day of the N-th month counted from the trigger's own, rolled likewise: the
end of a month, a quarter or a year that begins on the trigger).

Recurring duties are entries too, with ``every`` set (``Recurrence``): they
have no starting step. "Every N days" runs N days (unit ``day``) from the
last time the duty was done; "month", "quarter" and "year" owe one
completion in each calendar period, due at its end (unit ``month-end``, ``n``
the months of a period; ``begins`` the month a yearly period begins when it
is not January). Each period is a clock like any other, read by
``township.steps.machine.evaluate``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from township.i18n import Text

Unit = Literal["workday", "day", "month", "quarter-end", "fixed", "month-end"]
UNITS: tuple[Unit, ...] = ("workday", "day", "month", "quarter-end", "fixed", "month-end")
# Whose clock it is. Anything but the office's is shown and never overdue.
Owner = Literal["office", "subject", "county", "public"]

UNIT_LABELS: dict[str, Text] = {
    "workday": Text("个工作日", "working days"),
    "day": Text("日", "days"),
    "month": Text("个月", "months"),
    "quarter-end": Text("所在季度末", "end of the quarter"),
    "fixed": Text("指定日期", "fixed date"),
    "month-end": Text("个月（至期末）", "months (to the period's end)"),
}
OWNER_LABELS: dict[str, Text] = {
    "office": Text("本机关", "the office"),
    "subject": Text("被问责人", "the subject"),
    "county": Text("县级部门", "the county"),
    "public": Text("社会公众", "the public"),
}


@dataclass(frozen=True)
class Extension:
    """How a rule's period may be extended: how often, by how much, approved by whom.

    ``times`` 0 means it may not be extended, None as often as approved
    (the regulation sets no limit); ``max_n`` None means the regulation
    sets no ceiling; ``default_n`` is the extension when the command is
    given no number. ``total``: ``max_n`` caps the extensions added
    together, not each one (信访: 延长期限不得超出30日 however often it is
    extended); the default is then what is left of it.
    """

    times: int | None
    approver: Text
    max_n: int | None = None
    default_n: int | None = None
    total: bool = False


NO_EXTENSION = Extension(0, Text("—", "—"))


@dataclass(frozen=True)
class Rule:
    """One period of the regulations.

    ``n`` is the regulation's (or the local default) number; None when the
    number is given elsewhere: the service catalogue (``service-commitment``),
    the command (``dispute-mediation``) or a step's date (unit ``fixed``).
    ``starts`` names the steps that start the clock (any one of them does:
    ``dispute-mediation`` starts on ``route`` or ``package``; a single string
    is accepted and kept as a one-step tuple), ``meets`` the steps that meet
    it. ``every`` is set for a recurring duty ("15 days", "month",
    "quarter", "year") and ``office`` is then the responsible office;
    ``begins`` is the month a yearly duty's period begins (1 by default;
    12 for a period from 1 December to 31 January, ``n`` = 2 months).
    """

    id: str
    kind: str
    label: Text
    n: int | None
    unit: Unit
    starts: tuple[str, ...]
    meets: tuple[str, ...]
    clause: Text
    owner: Owner = "office"
    local_default: bool = False
    extension: Extension = NO_EXTENSION
    every: str | None = None
    office: str | None = None
    begins: int = 1

    def __post_init__(self) -> None:
        # One step may be given as a string (a rule a kind brings with it,
        # written before a rule could start from several steps).
        steps: Any = self.starts
        object.__setattr__(
            self, "starts", tuple(s for s in ((steps,) if isinstance(steps, str) else steps) if s)
        )

    def started_by(self, step: str) -> bool:
        """True when ``step`` starts this rule's clock (any of ``starts``)."""
        return step in self.starts

    @property
    def party(self) -> str:
        """``office`` or ``other``: whether the clock can ever be overdue."""
        return "office" if self.owner == "office" else "other"

    @property
    def configurable(self) -> bool:
        """True when ``township.toml`` ``[rules]`` may set this rule's number."""
        return self.n is not None and self.every is None


def _rule(
    rule_id: str,
    kind: str,
    label: tuple[str, str],
    n: int | None,
    unit: Unit,
    starts: str | Iterable[str],
    meets: Iterable[str],
    clause: tuple[str, str],
    **more: Any,
) -> Rule:
    """One entry; ``starts`` is one step (a string), several (a tuple), or "" for a duty."""
    steps = tuple(s for s in ((starts,) if isinstance(starts, str) else starts) if s)
    return Rule(rule_id, kind, Text(*label), n, unit, steps, tuple(meets), Text(*clause), **more)


_LEADER = Text("领导审批", "a leader")
_TOWN_HEAD = Text("镇长同意", "the town head")
_NUMBER_ONE = Text("一把手同意", "the head of the township (一把手)")

_RULES: tuple[Rule, ...] = (
    # -- 首问负责制, 服务承诺制, 限时办结制 (inquiry) ---------------------------------
    _rule(
        "web-reply",
        "inquiry",
        ("网上咨询答复", "reply to a web inquiry"),
        5,
        "workday",
        "log",
        # A referral restarts the clock (township.kinds.inquiry.refer_inquiry): it
        # runs from the day the answering office received the question.
        ("close", "redirect", "notify"),
        (
            "权力查究问责制度·首问责任制 5：由党政办公室转至有关室（站、所）…回复时限在收到分配问题的5个工作日内",
            "权力查究问责制度·首问责任制 5 (reply within 5 working days of receiving the question)",
        ),
    ),
    _rule(
        "service-commitment",
        "inquiry",
        ("限时办结", "service completed in the committed time"),
        None,
        "workday",
        ("log", "supplied"),
        ("close", "redirect"),
        (
            "机关效能建设制度·限时办结制 3、4；服务承诺制（办理时限见服务目录）；行政许可法 第三十二条",
            "机关效能建设制度·限时办结制 3, 4; 服务承诺制 (the catalogue's committed days); "
            "行政许可法 art. 32",
        ),
        # 限时办结制 4 sets no limit: each extension is approved by a leader and its
        # reason told to the applicant (township.kinds.inquiry.extend_inquiry).
        extension=Extension(None, _LEADER),
    ),
    # -- 行政问责制 (case) ----------------------------------------------------------
    _rule(
        "investigation",
        "case",
        ("提交调查报告", "investigation report"),
        10,
        "workday",
        "open",
        ("report",),
        (
            "权力查究问责制度·行政问责制 8：调查组应在10个工作日内完成调查，情况复杂的，经批准可延长10个工作日",
            "权力查究问责制度·行政问责制 8 (10 working days, once +10 when approved)",
        ),
        extension=Extension(1, Text("镇主要负责人批准", "the township's principal leader"), 10, 10),
    ),
    _rule(
        "delivery",
        "case",
        ("送达问责决定", "deliver the decision"),
        10,
        "workday",
        "decide",
        ("deliver",),
        (
            "权力查究问责制度·行政问责制 9：决定作出之日起10个工作日内送达",
            "权力查究问责制度·行政问责制 9 (deliver within 10 working days)",
        ),
    ),
    _rule(
        "appeal-window",
        "case",
        ("申诉期", "appeal window"),
        15,
        "workday",
        "deliver",
        ("appeal",),
        (
            "权力查究问责制度·行政问责制 10：收到决定之日起15个工作日内申诉",
            "权力查究问责制度·行政问责制 10 (appeal within 15 working days of receipt)",
        ),
        owner="subject",
    ),
    _rule(
        "review",
        "case",
        ("复议复核决定", "decide the appeal"),
        30,
        "workday",
        "appeal",
        ("review",),
        (
            "权力查究问责制度·行政问责制 11：收到申诉之日起30个工作日内作出决定",
            "权力查究问责制度·行政问责制 11 (decide within 30 working days)",
        ),
    ),
    # -- 效能投诉制 (complaint) -----------------------------------------------------
    _rule(
        "complaint-handling",
        "complaint",
        ("办结效能投诉", "resolve the complaint"),
        15,
        "workday",
        "register",
        ("resolve", "escalate"),
        (
            "机关效能建设制度·效能投诉制（现存文本未规定期限，本镇规定）",
            "机关效能建设制度·效能投诉制 (the surviving text states no period: local rule)",
        ),
        local_default=True,
    ),
    # -- 信访 (petition) ------------------------------------------------------------
    _rule(
        "petition-acceptance",
        "petition",
        ("书面告知是否受理", "tell whether it is accepted"),
        15,
        "day",
        "receive",
        ("accept", "decline"),
        (
            "机关效能建设制度·限时办结制 5：不能当场答复是否受理的，在15日内书面告知信访人",
            "机关效能建设制度·限时办结制 5 (tell within 15 days)",
        ),
    ),
    _rule(
        "petition-conclusion",
        "petition",
        ("信访事项办结", "conclude the petition"),
        60,
        "day",
        "accept",
        ("conclude",),
        (
            "机关效能建设制度·限时办结制 5：自受理之日起60日办结；情况复杂的，经镇长同意，"
            "可以适当延长办理期限，但延长期限不得超出30日",
            "机关效能建设制度·限时办结制 5 (60 days; extended with the town head's consent, "
            "by at most 30 days in all)",
        ),
        extension=Extension(None, _TOWN_HEAD, 30, None, total=True),
    ),
    # -- 否定报备制 (denial) --------------------------------------------------------
    _rule(
        "denial-filing",
        "denial",
        ("否定报备并书面告知", "file and notify in writing"),
        10,
        "workday",
        "file",
        ("complete",),
        (
            "机关效能建设制度·否定报备制 5：10个工作日内报备并书面告知（起算日：报备登记日）",
            "机关效能建设制度·否定报备制 5 (10 working days from the filing date)",
        ),
    ),
    _rule(
        "denial-leader-opinion",
        "denial",
        ("领导提出处理意见", "leader's opinion"),
        3,
        "day",
        "file",
        ("opinion",),
        (
            "机关效能建设制度·否定报备制 3：分管或主管领导接受否定请示报告后，应在3天内提出处理意见",
            "机关效能建设制度·否定报备制 3 (the leader's opinion within 3 days)",
        ),
    ),
    # -- 限时办结制 2, 督办制度 (task) ----------------------------------------------
    _rule(
        "task-completion",
        "task",
        ("落实上级决定", "carry out the decision"),
        15,
        "workday",
        "receive",
        ("complete",),
        (
            "权力查究问责制度·限时办结制 2：上级机关的决定15个工作日内落实；以收件日起算",
            "权力查究问责制度·限时办结制 2 (15 working days from receipt)",
        ),
    ),
    _rule(
        "task-plan",
        "task",
        ("制定方案并报送", "report the work plan"),
        15,
        "workday",
        "receive",
        ("report",),
        (
            "权力查究问责制度·限时办结制 2：需制定工作方案的，15个工作日内制定并报送发文机关",
            "权力查究问责制度·限时办结制 2 (plan reported within 15 working days)",
        ),
    ),
    _rule(
        "request-reply",
        "task",
        ("答复请示", "answer the request"),
        15,
        "workday",
        "receive",
        ("reply",),
        (
            "权力查究问责制度·限时办结制 2：请示事项15个工作日内答复；以收件日作为计算工作日的起始时间",
            "权力查究问责制度·限时办结制 2 (answered within 15 working days of receipt)",
        ),
    ),
    _rule(
        "task-progress",
        "task",
        ("报告办理进度", "progress report"),
        1,
        "month",
        ("receive", "progress"),
        ("progress", "complete", "reply"),
        (
            "综治维稳有关工作制度·督办制度（七）：一般情况下办理进度一月一报，必要时可一周一报",
            "综治维稳有关工作制度·督办制度 (七) (monthly, or weekly when needed)",
        ),
    ),
    _rule(
        "task-progress-weekly",
        "task",
        ("报告办理进度（每周）", "weekly progress report"),
        7,
        "day",
        ("receive", "progress"),
        ("progress", "complete", "reply"),
        (
            "综治维稳有关工作制度·督办制度（七）：必要时可一周一报",
            "综治维稳有关工作制度·督办制度 (七) (weekly when needed)",
        ),
    ),
    # -- 督办制度 (supervision) -----------------------------------------------------
    _rule(
        "supervision-reply",
        "supervision",
        ("书面答复督办", "answer the supervision notice"),
        3,
        "workday",
        "issue",
        ("respond", "close"),
        (
            "综治维稳有关工作制度·督办制度（四）：承接单位应书面报告超时办理的原因及进展情况"
            "（现存文本未规定期限，本镇规定）",
            "综治维稳有关工作制度·督办制度 (四) (no period in the text: local rule, 本镇规定)",
        ),
        local_default=True,
    ),
    _rule(
        "supervision-completion",
        "supervision",
        ("按重新确定的时限办结", "complete by the new date"),
        None,
        "fixed",
        "respond",
        ("close",),
        (
            "综治维稳有关工作制度·督办制度（四）：并重新拟定办结的时限",
            "综治维稳有关工作制度·督办制度 (四) (a new completion date)",
        ),
    ),
    # -- 矛盾纠纷排查调处, 领导包案 (dispute) ---------------------------------------
    _rule(
        "dispute-mediation",
        "dispute",
        ("调处化解", "mediate the dispute"),
        None,
        "day",
        ("route", "package"),
        ("resolve", "refer-up"),
        (
            "综治维稳有关工作制度·矛盾纠纷排查制度（三）、领导包案化解制度：调处期限（文本未规定天数，分流时确定）",
            "综治维稳有关工作制度·矛盾纠纷排查制度 (三), 领导包案化解制度 (days set when routed)",
        ),
        extension=Extension(99, _NUMBER_ONE),
    ),
    _rule(
        "party-notice",
        "dispute",
        ("告知当事人", "tell the parties"),
        3,
        "day",
        ("route", "resolve", "refer-up"),
        ("notify",),
        (
            "综治维稳有关工作制度·督办制度（六）：领导同意结案或需要将案件移交有关部门办理时，应该在三日内告知当事人",
            "综治维稳有关工作制度·督办制度 (六) (tell the parties within 3 days)",
        ),
    ),
    # -- 政务公开, 决策公开制度 (disclosure, decision) ------------------------------
    _rule(
        "disclosure-request",
        "disclosure",
        ("依申请公开", "disclose on request"),
        3,
        "day",
        "request",
        ("publish", "decline"),
        (
            "规范权力运营工作实施方案（二）1：对群众提出需要公开的事项，在3日内根据要求进行公开",
            "规范权力运营工作实施方案 (二)1 (disclosed within 3 days)",
        ),
    ),
    _rule(
        "decision-comment-period",
        "decision",
        ("决策公示期", "public comment period"),
        5,
        "workday",
        "publish",
        (),
        (
            "决策公开制度 七：对外公开时间不少于5个工作日",
            "决策公开制度 七 (published for at least 5 working days)",
        ),
        owner="public",
    ),
    # -- 最低生活保障 (dibao) -------------------------------------------------------
    _rule(
        "dibao-town-review",
        "dibao",
        ("镇民政办审核", "township review"),
        10,
        "day",
        "apply",
        ("review",),
        (
            "民政工作有关制度 三（一）3：镇民政办自收到申请报告之日起10天内…签署审核意见后，报县民政局",
            "民政工作有关制度 三(一)3 (reviewed within 10 days)",
        ),
    ),
    _rule(
        "dibao-county-decision",
        "dibao",
        ("县民政局审批", "county decision"),
        15,
        "day",
        "review",
        ("decide",),
        (
            "民政工作有关制度 三（一）3：县民政局应在15天内对申请做出审批决定",
            "民政工作有关制度 三(一)3 (the county decides within 15 days)",
        ),
        owner="county",
    ),
    # -- 大病救济 (medical-aid) -------------------------------------------------------
    _rule(
        "medical-aid-county",
        "medical-aid",
        ("县民政局季度审批", "county's quarterly approval"),
        None,
        "quarter-end",
        "review",
        ("decide",),
        (
            "民政工作有关制度 三（四）2⑶：县民政局每季度对受理的申请进行审批",
            "民政工作有关制度 三(四)2⑶ (the county approves the applications every quarter)",
        ),
        owner="county",
        local_default=True,
    ),
    # -- 同岗替代制 (absence) -------------------------------------------------------
    _rule(
        "absence-return",
        "absence",
        ("返岗", "return to the post"),
        None,
        "fixed",
        "log",
        ("return",),
        (
            "机关效能建设制度·同岗替代制 3：及时回到自己的工作岗位",
            "机关效能建设制度·同岗替代制 3 (back at the post when the absence ends)",
        ),
    ),
    # -- recurring duties (duty) --------------------------------------------------
    # "every N days": n days (unit day) from the last time; "month", "quarter",
    # "year": n months from the period's first day, due at its end (unit month-end).
    _rule(
        "dispute-sweep",
        "duty",
        ("矛盾纠纷排查", "dispute sweep"),
        15,
        "day",
        "",
        ("done",),
        (
            "综治维稳有关工作制度·矛盾纠纷排查制度（三）：每十五天进行一次",
            "综治维稳有关工作制度·矛盾纠纷排查制度 (三) (every fifteen days)",
        ),
        every="15 days",
        office="综治办",
    ),
    _rule(
        "dispute-report",
        "duty",
        ("排查总结报告", "sweep summary report"),
        3,
        "month-end",
        "",
        ("done",),
        (
            "综治维稳有关工作制度·矛盾纠纷排查制度（四）：一季度一总结一报告",
            "综治维稳有关工作制度·矛盾纠纷排查制度 (四) (a summary each quarter)",
        ),
        every="quarter",
        office="综治办",
    ),
    _rule(
        "office-meeting",
        "duty",
        ("办公例会", "office meeting"),
        7,
        "day",
        "",
        ("done",),
        (
            "综治维稳有关工作制度·情况通报制度（四）：每七天召开一次办公例会",
            "综治维稳有关工作制度·情况通报制度 (四) (every seven days)",
        ),
        every="7 days",
        office="综治办",
    ),
    _rule(
        "situation-meeting",
        "duty",
        ("季度形势分析会", "quarterly situation meeting"),
        3,
        "month-end",
        "",
        ("done",),
        (
            "综治维稳有关工作制度·情况通报制度（五）：每季度召开一次会议，分析、通报前阶段…情况",
            "综治维稳有关工作制度·情况通报制度 (五) (each quarter)",
        ),
        every="quarter",
        office="综治办",
    ),
    _rule(
        "visit-summary",
        "duty",
        ("来访情况归类上报", "monthly summary of visits"),
        1,
        "month-end",
        "",
        ("done",),
        (
            "综治维稳有关工作制度·接访制度（七）：对每月和季度来访情况进行归类并及时形成文书上报",
            "综治维稳有关工作制度·接访制度 (七) (each month and each quarter: the monthly one)",
        ),
        every="month",
        office="综治办",
    ),
    _rule(
        "visit-summary-quarterly",
        "duty",
        ("季度来访情况归类上报", "quarterly summary of visits"),
        3,
        "month-end",
        "",
        ("done",),
        (
            "综治维稳有关工作制度·接访制度（七）：对每月和季度来访情况进行归类并及时形成文书上报",
            "综治维稳有关工作制度·接访制度 (七) (each month and each quarter: the quarterly one)",
        ),
        every="quarter",
        office="综治办",
    ),
    _rule(
        "disclosure-regular",
        "duty",
        ("定期公开", "regular disclosure"),
        3,
        "month-end",
        "",
        ("done",),
        (
            "规范权力运营工作实施方案（二）1：原则上每季度公开一次",
            "规范权力运营工作实施方案 (二)1 (each quarter)",
        ),
        every="quarter",
        office="党政办",
    ),
    _rule(
        "inspection",
        "duty",
        ("公开督查", "monthly inspection"),
        1,
        "month-end",
        "",
        ("done",),
        (
            "规范权力运营工作实施方案（二）2：每月一督查",
            "规范权力运营工作实施方案 (二)2 (each month)",
        ),
        every="month",
        office="党政办",
    ),
    _rule(
        "circular",
        "duty",
        ("公开通报", "quarterly circular"),
        3,
        "month-end",
        "",
        ("done", "circular issue"),
        (
            "规范权力运营工作实施方案（二）2：每季一通报",
            "规范权力运营工作实施方案 (二)2 (a circular each quarter)",
        ),
        every="quarter",
        office="党政办",
    ),
    _rule(
        "assessment",
        "duty",
        ("年底总考核", "year-end assessment"),
        12,
        "month-end",
        "",
        ("done", "assessment record"),
        (
            "规范权力运营工作实施方案（二）2：年底总考核",
            "规范权力运营工作实施方案 (二)2 (at the end of each year)",
        ),
        every="year",
        office="党政办",
    ),
    _rule(
        "preferential-payment",
        "duty",
        ("优待金兑现", "preferential payments paid out"),
        2,
        "month-end",
        "",
        ("done",),
        (
            "民政工作有关制度 三（三）1：优待金在每年年末或第二年年初兑现"
            "（本镇规定：年末为12月1日起，第二年年初至1月31日止）",
            "民政工作有关制度 三(三)1 (at the end of each year or early in the next: read "
            "here as 1 December to 31 January, a local reading)",
        ),
        every="year",
        office="民政办",
        begins=12,
        local_default=True,
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


def register_rule(rule: Rule) -> None:
    """Add a rule a kind brings with it (a kind declared outside this module)."""
    RULES[rule.id] = rule


def configurable_rules() -> frozenset[str]:
    """The ids that ``township.toml`` ``[rules]`` may set."""
    return frozenset(r.id for r in RULES.values() if r.configurable)


def period(rule_id: str, overrides: Mapping[str, int] | None = None) -> int:
    """The period of ``rule_id`` in force: the ``[rules]`` override, or the rule book's.

    A rule without a number of its own (``service-commitment``,
    ``dispute-mediation``, a fixed date) has no period here: ``KeyError``.
    """
    if overrides and rule_id in overrides:
        return int(overrides[rule_id])
    n = RULES[rule_id].n
    if n is None:
        raise KeyError(rule_id)
    return n


in_force = period


def rules_of(kind: str | None = None) -> list[Rule]:
    """The rule book's entries, optionally of one kind, in book order."""
    return [r for r in RULES.values() if kind is None or r.kind == kind]


def as_json(rule: Rule, overrides: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The JSON shape of ``township rules`` , with the period in force."""
    overridden = bool(overrides) and rule.id in (overrides or {}) and rule.configurable
    return {
        "rule": rule.id,
        "kind": rule.kind,
        "label": {"zh": rule.label.zh, "en": rule.label.en},
        "n": period(rule.id, overrides) if rule.n is not None else None,
        "unit": rule.unit,
        "every": rule.every,
        "starts": list(rule.starts),
        "meets": list(rule.meets),
        "owner": rule.owner,
        "extension": (
            {
                "times": rule.extension.times,
                "max": rule.extension.max_n,
                "total": rule.extension.total,
                "approver": rule.extension.approver.zh,
            }
            if rule.extension.times != 0
            else None
        ),
        "clause": rule.clause.zh,
        "local_default": rule.local_default,
        "overridden": overridden,
    }


def describe_period(rule: Rule, n: int | None) -> Text:
    """``15 个工作日`` / ``15 working days`` for a period, from the rule in force."""
    if rule.every is not None:
        return recurrence_of(rule).label
    if rule.unit == "quarter-end":
        return UNIT_LABELS["quarter-end"]
    if n is None:
        by = {
            "service-commitment": Text("按服务目录承诺", "per the service catalogue"),
            "dispute-mediation": Text("分流时确定", "set when routed"),
        }
        return by.get(rule.id, UNIT_LABELS["fixed"])
    unit = UNIT_LABELS[rule.unit]
    return Text(f"{n} {unit.zh}", f"{n} {unit.en}")


def describe_extension(rule: Rule) -> Text:
    """How the rule's period may be extended, for ``township rules``: ``—`` when it may
    not be; else how often (一次, or 可多次 where the text sets no limit), the ceiling
    (each time, or 合计 for all of them) and who approves."""
    ext = rule.extension
    if ext.times == 0:
        return Text("—", "—")
    zh = ["可延期一次" if ext.times == 1 else "可多次延期"]
    en = ["once" if ext.times == 1 else "as often as approved"]
    if ext.max_n is not None:
        most = describe_period(rule, ext.max_n)
        each = "合计" if ext.total else ("" if ext.times == 1 else "每次")
        zh.append(f"{each}不超过 {most.zh}")
        en.append(f"up to {most.en}{' in all' if ext.total else ''}")
    zh.append(f"须{ext.approver.zh}")
    en.append(f"approved by {ext.approver.en}")
    return Text("，".join(zh), ", ".join(en))


def clause_in_force(rule: Rule, overrides: Mapping[str, int] | None = None) -> Text:
    """The clause as shown beside a deadline counted under the rules in force.

    The clause quotes the regulation, numbers included (10个工作日内完成调查).
    When ``township.toml`` ``[rules]`` sets another number for the rule, the
    number in force follows the quote, so a deadline is never shown beside a
    number it was not counted with alone: 「…10个工作日内完成调查…（本镇现行 12
    个工作日）」. An override equal to the regulation's number changes nothing.
    """
    if not (overrides and rule.configurable and rule.id in overrides):
        return rule.clause
    n = period(rule.id, overrides)
    if n == rule.n:
        return rule.clause
    text = describe_period(rule, n)
    return Text(
        f"{rule.clause.zh}（本镇现行 {text.zh}）",
        f"{rule.clause.en} (in force here: {text.en})",
    )


def _every_zh(every: str) -> str:
    named = {"month": "每月", "quarter": "每季度", "year": "每年", "week": "每周"}
    if every in named:
        return named[every]
    number = every.split()[0]
    return f"每 {number} 日"


def step_label(rule: Rule, step: str) -> Text:
    """What the step ``step`` of ``rule`` is called, from its kind's declaration.

    A step of another kind (a duty met by ``circular issue``) is named with
    its kind. A step the kind does not declare (``township check`` reports
    it) is shown as written.
    """
    from township.book.registry import KINDS, spec

    kind, _, name = step.rpartition(" ") if " " in step else (rule.kind, "", step)
    try:
        label = spec(kind).step(name).label
    except (KeyError, ImportError, AttributeError):
        return Text(step, step)
    if kind == rule.kind:
        return label
    owner = KINDS[kind].label
    return Text(f"{owner.zh}·{label.zh}", f"{owner.en} {label.en}")


def step_labels(rule: Rule, steps: Iterable[str]) -> Text:
    """The labels of ``steps`` as one cell: ``办结、告知外单位`` / ``closed, redirected``."""
    labels = [step_label(rule, s) for s in steps]
    if not labels:
        return Text("—", "—")
    return Text("、".join(t.zh for t in labels), ", ".join(t.en for t in labels))


def rule_book_view(
    overrides: Mapping[str, int] | None, kind: str | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Display rows and the JSON list of ``township rules`` .

    The rows name the steps that start and meet each rule by their labels
    (``受理``); the JSON keeps their keys (``accept``). ``BadInput`` for a ``kind`` that has no rules, naming those that do.
    """
    from township.errors import BadInput

    chosen = rules_of(kind)
    if not chosen:
        raise BadInput(
            Text(
                "没有类别为「{kind}」的规则；可选：{known}。",
                "No rules of kind '{kind}'; known: {known}.",
            ),
            kind=kind,
            known=", ".join(dict.fromkeys(r.kind for r in RULES.values())),
        )
    rows = []
    for rule in chosen:
        n = period(rule.id, overrides) if rule.n is not None else None
        marks = []
        if overrides and rule.id in overrides and rule.configurable:
            marks.append(Text("已调整", "overridden"))
        if rule.local_default:
            marks.append(Text("本镇规定", "local rule"))
        text = describe_period(rule, n)
        if marks:
            text = Text(
                f"{text.zh}（{'，'.join(m.zh for m in marks)}）",
                f"{text.en} ({', '.join(m.en for m in marks)})",
            )
        rows.append(
            {
                "rule": rule.id,
                "kind": rule.kind,
                "label": rule.label,
                "period": text,
                "starts": step_labels(rule, rule.starts),
                "meets": step_labels(rule, rule.meets),
                "owner": OWNER_LABELS[rule.owner],
                "extension": describe_extension(rule),
                "clause": rule.clause,
            }
        )
    return rows, [as_json(r, overrides) for r in chosen]


# -- recurrence: when a recurring duty falls due ---------------------------------------

RecurrenceUnit = Literal["days", "month", "quarter", "year"]
MAX_EVERY_DAYS = 365
EVERY_CHOICES = '"N days" (1-365), "month", "quarter" or "year"'
_STRIDE = {"month": 1, "quarter": 3, "year": 12}
_EVERY_DAYS = re.compile(r"^\s*(\d+)\s*(?:days?|日|天)\s*$")
_KEYS = {
    "month": re.compile(r"^(\d{4})-(\d{1,2})$"),
    "quarter": re.compile(r"^(\d{4})\s*[Qq]([1-4])$"),
    "year": re.compile(r"^(\d{4})$"),
}


@dataclass(frozen=True)
class DutyPeriod:
    """One period a calendar duty owes a completion in: ``2026-03``, ``2026Q1``, ``2026``."""

    key: str
    first: dt.date
    last: dt.date


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_first(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Recurrence:
    """How a duty recurs: every ``n`` days after the last time (``days``), or once in
    each period of ``n`` months (``month``, ``quarter``, ``year``).

    A calendar period begins every 1, 3 or 12 months, in January for a year
    unless ``begins`` names another month: 优待金's year is the two months
    from 1 December to 31 January (``n`` = 2, ``begins`` = 12), and a day
    from February to November falls in none of its periods.
    """

    unit: RecurrenceUnit
    n: int
    begins: int = 1

    def __str__(self) -> str:
        return f"{self.n} days" if self.unit == "days" else self.unit

    @property
    def label(self) -> Text:
        """每 15 日 / 每月 / 每季度 / 每年 (and a yearly period that is not the calendar year)."""
        if self.unit == "days":
            return Text(f"每 {self.n} 日", f"every {self.n} days")
        if self.unit == "year" and (self.begins, self.n) != (1, 12):
            last = (self.begins + self.n - 2) % 12 + 1
            return Text(
                f"每年（{self.begins}月1日至{'次年' if last < self.begins else ''}{last}月末）",
                f"each year (1 {_MONTHS[self.begins]} to the end of {_MONTHS[last]})",
            )
        zh = {"month": "每月", "quarter": "每季度", "year": "每年"}[self.unit]
        return Text(zh, f"each {self.unit}")

    @property
    def clock_unit(self) -> Unit:
        """The unit of its clocks: ``day`` from the last time, or ``month-end``."""
        return "day" if self.unit == "days" else "month-end"

    def _period(self, start: int) -> DutyPeriod:
        first = _month_first(start)
        last = _month_first(start + self.n) - dt.timedelta(days=1)
        if self.unit == "month":
            key = f"{first.year}-{first.month:02d}"
        elif self.unit == "quarter":
            key = f"{first.year}Q{(first.month - 1) // 3 + 1}"
        else:
            key = f"{first.year}"
        return DutyPeriod(key, first, last)

    def _start_before(self, day: dt.date) -> int:
        """The month index of the latest period beginning on or before ``day``."""
        m = _month_index(day)
        return m - (m - (self.begins - 1)) % _STRIDE[self.unit]

    def period_at(self, day: dt.date) -> DutyPeriod | None:
        """The period ``day`` falls in (None for "every N days", or between two periods)."""
        if self.unit == "days":
            return None
        start = self._start_before(day)
        return self._period(start) if _month_index(day) - start < self.n else None

    def period_before(self, day: dt.date) -> DutyPeriod | None:
        """The latest period that ended before ``day`` (None for "every N days")."""
        if self.unit == "days":
            return None
        start = self._start_before(day)
        if _month_index(day) - start < self.n:
            start -= _STRIDE[self.unit]
        return self._period(start)

    def following(self, period: DutyPeriod) -> DutyPeriod:
        """The period after ``period``."""
        return self._period(_month_index(period.first) + _STRIDE[self.unit])

    def first_owed(self, start: dt.date) -> DutyPeriod | None:
        """The first period owed from ``start``: the one it falls in, owed in full; else the next."""
        if self.unit == "days":
            return None
        found = self.period_at(start)
        return found or self._period(self._start_before(start) + _STRIDE[self.unit])

    def named(self, key: str) -> DutyPeriod | None:
        """The period called ``key`` (``2026-03``, ``2026Q1``, ``2026``); None if it is not one."""
        match = _KEYS.get(self.unit, re.compile("$^")).match(key.strip())
        if match is None:
            return None
        year = int(match.group(1))
        if self.unit == "month":
            month = int(match.group(2))
            if not 1 <= month <= 12:
                return None
        elif self.unit == "quarter":
            month = 3 * int(match.group(2)) - 2
        else:
            month = self.begins
        if not 1 <= year <= 9998:
            return None
        return self.period_at(dt.date(year, month, 1))

    def clock(
        self, rule_id: str, trigger: dt.date, period: DutyPeriod | None = None
    ) -> dict[str, Any]:
        """A clock of the duty from ``trigger``: a period's first day, or the last time done."""
        found: dict[str, Any] = {
            "rule": rule_id,
            "trigger": trigger.isoformat(),
            "n": self.n,
            "unit": self.clock_unit,
            "extensions": [],
            "met_on": None,
        }
        if period is not None:
            found["period"] = period.key
        return found


_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_every(text: Any) -> Recurrence | None:
    """``"15 days"``, ``"month"``, ``"quarter"``, ``"year"`` as a ``Recurrence``; None if not one."""
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    if value in _STRIDE:
        return Recurrence(value, _STRIDE[value])  # type: ignore[arg-type]
    match = _EVERY_DAYS.match(value)
    if match and 1 <= int(match.group(1)) <= MAX_EVERY_DAYS:
        return Recurrence("days", int(match.group(1)))
    return None


def recurrence_of(rule: Rule, every: str | None = None) -> Recurrence:
    """How the duty ``rule`` recurs: the rule book's, or ``every`` from ``[duties]``.

    ``every`` equal to the rule book's keeps the rule's own period (优待金's
    December to January); another is a plain one (a calendar year, quarter,
    month, or N days).
    """
    if every is None or every.strip().lower() == rule.every:
        if rule.every is None or rule.n is None:
            raise KeyError(rule.id)
        found = parse_every(rule.every)
        assert found is not None, rule.id
        return Recurrence(found.unit, rule.n, rule.begins)
    found = parse_every(every)
    if found is None:
        raise ValueError(every)
    return found


def duty_rules() -> list[Rule]:
    """The rule book's recurring duties, in book order."""
    return [r for r in RULES.values() if r.every is not None]
