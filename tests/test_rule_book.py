"""The rule book and kind declarations.

``township rules`` lists the rule book with the numbers in force; the
generated docs/rules.md stays current; the toy kind of the developer guide
(tests/toy_kind.py: one rule, two declared steps, one personal field; its
commands derived) works in list, show, amend, masking, export, the daily
report, the demo and ``township check`` with nothing wired by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CLERK, Invoke, d, take

from commands import cli
from township.book import registry as kinds
from township.book import rules
from township.calendar import WorkCalendar
from township.i18n import Text
from township.steps.machine import Env, deadlines
from township.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import rules_reference  # noqa: E402


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output + result.stderr
    return result


def test_docs_rules_md_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_reference.reference(), (
        "docs/rules.md is stale: run `python tools/rules_reference.py`"
    )


def test_every_rule_has_labels_clause_and_a_unit() -> None:
    for rule in rules.RULES.values():
        assert rule.label.zh and rule.label.en, rule.id
        assert rule.clause.zh and rule.clause.en, rule.id
        assert rule.unit in rules.UNITS, rule.id
        # A clause names the part of the compilation it comes from (制度 / 方案).
        assert "制度" in rule.clause.zh or "方案" in rule.clause.zh, rule.id


def test_rules_json_shape(run: Invoke) -> None:
    data = json.loads(ok(run("rules", "--format", "json")).stdout)
    keys = {"rule", "kind", "label", "n", "unit", "starts", "meets", "owner", "clause"}
    assert all(keys | {"local_default", "overridden"} <= set(r) for r in data)
    by_id = {r["rule"]: r for r in data}
    assert by_id["appeal-window"]["n"] == 15 and by_id["appeal-window"]["owner"] == "subject"
    assert by_id["complaint-handling"]["local_default"] is True
    assert by_id["petition-acceptance"]["unit"] == "day"


def test_rules_show_the_number_in_force(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "township.toml").write_text('name = "某某镇"\n[rules]\nappeal-window = 20\n')
    data = json.loads(ok(run("rules", "--kind", "case", "--format", "json")).stdout)
    window = next(r for r in data if r["rule"] == "appeal-window")
    assert (window["n"], window["overridden"]) == (20, True)
    table = ok(run("rules", "--kind", "case")).stdout
    assert "20 个工作日（已调整）" in table


def test_rules_of_an_unknown_kind_are_refused(run: Invoke) -> None:
    result = run("rules", "--kind", "bogus")
    assert result.exit_code == 2
    assert "inquiry" in result.stderr


# -- the toy kind: the developer guide's worked example ----------------------------
# Its roster line and rule are tests/toy_book.py, its declaration (with its
# Chinese and its group's help) and demo tests/toy_kind.py; its commands are
# derived: what docs/developer/adding-a-kind.md shows.


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Register the toy kind as its product files would, and take it away afterwards.

    Each line stands for one product line of the guide: the roster line and the
    rule; the module path points at the tests' file. Nothing registers its
    commands: the root derives the group of every kind of the roster.
    """
    import toy_book

    from commands import locale

    kind = toy_book.REGISTRY_LINE.replace(module="toy_kind")
    monkeypatch.setitem(kinds.KINDS, "toy", kind)
    monkeypatch.setitem(kinds.BY_PREFIX, "TOY", kind)
    monkeypatch.setitem(rules.RULES, "toy-reply", toy_book.RULE)
    yield
    cli.commands.pop("toy", None)
    kinds._SPECS.pop("toy", None)
    for path in [p for p in locale.DERIVED if p == "toy" or p.startswith("toy ")]:
        del locale.DERIVED[path]


def _open_toy(store: Store, on: dt.date, today: dt.date, config: str = "") -> str:
    """A visit opened through the declared step, as its derived command opens it."""
    env = Env(WorkCalendar(), {"toy-reply": int(config)} if config else {})
    values = {"visitor": "李秀英", "matter": "咨询低保政策", "dept": "党政办"}
    with store.transaction(CLERK, "toy open") as tx:
        record = take(tx, "toy", "open", **values, on=on, today=today, env=env)
    return str(record["id"])


def _configure(data_dir: Path, rules_table: str = "") -> None:
    """The office's own name, hotline and number patterns (not the template's): check passes."""
    patterns = "".join(
        f'{key} = "青{n}〔{{year}}〕{{n}}号"\n'
        for n, key in enumerate(
            ("case-decision", "supervision-notice", "petition-notice", "denial-notice")
        )
    )
    text = 'name = "青山镇人民政府"\nhotline = "0832-1234567"\n' + rules_table
    text += "\n[documents]\n" + patterns
    (data_dir / "township.toml").write_text(text, encoding="utf-8")


def test_a_declared_kind_works_everywhere(toy: None, run: Invoke, data_dir: Path) -> None:
    ok(run("init"))
    _configure(data_dir)
    # The derived command (no module holds it). Opened Fri 2026-02-13:
    # 5 working days skip the Spring Festival break (02-15..02-23 rest, 02-14 and
    # 02-28 make-up Saturdays): 02-14, 02-24, 02-25, 02-26, 02-27 -> due 2026-02-27.
    opened = ok(
        run("toy", "open", "--visitor", "李秀英", "--matter", "咨询低保政策", "--on", "2026-02-13")
    ).stdout
    rid = opened.splitlines()[0]
    assert rid == "TOY-2026-0001" and "2026-02-27" in opened

    listed = ok(run("toy", "list")).stdout
    assert "TOY-2026-0001" in listed and "李**" in listed and "李秀英" not in listed
    assert "2026-02-27" in listed and "逾期" in listed

    shown = json.loads(ok(run("toy", "show", rid, "--format", "json")).stdout)
    assert shown["visitor"] == "李**" and shown["opened"] == "2026-02-13"
    [deadline] = shown["deadlines"]
    assert (deadline["rule"], deadline["due"], deadline["state"]) == (
        "toy-reply",
        "2026-02-27",
        "overdue",
    )
    revealed = json.loads(ok(run("toy", "show", rid, "--reveal", "--format", "json")).stdout)
    assert revealed["visitor"] == "李秀英"
    assert "reveal" in ok(run("audit", "log", rid)).stdout

    ok(run("amend", rid, "--set", "matter=咨询临时救助", "--reason", "登记有误"))
    assert json.loads(ok(run("toy", "show", rid, "--format", "json")).stdout)["matter"] == (
        "咨询临时救助"
    )

    exported = ok(run("export", "toy", "--format", "csv")).stdout
    assert "TOY-2026-0001" in exported and "李秀英" not in exported

    report = json.loads(ok(run("overdue", "--format", "json")).stdout)
    item = next(i for i in report if i["id"] == rid)
    # Due Fri 02-27; on Mon 03-02 it is 2 working days late (Sat 02-28 is a make-up
    # working day, then 03-02).
    assert (item["kind"], item["rule"], item["state"], item["workdays_late"]) == (
        "toy",
        "toy-reply",
        "overdue",
        2,
    )

    # The second derived step: its confirmation, the clock met late.
    closed = ok(run("toy", "close", rid, "--reply", "已告知办理流程")).stdout
    assert closed.startswith("TOY-2026-0001 已答复办结")
    shown = json.loads(ok(run("toy", "show", rid, "--format", "json")).stdout)
    assert (shown["status"], shown["reply"]) == ("closed", "已告知办理流程")
    assert shown["deadlines"][0]["state"] == "late"

    # township check sees the toy (its kind and its rule counted with the product's)
    # and finds its declaration whole.
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    assert "toy" in kinds.KINDS and "toy-reply" in rules.RULES
    assert f"{len(kinds.KINDS)} 个类别、{len(rules.RULES)} 条规则" in checked.stdout


def test_the_toy_commands_speak_chinese_and_english(toy: None, run: Invoke) -> None:
    root = ok(run("--help")).stdout
    assert "来访答复。" in root
    group = ok(run("toy", "--help")).stdout
    assert "来访答复：每次来访按期答复" in group and "登记一次来访" in group
    opened = ok(run("toy", "open", "--help")).stdout
    assert "登记一次来访；答复期限见 township rules --kind toy。" in opened
    assert "--visitor NAME" in opened and "来访人" in opened and "来访事项" in opened
    english = ok(run("toy", "close", "--help", lang="en")).stdout
    assert "Close a visit with the reply given." in english and "--reply" in english
    missing = run("toy", "close", "TOY-2026-0001")
    assert missing.exit_code == 2 and "缺少选项「--reply」。" in missing.stderr


def test_a_misspelt_step_of_the_toy_fails_township_check(
    toy: None, run: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toy_book

    ok(run("init"))
    _configure(data_dir)
    monkeypatch.setitem(
        rules.RULES, "toy-reply", dataclasses.replace(toy_book.RULE, meets=("clsoe",))
    )
    result = run("check")
    assert result.exit_code == 3
    assert "规则 toy-reply 的完成步骤「clsoe」不是类别 toy 声明的步骤" in result.stdout
    assert "是不是「close」？" in result.stdout


def test_the_toy_takes_part_in_the_demo_and_its_examples_run(
    toy: None, run: Invoke, data_dir: Path
) -> None:
    import shlex

    import toy_kind

    ok(run("init", "--demo", "--size", "60"))
    records = json.loads(ok(run("export", "toy", "--format", "json")).stdout)
    assert records and records[0]["id"] == "TOY-2026-0001"
    assert (records[0]["status"], records[0]["visitor"]) == ("open", "冯**")  # masked
    examples = [s.example for s in toy_kind.SPEC.steps]
    lines = [line.strip() for line in ok(run("toy", "--help")).stdout.splitlines()]
    examples += [line for line in lines if line.startswith("township ")]
    assert len(examples) == 4
    for example in examples:
        args = shlex.split(example)
        assert args[0] == "township", example
        ok(run(*args[1:]))


def test_the_machine_refuses_out_of_order_and_names_the_next_step(toy: None, store: Store) -> None:
    from township.errors import StepOutOfOrder

    rid = _open_toy(store, d("2026-02-13"), d("2026-03-02"))
    env = Env(WorkCalendar())
    with store.transaction(CLERK, "toy close") as tx:
        take(
            tx,
            "toy",
            "close",
            rid,
            reply="已答复",
            on=d("2026-03-02"),
            today=d("2026-03-02"),
            env=env,
        )
    with pytest.raises(StepOutOfOrder) as caught, store.transaction(CLERK, "t") as tx:
        take(
            tx,
            "toy",
            "close",
            rid,
            reply="再答复",
            on=d("2026-03-02"),
            today=d("2026-03-02"),
            env=env,
        )
    assert "无（已结束）" in caught.value.message_in("zh")
    # Closing met the deadline late: due 02-27, met 03-02.
    stored = store.get(rid)
    assert stored["clocks"][0]["met_on"] == "2026-03-02"


def test_a_declared_input_is_checked_before_writing(toy: None, store: Store) -> None:
    from township.errors import BadInput

    with pytest.raises(BadInput) as caught, store.transaction(CLERK, "toy open") as tx:
        take(
            tx, "toy", "open", visitor="　", matter="m", on=d("2026-03-02"), today=d("2026-03-02"),
            env=Env(WorkCalendar()),
        )  # fmt: skip
    assert "来访人不能为空" in caught.value.message_in("zh")
    assert not (store.data_dir / "toys").exists()


def test_a_deadline_past_the_calendar_is_refused_before_writing(toy: None, store: Store) -> None:
    from township.errors import BadInput

    env = Env(WorkCalendar(), {"toy-reply": 10**6})
    with pytest.raises(BadInput), store.transaction(CLERK, "toy open") as tx:
        take(
            tx, "toy", "open", visitor="李秀英", matter="m", on=d("2026-03-02"),
            today=d("2026-03-02"), env=env,
        )  # fmt: skip
    assert not (store.data_dir / "toys").exists()


def test_month_periods_end_on_the_same_day_or_the_month_end() -> None:
    from township.steps.machine import add_months, add_period

    # 民法典 第二百零二条: 31 January + 1 month -> 28 February (no 31st); 2028 is a leap year.
    assert add_months(d("2027-01-31"), 1) == d("2027-02-28")
    assert add_months(d("2028-01-31"), 1) == d("2028-02-29")
    assert add_months(d("2026-11-30"), 3) == d("2027-02-28")
    assert add_months(d("2026-12-15"), 1) == d("2027-01-15")
    # 2026-01-31 + 1 month = Sat 2026-02-28, a make-up working day of the 2026 Spring
    # Festival schedule -> due that day.
    assert add_period(WorkCalendar(), d("2026-01-31"), 1, "month").date == d("2026-02-28")
    # 2026-08-31 + 1 month = 2026-09-30 (Wed), a working day.
    assert add_period(WorkCalendar(), d("2026-08-31"), 1, "month").date == d("2026-09-30")
    # 2025-09-01 + 1 month = 2025-10-01, National Day; rest through 10-08 -> 10-09.
    assert add_period(WorkCalendar(), d("2025-09-01"), 1, "month").date == d("2025-10-09")


# -- a rule started by several steps --------------------------------------------


def test_starts_takes_one_step_or_several() -> None:
    # A single string is kept as a one-step tuple.
    assert rules.Rule("r", "toy", Text("", ""), 1, "day", "open", (), Text("", "")).starts == (
        "open",
    )
    assert rules.RULES["dispute-mediation"].starts == ("route", "package")
    assert rules.RULES["party-notice"].starts == ("route", "resolve", "refer-up")
    assert rules.RULES["task-progress"].starts == ("receive", "progress")
    assert rules.RULES["service-commitment"].starts == ("log", "supplied")
    # A recurring duty has no starting step.
    assert rules.RULES["dispute-sweep"].starts == ()
    assert rules.RULES["party-notice"].started_by("refer-up")
    assert not rules.RULES["party-notice"].started_by("notify")


def test_rules_json_lists_the_starting_steps_of_every_rule(run: Invoke) -> None:
    data = json.loads(ok(run("rules", "--format", "json")).stdout)
    assert all(isinstance(r["starts"], list) for r in data)
    by_id = {r["rule"]: r for r in data}
    assert by_id["dispute-mediation"]["starts"] == ["route", "package"]
    assert by_id["web-reply"]["starts"] == ["log"]
    assert by_id["office-meeting"]["starts"] == []
    # The table names the steps by their labels (the kinds' declarations), JSON by key.
    table = ok(run("rules", "--kind", "dispute")).stdout
    assert "分流至部门调处、领导包案" in table and "化解办结、上报县级" in table
    assert "route" not in table and "refer-up" not in table
    english = ok(run("rules", "--kind", "dispute", lang="en")).stdout
    assert "routed to an office, packaged to a leader" in english
    assert "resolved, referred to the county" in english
    # A duty met by another kind's step names that kind.
    duties = ok(run("rules", "--kind", "duty")).stdout
    assert "完成、通报·印发通报" in duties and "circular issue" not in duties


def test_the_machine_starts_a_rule_on_any_of_its_steps(
    toy: None, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        rules.RULES,
        "toy-follow-up",
        rules.Rule(
            "toy-follow-up",
            "toy",
            Text("回访", "follow up"),
            3,
            "day",
            ("open", "close"),
            (),
            Text("测试制度 2：3日内回访", "测试制度 2"),
        ),
    )
    rid = _open_toy(store, d("2026-03-02"), d("2026-03-04"))
    env = Env(WorkCalendar())
    with store.transaction(CLERK, "toy close") as tx:
        take(tx, "toy", "close", rid, reply="r", on=d("2026-03-04"), today=d("2026-03-04"), env=env)
    clocks = [(c["rule"], c["trigger"], c["n"]) for c in store.get(rid)["clocks"]]
    # `open` started toy-reply and toy-follow-up; `close` met toy-reply and started
    # toy-follow-up again (it is one of its two starting steps).
    assert clocks == [
        ("toy-reply", "2026-03-02", 5),
        ("toy-follow-up", "2026-03-02", 3),
        ("toy-follow-up", "2026-03-04", 3),
    ]
    found = deadlines(store.get(rid), env.calendar, d("2026-03-04"))
    due = [(f.rule.id, f.due) for f in found if f.rule.id == "toy-follow-up"]
    # 3 calendar days: Mon 03-02 + 3 = Thu 03-05 (a working day); Wed 03-04 + 3 =
    # Sat 03-07, a rest day -> Mon 2026-03-09.
    assert due == [("toy-follow-up", d("2026-03-05")), ("toy-follow-up", d("2026-03-09"))]


def test_package_and_refer_up_start_their_clocks_from_the_rule_book(run: Invoke) -> None:
    ok(run("init"))

    def dispute(*args: str, on: str) -> str:
        return ok(run("dispute", *args, "--on", on, today="2026-03-10")).stdout

    dispute("register", "--summary", "宅基地界址", "--parties", "赵某、钱某", on="2026-03-02")
    dispute(
        "package", "DSP-2026-0001", "--leader", "镇长 何某", "--approved-by", "书记 林某",
        "--days", "10", on="2026-03-02",
    )  # fmt: skip
    dispute("refer-up", "DSP-2026-0001", "--to", "县综治办", on="2026-03-06")
    shown = json.loads(
        ok(run("dispute", "show", "DSP-2026-0001", "--format", "json", today="2026-03-10")).stdout
    )
    due = {x["rule"]: (x["trigger"], x["due"]) for x in shown["deadlines"]}
    # package on Mon 03-02 with --days 10: 03-12 (Thu, a working day);
    # refer-up on Fri 03-06 starts party-notice: 3 days -> Mon 03-09.
    assert due == {
        "dispute-mediation": ("2026-03-02", "2026-03-12"),
        "party-notice": ("2026-03-06", "2026-03-09"),
    }


# -- the clause under the rules in force -----------------------------------------


def test_clause_in_force_adds_the_number_set_in_township_toml() -> None:
    investigation = rules.RULES["investigation"]
    assert rules.clause_in_force(investigation) == investigation.clause
    assert rules.clause_in_force(investigation, {"investigation": 10}) == investigation.clause
    shown = rules.clause_in_force(investigation, {"investigation": 12, "delivery": 5})
    assert shown.zh == (
        "权力查究问责制度·行政问责制 8：调查组应在10个工作日内完成调查，"
        "情况复杂的，经批准可延长10个工作日（本镇现行 12 个工作日）"
    )
    assert shown.en.endswith("(in force here: 12 working days)")
    petition = rules.RULES["petition-acceptance"]
    assert rules.clause_in_force(petition, {"petition-acceptance": 20}).zh.endswith(
        "（本镇现行 20 日）"
    )
    # Another rule's override, or a rule with no number of its own, leaves it alone.
    assert rules.clause_in_force(petition, {"investigation": 12}) == petition.clause
    sweep = rules.RULES["dispute-sweep"]
    assert rules.clause_in_force(sweep, {"dispute-sweep": 10}) == sweep.clause


def test_show_and_the_report_print_the_number_in_force_beside_the_clause(
    toy: None, store: Store, run: Invoke, data_dir: Path
) -> None:
    ok(run("init"))
    config = data_dir / "township.toml"
    config.write_text('name = "某某镇"\n[rules]\ntoy-reply = 7\n', encoding="utf-8")
    _open_toy(store, d("2026-02-13"), d("2026-03-04"), config="7")
    # Opened Fri 02-13, 7 working days: 02-14 (make-up Saturday), 02-24, 02-25, 02-26,
    # 02-27, 02-28 (make-up Saturday), 03-02 -> due Mon 2026-03-02; overdue on 03-04.
    shown = ok(run("toy", "show", "TOY-2026-0001", today="2026-03-04")).stdout
    assert "2026-03-02" in shown
    assert "测试制度 1：5个工作日内答复来访人（本镇现行 7 个工作日）" in shown
    shown_en = ok(run("toy", "show", "TOY-2026-0001", today="2026-03-04", lang="en")).stdout
    assert "测试制度 1 (reply within 5 working days) (in force here: 7 working days)" in shown_en
    # The clause is in --format plain and JSON (a table leaves it out to fit 120 columns).
    report = ok(run("overdue", "--format", "plain", today="2026-03-04")).stdout
    assert "TOY-2026-0001" in report
    assert "测试制度 1：5个工作日内答复来访人（本镇现行 7 个工作日）" in report
    (item,) = json.loads(ok(run("overdue", "--format", "json", today="2026-03-04")).stdout)
    assert item["clause"] == "测试制度 1：5个工作日内答复来访人（本镇现行 7 个工作日）"

    # Without the override the quote stands alone.
    config.write_text('name = "某某镇"\n', encoding="utf-8")
    shown = ok(run("toy", "show", "TOY-2026-0001", today="2026-03-04")).stdout
    assert "测试制度 1：5个工作日内答复来访人" in shown and "本镇现行" not in shown
