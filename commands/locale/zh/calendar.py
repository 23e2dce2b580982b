"""Chinese help of ``township calendar``."""

HELP = {
    "calendar": {
        "help": "工作日、到期日和国家法定节假日安排（工作日历）。",
    },
    "calendar add": {
        "help": """输出从 START 起 N 个工作日（或自然日）后的到期日。

起算当日不计入（民法典 第二百零一条）。""",
        "options": {
            "--unit": "workday：N 个工作日；day：N 个自然日（期限最后一日是休息日的，顺延至下一个工作日）。",
        },
    },
    "calendar between": {"help": "计算 START 之后至 END（含）之间的工作日数。"},
    "calendar import": {
        "help": """导入某一年的官方节假日安排（国务院放假安排）。

文件为 JSON：{"year": 2027, "source": "...", "holidays": [...],
"workdays": [...]}，样例见 data/examples/。重新导入某年会替换原安排。
导入和替换都记入审计日志，并列出到期日因此改变的每个未办结期限。""",
    },
    "calendar is-workday": {
        "help": """判断 DATE 是否工作日，并说明原因；休息日以退出码 1 结束。

原因为：平日、周末、节假日名称，或调休上班日。工作日（含调休上班的周六）
退出码为 0，休息日（周末和节假日）为 1，供脚本使用。""",
    },
    "calendar show": {
        "help": """按月显示日历，标出休息日和调休上班日。

休 表示节假日，班 表示调休上班日，* 表示暂定的日期。""",
    },
    "calendar status": {"help": "列出 2004 年至明年的每一年及其日历来源。"},
}
