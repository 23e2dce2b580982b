"""The services of the catalogue and what each needs (一次性告知制, 服务承诺制).

The office publishes its services and their committed working days in
``[services]`` of township.toml; the regulations name none. The seed does
list the materials of two services, and the project ships those lists as
data with their clauses (``SHIPPED``), so a one-time notice cannot forget
one of them:

- 劳动和社会保障工作制度 二、三: 《四川省就业失业登记证》的发放对象 (seven
  categories of applicant) and 应提供的材料: 本县城乡户籍劳动者首次办理失业登记旳，由
  劳动者携带本人有效身份证件、户口本(原件及复印件)、本人免冠两寸彩色照两张及如下要求旳
  资料，向户籍所在地小区劳动保障服务中心申请填写《内江市就业失业登记证申领审批表》(一式
  三份)，进行失业登记和申领《登记证》: 1、符合上述第1项旳，须提供毕业证(肄业证)；… 6、
  符合上述第6项旳，须提供解除劳动教养、刑满释放等有关证明. The seventh category
  (其他符合失业登记条件人员) is given no document of its own.
- 民政工作有关制度 三（四）大病救济服务 2⑴: 申请人向户口所在旳村委会提出书面申请，填写
  医疗救济申请表，并如实提供有关材料：本人身份证、户口本复印件，属五保户特困对象旳须提供
  证件复印件，当年患病旳县级以上(含县级)医疗诊疗书、医疗费用发票，必要旳医疗病史资料
  原始件，已由政府医疗救济、社会互助情况旳证明，民政部门要求提供旳其他材料.

The names keep the seed's words, read as the project reads the degraded copy
(``township.book.wording``: 诊疗书 → 诊断书, 原始件 → 原件, …). A service of
township.toml may list its own materials, and then its list is the one read
(``township.config.ServiceSetting``).

``service_of(name, config)`` is the one way to read a service: its committed
days (the office's, or None), its materials (shipped or the office's own),
the categories of applicant a material may depend on, its procedure
(办理程序) and basis (依据), which the one-time notice prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from township.config import Config


@dataclass(frozen=True)
class Material:
    """One material: its name, and the applicant categories it is for (empty: every one)."""

    name: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Service:
    """A service of the catalogue, with what the one-time notice prints of it."""

    name: str
    days: int | None = None
    materials: tuple[Material, ...] = ()
    categories: tuple[str, ...] = ()
    procedure: tuple[str, ...] = ()
    basis: str | None = None
    clause: str | None = None
    shipped: bool = False

    def needs(self, category: str | None = None) -> tuple[Material, ...]:
        """The materials an applicant of ``category`` must hand in (every category's when None)."""
        return tuple(m for m in self.materials if not m.categories or category in m.categories)

    def category_named(self, text: str) -> str | None:
        """The category ``text`` names: its label, or its number 1..N; None if neither."""
        key = text.strip()
        if key in self.categories:
            return key
        if key.isdigit() and 1 <= int(key) <= len(self.categories):
            return self.categories[int(key) - 1]
        return None


EMPLOYMENT = "就业失业登记证"
MEDICAL_AID = "大病救济"

_EMPLOYMENT_CATEGORIES = (
    "从各类学校毕业、肄业的",
    "从企业、机关、事业单位等各类用人单位失业的",
    "个体工商户业主或私营企业业主停业、破产停止经营的",
    "承包土地被征用并符合要求条件的",
    "军人退出现役且未纳入国家统一安置的",
    "刑满释放、假释、监外执行或解除劳动教养的",
    "其他符合失业登记条件人员",
)
_EMPLOYMENT_DOCUMENTS = (
    "毕业证（肄业证）",
    "原单位（或有关部门）出具的终止或解除劳动关系证明书（判决书或仲裁书）等有关资料",
    "工商部门出具的停业或注销营业执照的证明",
    "国土部门出具的失地证明等有关资料",
    "复员转业军人证书",
    "解除劳动教养、刑满释放等有关证明",
)
_MEDICAL_CATEGORIES = (
    "五保户、特困户家庭人员",
    "当年医疗费用超出1万元且影响家庭基本生活的患病个人",
)

SHIPPED: dict[str, Service] = {
    EMPLOYMENT: Service(
        name=EMPLOYMENT,
        materials=(
            Material("本人有效身份证件"),
            Material("户口本（原件及复印件）"),
            Material("本人免冠两寸彩色照两张"),
            Material("《内江市就业失业登记证申领审批表》（一式三份）"),
            *(
                Material(document, (category,))
                for category, document in zip(
                    _EMPLOYMENT_CATEGORIES, _EMPLOYMENT_DOCUMENTS, strict=False
                )
            ),
        ),
        categories=_EMPLOYMENT_CATEGORIES,
        procedure=(
            "携带材料向户籍所在地社区劳动保障服务中心申请",
            "填写《内江市就业失业登记证申领审批表》（一式三份）",
            "进行失业登记，申领《四川省就业失业登记证》",
            "再次办理失业登记的，凭上述有关证件资料及《登记证》按上述程序办理",
        ),
        basis="劳动和社会保障工作制度 二、三：《四川省就业失业登记证》的发放对象和应提供的材料",
        clause="劳动和社会保障工作制度 三",
        shipped=True,
    ),
    MEDICAL_AID: Service(
        name=MEDICAL_AID,
        materials=(
            Material("本人身份证复印件"),
            Material("户口本复印件"),
            Material("五保户、特困对象证件复印件", (_MEDICAL_CATEGORIES[0],)),
            Material("当年患病的县级以上（含县级）医疗诊断书"),
            Material("医疗费用发票"),
            Material("必要的医疗病史资料原件"),
            Material("已获政府医疗救济、社会互助情况的证明"),
        ),
        categories=_MEDICAL_CATEGORIES,
        procedure=(
            "申请人向户口所在的村委会提出书面申请，填写医疗救济申请表",
            "镇人民政府对村委会上报的申请人材料进行审核，并入户调查，报县民政局审批",
            "县民政局每季度对受理的申请进行审批",
        ),
        basis="民政工作有关制度 三（四）大病救济服务",
        clause="民政工作有关制度 三（四）2⑴",
        shipped=True,
    ),
}


def service_of(name: str, config: Config) -> Service | None:
    """The service ``name`` as the office publishes it, with the shipped lists; None if unknown.

    The committed days are the office's (``[services]``). The materials are
    the office's own list when township.toml gives one for the service,
    else the shipped list of that name, else none.
    """
    days = config.services.get(name)
    setting = config.service_settings.get(name)
    if setting is not None and (setting.materials or setting.categories):
        categories = tuple(setting.categories)
        found: dict[str, list[str]] = {m: [] for m in setting.materials}
        for category, names in setting.categories.items():
            for material in names:
                if material not in setting.materials:
                    found.setdefault(material, []).append(category)
        return Service(
            name=name,
            days=days,
            materials=tuple(Material(m, tuple(c)) for m, c in found.items()),
            categories=categories,
            procedure=setting.procedure,
            basis=setting.basis,
        )
    shipped = SHIPPED.get(name)
    if shipped is not None:
        more = {}
        if setting is not None and setting.procedure:
            more["procedure"] = setting.procedure
        if setting is not None and setting.basis:
            more["basis"] = setting.basis
        return replace(shipped, days=days, **more)
    if name in config.services or setting is not None:
        return Service(
            name=name,
            days=days,
            procedure=setting.procedure if setting else (),
            basis=setting.basis if setting else None,
        )
    return None


def known_services(config: Config) -> list[str]:
    """Every service name ``service_of`` knows: the office's, then the shipped ones."""
    return list(dict.fromkeys([*config.services, *config.service_settings, *SHIPPED]))
