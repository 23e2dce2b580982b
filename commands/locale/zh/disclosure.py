"""Chinese help of ``township disclosure`` (依申请公开).

The help of its steps is declared with them (``township.kinds.disclosure``).
"""

HELP = {
    "disclosure": {
        "help": """依申请公开：在规则期限内答复。

群众申请公开的事项，在 disclosure-request 规则的期限内
（见 township rules --kind disclosure）予以公开（publish），
或者说明理由不予公开（decline）。
申请人的姓名和联系方式打码显示，除非加 --reveal；每次显示都记入审计日志。""",
    },
}
