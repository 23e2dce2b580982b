"""Chinese help of ``township amend``."""

HELP = {
    "amend": {
        "help": """更正记录中的描述性内容（更正），保留原值和更正理由。

只能更正描述性内容（姓名、联系方式、事项表述等）；状态、日期、期限和关联
只能通过各自的办理步骤改变。每次更正记入记录的 amend 事项和审计日志；
输出一行结果，--format json 时按 show 的格式输出整条记录。投诉人、信访人的
个人信息在输出中打码。

\b
可以更正的字段：
  inquiry    name, unit, contact, matter, dept, result
  case       subject, unit, matter (1-10), source (1-8), summary
  complaint  complainant, contact, against, category (1-7), summary, action
  petition   petitioner, contact, matter, decline_reason, result
  denial     applicant, matter, reason, basis""",
        "options": {
            "--set": "字段及更正后的值（字段=值）；可重复以更正多个字段。值为空表示清除可选字段（contact、unit）。",
            "--reason": "更正理由。",
        },
    },
}
