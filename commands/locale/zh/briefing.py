"""Chinese help of ``township briefing`` (信息报告制度); its steps' help is declared."""

HELP = {
    "briefing": {
        "help": """信息报告：向党委、政府一把手和上级机关的书面报告，以及上级指示的传达。

涉密报告须写明保密员（--handler），其事由在各处打码，除非加 --reveal（记入审计日志）。""",
    },
    "briefing register": {
        "help": "打印本年度涉密信息报告的收发登记。",
        "options": {
            "--year": "年度［默认：今年］。",
            "--reveal": "显示涉密事由（记入审计日志）。",
            "--format": "text 文本；html：在浏览器中打印的 A4 页面；json：表单的数据和文本。",
        },
    },
}
