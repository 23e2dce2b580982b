"""Chinese help of ``township mail`` (每日报告邮件)."""

HELP = {
    "mail": {
        "help": """按 township.toml 的 [mail] 设置，用 SMTP 发送每日报告（逾期与临期事项）。

一封邮件同时含纯文本和 HTML 两部分，发给 [mail] 的 to；加 --per-dept 时，
[mail.departments] 中的每个部门另收一封只含本部门事项的邮件。没有到期事项时不发送，
除非加 --always。报告无法生成（数据文件损坏）时，发一封简短的错误邮件说明原因，
并以退出码 3 结束。加 --workdays-only 时，休息日什么也不做（供每天运行的定时任务）。""",
        "options": {
            "--as-of": "报告日期［默认：今天］。",
            "--per-dept": "另给 [mail.departments] 中的每个部门只发本部门的事项。",
            "--always": "没有到期事项也发送。",
            "--dry-run": "不发送，把邮件写到标准输出（供 sendmail -t 使用）。",
            "--workdays-only": "报告日期（--as-of，否则今天）不是工作日时什么也不做（退出码 0）："
            "一行定时任务即可在每个工作日运行，调休上班的周六也包括在内。",
        },
    },
}
