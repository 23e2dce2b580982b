"""The roster of record kinds: one line per kind.

A line names the kind, its id prefix, the folder of its files, its label and
the module that declares it (``township.book.registry.KindSpec``, named
``SPEC``). The roster is apart from the declaration classes so that reading
it costs next to nothing: ``township --help`` lists every kind from here, and
``parse_id`` finds a kind by its prefix, without importing a kind's module.
"""

from __future__ import annotations

from typing import Any

from township.i18n import Text


class Kind:
    """One kind of record: its line in the roster.

    ``backlink``: a field this kind writes on the records it links to (a
    supervision notice's id on the supervised record); a step on such a
    record calls this kind's ``KindSpec.on_linked_step``. ``summary``: its
    one line in ``township --help`` (default: its label).
    """

    _FIELDS = ("name", "prefix", "folder", "label", "module", "backlink", "summary")
    __slots__ = _FIELDS

    def __init__(
        self,
        name: str,
        prefix: str,
        folder: str,
        label: Text,
        module: str = "",
        backlink: str | None = None,
        summary: Text | None = None,
    ) -> None:
        for slot, value in zip(
            self._FIELDS, (name, prefix, folder, label, module, backlink, summary), strict=True
        ):
            object.__setattr__(self, slot, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a roster line is read-only ({name})")

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, slot) for slot in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Kind) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Kind({self.name!r}, {self.prefix!r}, {self.folder!r}, module={self.module!r})"

    def replace(self, **changes: Any) -> Kind:
        """This line with ``changes`` (a test points ``module`` elsewhere)."""
        values = {slot: getattr(self, slot) for slot in self._FIELDS}
        return Kind(**{**values, **changes})

    def short(self, lang: str) -> str:
        """Its one line in ``township --help``: the summary, else the label."""
        if self.summary is not None:
            return self.summary.get(lang)
        if lang == "zh":
            return self.label.zh + "。"
        return f"{self.label.en[:1].upper()}{self.label.en[1:]} ({self.label.zh})."


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("inquiry", "INQ", "inquiries", Text("首问", "inquiry"), "township.kinds.inquiry"),
        Kind("case", "CASE", "cases", Text("问责", "case"), "township.kinds.case"),
        Kind(
            "complaint", "CMP", "complaints", Text("投诉", "complaint"), "township.kinds.complaint"
        ),
        Kind("petition", "PET", "petitions", Text("信访", "petition"), "township.kinds.petition"),
        Kind("denial", "DEN", "denials", Text("否定报备", "denial"), "township.kinds.denial"),
        Kind(
            "disclosure",
            "OPN",
            "disclosures",
            Text("依申请公开", "disclosure"),
            "township.kinds.disclosure",
        ),
        Kind(
            "decision", "DEC", "decisions", Text("决策公开", "decision"), "township.kinds.decision"
        ),
        Kind("circular", "CIR", "circulars", Text("通报", "circular"), "township.kinds.circular"),
        Kind(
            "assessment",
            "ASM",
            "assessments",
            Text("年度考核", "assessment"),
            "township.kinds.assessment",
        ),
        Kind("task", "TSK", "tasks", Text("交办", "task"), "township.kinds.task"),
        Kind(
            "supervision",
            "SUP",
            "supervisions",
            Text("督办", "supervision"),
            "township.kinds.supervision",
            backlink="supervisions",
        ),
        Kind("dibao", "MLS", "dibao", Text("低保", "dibao"), "township.kinds.dibao"),
        Kind("absence", "ABS", "absences", Text("离岗", "absence"), "township.kinds.absence"),
        Kind("dispute", "DSP", "disputes", Text("矛盾纠纷", "dispute"), "township.kinds.dispute"),
        Kind("duty", "DUTY", "duties", Text("定期工作", "duty"), "township.kinds.duty"),
        Kind(
            "wubao",
            "WBA",
            "wubao",
            Text("五保收养", "wubao"),
            "township.kinds.wubao",
            summary=Text(
                "五保收养服务：申请、村委会审核、镇审核、县审批、入院。",
                "Care for 五保 elders (五保收养服务).",
            ),
        ),
        Kind(
            "medical-aid",
            "MED",
            "medical-aid",
            Text("大病救济", "medical aid"),
            "township.kinds.medical_aid",
            summary=Text(
                "大病救济服务：申请、镇审核入户调查、县季度审批。", "Medical aid (大病救济服务)."
            ),
        ),
        Kind(
            "disaster-aid",
            "DRL",
            "disaster-aid",
            Text("救灾救济", "disaster aid"),
            "township.kinds.disaster_aid",
            summary=Text("救灾救济：灾民救济对象核定程序六个步骤。", "Disaster relief (救灾救济)."),
        ),
        Kind(
            "briefing", "BRF", "briefings", Text("信息报告", "briefing"), "township.kinds.briefing"
        ),
    )
}
BY_PREFIX: dict[str, Kind] = {k.prefix: k for k in KINDS.values()}
