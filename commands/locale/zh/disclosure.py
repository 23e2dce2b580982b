"""Chinese help of ``township disclosure`` (依申请公开)."""

HELP = {
    "disclosure": {
        "help": """依申请公开：3 日内答复。

群众申请公开的事项，在 disclosure-request 规则的期限内予以公开（publish），
或者说明理由不予公开（decline）。申请人的姓名和联系方式打码显示，除非加
--reveal；每次显示都记入审计日志。""",
    },
    "disclosure request": {
        "help": """登记一件依申请公开；应在 3 日内答复。

3 个自然日（日）；期限最后一日是休息日的，顺延至下一个工作日。输出新编号。""",
        "options": {
            "--requester": "申请人（输出时打码）。",
            "--matter": "申请公开的事项。",
            "--contact": "电话或地址（输出时打码）。",
            "--dept": "答复的部门。",
            "--person": "承办人［默认：当前经办人］。",
        },
        "prompts": {"--requester": "申请人姓名", "--matter": "申请公开的事项"},
    },
    "disclosure publish": {
        "help": "公开所申请的事项；即答复了申请。",
        "options": {"--channel": "公开的方式。"},
    },
    "disclosure decline": {
        "help": "不予公开，并说明理由；同样视为已答复申请。",
        "options": {"--reason": "不予公开的理由（如涉及国家秘密）。"},
    },
}
