"""Chinese help of ``township circular`` (每季一通报)."""

HELP = {
    "circular": {
        "help": """每季一通报：受表扬和受批评的单位。

一年内在两次及以上通报中受到批评的单位，township stats 标为一票否决。""",
    },
    "circular issue": {
        "help": "记录一个季度的通报，印发日期为 --on（默认今天）。输出新编号。",
        "options": {
            "--period": "通报所属的季度，如 2026Q1。",
            "--criticize": "通报批评的单位；可重复，或用逗号分隔多个单位。",
            "--praise": "通报表扬的单位；可重复，或用逗号分隔多个单位。",
            "--note": "备注（通报文号、主题）。",
        },
        "prompts": {"--period": "通报季度（如 2026Q1）"},
    },
}
