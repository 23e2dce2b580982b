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
    "petition notice": {
        "help": """打印给信访人的书面告知书（机关效能建设制度·限时办结制 5）。

已受理的打印信访事项受理告知书，不予受理的打印不予受理告知书（写明理由）；加 --extension 打印最近一次延期的延期办理告知书（延期理由、天数和新的办结期限）。以镇人民政府名义发文。""",
        "short": "打印信访告知书。",
        "options": {
            "--extension": "打印最近一次延期的延期办理告知书。",
            "--reveal": "不打码显示信访人姓名（记入审计）。",
        },
    },
}
