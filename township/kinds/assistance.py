"""What the 民政 services declare alike (民政工作有关制度 三): the township's
review opinion, the county's decision, and the applicant's personal fields.

最低生活保障, 五保收养, 大病救济 and 救灾救济 all go through the 镇民政办's review
(同意 / 不同意) and the 县民政局's decision (批准 / 不予批准), and all name an
applicant whose name, contact and ID number are personal data.
"""

from __future__ import annotations

from township.book.registry import Field
from township.i18n import Text

OPINIONS: dict[str, Text] = {
    "approve": Text("同意", "approve"),
    "reject": Text("不同意", "reject"),
}
RESULTS: dict[str, Text] = {
    "approved": Text("批准", "approved"),
    "rejected": Text("不予批准", "rejected"),
}

# The applicant as the 民政 kinds declare them: listed, amendable, masked.
APPLICANT_FIELDS: tuple[Field, ...] = (
    Field("applicant", Text("申请人", "applicant"), "name", amendable=True, list=True),
    Field("contact", Text("联系方式", "contact"), "contact", amendable=True, optional=True),
    Field("id_number", Text("身份证号", "ID number"), "contact", amendable=True, optional=True),
    Field("village", Text("村（社区）", "village"), amendable=True, list=True),
)
