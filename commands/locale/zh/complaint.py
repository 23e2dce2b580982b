"""Chinese help of ``township complaint`` (效能投诉制).

The help of the steps (register, assign, resolve, escalate) is declared
with them (``township.kinds.complaint.SPEC``).
"""

HELP = {
    "complaint": {
        "help": """效能投诉：登记、交办、办结、转问责。

投诉人的姓名和联系方式在各处打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
    "complaint list": {
        "help": "列出投诉，投诉人打码显示（张** / 138****5678），除非加 --reveal。",
    },
    "complaint show": {
        "help": "显示一件投诉及其步骤和期限（投诉人打码，除非加 --reveal）。",
    },
}
