"""Chinese help of the root command (``township``)."""

HELP = {
    "": {
        "help": """township：镇机关的台账与办理时限。

工作人员按规范权力运行制度登记各类台账：首问、问责案件、效能投诉、信访、否定报备、
上级交办与督办、矛盾纠纷、依申请公开与决策公开、低保申请、离岗替岗和定期工作；
每项期限都来自规则手册（township rules），按国家法定节假日安排计算。""",
    },
}

# The one-line summaries of the top-level commands written by hand, for
# ``township --help``: kept here so that the root's help reads one data module,
# not one per command. A kind whose group is derived has its summary in its
# roster line (``township.book.roster``).
SHORTS = {
    "absence": "离岗与替岗（同岗替代制）。",
    "amend": "更正记录中的描述性内容（更正），保留原值和更正理由。",
    "assessment": "年底总考核。",
    "audit": "哈希链审计日志：查看、校验、锚点、修复。",
    "calendar": "工作日、到期日、法定节假日安排。",
    "case": "行政问责案件（行政问责制）。",
    "check": "检查安装：规则手册与类别声明、township.toml、日历、审计日志、数据文件（系统检查）。",
    "circular": "每季一通报。",
    "complaint": "效能投诉（效能投诉制）。",
    "decision": "决策公开（决策公开制度）。",
    "denial": "否定报备（否定报备制）。",
    "dibao": "最低生活保障（低保）申请。",
    "disclosure": "依申请公开。",
    "dispute": "矛盾纠纷排查调处和领导包案。",
    "duty": "定期工作（排查、例会、总结、通报）：列出、登记完成、查看。",
    "briefing": "信息报告制度：书面报告、上级指示传达、涉密收发登记。",
    "export": "导出记录或审计日志，用于立卷归档。",
    "import": "导入电子表格中的台账（每行一条记录）。",
    "init": "创建数据目录（及示例数据）。",
    "inquiry": "首问登记（首问负责制、一次性告知、限时办结）。",
    "mail": "用 SMTP 发送每日报告（早间邮件）。",
    "overdue": "每日逾期报告（逾期与临期事项）。",
    "petition": "信访。",
    "rules": "规则手册：每项期限及其依据（规则）。",
    "search": "按文字查找各类记录（查找）。",
    "stats": "考核用的按时办结统计（效能考核）。",
    "supervision": "督办告知书（督办制度）。",
    "task": "交办事项和请示（限时办结制）。",
}
