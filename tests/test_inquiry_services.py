"""One-time notices from a service's list of materials (一次性告知制; township.book.services).

The shipped lists are checked against the seed's own words, quoted here:

劳动和社会保障工作制度 二: 《四川省就业失业登记证》旳发放对象是本省小区民且具有劳动能力和
有就业愿望旳下列人员: 1、从各类学校毕业、肄业旳; 2、从企业、机关、事业单位等各类用人单位
失业旳; 3、个体工商户业主或私营企业业主停业、破产停止经营旳; 4、承包土地被征用并符合要求
条件旳; 5、军人退出现役且未纳入国家统一安顿旳; 6、刑满释放、假释、监外执行或解除劳动教养旳;
7、其他符合失业登记条件人员。
三: 由劳动者携带本人有效身份证件、户口本(原件及复印件)、本人免冠两寸彩色照两张及如下要求旳
资料，向户籍所在地小区劳动保障服务中心申请填写《内江市就业失业登记证申领审批表》(一式三份)
…: 1、符合上述第1项旳，须提供毕业证(肄业证); 2、…原单位(或有关部门)出具旳终止或解除劳动
关系证明书(判决书或仲裁书)等有关资料; 3、…工商部门出具旳停业或注销营业执照旳证明; 4、…国土
部门出具旳失地证明等有关资料; 5、…复员转业军人证书; 6、…解除劳动教养、刑满释放等有关证明。

民政工作有关制度 三（四）2⑴ (大病救济): 本人身份证、户口本复印件，属五保户特困对象旳须提供证件
复印件，当年患病旳县级以上(含县级)医疗诊疗书、医疗费用发票，必要旳医疗病史资料原始件，已由政府
医疗救济、社会互助情况旳证明.

The names read the copy as the project does (旳 → 的, 安顿 → 安置, 诊疗书 → 诊断书,
原始件 → 原件, 已由 → 已获; docs/rules.md).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CLERK, Invoke, take

from township.book.services import SHIPPED, service_of
from township.calendar import WorkCalendar
from township.config import Config, ServiceSetting, load
from township.errors import BadInput, ConfigError
from township.steps.machine import Env
from township.storage.store import Store

DAY = dt.date(2026, 3, 2)
COMMON = [
    "本人有效身份证件",
    "户口本（原件及复印件）",
    "本人免冠两寸彩色照两张",
    "《内江市就业失业登记证申领审批表》（一式三份）",
]
# The document of each category of applicant, 1..7 (the seventh is given none).
BY_CATEGORY = [
    ["毕业证（肄业证）"],
    ["原单位（或有关部门）出具的终止或解除劳动关系证明书（判决书或仲裁书）等有关资料"],
    ["工商部门出具的停业或注销营业执照的证明"],
    ["国土部门出具的失地证明等有关资料"],
    ["复员转业军人证书"],
    ["解除劳动教养、刑满释放等有关证明"],
    [],
]
MEDICAL = [
    "本人身份证复印件",
    "户口本复印件",
    "五保户、特困对象证件复印件",
    "当年患病的县级以上（含县级）医疗诊断书",
    "医疗费用发票",
    "必要的医疗病史资料原件",
    "已获政府医疗救济、社会互助情况的证明",
]
OWN = Config(
    services={"临时救助申请": 5, "困难群众临时救助": 5, "低保申请": 10},
    service_settings={
        "困难群众临时救助": ServiceSetting(
            materials=("身份证复印件", "户口簿复印件"),
            categories={"低保对象": ("低保证复印件",), "其他": ()},
            procedure=("向村委会提出申请",),
            basis="本镇临时救助实施办法",
        ),
        "低保申请": ServiceSetting(materials=("户口簿复印件", "收入证明")),
    },
)


def env(config: Config = OWN) -> Env:
    return Env(WorkCalendar(), {}, config)


def logged(store: Store, config: Config = OWN, **values: Any) -> str:
    values = {"name": "张三", "matter": "咨询办理事项", **values}
    with store.transaction(CLERK, "inquiry log") as tx:
        record = take(tx, "inquiry", "log", on=DAY, today=DAY, env=env(config), **values)
    return record["id"]


def notify(store: Store, rid: str, config: Config = OWN, **values: Any) -> dict[str, Any]:
    with store.transaction(CLERK, "inquiry notify") as tx:
        record = take(tx, "inquiry", "notify", rid, on=DAY, today=DAY, env=env(config), **values)
    return record["notices"][-1]


def test_the_shipped_lists_are_the_seeds() -> None:
    employment = SHIPPED["就业失业登记证"]
    assert len(employment.categories) == 7
    assert employment.categories[4] == "军人退出现役且未纳入国家统一安置的"
    assert [m.name for m in employment.materials] == COMMON + [
        d for docs in BY_CATEGORY for d in docs
    ]
    assert [m.name for m in SHIPPED["大病救济"].materials] == MEDICAL
    for service in SHIPPED.values():
        assert service.clause and service.basis and service.procedure and service.shipped


@pytest.mark.parametrize("category", range(1, 8))
def test_employment_notice_lists_every_material_of_the_category(
    store: Store, category: int
) -> None:
    rid = logged(store)
    have = [COMMON[0], COMMON[2]]
    notice = notify(store, rid, service="就业失业登记证", category=str(category), have=have)
    # The seed's list for the category, less what the person brought.
    assert notice["items"] == [COMMON[1], COMMON[3], *BY_CATEGORY[category - 1]]
    assert notice["service"] == "就业失业登记证"
    assert notice["category"] == SHIPPED["就业失业登记证"].categories[category - 1]
    assert notice["have"] == have


def test_medical_aid_notice_for_each_category(store: Store) -> None:
    have = ["本人身份证复印件", "户口本复印件"]
    first = notify(store, logged(store), service="大病救济", category="1", have=have)
    assert first["items"] == MEDICAL[2:]
    # ⑵: no 五保户、特困对象 document; the category may be named instead of numbered.
    name = "当年医疗费用超出1万元且影响家庭基本生活的患病个人"
    second = notify(store, logged(store), service="大病救济", category=name, have=have)
    assert second["items"] == MEDICAL[3:] and second["category"] == name


def test_a_category_is_required_and_its_choices_listed(store: Store) -> None:
    rid = logged(store)
    before = store.get(rid)
    with pytest.raises(BadInput) as err:
        notify(store, rid, service="大病救济", have=["医疗费用发票"])
    message = err.value.message_in("zh")
    assert "--category" in message and "1 五保户、特困户家庭人员" in message
    with pytest.raises(BadInput) as err:
        notify(store, rid, service="就业失业登记证", category="8")
    assert "7 其他符合失业登记条件人员" in err.value.message_in("zh")
    assert store.get(rid) == before


def test_a_have_name_not_on_the_list_is_named(store: Store) -> None:
    rid = logged(store)
    before = store.get(rid)
    with pytest.raises(BadInput) as err:
        notify(store, rid, service="大病救济", category="2", have=["身份证复印件", "医疗费用发票"])
    zh, en = err.value.message_in("zh"), err.value.message_in("en")
    assert "以下 --have 不在「大病救济」的材料清单中：「身份证复印件」" in zh
    assert "「本人身份证复印件」" in zh  # the list's own names, to copy
    assert "「医疗费用发票」。请" not in zh  # a name of the list is not called stray
    assert "These --have names are not in the list" in en
    # A category's material is not on another category's list.
    with pytest.raises(BadInput, match="五保户、特困对象证件复印件"):
        notify(store, rid, service="大病救济", category="2", have=["五保户、特困对象证件复印件"])
    assert store.get(rid) == before


def test_nothing_missing_is_refused(store: Store) -> None:
    rid = logged(store)
    with pytest.raises(BadInput, match="都已齐全"):
        notify(store, rid, service="低保申请", have=["户口簿复印件", "收入证明"])


def test_the_offices_own_list_with_categories(store: Store) -> None:
    rid = logged(store)
    with pytest.raises(BadInput, match="--category"):
        notify(store, rid, service="困难群众临时救助", have=["身份证复印件"])
    notice = notify(
        store, rid, service="困难群众临时救助", category="低保对象", have=["身份证复印件"]
    )
    assert notice["items"] == ["户口簿复印件", "低保证复印件"]
    found = service_of("困难群众临时救助", OWN)
    assert found is not None and found.days == 5 and found.basis == "本镇临时救助实施办法"


def test_category_refused_for_a_service_without_categories(store: Store) -> None:
    rid = logged(store)
    with pytest.raises(BadInput, match="不分申请人类别"):
        notify(store, rid, service="低保申请", category="1", have=["收入证明"])


def test_a_service_without_a_list_works_with_items(store: Store) -> None:
    rid = logged(store)
    with pytest.raises(BadInput, match="没有材料清单"):
        notify(store, rid, service="临时救助申请", have=["身份证"])
    notice = notify(store, rid, service="临时救助申请", item=["收入证明"])
    assert notice["items"] == ["收入证明"] and notice["service"] == "临时救助申请"
    # Without --service, as before.
    other = logged(store)
    assert notify(store, other, item=["户口簿复印件"])["items"] == ["户口簿复印件"]
    with pytest.raises(BadInput, match="--service"):
        notify(store, logged(store), item=["x"], have=["y"])


def test_items_beyond_the_list_and_a_second_notice(store: Store) -> None:
    rid = logged(store)
    first = notify(store, rid, service="低保申请", have=["收入证明"], item=["村委会证明"])
    assert first["items"] == ["户口簿复印件", "村委会证明"]
    second = notify(store, rid, service="低保申请", reason="补交的材料仍不齐全")
    assert second["items"] == ["户口簿复印件", "收入证明"] and second["new"] == ["收入证明"]


def test_an_application_is_notified_from_its_own_service(store: Store) -> None:
    rid = logged(store, type="apply", service="低保申请")
    notice = notify(store, rid, have=["户口簿复印件"])
    assert notice["items"] == ["收入证明"] and notice["service"] == "低保申请"


def test_unknown_service_lists_the_known_ones(store: Store) -> None:
    with pytest.raises(BadInput) as err:
        notify(store, logged(store), service="办证", have=["x"])
    assert "就业失业登记证" in err.value.message_in("zh") and "低保申请" in err.value.message_in(
        "zh"
    )


# -- the command ----------------------------------------------------------------


def test_notify_command_from_the_shipped_list(run: Invoke) -> None:
    out = run("inquiry", "log", "--name", "李四", "--matter", "申请大病救济", today="2026-03-02")
    assert out.exit_code == 0, out.output
    rid = out.stdout.split()[0]
    args = ["inquiry", "notify", rid, "--service", "大病救济", "--category", "1"]
    bad = run(*args, "--have", "身份证", today="2026-03-02")
    assert bad.exit_code == 2 and "「身份证」" in bad.stderr
    done = run(*args, "--have", "本人身份证复印件", "--have", "医疗费用发票", today="2026-03-02")
    assert done.exit_code == 0, done.output
    assert f"{rid} 已一次性告知 5 项" in done.stdout
    shown = json.loads(run("inquiry", "show", rid, "--format", "json").stdout)
    assert shown["notices"][0]["items"] == [MEDICAL[1], *MEDICAL[2:4], *MEDICAL[5:]]
    notice = run("inquiry", "notice", rid, today="2026-03-02").stdout
    for n, item in enumerate(shown["notices"][0]["items"], 1):
        assert f"{n}. {item}" in notice


# -- township.toml ----------------------------------------------------------------


def _load(tmp_path: Path, text: str) -> Config:
    (tmp_path / "township.toml").write_text(text, encoding="utf-8")
    return load(tmp_path)


def test_services_as_numbers_and_as_tables(tmp_path: Path) -> None:
    config = _load(
        tmp_path,
        '[services]\n"临时救助申请" = 5\n'
        '[services."大病救济"]\ndays = 20\n'
        '[services."困难群众临时救助"]\nmaterials = ["身份证复印件"]\n'
        'procedure = ["向村委会提出申请"]\nbasis = "本镇办法"\n'
        '[services."困难群众临时救助".categories]\n"低保对象" = ["低保证复印件"]\n',
    )
    assert config.services == {"临时救助申请": 5, "大病救济": 20}
    medical = service_of("大病救济", config)
    assert medical is not None and medical.days == 20 and medical.shipped
    own = service_of("困难群众临时救助", config)
    assert own is not None and own.days is None and not own.shipped
    assert [(m.name, m.categories) for m in own.materials] == [
        ("身份证复印件", ()),
        ("低保证复印件", ("低保对象",)),
    ]


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('[services."x"]\nmaterial = ["a"]\n', "services.x.material", "2"),
        ('[services."x"]\nmaterials = ["a", "a"]\n', "services.x.materials", "2"),
        ('[services."x"]\nmaterials = "a"\n', "services.x.materials", "2"),
        ('[services."x"]\ndays = "五"\n', "services.x.days", "2"),
        ('[services."x".categories]\n"k" = [1]\n', "services.x.categories.k", "2"),
    ],
)
def test_service_tables_are_checked(tmp_path: Path, text: str, key: str, line: str) -> None:
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, text)
    message = err.value.message_in("zh")
    assert key in message and f"第 {line} 行" in message
