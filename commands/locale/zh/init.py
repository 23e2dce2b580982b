"""Chinese help of ``township init``."""

HELP = {
    "init": {
        "help": """创建数据目录和一份可编辑的 township.toml。

目录及其文件仅所有者可读写。已有的 township.toml 保持不变。加 --demo 时，
在（空）目录中填入一套真实感强、明显虚构的示例数据，日期分布在 --today
前后，使每日报告的各种状态都有内容。""",
        "options": {
            "--demo": "在新目录中填入虚构的示例数据。",
            "--size": "示例记录条数（与 --demo 同用）。",
        },
    },
}
