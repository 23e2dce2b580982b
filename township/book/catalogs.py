"""The catalogues of 行政问责制, as data .

Cases store catalogue entries as numbers (``matter``, ``source``,
``decision["methods"]``); the labels live here in both languages, so that
``case catalog``, ``show``, the statistics and the docs read one table.
The numbering and wording follow the regulations (权力查究问责制度·行政问责制
1-5), with the standard term where the surviving copy is degraded: 检查 for
its 检验, and ⑩ 建议撤职 for its 提议撤职 (提议 being the copy's 建议).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from township.errors import BadInput
from township.i18n import Text

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def circled(n: int) -> str:
    """The circled numeral the regulations use for ``n`` (1-10), else the number."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)


@dataclass(frozen=True)
class Catalogue:
    """A numbered list of the regulations: entry number -> label."""

    name: str
    title: Text
    clause: Text
    entries: dict[int, Text]

    @property
    def numbers(self) -> range:
        """The valid entry numbers, 1..N."""
        return range(1, len(self.entries) + 1)

    def label(self, n: int) -> Text:
        """``①有令不行、有禁不止`` for entry ``n`` (the number alone if unknown)."""
        entry = self.entries.get(n)
        if entry is None:
            return Text(str(n), str(n))
        return Text(circled(n) + entry.zh, f"{circled(n)} {entry.en}")

    def check(self, n: int) -> int:
        """Return ``n`` if it is in the catalogue, else ``BadInput`` naming the range."""
        if isinstance(n, bool) or not isinstance(n, int) or n not in self.entries:
            raise BadInput(
                Text(
                    "{title}「{n}」不在目录中；可选 1-{last}（用 township case catalog {name} 查看）。",
                    "{title} '{n}' is not in the catalogue; choose 1-{last} "
                    "(see township case catalog {name}).",
                ),
                title=self.title,
                n=n,
                last=len(self.entries),
                name=self.name,
            )
        return n

    def check_all(self, values: Iterable[int]) -> list[int]:
        """Check each value; return them without duplicates, in the order given."""
        seen: list[int] = []
        for value in values:
            if self.check(value) not in seen:
                seen.append(value)
        return seen


MATTERS = Catalogue(
    "matter",
    Text("问责情形", "matter"),
    Text("权力查究问责制度·行政问责制 1", "权力查究问责制度·行政问责制 1"),
    {
        1: Text("有令不行、有禁不止", "ignoring orders and prohibitions"),
        2: Text("独断专行、决策失误", "arbitrary or wrong decisions"),
        3: Text("滥用职权、违法行政", "abuse of power, unlawful administration"),
        4: Text("办事拖拉、推诿扯皮", "procrastination, passing the buck"),
        5: Text("不求进取、平庸无为", "lack of initiative, inaction"),
        6: Text("欺上瞒下、弄虚作假", "deceiving superiors and the public, falsification"),
        7: Text("态度冷漠、作风粗暴", "indifference, rude conduct"),
        8: Text("铺张浪费、攀比享受", "extravagance and waste"),
        9: Text("暗箱操作、逃避监督", "under-the-table dealings, evading oversight"),
        10: Text("监管不力、处置不当", "weak supervision, improper handling"),
    },
)

METHODS = Catalogue(
    "method",
    Text("问责方式", "method"),
    Text("权力查究问责制度·行政问责制 2", "权力查究问责制度·行政问责制 2"),
    {
        1: Text("诫勉谈话", "admonishment talk"),
        2: Text("取消当年评优评先资格", "barred from this year's awards"),
        3: Text("责令作出书面检查", "ordered to make a written self-criticism"),
        4: Text("责令公开道歉", "ordered to apologise publicly"),
        5: Text("通报批评", "circulated criticism"),
        6: Text("调整工作岗位", "moved to another post"),
        7: Text("停职检查", "suspended pending self-examination"),
        8: Text("劝其引咎辞职", "advised to resign"),
        9: Text("责令辞职", "ordered to resign"),
        10: Text("建议撤职", "dismissal recommended"),
    },
)

SOURCES = Catalogue(
    "source",
    Text("启动来源", "source"),
    Text("权力查究问责制度·行政问责制 5", "权力查究问责制度·行政问责制 5"),
    {
        1: Text(
            "上级机关和县委、县政府的批示、指示和通报",
            "instructions and circulars of higher authorities, the county Party committee "
            "and government",
        ),
        2: Text(
            "下级机关或干部职工反映的突出问题", "problems raised by subordinate bodies or staff"
        ),
        3: Text("人大代表、政协委员的议案、提案", "motions of people's congress or CPPCC members"),
        4: Text(
            "县、市行政机关、监督机关及司法机关的意见建议",
            "opinions of county and city administrative, supervisory and judicial bodies",
        ),
        5: Text("公民、法人和其他组织的检举、控告", "reports and accusations by the public"),
        6: Text(
            "巡视巡察、工作检查、目标考核中的意见建议",
            "findings of inspections, work checks and target assessments",
        ),
        7: Text("新闻媒体的报道", "news media reports"),
        8: Text("其他渠道", "other channels"),
    },
)

CATALOGUES: dict[str, Catalogue] = {c.name: c for c in (MATTERS, METHODS, SOURCES)}


@dataclass(frozen=True)
class Band:
    """A severity band (权力查究问责制度·行政问责制 3): the methods a case of this severity may receive."""

    id: str
    label: Text
    methods: tuple[int, ...]

    @property
    def range_text(self) -> str:
        """``4-7`` for the serious band."""
        return f"{self.methods[0]}-{self.methods[-1]}"


# In order of gravity: aggravation (从重) allows the next band up.
BANDS: dict[str, Band] = {
    b.id: b
    for b in (
        Band("minor", Text("情节轻微", "minor"), (1, 2, 3)),
        Band("serious", Text("情节严重", "serious"), (4, 5, 6, 7)),
        Band("grave", Text("情节特别严重", "grave"), (8, 9, 10)),
    )
}
BANDS_CLAUSE = Text("权力查究问责制度·行政问责制 3", "权力查究问责制度·行政问责制 3")


def band(severity: str) -> Band:
    """The band called ``severity``, or ``BadInput`` listing the three."""
    try:
        return BANDS[severity]
    except KeyError:
        raise BadInput(
            Text(
                "情节「{value}」无效；可选 minor（情节轻微）、serious（情节严重）、grave（情节特别严重）。",
                "Severity '{value}' is not valid; choose minor, serious or grave.",
            ),
            value=severity,
        ) from None


def allowed_methods(severity: str, aggravated: bool) -> tuple[int, ...]:
    """The methods a case of ``severity`` may receive; from aggravated cases the next band up too."""
    order = list(BANDS)
    index = order.index(band(severity).id)
    methods = BANDS[order[index]].methods
    if aggravated and index + 1 < len(order):
        methods = methods + BANDS[order[index + 1]].methods
    return methods


# 从重问责 (权力查究问责制度·行政问责制 4): ① and ② are found by township, ③ and ④ are recorded.
AGGRAVATING_GROUNDS: dict[int, Text] = {
    1: Text("1年内出现2次以上被问责", "held accountable twice or more within a year"),
    2: Text("干扰、阻碍、不配合调查", "interfered with or obstructed the investigation"),
    3: Text(
        "打击、报复、陷害检举人、控告人、证人及其他有关人员",
        "retaliated against complainants, witnesses or others involved",
    ),
    4: Text("拉拢、收买问责调查人员", "tried to win over or bribe the investigators"),
}
AGGRAVATION_CLAUSE = Text("权力查究问责制度·行政问责制 4", "权力查究问责制度·行政问责制 4")


def ground_label(n: int) -> Text:
    """``③打击、报复…`` for aggravating ground ``n``."""
    entry = AGGRAVATING_GROUNDS[n]
    return Text(circled(n) + entry.zh, f"{circled(n)} {entry.en}")


def catalogue_view(name: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Display rows (catalogue, number, label, clause) and the JSON of ``case catalog``.

    ``name``: one of the catalogues (``matter``, ``method``, ``source``), or
    ``severity`` or ``aggravation``; None for all.
    """

    rows: list[dict[str, Any]] = []
    data: dict[str, Any] = {}
    for cat in CATALOGUES.values():
        if name in (None, cat.name):
            data[cat.name] = [{"number": n, "zh": t.zh, "en": t.en} for n, t in cat.entries.items()]
            rows += [
                {"catalogue": cat.title, "number": circled(n), "label": t, "clause": cat.clause}
                for n, t in cat.entries.items()
            ]
    if name in (None, "severity"):
        data["severity"] = [
            {"id": b.id, "zh": b.label.zh, "en": b.label.en, "methods": list(b.methods)}
            for b in BANDS.values()
        ]
        rows += [
            {
                "catalogue": Text("情节", "severity"),
                "number": b.id,
                "label": Text(
                    f"{b.label.zh}：问责方式 {b.range_text}",
                    f"{b.label.en}: methods {b.range_text}",
                ),
                "clause": BANDS_CLAUSE,
            }
            for b in BANDS.values()
        ]
    if name in (None, "aggravation"):
        data["aggravation"] = [
            {"number": n, "zh": t.zh, "en": t.en} for n, t in AGGRAVATING_GROUNDS.items()
        ]
        rows += [
            {
                "catalogue": Text("从重情形", "aggravating ground"),
                "number": circled(n),
                "label": t,
                "clause": AGGRAVATION_CLAUSE,
            }
            for n, t in AGGRAVATING_GROUNDS.items()
        ]
    return rows, data
