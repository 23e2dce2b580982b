"""Chinese help of ``township supervision`` (督办告知书, 督办制度)."""

HELP = {
    "supervision": {
        "help": """督办告知书：统一编号，书面答复，跟踪到办结。

督办告知书发给任一类记录的责任单位（通常是期限已逾期的记录）。责任单位
书面答复延误的原因、目前进展和新的办结时限（督办制度 (四)）；事项办结后销号。""",
    },
    "supervision issue": {
        "help": """就一条记录向其责任单位发出编号的督办告知书。

责任单位在现行答复期限内书面答复（supervision-reply，本地默认值；
见 township rules --kind supervision）。输出告知书编号。""",
        "options": {
            "--record": "被督办的记录。",
            "--reason": "督办事由。",
            "--urgency": "urgent 急件，normal 一般［默认：normal］。",
        },
        "prompts": {"--record": "被督办记录的编号", "--reason": "督办事由"},
    },
    "supervision respond": {
        "help": "记录责任单位的书面答复：延误原因、目前进展和新的办结时限。",
        "options": {
            "--reason": "延误的原因。",
            "--progress": "目前的进展。",
            "--new-due": "新的办结时限（在答复日期之后）。",
        },
    },
    "supervision close": {
        "help": "督办告知书销号：所督办事项已办结，或用 --note 说明理由。",
        "options": {"--note": "销号理由（所督办事项尚未办结时必填）。"},
    },
    "supervision notice": {
        "help": "打印督办告知书：编号、责任单位、被督办的记录及其期限、督办事由。",
    },
    "supervision list": {
        "help": "督办台账（统一编号，列表建档），以及每件告知书的下一个期限。",
        "options": {"--record": "只列出该记录的督办告知书。"},
    },
    "supervision show": {"help": "显示一件督办告知书：各项内容、办理步骤和期限。"},
}
