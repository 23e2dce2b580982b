"""Chinese help of ``township petition`` (信访)."""

HELP = {
    "petition": {
        "help": """信访：15 日内告知是否受理，60 日内办结。

信访人的姓名和联系方式在各处打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
    "petition accept": {"help": "受理一件信访；应在 60 日内办结。"},
    "petition conclude": {
        "help": "办结已受理的信访，写明办理结果。",
        "options": {"--result": "告知信访人的办理结果。"},
    },
    "petition decline": {
        "help": "不予受理一件信访，并书面告知理由。",
        "options": {"--reason": "不予受理的理由（书面告知）。"},
    },
    "petition extend": {
        "help": "在期限届满前延长已受理信访的办理期限，只能一次，最多 30 日。",
        "options": {
            "--approved-by": "批准人（经镇长同意）。",
            "--reason": "告知信访人的延期理由。",
            "--days": "在当前到期日上延长的天数。",
        },
    },
    "petition list": {
        "help": "列出信访，信访人打码显示（王** / 139****5678），除非加 --reveal。",
    },
    "petition receive": {
        "help": """登记收到的信访；应在 15 日内告知是否受理。

15 个自然日（日）；期限最后一日是休息日的，顺延至下一个工作日。输出新编号。""",
        "options": {
            "--petitioner": "信访人姓名。",
            "--matter": "信访事项。",
            "--contact": "电话或地址（输出时打码）。",
            "--dept": "承办部门。",
            "--person": "承办人［默认：当前经办人］。",
        },
        "prompts": {"--petitioner": "信访人姓名", "--matter": "信访事项"},
    },
    "petition show": {"help": "显示一件信访及其步骤和期限（信访人打码，除非加 --reveal）。"},
}
