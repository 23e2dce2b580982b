"""A realistic, clearly fictional demo data set (``township init --demo``).

Records of every kind, spread over the days before ``today``, written
through the same library functions the commands call, so the demo obeys
every rule (steps in order, deadlines from the rule table) and passes
``township audit verify``. Older records are mostly finished, some late;
recent ones are open; a few are placed so that the daily report has
something in every state (seriously overdue, overdue, due today, due soon).

Everything is fictional: citizens are 张某甲, 李某乙…, clerks 王某, 李某…,
phone numbers 1380000xxxx, and the township is 演示镇.

The whole set is one transaction, so each year file is written once: the
cost grows with the number of records, not with its square.

``prepare_data_dir`` is the rest of ``township init``: the data directory
and its first ``township.toml`` (the demo's, with --demo); ``demo_in_place``
tells a second ``init --demo`` that there is nothing to do.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.config import CONFIG_NAME, TEMPLATE, TEMPLATE_PATTERNS, Config
from township.config import load as load_config
from township.errors import BadInput
from township.i18n import Text
from township.steps.machine import Env
from township.storage.store import Store, Transaction

DEMO_TOWNSHIP = "演示镇人民政府（虚构数据）"
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
STEMS = "甲乙丙丁戊己庚辛壬癸"
DEPTS = [
    "民政办",
    "劳动保障站",
    "党政办",
    "综治办",
    "财政所",
    "自然资源所",
    "农业服务中心",
    "村镇建设办",
]
CLERKS = ["王某", "李某", "赵某", "陈某", "刘某", "周某", "吴某", "孙某"]

# From this --size on, the records the help's examples run on (a kind module's
# ``demo_examples(maker)``) are made first, so they get their year's first ids.
EXAMPLES_FROM = 50
# Share of records left unfinished after their first step.
FORGOTTEN = 0.02
# A kind joins the demo by declaring, in its module, ``DEMO_SHARE`` (its weight
# in the data set) and ``demo(maker, on, finish)`` (which makes one record
# through its steps); ``demo_examples(maker)`` makes the records the help's
# examples run on, ``demo_showcase(maker)`` open records for the daily report.


def _module(kind: str) -> Any:
    """The module that declares ``kind`` (None for a kind registered without one)."""
    import importlib

    module = KINDS[kind].module
    return importlib.import_module(module) if module else None


def _mix() -> list[tuple[str, float]]:
    """Each registered kind that has a demo, with its share, in registry order."""
    mix = []
    for name in KINDS:
        module = _module(name)
        if hasattr(module, "demo") and hasattr(module, "DEMO_SHARE"):
            mix.append((name, float(module.DEMO_SHARE)))
    return mix


@dataclass
class DemoSummary:
    """How many records of each kind the demo created, and the days they span."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    first: dt.date | None = None
    last: dt.date | None = None


class _Maker:
    """Creates the records; every step goes through the kinds' own functions."""

    def __init__(
        self, tx: Transaction, today: dt.date, config: Config, calendar: WorkCalendar, seed: int
    ) -> None:
        self.tx = tx
        self.today = today
        self.config = config
        self.calendar = calendar
        self.rng = random.Random(seed)
        self.env = Env(calendar, dict(config.rules), config)
        self.serial = 0
        self.summary = DemoSummary()

    # -- fictional people ------------------------------------------------

    def person(self) -> str:
        self.serial += 1
        return (
            f"{SURNAMES[self.serial % len(SURNAMES)]}某{STEMS[self.serial // len(SURNAMES) % 10]}"
        )

    def phone(self) -> str:
        return f"1380000{self.rng.randrange(10000):04d}"

    def clerk(self) -> str:
        return self.rng.choice(CLERKS)

    def later(self, day: dt.date, low: int, high: int) -> dt.date:
        """A working day ``low``..``high`` working days after ``day``."""
        return self.calendar.add(day, self.rng.randint(low, high)).date

    def done(self, day: dt.date) -> bool:
        """True when a step dated ``day`` has already happened."""
        return day <= self.today

    def dept(self) -> str:
        """A fictional office of the township."""
        return self.rng.choice(DEPTS)

    def make(self, kind: str, on: dt.date, finish: bool) -> None:
        """One record of ``kind`` from ``on``: its module's ``demo`` (or this class's method)."""
        module = _module(kind)
        if hasattr(module, "demo"):
            module.demo(self, on, finish)
        else:
            getattr(self, kind)(on, finish)

    def examples(self) -> int:
        """Make the records of every kind's ``demo_examples``; how many were made."""
        before = sum(self.summary.counts.values())
        for kind in KINDS:
            module = _module(kind)
            if hasattr(module, "demo_examples"):
                module.demo_examples(self)
        return sum(self.summary.counts.values()) - before

    def count(self, kind: str, on: dt.date) -> None:
        self.summary.counts[kind] = self.summary.counts.get(kind, 0) + 1
        if self.summary.first is None or on < self.summary.first:
            self.summary.first = on
        if self.summary.last is None or on > self.summary.last:
            self.summary.last = on

    # -- the report's showcase --------------------------------------------

    def working_days_before(self, n: int) -> dt.date:
        """The day ``n`` working days before today (today itself if n is 0)."""
        day = self.today
        while n > 0:
            day -= dt.timedelta(days=1)
            if self.calendar.is_workday(day):
                n -= 1
        return day

    def ladder(
        self,
        declaration: Any,
        first: str,
        values: dict[str, Any],
        steps: list[tuple[str, dict[str, Any]]],
    ) -> None:
        """Example records of a kind, one a step further than the one before: the
        first only created (``first`` with ``values``), the last through every step
        of ``steps``; so each step's help example finds a record it may take."""
        from township.steps.machine import Machine

        machine = Machine(declaration)
        at = {"actor": "示例", "env": self.env}
        for n in range(len(steps) + 1):
            day = self.working_days_before(10 + n)
            record = machine.take(self.tx, first, None, values, on=day, today=day, **at)
            self.count(declaration.name, day)
            for step, given in steps[:n]:
                machine.take(self.tx, step, record["id"], given, on=day, today=day, **at)

    def showcase(self) -> None:
        """Open records placed so that the report has every state: each kind's
        ``demo_showcase``, in registry order."""
        for kind in KINDS:
            module = _module(kind)
            if hasattr(module, "demo_showcase"):
                module.demo_showcase(self)


def holds_records(store: Store) -> bool:
    """True when the data directory has a file of any record kind."""
    return any(store.years(kind) for kind in KINDS.values())


def demo_in_place(store: Store) -> bool:
    """True when the data directory already holds the demo: records and the demo's township.toml."""
    path = store.data_dir / CONFIG_NAME
    return (
        holds_records(store) and path.exists() and load_config(store.data_dir).name == DEMO_TOWNSHIP
    )


def config_template(today: dt.date, demo: bool) -> str:
    """The first ``township.toml``: the commented template, made the demo's with ``demo``.

    Without ``demo``, recurring duties fall due from ``today``, the day the
    directory is created.
    """
    template = TEMPLATE
    if demo:
        template = template.replace(
            'name = "某某镇人民政府"',
            f'name = "{DEMO_TOWNSHIP}"\n'
            "# 演示数据目录（township init --demo）：印出的文书都标注“演示”，不编真实文号。\n"
            "demo = true",
        )
        # The demo's number patterns are its own (演委发〔2026〕1号), clearly fictional.
        for key, pattern in TEMPLATE_PATTERNS.items():
            template = template.replace(f'{key} = "{pattern}"', f'{key} = "演{pattern[1:]}"')
        # The demo township publishes one service, so applications and their
        # one-time notices can be shown (the help's examples use it).
        return template.replace('# "临时救助申请" = 5', '"临时救助申请" = 5')
    return template + f"\n[duties]\n# 定期工作从此日起计算\nstart = {today.isoformat()}\n"


def prepare_data_dir(store: Store, today: dt.date, demo: bool) -> tuple[bool, Config]:
    """Create the data directory (owner-only) and its ``township.toml`` if it has none.

    An existing ``township.toml`` is left as it is; so is a directory with
    records when ``demo`` is asked (``build_demo`` refuses it). Returns
    whether the directory was created, and the settings read back, so that
    a malformed file is refused (``ConfigError``) rather than reported done.
    """
    from township.storage.files import atomic_write

    created = store.initialize()
    path = store.data_dir / CONFIG_NAME
    if not path.exists() and not (demo and holds_records(store)):
        atomic_write(path, config_template(today, demo).encode("utf-8"))
    return created, load_config(store.data_dir)


def build_demo(
    store: Store,
    *,
    today: dt.date,
    size: int,
    config: Config,
    actor: str,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Fill an empty data directory with ``size`` fictional records around ``today``.

    Refuses (``BadInput``) a directory that already holds records: demo data
    must never mix with real records. ``progress`` is called with the number
    of records made so far, every 1,000 records.
    """
    if size < 10:
        raise BadInput(
            Text("演示数据至少 10 条（--size）。", "A demo needs at least 10 records (--size)."),
        )
    if holds_records(store):
        raise BadInput(
            Text(
                "数据目录 {path} 已有记录；演示数据只能写入空目录，请换一个 --data-dir。",
                "The data directory {path} already holds records; demo data goes only into an "
                "empty directory. Choose another --data-dir.",
            ),
            path=str(store.data_dir),
        )
    calendar = WorkCalendar(store.schedules())
    # Spread over about four months for a small set, up to five years for a county.
    span = min(max(120, size // 20), 5 * 365)
    first = today - dt.timedelta(days=span)
    with store.transaction(actor, "init --demo") as tx:
        maker = _Maker(tx, today, config, calendar, seed=size)
        mix = _mix()
        kinds = [k for k, _ in mix]
        weights = [w for _, w in mix]
        days = sorted(first + dt.timedelta(days=maker.rng.randrange(span)) for _ in range(size - 4))
        if size >= EXAMPLES_FROM:  # the latest random days make way for them
            days = days[: len(days) - maker.examples()]
        for made, on in enumerate(days, start=1):
            on = min(calendar.next_workday(on), today)
            # Now and then a record is forgotten half-way: the report's real work.
            finish = maker.rng.random() >= FORGOTTEN
            maker.make(maker.rng.choices(kinds, weights)[0], on, finish)
            if progress is not None and made % 1000 == 0:
                progress(made)
        maker.showcase()
    return maker.summary
