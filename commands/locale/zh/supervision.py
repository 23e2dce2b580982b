"""Chinese help of ``township supervision`` (督办告知书, 督办制度).

The help of the steps (issue, respond, close) is declared with them
(``township.kinds.supervision.SPEC``).
"""

HELP = {
    "supervision": {
        "help": """督办告知书：统一编号，书面答复，跟踪到办结。

督办告知书发给任一类记录的责任单位（通常是期限已逾期的记录）。责任单位
书面答复延误的原因、目前进展和新的办结时限（督办制度 (四)）；事项办结后销号。""",
    },
    "supervision notice": {
        "help": """打印督办告知书：被督办事项、其每一个已逾期的期限、督办事由。

由 township.toml [documents] 的督办单位（supervision-office）印发；发文
字号（supervision-notice）在第一次正式打印（不加 --draft）时编定。""",
    },
    "supervision list": {
        "help": "督办台账（统一编号，列表建档），以及每件告知书的下一个期限。",
        "options": {"--record": "只列出该记录的督办告知书。"},
    },
    "supervision show": {"help": "显示一件督办告知书：各项内容、办理步骤和期限。"},
}
