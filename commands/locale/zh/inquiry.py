"""Chinese help of ``township inquiry`` (首问负责制, 一次性告知制, 限时办结制).

The help of the steps (log, notify, supplied, refer, extend, close,
redirect) is declared with them (``township.kinds.inquiry.SPEC``).
"""

HELP = {
    "inquiry": {
        "help": "首问登记（首问负责制）、一次性告知和服务事项办理时限。",
    },
    "inquiry list": {
        "help": """列出首问登记，可筛选；投诉、举报人的信息打码显示。

--handler 匹配首问责任人、责任部门，或转交到的部门、人员。""",
        "options": {"--channel": "只列出该渠道。", "--type": "只列出该类型。"},
    },
    "inquiry notice": {
        "help": "打印一次性告知书（一式两份）。",
        "options": {"--number": "第几次告知（1 为第一次）［默认：最近一次］。"},
    },
    "inquiry receipt": {"help": "打印收件回执：收到的材料、页数、到期日和经办人。"},
    "inquiry show": {
        "help": """显示一条首问登记：内容、步骤及各期限的状态。

投诉、举报人的姓名和联系方式打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
}
