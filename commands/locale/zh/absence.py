"""Chinese help of ``township absence`` (同岗替代制).

The help of its steps is declared with them (``township.kinds.absence``).
"""

HELP = {
    "absence": {
        "help": """离岗与替岗（同岗替代制）：谁离岗、谁替岗、谁已返岗。

登记离岗须写明领导指定的替岗同事和批准的领导；缺少任一项的，拒绝登记。
离岗人员应在最后一日（--to）之前返岗，次日起逾期。""",
    },
    "absence today": {
        "help": """今天谁离岗、谁替岗（每日报告末尾也有）。

JSON：列表，每项为 {id, person, dept, reason, from, to, substitute,
approved_by, state}，state 为 away（离岗中）、overdue（已过最后一日仍未返岗）
或 unreported（擅自离岗）之一。""",
        "options": {"--as-of": "查看的日期［默认：今天］。"},
    },
}
