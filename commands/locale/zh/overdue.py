"""Chinese help of ``township overdue``."""

HELP = {
    "overdue": {
        "help": """每日报告：已逾期、今天到期和即将到期的事项（逾期与临期事项）。

逾期最久的排在最前；逾期超过 report.serious-after 个工作日（5）的为严重逾期。
每行写明记录本身的事项和到期的期限；表格不超过 120 列宽（起算日和依据见
--format plain、html、json）。供定时任务使用：--quiet 在清单为空时不输出，
--exit-code 在有逾期事项时以 1 退出，--workdays-only 在休息日什么也不做。""",
        "options": {
            "--as-of": "报告日期［默认：今天］。",
            "--due-within": "同时列出 N 个工作日内到期的事项［默认：township.toml 中的 report.due-within，2］。",
            "--kind": "只看这类记录（可重复）［默认：全部］。",
            "--exit-code": "有逾期事项时以退出码 1 结束。",
            "--quiet": "清单为空时什么也不输出。",
            "--group-by": "按责任部门或责任人分节列出。",
            "--workdays-only": "报告日期（--as-of，否则今天）不是工作日时什么也不做（退出码 0）："
            "一行定时任务即可在每个工作日运行，调休上班的周六也包括在内。",
        },
    },
}
