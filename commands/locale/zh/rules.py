"""Chinese help of ``township rules`` (规则手册)."""

HELP = {
    "rules": {
        "help": """列出规则手册：每项期限、单位、依据条款和现行天数。

被 township.toml [rules] 调整过的天数标“已调整”；制度未规定天数、由本镇确定的
标“本镇规定”。""",
        "options": {"--kind": "只列这一类别（或 duty）的规则。"},
    },
}
