"""The flags ``stats`` reads from circulars, assessments and cases .

规范权力运营工作实施方案 (二)2 and 查究问责制度 (考核):

- 一票否决 (``veto_units``): 对年内两次被通报批评的支部，实施一票否决 — a unit
  criticised in two or more quarterly circulars of the year;
- 取消当年评先评优资格 (``honours_withdrawn``): a unit that failed the year's
  assessment (年底总考核);
- 调整工作岗位 (``post_adjustment``): a unit that failed two years in a row
  (the year and the one before);
- 工作人员受通报批评 (``criticised_staff``): accountability decisions of 问责方式 ⑤
  (通报批评) against a unit's staff in the year. These are decisions about
  persons, not circulars about units: a separate, differently named flag, never
  一票否决.

Decisions where the spec is silent:

- A circular counts for the year of its ``period`` (a 2025Q4 circular issued in
  January 2026 counts for 2025), once its quarter has begun by the day the
  statistics are read as of; a unit named twice in one circular counts once.
- An assessment counts for its ``year``, whatever quarter the statistics
  cover; when a unit's year was recorded more than once, the latest record
  (by date, then id) counts.
- ``post_adjustment`` lists the run of consecutive failing years ending with
  the statistics' year (``[2025, 2026]``, or longer).
- Case decisions count as before: decided in the year by the as-of day, not
  revoked (``township.views.stats.decision_of``).

Which records feed which flag is read from the kinds' declarations, not
from their names (``flag_fields``): a kind whose records name the units a
circular of a quarter criticises declares ``period`` and ``criticized``; a
kind of yearly results per unit declares ``unit``, ``year`` and ``result``
(with the key ``fail``); a kind of accountability decisions about a unit's
staff declares ``unit`` and ``decision``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from township.dates import parse_quarter, quarter_start
from township.errors import BadInput
from township.i18n import Text

Record = dict[str, Any]
# 问责方式 ⑤ 通报批评.
CIRCULATED_CRITICISM = 5
VETO_THRESHOLD = 2
FAILED = "fail"
# What each flag reads: the fields a kind declares for its records to feed it.
FLAG_FIELDS: dict[str, tuple[str, ...]] = {
    "circulars": ("period", "criticized"),
    "assessments": ("unit", "year", "result"),
    "cases": ("unit", "decision"),
}


def flag_fields(declaration: Any) -> str | None:
    """Which flag a kind's records feed (``circulars``, ``assessments``, ``cases``), if any.

    Read from its declaration (``township.book.registry.KindSpec``): the
    fields of ``FLAG_FIELDS``; yearly results must have a ``fail`` key.
    """
    for role, names in FLAG_FIELDS.items():
        fields = [declaration.field(n) for n in names]
        if any(f is None for f in fields):
            continue
        if role == "assessments" and FAILED not in (fields[-1].catalogue or {}):
            continue
        return role
    return None


def flag_kinds() -> dict[str, str]:
    """Kind name -> the flag its records feed, for every registered kind that feeds one."""
    from township.book.registry import specs

    found = {}
    for declaration in specs():
        role = flag_fields(declaration)
        if role is not None:
            found[declaration.name] = role
    return found


@dataclass(frozen=True)
class VetoUnit:
    """一票否决: a unit criticised in two or more circulars of the year."""

    unit: str
    circulars: tuple[tuple[str, str], ...]  # (id, period)

    def as_json(self) -> dict[str, Any]:
        """``{"unit", "circulars"}`` (the circular ids)."""
        return {"unit": self.unit, "circulars": [cid for cid, _ in self.circulars]}


@dataclass(frozen=True)
class HonoursWithdrawn:
    """取消当年评先评优资格: a unit that failed the year's assessment."""

    unit: str
    year: int
    record: str

    def as_json(self) -> dict[str, Any]:
        """``{"unit", "year"}``."""
        return {"unit": self.unit, "year": self.year}


@dataclass(frozen=True)
class PostAdjustment:
    """调整工作岗位: a unit that failed two or more years in a row, up to this one."""

    unit: str
    years: tuple[int, ...]

    def as_json(self) -> dict[str, Any]:
        """``{"unit", "years"}``."""
        return {"unit": self.unit, "years": list(self.years)}


@dataclass(frozen=True)
class CriticisedStaff:
    """Decisions of 问责方式 ⑤ (通报批评) against a unit's staff in the year."""

    unit: str
    cases: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """``{"unit", "decisions", "cases"}`` (``decisions``: the ⑤ count)."""
        return {"unit": self.unit, "decisions": len(self.cases), "cases": list(self.cases)}


@dataclass
class OpennessFlags:
    """The four flags of one statistics year."""

    veto: list[VetoUnit] = field(default_factory=list)
    honours: list[HonoursWithdrawn] = field(default_factory=list)
    posts: list[PostAdjustment] = field(default_factory=list)
    staff: list[CriticisedStaff] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The keys of ``stats --format json``."""
        return {
            "veto_units": [f.as_json() for f in self.veto],
            "honours_withdrawn": [f.as_json() for f in self.honours],
            "post_adjustment": [f.as_json() for f in self.posts],
            "criticised_staff": [f.as_json() for f in self.staff],
        }


def _first_on(record: Record) -> str:
    events = record.get("events") or []
    return str(events[0]["on"]) if events else ""


def veto_units(circulars: Iterable[Record], year: int, as_of: dt.date) -> list[VetoUnit]:
    """Units criticised in two or more circulars of ``year`` whose quarter began by ``as_of``."""
    found: dict[str, list[tuple[str, str]]] = {}
    for c in circulars:
        try:
            y, q = parse_quarter(str(c.get("period", "")))
        except BadInput:  # a damaged period: not a circular of any year
            continue
        if y != year or quarter_start(y, q) > as_of:
            continue
        for unit in dict.fromkeys(c.get("criticized") or ()):
            found.setdefault(str(unit), []).append((c["id"], f"{y}Q{q}"))
    return [
        VetoUnit(unit, tuple(sorted(ids)))
        for unit, ids in sorted(found.items())
        if len(ids) >= VETO_THRESHOLD
    ]


def results_by_year(assessments: Iterable[Record]) -> dict[tuple[str, int], Record]:
    """(unit, year) -> the assessment that counts (the latest by date, then id)."""
    latest: dict[tuple[str, int], Record] = {}
    for a in sorted(assessments, key=lambda r: (_first_on(r), r.get("id", ""))):
        unit, year = a.get("unit"), a.get("year")
        if isinstance(unit, str) and isinstance(year, int):
            latest[(unit, year)] = a
    return latest


def honours_and_posts(
    assessments: Iterable[Record], year: int
) -> tuple[list[HonoursWithdrawn], list[PostAdjustment]]:
    """Units that failed ``year`` (honours withdrawn) and those that failed it and the year before."""
    results = results_by_year(assessments)

    def failed(unit: str, y: int) -> bool:
        a = results.get((unit, y))
        return a is not None and a.get("result") == FAILED

    honours: list[HonoursWithdrawn] = []
    posts: list[PostAdjustment] = []
    for (unit, y), a in sorted(results.items()):
        if y != year or a.get("result") != FAILED:
            continue
        honours.append(HonoursWithdrawn(unit, year, a["id"]))
        run = [year]
        while failed(unit, run[0] - 1):
            run.insert(0, run[0] - 1)
        if len(run) >= 2:
            posts.append(PostAdjustment(unit, tuple(run)))
    return honours, posts


def criticised_staff(
    cases: Iterable[Record],
    year: int,
    as_of: dt.date,
    decision_of: Callable[[Record, dt.date], tuple[dt.date, list[int]] | None],
) -> list[CriticisedStaff]:
    """Units whose staff received 通报批评 (⑤) in decisions dated in ``year`` by ``as_of``."""
    start = dt.date(year, 1, 1)
    found: dict[str, list[str]] = {}
    for case in cases:
        decided = decision_of(case, as_of)
        if decided is None or decided[0] < start or CIRCULATED_CRITICISM not in decided[1]:
            continue
        unit = case.get("unit")
        if unit:
            found.setdefault(str(unit), []).append(case["id"])
    return [CriticisedStaff(unit, tuple(sorted(ids))) for unit, ids in sorted(found.items())]


def openness_flags(
    records: Iterable[Record],
    year: int,
    as_of: dt.date,
    decision_of: Callable[[Record, dt.date], tuple[dt.date, list[int]] | None],
) -> OpennessFlags:
    """The four flags of ``year`` as of ``as_of`` from circulars, assessments and cases.

    Each record feeds the flag its kind's declaration says (``flag_kinds``).
    """
    feeds = flag_kinds()
    by_role: dict[str, list[Record]] = {role: [] for role in FLAG_FIELDS}
    for r in records:
        role = feeds.get(r.get("kind") or "")
        if role is not None:
            by_role[role].append(r)
    honours, posts = honours_and_posts(by_role["assessments"], year)
    return OpennessFlags(
        veto=veto_units(by_role["circulars"], year, as_of),
        honours=honours,
        posts=posts,
        staff=criticised_staff(by_role["cases"], year, as_of, decision_of),
    )


def flag_notes(flags: OpennessFlags) -> list[Text]:
    """The lines under the ``stats`` table, one per flagged unit (or one saying none)."""
    notes: list[Text] = []
    for v in flags.veto:
        zh = "、".join(f"{cid}（{p}）" for cid, p in v.circulars)
        en = ", ".join(f"{cid} ({p})" for cid, p in v.circulars)
        notes.append(
            Text(
                f"一票否决：{v.unit}（年内被通报批评 {len(v.circulars)} 次：{zh}）",
                f"One-vote veto (一票否决): {v.unit} (criticised in {len(v.circulars)} "
                f"circulars this year: {en})",
            )
        )
    if not flags.veto:
        notes.append(Text("一票否决：无", "One-vote veto (一票否决): none"))
    for h in flags.honours:
        notes.append(
            Text(
                f"取消当年评先评优资格：{h.unit}（{h.year} 年度考核不合格，{h.record}）",
                f"Honours of the year withdrawn (取消当年评先评优资格): {h.unit} (failed the "
                f"{h.year} assessment, {h.record})",
            )
        )
    if not flags.honours:
        notes.append(
            Text(
                "取消当年评先评优资格：无",
                "Honours of the year withdrawn (取消当年评先评优资格): none",
            )
        )
    for p in flags.posts:
        years_zh = "、".join(str(y) for y in p.years)
        years_en = ", ".join(str(y) for y in p.years)
        notes.append(
            Text(
                f"调整工作岗位：{p.unit}（{years_zh} 年度连续考核不合格）",
                f"Post adjustment (调整工作岗位): {p.unit} (failed the assessments of "
                f"{years_en} in a row)",
            )
        )
    if not flags.posts:
        notes.append(Text("调整工作岗位：无", "Post adjustment (调整工作岗位): none"))
    for s in flags.staff:
        ids = "、".join(s.cases)
        notes.append(
            Text(
                f"工作人员受通报批评（问责方式⑤）：{s.unit}（{len(s.cases)} 次：{ids}）",
                f"Staff given circulated criticism (问责方式 ⑤): {s.unit} ({len(s.cases)} "
                f"decisions: {', '.join(s.cases)})",
            )
        )
    if not flags.staff:
        notes.append(
            Text(
                "工作人员受通报批评（问责方式⑤）：无",
                "Staff given circulated criticism (问责方式 ⑤): none",
            )
        )
    return notes
