"""Chinese help of the root command (``township``)."""

HELP = {
    "": {
        "help": """township：镇机关的台账与办理时限。

工作人员登记首问（首问负责制）、问责案件（行政问责制）、效能投诉、信访和否定报备；
办理期限按国家法定节假日安排，以工作日计算。""",
        "options": {"--version": "显示版本号并退出。"},
    },
}
