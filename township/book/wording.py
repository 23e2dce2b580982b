"""How the project reads the wording of the degraded copy of the regulations.

The surviving compilation is a degraded copy: characters and words were
replaced by near-synonyms (旳 for 的 throughout, 检验 for 检查, 提议 for 建议,
反应 for 反映, …). Wherever the project quotes or labels the regulations (the
rule book's clauses, the catalogues of 行政问责制, the labels of steps and
fields, the service materials) it reads such a word as the standard term it
stands for. ``NORMALISED`` is that table, one entry per word, with where it
occurs; ``docs/rules.md`` prints it (``tools/rules_reference.py``), so a
reader can find every quote back in the copy.

What the office added where the surviving text says nothing is marked where
it is declared, not here: a rule's number (``Rule.local_default``, shown as
本镇规定) and the complaint categories ③-⑦ (``township.kinds.complaint``,
shown as 本镇补充).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    """One word of the copy (``copy``) read as the standard term (``read``), and where."""

    copy: str
    read: str
    where: str


NORMALISED: tuple[Reading, ...] = (
    Reading("旳", "的", "throughout the compilation"),
    Reading("检验", "检查", "行政问责制 2 ③⑦ (书面检查, 停职检查), 5 ⑥ (工作检查)"),
    Reading("提议", "建议", "行政问责制 2 ⑩ (建议撤职), 3 ③, 5 ③④⑥ (意见建议), 8, 9"),
    Reading("反应", "反映", "行政问责制 5 ②⑧ and 经初步核实，反映情况存在的; 接访制度 (四)"),
    Reading("铺张挥霍", "铺张浪费", "行政问责制 1 ⑧"),
    Reading("攀比享有", "攀比享受", "行政问责制 1 ⑧"),
    Reading("尤其严重", "特别严重", "行政问责制 3 ③ (情节特别严重)"),
    Reading("指示、指示", "批示、指示", "行政问责制 5 ①"),
    Reading("巡视(巡查)", "巡视巡察", "行政问责制 5 ⑥"),
    Reading("主要责任人", "主要负责人", "行政问责制 5 (由镇主要负责人决定启动问责程序)"),
    Reading("开启", "启动", "行政问责制 5 (启动问责程序)"),
    Reading("构成调查组", "组成调查组", "行政问责制 5"),
    Reading("征询", "咨询", "首问责任制 1, 3, 6 (咨询或办理事项)"),
    Reading(
        "能够合适延长办理期限，但延长久限",
        "可以适当延长办理期限，但延长期限",
        "机关效能建设制度·限时办结制 5 (信访)",
    ),
    Reading("尿素症", "尿毒症", "民政工作有关制度 三（四） 大病救济 1 ⑴"),
    Reading("医疗诊疗书", "医疗诊断书", "民政工作有关制度 三（四） 大病救济 2 ⑴"),
    Reading("病史资料原始件", "病史资料原件", "民政工作有关制度 三（四） 大病救济 2 ⑴"),
    Reading(
        "已由政府医疗救济",
        "已获政府医疗救济",
        "民政工作有关制度 三（四） 大病救济 2 ⑴",
    ),
    Reading("紧急急救", "紧急抢救", "民政工作有关制度 三（五） 救灾救济 1 ⑵"),
    Reading(
        "安顿",
        "安置",
        "救灾救济 1 ⑵ (安置灾民); 劳动和社会保障工作制度 二 5 (未纳入国家统一安置)",
    ),
    Reading("小区", "社区", "村（社区）; 社区劳动保障服务中心 (劳动和社会保障工作制度 三)"),
)
