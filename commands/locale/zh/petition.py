"""Chinese help of ``township petition`` (信访)."""

HELP = {
    "petition": {
        "help": """信访：在期限内书面告知是否受理，受理后按期办结（期限见 township rules --kind petition）。

信访人的姓名和联系方式在各处打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
    "petition list": {
        "help": "列出信访，信访人打码显示（王** / 139****5678），除非加 --reveal。",
    },
    "petition show": {"help": "显示一件信访及其步骤和期限（信访人打码，除非加 --reveal）。"},
}
