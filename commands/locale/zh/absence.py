"""Chinese help of ``township absence`` (同岗替代制)."""

HELP = {
    "absence": {
        "help": """离岗与替岗（同岗替代制）：谁离岗、谁替岗、谁已返岗。

登记离岗须写明领导指定的替岗同事和批准的领导；缺少任一项的，拒绝登记。
离岗人员应在最后一日（--to）之前返岗，次日起逾期。""",
    },
    "absence log": {
        "help": """登记一次离岗，写明替岗人和批准人；应在 --to 之前返岗。输出新编号。

没有 --substitute 或 --approved-by 的，拒绝
（这样的离岗用 absence unreported 记录）；--to 早于 --from 的，也拒绝。""",
        "options": {
            "--person": "离岗人员。",
            "--dept": "离岗人员所在站所。",
            "--from": "离岗的第一日。",
            "--to": "离岗的最后一日：此前返岗。",
            "--reason": "出差、开会、培训或请假。",
            "--substitute": "替岗的同事（必填）。",
            "--approved-by": "批准离岗并指定替岗人的领导（必填）。",
        },
        "prompts": {
            "--person": "离岗人员",
            "--dept": "所在站所",
            "--from": "离岗第一日",
            "--to": "离岗最后一日",
            "--reason": "事由",
            "--substitute": "替岗人",
            "--approved-by": "批准领导",
        },
    },
    "absence return": {"help": "记录离岗人员已返岗（离岗开始之前的，拒绝）。"},
    "absence unreported": {
        "help": "记录一次未向站所报告、未经领导批准或未安排替岗的擅自离岗。",
        "options": {
            "--person": "离岗人员。",
            "--dept": "离岗人员所在站所。",
            "--note": "查实的情况。",
            "--sanction": "批评教育、效能告诫或纪律处分。",
        },
        "prompts": {"--person": "离岗人员", "--dept": "所在站所", "--note": "查实的情况"},
    },
    "absence today": {
        "help": """今天谁离岗、谁替岗（每日报告末尾也有）。

JSON：列表，每项为 {id, person, dept, reason, from, to, substitute,
approved_by, state}，state 为 away（离岗中）、overdue（已过最后一日仍未返岗）
或 unreported（擅自离岗）之一。""",
        "options": {"--as-of": "查看的日期［默认：今天］。"},
    },
}
