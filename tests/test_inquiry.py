"""The inquiry library (township.kinds.inquiry): steps, deadlines, refusals, documents.

Every expected due date is derived by hand from the rule and the official
calendar (chinese-calendar 1.11) in a comment next to it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from typing import Any

import pytest
from conftest import take

from township.book.registry import KINDS
from township.calendar import WorkCalendar
from township.config import Config
from township.errors import BadInput, NotFound, StepOutOfOrder
from township.kinds import inquiry as inq
from township.steps.machine import Env, deadlines
from township.storage.store import Store
from township.views.privacy import audit_reveals, masked

CLERK = "王芳"
CONFIG = Config(
    name="某某镇人民政府",
    hotline="0832-3580006",
    services={"最低生活保障申请": 10, "临时救助申请": 5},
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def log(store: Store, today: str = "2026-03-02", **kwargs: Any) -> dict:
    """Log an inquiry (default: a visit on ``today``) and return the new record."""
    kwargs.setdefault("name", "张三")
    kwargs.setdefault("matter", "低保政策咨询")
    on = d(kwargs.pop("on", today))
    config = kwargs.pop("config", CONFIG)
    env = Env(WorkCalendar(), dict(config.rules), config)
    with store.transaction(CLERK, "inquiry log") as tx:
        return take(tx, "inquiry", "log", on=on, today=d(today), actor=CLERK, env=env, **kwargs)


def step(store: Store, name: str, record_id: str, on: str, today: str = "2026-03-02", **kw: Any):
    """Take the step ``name`` on ``record_id`` in its own transaction, as its command does."""
    kw.setdefault("env", Env(WorkCalendar(), {}, CONFIG))
    with store.transaction(CLERK, f"inquiry {name}") as tx:
        return take(tx, "inquiry", name, record_id, on=d(on), today=d(today), actor=CLERK, **kw)


def due_of(record: dict, rule: str, calendar: WorkCalendar, today: str) -> dict:
    found = [x.as_json() for x in deadlines(record, calendar, d(today)) if x.rule.id == rule]
    assert len(found) == 1, found
    return found[0]


def audit_lines(store: Store) -> list[dict]:
    if not store.audit_path.exists():
        return []
    return [json.loads(line) for line in store.audit_path.read_text("utf-8").splitlines()]


# -- log and the web-reply deadline ------------------------------------------


def test_log_records_the_first_contact_and_the_receiver_is_responsible(store: Store) -> None:
    record = log(store, unit="东村", contact="13812345678", channel="phone", dept="党政办")
    assert record["id"] == "INQ-2026-0001"
    stored = store.get("INQ-2026-0001")
    assert stored["name"] == "张三" and stored["unit"] == "东村"
    assert stored["channel"] == "phone" and stored["type"] == "consult"
    assert stored["receiver"] == CLERK
    assert stored["responsible"] == {"person": CLERK, "dept": "党政办"}
    assert stored["status"] == "open"
    assert [e["action"] for e in stored["events"]] == ["log"]
    assert stored["clocks"] == []  # a phone consultation has no deadline


def test_receiver_can_differ_from_the_clerk(store: Store) -> None:
    record = log(store, receiver="李娟")
    assert record["receiver"] == "李娟"
    assert record["responsible"]["person"] == "李娟"
    assert record["actor"] == CLERK


def test_web_inquiry_is_due_five_working_days_later_across_national_day(
    store: Store, calendar: WorkCalendar
) -> None:
    record = log(store, today="2025-09-26", channel="web")
    # 2025-09-26 (Fri) + 5 working days: 09-28 (Sun) is a make-up working day,
    # 10-01..10-08 are off -> 09-28, 09-29, 09-30, 10-09, 10-10 -> 2025-10-10.
    deadline = due_of(record, "web-reply", calendar, "2025-09-26")
    assert deadline["trigger"] == "2025-09-26"
    assert deadline["due"] == "2025-10-10"
    assert deadline["state"] == "open"


def test_web_reply_period_can_be_overridden(store: Store, calendar: WorkCalendar) -> None:
    config = Config(rules={"web-reply": 3})
    record = log(store, channel="web", config=config)
    # 2026-03-02 (Mon) + 3 working days -> 03-03, 03-04, 03-05 -> 2026-03-05.
    assert due_of(record, "web-reply", calendar, "2026-03-02")["due"] == "2026-03-05"


def test_log_with_a_result_is_closed_on_the_spot(store: Store, calendar: WorkCalendar) -> None:
    record = log(store, channel="web", result="已当场答复")
    assert record["status"] == "closed"
    assert record["closed_on"] == "2026-03-02"
    assert due_of(record, "web-reply", calendar, "2026-03-02")["state"] == "met"


def test_log_refuses_a_future_date_and_writes_nothing(store: Store) -> None:
    with pytest.raises(BadInput, match="2026-03-03"):
        log(store, on="2026-03-03")
    assert audit_lines(store) == []


@pytest.mark.parametrize(
    ("kwargs", "zh", "en"),
    [
        ({"name": ""}, "--name", "--name"),
        # Text that shows nothing is no name (zero-width space, ideographic space).
        ({"name": "\u200b"}, "--name", "--name"),
        ({"name": "\u3000\u3000"}, "--name", "--name"),
        ({"matter": " "}, "咨询或办理事项不能为空", "what they asked or applied for must not be"),
        ({"matter": "\u200b\u3000"}, "咨询或办理事项不能为空", "must not be empty"),
        ({"channel": "fax"}, "fax", "fax"),
        ({"type": "gossip"}, "gossip", "gossip"),
        ({"against": "赵某"}, "--against", "--against"),
        ({"category": 3}, "--category", "--category"),
        ({"anonymous": True, "name": None}, "--anonymous", "--anonymous"),
        ({"type": "complaint"}, "--against", "--against"),
        ({"type": "complaint", "against": "赵某", "category": 9}, "9", "9"),
        ({"type": "report", "against": "赵某", "anonymous": True}, "--name", "--name"),
        ({"pages": 3}, "--pages", "--pages"),
        ({"material": ["申请书"], "pages": 0}, "页数", "pages"),
    ],
)
def test_log_refuses_bad_input(store: Store, kwargs: dict, zh: str, en: str) -> None:
    with pytest.raises(BadInput) as err:
        log(store, **kwargs)
    assert zh in err.value.message_in("zh")
    assert en in err.value.message_in("en")
    assert audit_lines(store) == []


# -- services: the committed period -------------------------------------------


def test_unknown_service_is_refused_listing_the_catalogue(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        log(store, type="apply", service="宅基地审批")
    text = err.value.message_in("zh")
    assert "宅基地审批" in text and "最低生活保障申请" in text and "临时救助申请" in text


def test_service_with_an_empty_catalogue_says_where_to_add_it(store: Store) -> None:
    with pytest.raises(BadInput, match=r"\[services\]"):
        log(store, type="apply", service="临时救助申请", config=Config())


def test_service_needs_type_apply(store: Store) -> None:
    with pytest.raises(BadInput, match="--type apply"):
        log(store, service="临时救助申请")


def test_application_starts_the_commitment_from_the_log_date(
    store: Store, calendar: WorkCalendar
) -> None:
    record = log(
        store,
        today="2026-02-12",
        type="apply",
        service="最低生活保障申请",
        dept="民政办",
        material=["身份证复印件:2", "户口簿：4页"],
    )
    # 2026-02-12 (Thu) + 10 working days across the Spring Festival: 02-14 (Sat)
    # and 02-28 (Sat) are make-up working days, 02-15..02-23 are off ->
    # 02-13, 02-14, 02-24, 02-25, 02-26, 02-27, 02-28, 03-02, 03-03, 03-04.
    deadline = due_of(record, "service-commitment", calendar, "2026-02-12")
    assert (deadline["trigger"], deadline["due"]) == ("2026-02-12", "2026-03-04")
    assert record["service_days"] == 10
    assert record["received"] == [
        {
            "on": "2026-02-12",
            "items": [{"name": "身份证复印件", "pages": 2}, {"name": "户口簿", "pages": 4}],
            "pages": 6,
        }
    ]


def test_notice_stops_the_clock_and_supplied_restarts_it(
    store: Store, calendar: WorkCalendar
) -> None:
    rid = log(store, today="2026-02-12", type="apply", service="最低生活保障申请")["id"]
    notified = step(store, "notify", rid, "2026-02-13", item=["收入证明", "银行卡复印件"])
    assert notified["status"] == "notified"
    assert notified["clocks"] == []  # materials incomplete: the period has not started
    assert notified["events"][-1]["stopped_clock"] == "2026-02-12"
    supplied = step(store, "supplied", rid, "2026-02-25", material=["收入证明:1", "银行卡复印件:1"])
    assert supplied["status"] == "open"
    assert supplied["materials_complete_on"] == "2026-02-25"
    # 2026-02-25 (Wed) + 10 working days; 02-28 (Sat) is a make-up working day ->
    # 02-26, 02-27, 02-28, 03-02, 03-03, 03-04, 03-05, 03-06, 03-09, 03-10.
    deadline = due_of(supplied, "service-commitment", calendar, "2026-03-02")
    assert (deadline["trigger"], deadline["due"]) == ("2026-02-25", "2026-03-10")


def test_extension_runs_from_the_current_due_date(store: Store, calendar: WorkCalendar) -> None:
    rid = log(store, today="2026-03-02", type="apply", service="临时救助申请")["id"]
    # 2026-03-02 (Mon) + 5 working days -> 03-03, 03-04, 03-05, 03-06, 03-09.
    assert due_of(store.get(rid), "service-commitment", calendar, "2026-03-02")["due"] == (
        "2026-03-09"
    )
    record = step(
        store,
        "extend",
        rid,
        "2026-03-05",
        today="2026-03-05",
        approved_by="刘镇长",
        reason="需入户核查家庭收入",
        days=3,
    )
    # 2026-03-09 (Mon) + 3 working days -> 03-10, 03-11, 03-12.
    assert due_of(record, "service-commitment", calendar, "2026-03-05")["due"] == "2026-03-12"
    assert record["extensions"] == [
        {"on": "2026-03-05", "days": 3, "approved_by": "刘镇长", "reason": "需入户核查家庭收入"}
    ]
    assert record["events"][-1]["approved_by"] == "刘镇长"


def test_extensions_as_often_as_approved_as_the_rule_book_says(
    store: Store, calendar: WorkCalendar
) -> None:
    """限时办结制 4 sets no limit: the rule book says so, and the step follows it."""
    from township.book.rules import RULES

    assert RULES["service-commitment"].extension.times is None
    rid = log(store, today="2026-03-02", type="apply", service="临时救助申请")["id"]
    for day, days in (("2026-03-05", 3), ("2026-03-09", 2), ("2026-03-13", 1)):
        record = step(store, "extend", rid, day, today=day, approved_by="刘镇长",
                      reason="需入户核查", days=days)  # fmt: skip
    # due 2026-03-09 (above) + 3 -> 03-12; + 2 -> 03-13, 03-16 -> 03-16; + 1 -> 03-17.
    assert due_of(record, "service-commitment", calendar, "2026-03-13")["due"] == "2026-03-17"
    assert [e["days"] for e in record["extensions"]] == [3, 2, 1]


def test_a_rule_book_limiting_extensions_is_followed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The step reads the book's policy: were it once, a second extension is refused."""
    from dataclasses import replace

    from township.book.rules import RULES, Extension
    from township.i18n import Text

    rule = RULES["service-commitment"]
    once = replace(rule, extension=Extension(1, Text("领导审批", "a leader"), max_n=5))
    monkeypatch.setitem(RULES, "service-commitment", once)
    rid = log(store, type="apply", service="临时救助申请")["id"]
    with pytest.raises(BadInput, match="5"):
        step(store, "extend", rid, "2026-03-02", approved_by="刘", reason="r", days=6)
    step(store, "extend", rid, "2026-03-02", approved_by="刘", reason="r", days=2)
    before = store.get(rid)
    with pytest.raises(StepOutOfOrder, match="1"):
        step(store, "extend", rid, "2026-03-02", approved_by="刘", reason="r", days=2)
    assert store.get(rid) == before


def test_extension_refuses_blank_approver_and_reason(store: Store) -> None:
    rid = log(store, type="apply", service="临时救助申请")["id"]
    with pytest.raises(BadInput, match="批准延期的领导不能为空"):
        step(store, "extend", rid, "2026-03-02", approved_by="\u3000", reason="r", days=2)
    with pytest.raises(BadInput, match="告知申请人的延期理由不能为空"):
        step(store, "extend", rid, "2026-03-02", approved_by="刘", reason="\u200b", days=2)
    with pytest.raises(BadInput, match="延长的工作日数"):
        step(store, "extend", rid, "2026-03-02", approved_by="刘", reason="r", days=0)
    assert store.get(rid)["extensions"] == []


def test_extension_needs_a_running_commitment(store: Store) -> None:
    consult = log(store)["id"]
    with pytest.raises(StepOutOfOrder, match="INQ-2026-0001"):
        step(store, "extend", consult, "2026-03-02", approved_by="刘", reason="r", days=2)
    applied = log(store, type="apply", service="临时救助申请")["id"]
    step(store, "notify", applied, "2026-03-02", item=["收入证明"])
    with pytest.raises(StepOutOfOrder, match="supplied"):
        step(store, "extend", applied, "2026-03-02", approved_by="刘", reason="r", days=2)


def test_supplied_needs_an_outstanding_notice(store: Store) -> None:
    rid = log(store, type="apply", service="临时救助申请")["id"]
    before = store.get(rid)
    with pytest.raises(StepOutOfOrder, match="notify"):
        step(store, "supplied", rid, "2026-03-02")
    assert store.get(rid) == before


# -- one-time notices ---------------------------------------------------------


def test_second_notice_needs_a_reason_and_changes_nothing_when_refused(store: Store) -> None:
    rid = log(store, type="apply", service="临时救助申请")["id"]
    step(store, "notify", rid, "2026-03-02", item=["收入证明", "户口簿复印件"])
    before, lines = store.get(rid), len(audit_lines(store))
    with pytest.raises(StepOutOfOrder) as err:
        step(store, "notify", rid, "2026-03-02", item=["残疾证"])
    assert "--reason" in err.value.message_in("zh") and "仍不齐全" in err.value.message_in("zh")
    assert "--reason" in err.value.message_in("en")
    assert store.get(rid) == before
    assert len(audit_lines(store)) == lines


def test_second_notice_with_a_reason_keeps_which_items_are_new(store: Store) -> None:
    rid = log(store, type="apply", service="临时救助申请")["id"]
    step(store, "notify", rid, "2026-03-02", item=["收入证明", "户口簿复印件"])
    step(store, "supplied", rid, "2026-03-02", material=["收入证明"])
    record = step(
        store,
        "notify",
        rid,
        "2026-03-02",
        item=["户口簿复印件", "残疾证", "残疾证"],
        reason="补交的材料仍不齐全",
    )
    second = record["notices"][1]
    assert second["items"] == ["户口簿复印件", "残疾证"]  # duplicates dropped
    assert second["new"] == ["残疾证"]
    assert second["reason"] == "补交的材料仍不齐全"
    assert record["notices"][0]["reason"] is None
    # the supplied materials were incomplete: the clock started by supplied stops again
    assert record["clocks"] == [] and record["status"] == "notified"


def test_notice_needs_items(store: Store) -> None:
    rid = log(store)["id"]
    for items in ([" "], [], ["\u200b"]):
        with pytest.raises(BadInput, match="尚缺的材料或手续不能为空"):
            step(store, "notify", rid, "2026-03-02", item=items)
    assert store.get(rid)["status"] == "open"


# -- refer, redirect, close ---------------------------------------------------


def test_referral_keeps_the_receiver_responsible_and_moves_the_dept(store: Store) -> None:
    rid = log(store, dept="党政办")["id"]
    record = step(store, "refer", rid, "2026-03-02", to_dept="民政办", to_person="李娟")
    assert record["status"] == "referred"
    assert record["responsible"] == {"person": CLERK, "dept": "民政办"}
    assert record["referrals"][0] == {
        "on": "2026-03-02",
        "dept": "民政办",
        "person": "李娟",
        "note": None,
    }


def test_close_meets_the_deadline_late_after_the_due_date(
    store: Store, calendar: WorkCalendar
) -> None:
    rid = log(store, today="2026-02-12", channel="web")["id"]
    record = step(store, "close", rid, "2026-03-02", result="已电话答复")
    # due 2026-02-12 + 5 working days -> 02-13, 02-14 (Sat, make-up), 02-24, 02-25,
    # 02-26 -> 2026-02-26; closed 03-02: working days after the due date are 02-27,
    # 02-28 (Sat, make-up) and 03-02 -> late by 3.
    deadline = due_of(record, "web-reply", calendar, "2026-03-02")
    assert deadline["due"] == "2026-02-26"
    assert (deadline["state"], deadline["met_on"], deadline["workdays_late"]) == (
        "late",
        "2026-03-02",
        3,
    )
    assert record["status"] == "closed" and record["result"] == "已电话答复"


def test_open_web_inquiry_becomes_overdue_the_day_after(
    store: Store, calendar: WorkCalendar
) -> None:
    rid = log(store, today="2026-03-02", channel="web")["id"]
    # 2026-03-02 (Mon) + 5 working days -> 03-03 .. 03-06, 03-09 -> due 2026-03-09.
    assert due_of(store.get(rid), "web-reply", calendar, "2026-03-09")["state"] == "open"
    assert due_of(store.get(rid), "web-reply", calendar, "2026-03-10")["state"] == "overdue"


def test_redirect_records_the_outside_unit_and_closes(store: Store, calendar: WorkCalendar) -> None:
    rid = log(store, channel="web")["id"]
    record = step(store, "redirect", rid, "2026-03-02", to_unit="县不动产登记中心")
    assert record["status"] == "redirected"
    assert record["redirected_to"] == "县不动产登记中心"
    assert due_of(record, "web-reply", calendar, "2026-03-02")["state"] == "met"


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("close", {"result": "再次办结"}),
        ("refer", {"to_dept": "民政办"}),
        ("redirect", {"to_unit": "县人社局"}),
        ("notify", {"item": ["收入证明"]}),
    ],
)
def test_a_finished_inquiry_takes_no_more_steps(store: Store, name: str, kwargs: dict) -> None:
    rid = log(store)["id"]
    step(store, "close", rid, "2026-03-02", result="已答复")
    with pytest.raises(StepOutOfOrder) as err:
        step(store, name, rid, "2026-03-02", **kwargs)
    assert "INQ-2026-0001" in err.value.message_in("zh") and "已办结" in err.value.message_in("zh")


def test_a_step_before_the_previous_one_is_refused(store: Store) -> None:
    rid = log(store, on="2026-02-27")["id"]
    with pytest.raises(StepOutOfOrder, match="2026-02-27"):
        step(store, "close", rid, "2026-02-26", result="已答复")


def test_unknown_id_is_not_found(store: Store) -> None:
    log(store)
    with pytest.raises(NotFound, match="INQ-2026-0042"):
        step(store, "close", "INQ-2026-0042", "2026-03-02", result="x")


# -- materials ----------------------------------------------------------------


def test_parse_materials() -> None:
    assert inq.parse_materials([], None) is None
    assert inq.parse_materials(["申请书", "照片:1"], None) == {
        "items": [{"name": "申请书", "pages": None}, {"name": "照片", "pages": 1}],
        "pages": None,  # not every item gives its pages
    }
    assert inq.parse_materials(["申请书"], 3)["pages"] == 3
    assert inq.parse_materials(["申请书：2页", "照片:1"], None)["pages"] == 3
    with pytest.raises(BadInput, match="--pages 5"):
        inq.parse_materials(["申请书:2"], 5)
    with pytest.raises(BadInput):
        inq.parse_materials([":2"], None)


# -- documents ----------------------------------------------------------------


def test_notice_text_has_two_copies_with_name_hotline_and_new_items(store: Store) -> None:
    rid = log(store, type="apply", service="临时救助申请", dept="民政办")["id"]
    step(store, "notify", rid, "2026-03-02", item=["收入证明"])
    step(store, "notify", rid, "2026-03-02", item=["残疾证"], reason="情况变化")
    text = inq.notice_text(store.get(rid), CONFIG)
    zh = text.get("zh")
    assert zh.count("某某镇人民政府") == 2 and zh.count("0832-3580006") == 2
    assert "第一联 交当事人" in zh and "第二联 经办人留存" in zh
    assert "1. 残疾证（新增）" in zh and "情况变化" in zh
    assert "INQ-2026-0001-2" in zh
    first = inq.notice_text(store.get(rid), CONFIG, number=1).get("en")
    assert "Copy 1 of 2" in first and "1. 收入证明" in first and "(new)" not in first
    with pytest.raises(BadInput, match="1"):
        inq.notice_text(store.get(rid), CONFIG, number=3)


def test_notice_text_needs_a_notice(store: Store) -> None:
    rid = log(store)["id"]
    with pytest.raises(BadInput, match="notify"):
        inq.notice_text(store.get(rid), CONFIG)


def test_receipt_names_materials_pages_due_date_and_handler(
    store: Store, calendar: WorkCalendar
) -> None:
    rid = log(
        store,
        type="apply",
        service="临时救助申请",
        dept="民政办",
        material=["身份证复印件:2", "申请书:3"],
    )["id"]
    text = inq.receipt_text(store.get(rid), CONFIG, calendar, d("2026-03-02")).get("zh")
    assert "收件回执" in text
    assert "身份证复印件  2 页" in text and "申请书  3 页" in text and "合计页数：5 页" in text
    # 2026-03-02 (Mon) + 5 working days -> 03-03, 03-04, 03-05, 03-06, 03-09.
    assert "办结时间：2026-03-09 前" in text
    assert "经办人：王芳（民政办）" in text


def test_receipt_needs_materials_or_a_service(store: Store, calendar: WorkCalendar) -> None:
    rid = log(store)["id"]
    with pytest.raises(BadInput, match="--material"):
        inq.receipt_text(store.get(rid), CONFIG, calendar, d("2026-03-02"))


# -- listing and privacy ------------------------------------------------------


def test_select_filters(store: Store, calendar: WorkCalendar) -> None:
    a = log(store, channel="web", on="2026-02-26")["id"]
    b = log(store, type="apply", service="临时救助申请")["id"]
    step(store, "refer", b, "2026-03-02", to_dept="民政办", to_person="李娟")
    records = list(store.iter_records(KINDS["inquiry"]))

    def ids(**kw: Any) -> list[str]:
        return [r["id"] for r in inq.select(records, calendar, d("2026-03-10"), **kw)]

    assert ids() == [a, b]
    assert ids(channel="web") == [a]
    assert ids(type_="apply") == [b]
    assert ids(status="referred") == [b]
    assert ids(handler="李娟") == [b]  # the person it was referred to
    assert ids(handler="民政办") == [b]
    assert ids(since=d("2026-03-01")) == [b]
    assert ids(until=d("2026-02-28")) == [a]
    # a: 2026-02-26 (Thu) + 5 working days -> 02-27, 02-28 (Sat, make-up), 03-02,
    # 03-03, 03-04 -> due 03-04, overdue on 03-10. b: 2026-03-02 + 5 -> 03-09, overdue too.
    assert ids(overdue=True) == [a, b]


@pytest.fixture
def fake_complaints(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """A stand-in for township.kinds.complaint, so these tests do not depend on it."""
    calls: list[dict] = []
    module = types.ModuleType("township.kinds.complaint")

    def register_complaint(tx: Any, **kwargs: Any) -> dict:
        calls.append(kwargs)
        return {"id": "CMP-2026-0007"}

    module.register_complaint = register_complaint  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "township.kinds.complaint", module)
    return calls


def test_complaint_inquiry_registers_a_complaint_through_one_call(
    store: Store, fake_complaints: list[dict]
) -> None:
    record = log(store, type="complaint", against="赵某", contact="13812345678", matter="窗口推诿")
    assert record["complaint"] == "CMP-2026-0007"
    assert store.get(record["id"])["complaint"] == "CMP-2026-0007"
    (call,) = fake_complaints
    assert call["from_inquiry"] == record["id"]
    assert (call["complainant"], call["against"], call["category"]) == ("张三", "赵某", 7)
    assert call["summary"] == "窗口推诿" and call["anonymous"] is False


def test_anonymous_report_has_no_name(store: Store, fake_complaints: list[dict]) -> None:
    record = log(store, type="report", against="某村", name=None, anonymous=True, category=1)
    assert record["name"] is None and record["anonymous"] is True
    assert fake_complaints[0]["complainant"] is None and fake_complaints[0]["category"] == 1


def test_masking_and_audited_reveal(store: Store, fake_complaints: list[dict]) -> None:
    rid = log(store, type="complaint", against="赵某", contact="13812345678")["id"]
    consult = log(store, contact="13900001111")["id"]
    shown = masked(store.get(rid))
    assert (shown["name"], shown["contact"]) == ("张*", "138****5678")
    assert masked(store.get(consult))["contact"] == "13900001111"  # not protected
    lines = len(audit_lines(store))
    with store.transaction(CLERK, "inquiry show") as tx:
        assert audit_reveals(tx, [tx.get(rid), tx.get(consult)], view="show") == [rid]
    notes = audit_lines(store)[lines:]
    assert [(n["id"], n["action"], n["view"], n["fields"]) for n in notes] == [
        (rid, "reveal", "show", ["name", "contact"])
    ]


def test_complaint_link_with_the_real_complaint_module(store: Store) -> None:
    """Both records link to each other (needs township/kinds/complaint.py)."""
    record = log(store, type="complaint", against="赵某", category=3, matter="窗口推诿")
    complaint = store.get(record["complaint"], "complaint")
    assert complaint["inquiry"] == record["id"]
    assert record["complaint"].startswith("CMP-2026-")
    created = [(a["id"], a.get("change")) for a in audit_lines(store)]
    assert (record["id"], "create") in created and (complaint["id"], "create") in created
    assert store.verify().ok


def test_a_referral_restarts_an_open_web_reply_clock(store: Store, calendar: WorkCalendar) -> None:
    record = log(store, today="2026-03-05", on="2026-02-26", channel="web")
    referred = step(store, "refer", record["id"], "2026-03-05", "2026-03-05",
                    to_dept="民政办")  # fmt: skip
    # The old clock (due 2026-03-04, from Thu 02-26) is ended without being counted; the
    # new one runs from the referral, Thu 03-05: 03-06, 03-09..03-12 -> 2026-03-12.
    assert [c["trigger"] for c in referred["clocks"]] == ["2026-03-05"]
    assert due_of(referred, "web-reply", calendar, "2026-03-05")["due"] == "2026-03-12"
    assert referred["events"][-1]["restarted_clock"] == "2026-02-26"
    # A reply already given (a notice meets it) is not restarted by a later referral.
    other = log(store, today="2026-03-05", on="2026-03-02", channel="web")
    step(store, "notify", other["id"], "2026-03-03", "2026-03-05", item=["收入证明"])
    again = step(store, "refer", other["id"], "2026-03-04", "2026-03-05",
                 to_dept="民政办")  # fmt: skip
    assert [(c["trigger"], c["met_on"]) for c in again["clocks"]] == [("2026-03-02", "2026-03-03")]
