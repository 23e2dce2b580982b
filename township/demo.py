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

from township.book.machine import Env
from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.config import CONFIG_NAME, TEMPLATE, Config
from township.config import load as load_config
from township.errors import BadInput
from township.i18n import Text
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
LEADERS = ["镇长 何某", "副镇长 高某", "纪委书记 林某"]
MATTERS = [
    "咨询最低生活保障申请条件",
    "咨询临时救助办理程序",
    "反映村道路灯损坏",
    "咨询《就业失业登记证》办理",
    "咨询农村建房审批材料",
    "反映邻里宅基地纠纷",
    "咨询医疗救助报销比例",
    "咨询残疾人两项补贴",
]
COMPLAINTS = [
    "窗口人员办理低保材料时推诿，要求多次往返",
    "承诺 5 个工作日办结的事项超期未办，也未说明原因",
    "工作时间窗口无人，未安排同岗替代",
    "工作人员态度生硬，刁难办事群众",
]
PETITIONS = ["反映土地征收补偿款未足额发放", "反映村务公开不及时", "请求解决农田灌溉用水纠纷"]
DENIALS = [("申请临时救助", "家庭人均收入高于救助标准", "《社会救助暂行办法》第四十七条")]

# From this --size on, the records the help's examples run on (a kind module's
# ``demo_examples(maker)``) are made first, so they get their year's first ids.
EXAMPLES_FROM = 50
# Share of records left unfinished after their first step.
FORGOTTEN = 0.02
# Share of each kind in the data set. A kind not listed here joins the demo by
# declaring, in its module, ``DEMO_SHARE`` (its weight) and
# ``demo(maker, on, finish)`` (which makes one record through its steps).
MIX = (("inquiry", 0.50), ("complaint", 0.15), ("petition", 0.15), ("denial", 0.12), ("case", 0.08))


def _mix() -> list[tuple[str, float]]:
    """``MIX`` and the share of every other registered kind that has a demo."""
    import importlib

    mix = list(MIX)
    for name, kind in KINDS.items():
        if name in dict(MIX) or not kind.module:
            continue
        module = importlib.import_module(kind.module)
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

    def make(self, kind: str, on: dt.date, finish: bool) -> None:
        """One record of ``kind`` from ``on``: this class's method, or the kind's ``demo``."""
        method = getattr(self, kind, None)
        if method is not None:
            method(on, finish)
            return
        import importlib

        importlib.import_module(KINDS[kind].module).demo(self, on, finish)

    def examples(self) -> int:
        """Make the records of every kind's ``demo_examples``; how many were made."""
        import importlib

        before = sum(self.summary.counts.values())
        for kind in KINDS.values():
            module = importlib.import_module(kind.module) if kind.module else None
            if hasattr(module, "demo_examples"):
                module.demo_examples(self)
        return sum(self.summary.counts.values()) - before

    def count(self, kind: str, on: dt.date) -> None:
        self.summary.counts[kind] = self.summary.counts.get(kind, 0) + 1
        if self.summary.first is None or on < self.summary.first:
            self.summary.first = on
        if self.summary.last is None or on > self.summary.last:
            self.summary.last = on

    # -- the kinds --------------------------------------------------------

    def inquiry(self, on: dt.date, finish: bool = True) -> None:
        from township.kinds import inquiry as inq

        roll = self.rng.random()
        channel = (
            "web" if roll < 0.15 else "phone" if roll < 0.4 else "letter" if roll < 0.5 else "visit"
        )
        dept = self.rng.choice(DEPTS)
        services = sorted(self.config.services)
        apply = bool(services) and self.rng.random() < 0.2
        kwargs: dict[str, object] = {}
        if apply:
            kwargs = {
                "type_": "apply",
                "service": self.rng.choice(services),
                "materials": ["申请书", "户口簿复印件", "收入证明"],
                "pages": self.rng.randint(3, 12),
            }
        record = inq.log_inquiry(
            self.tx,
            name=self.person(),
            matter=self.rng.choice(MATTERS),
            contact=self.phone(),
            channel=channel,
            dept=dept,
            on=on,
            today=on,
            actor=self.clerk(),
            env=self.env,
            **kwargs,  # type: ignore[arg-type]
        )
        self.count("inquiry", on)
        rid, actor = record["id"], record["receiver"]
        if not finish:
            return
        if apply and self.rng.random() < 0.3:
            notified = self.later(on, 0, 1)
            if not self.done(notified):
                return
            inq.notify_inquiry(
                self.tx,
                rid,
                items=["户口簿复印件", "收入证明"],
                on=notified,
                today=notified,
                actor=actor,
                env=self.env,
            )
            supplied = self.later(notified, 1, 6)
            if not self.done(supplied):
                return
            inq.record_supplied(
                self.tx,
                rid,
                materials=["户口簿复印件", "收入证明"],
                on=supplied,
                today=supplied,
                actor=actor,
                env=self.env,
            )
            on = supplied
        if self.rng.random() < 0.1:
            referred = self.later(on, 0, 1)
            if not self.done(referred):
                return
            inq.refer_inquiry(
                self.tx,
                rid,
                to_dept=self.rng.choice(DEPTS),
                on=referred,
                today=referred,
                actor=actor,
                env=self.env,
            )
            on = referred
        closed = self.later(on, 0, 8 if channel == "web" else 12)
        if self.done(closed):
            inq.close_inquiry(
                self.tx,
                rid,
                result="已答复并办结",
                on=closed,
                today=closed,
                actor=actor,
                env=self.env,
            )

    def complaint(self, on: dt.date, finish: bool = True) -> None:
        from township.kinds import complaint as cmp

        anonymous = self.rng.random() < 0.15
        record = cmp.register_complaint(
            self.tx,
            complainant=None if anonymous else self.person(),
            contact=self.phone(),
            anonymous=anonymous,
            against=self.rng.choice(DEPTS),
            category=self.rng.randint(1, 6),
            summary=self.rng.choice(COMPLAINTS),
            on=on,
            today=on,
            actor=self.clerk(),
            env=self.env,
        )
        self.count("complaint", on)
        if not finish:
            return
        rid, actor = record["id"], self.clerk()
        assigned = self.later(on, 0, 2)
        if not self.done(assigned):
            return
        cmp.assign_complaint(
            self.tx,
            rid,
            dept="党政办",
            person=self.clerk(),
            on=assigned,
            today=assigned,
            actor=actor,
            env=self.env,
        )
        resolved = self.later(assigned, 3, 18)
        if self.done(resolved):
            finding = "substantiated" if self.rng.random() < 0.4 else "unsubstantiated"
            cmp.resolve_complaint(
                self.tx,
                rid,
                finding=finding,
                action="已约谈当事人并向投诉人反馈"
                if finding == "substantiated"
                else "经核查不属实，已向投诉人说明",
                on=resolved,
                today=resolved,
                actor=actor,
                env=self.env,
            )

    def petition(self, on: dt.date, finish: bool = True) -> None:
        from township.kinds import petition as pet

        clerk = self.clerk()
        values = {"petitioner": self.person(), "matter": self.rng.choice(PETITIONS)}
        values |= {"contact": self.phone(), "dept": "综治办", "person": clerk}
        at = {"actor": self.clerk(), "env": self.env}
        record = pet.MACHINE.take(self.tx, "receive", None, values, on=on, today=on, **at)
        self.count("petition", on)
        if not finish:
            return
        rid, actor = record["id"], record["responsible"]["person"] or self.clerk()
        at["actor"] = actor
        answered = on + dt.timedelta(days=self.rng.randint(2, 16))
        if not self.done(answered):
            return
        if self.rng.random() < 0.1:
            reason = {"reason": "不属于信访受理范围，已告知向法院起诉"}
            pet.MACHINE.take(self.tx, "decline", rid, reason, on=answered, today=answered, **at)
            return
        pet.MACHINE.take(self.tx, "accept", rid, {}, on=answered, today=answered, **at)
        concluded = answered + dt.timedelta(days=self.rng.randint(15, 66))
        if self.done(concluded):
            result = {"result": "已协调解决并书面答复信访人"}
            pet.MACHINE.take(self.tx, "conclude", rid, result, on=concluded, today=concluded, **at)

    # -- the report's showcase --------------------------------------------

    def working_days_before(self, n: int) -> dt.date:
        """The day ``n`` working days before today (today itself if n is 0)."""
        day = self.today
        while n > 0:
            day -= dt.timedelta(days=1)
            if self.calendar.is_workday(day):
                n -= 1
        return day

    def showcase(self) -> None:
        """Open records placed so that the report has every state."""
        # complaint-handling is 15 working days (or as configured) from receipt.
        from township.book.rules import period

        handling = period("complaint-handling", self.config.rules)
        for late in (self.config.serious_after + 3, 2):  # seriously overdue, overdue
            self.complaint(self.working_days_before(handling + late), finish=False)
        # A web inquiry is answered within web-reply: due today, due soon.
        reply = period("web-reply", self.config.rules)
        for ahead in (0, 1):
            self.inquiry_web(self.working_days_before(reply - ahead))

    def inquiry_web(self, on: dt.date) -> None:
        from township.kinds import inquiry as inq

        inq.log_inquiry(
            self.tx,
            name=self.person(),
            matter="网上咨询：" + self.rng.choice(MATTERS),
            contact=self.phone(),
            channel="web",
            dept=self.rng.choice(DEPTS),
            on=on,
            today=on,
            actor=self.clerk(),
            env=self.env,
        )
        self.count("inquiry", on)


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
        template = template.replace('name = "某某镇人民政府"', f'name = "{DEMO_TOWNSHIP}"')
        # The demo township publishes one service, so applications and their
        # one-time notices can be shown (the help's inquiry examples use it).
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
