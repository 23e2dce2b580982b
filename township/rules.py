"""The deadline rules of the regulations, as data (SPEC 3.2, 4).

Every deadline township tracks is one ``Rule``: who owes it, what is due,
how long, in which unit, and the clause it comes from. ``show``, the daily
report, the statistics and the docs all read this table; no date is
computed anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from township.calendar import Unit
from township.i18n import Text

Party = Literal["office", "other"]


@dataclass(frozen=True)
class Rule:
    """One deadline rule.

    ``n`` is the default period; ``township.toml`` ``[rules]`` may override
    it, and ``service-commitment`` takes it from the service catalogue. The
    period is fixed on the record when the clock starts. ``party="other"``
    marks a window that belongs to the other party (the appeal window): it is
    shown but never overdue.
    """

    id: str
    kind: str
    label: Text
    n: int
    unit: Unit
    clause: Text
    party: Party = "office"


_RULES = (
    Rule(
        "web-reply",
        "inquiry",
        Text("网上咨询答复", "reply to a web inquiry"),
        5,
        "workday",
        Text("首问责任制 5：回复时限在收到分配问题的5个工作日内", "首问责任制 5"),
    ),
    Rule(
        "service-commitment",
        "inquiry",
        Text("限时办结", "service completed in the committed time"),
        0,
        "workday",
        Text(
            "服务承诺制、限时办结制；行政许可法 第三十二条",
            "服务承诺制, 限时办结制; 行政许可法 art. 32",
        ),
    ),
    Rule(
        "investigation",
        "case",
        Text("提交调查报告", "investigation report"),
        10,
        "workday",
        Text("行政问责制 8：10个工作日内完成调查", "行政问责制 8"),
    ),
    Rule(
        "delivery",
        "case",
        Text("送达问责决定", "deliver the decision"),
        10,
        "workday",
        Text("行政问责制 9：决定作出之日起10个工作日内送达", "行政问责制 9"),
    ),
    Rule(
        "appeal-window",
        "case",
        Text("申诉期", "appeal window"),
        15,
        "workday",
        Text("行政问责制 10：收到决定之日起15个工作日内申诉", "行政问责制 10"),
        party="other",
    ),
    Rule(
        "review",
        "case",
        Text("复议复核决定", "decide the appeal"),
        30,
        "workday",
        Text("行政问责制 11：30个工作日内作出决定", "行政问责制 11"),
    ),
    Rule(
        "complaint-handling",
        "complaint",
        Text("办结效能投诉", "resolve the complaint"),
        15,
        "workday",
        Text("效能投诉制（本镇默认期限，可在 township.toml 调整）", "效能投诉制 (local default)"),
    ),
    Rule(
        "petition-acceptance",
        "petition",
        Text("书面告知是否受理", "tell whether it is accepted"),
        15,
        "day",
        Text("机关效能建设制度 三.5：15日内书面告知信访人", "机关效能建设制度 三.5"),
    ),
    Rule(
        "petition-conclusion",
        "petition",
        Text("信访事项办结", "conclude the petition"),
        60,
        "day",
        Text("机关效能建设制度 三.5：自受理之日起60日办结", "机关效能建设制度 三.5"),
    ),
    Rule(
        "denial-filing",
        "denial",
        Text("否定报备并书面告知", "file and notify in writing"),
        10,
        "workday",
        Text("否定报备制 5：10个工作日内办结并书面告知", "否定报备制 5"),
    ),
    Rule(
        "denial-leader-opinion",
        "denial",
        Text("领导提出处理意见", "leader's opinion"),
        3,
        "day",
        Text("否定报备制 3：分管或主管领导3天内提出处理意见", "否定报备制 3"),
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


def period(rule_id: str, overrides: dict[str, int] | None = None) -> int:
    """The period of ``rule_id``: the ``[rules]`` override, or the default."""
    if overrides and rule_id in overrides:
        return overrides[rule_id]
    return RULES[rule_id].n
