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
    "inquiry intake-form": {
        "help": """打印来访的受理事项登记表，供来访人填写（接访制度（三））。

来访登记中已有的内容预先填好；其余（身份证号码、性别、来访人数）留空由来访人填写。""",
        "short": "打印受理事项登记表。",
        "options": {"--reveal": "受保护的姓名和联系方式不打码显示（记入审计）。"},
    },
    "inquiry summary": {
        "help": """打印一个月或一个季度的来访情况归类（接访制度（七））。

统计期间内登记的来访，按事项类型和办理情况归类，并列出同期收到的信访件和来访反映的
矛盾纠纷。期间结束后正式打印（非样稿），即登记该期间的来访情况归类上报定期工作已完成
（见 duty show visit-summary）。""",
        "short": "打印来访情况归类。",
        "options": {"--month": "要归类的月份。", "--quarter": "要归类的季度。"},
    },
}
