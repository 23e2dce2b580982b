"""Chinese help of the root command (``township``)."""

HELP = {
    "": {
        "help": """township：镇机关的台账与办理时限。

工作人员按规范权力运行制度登记各类台账：首问、问责案件、效能投诉、信访、否定报备、
上级交办与督办、矛盾纠纷、依申请公开与决策公开、低保申请、离岗替岗和定期工作；
每项期限都来自规则手册（township rules），按国家法定节假日安排计算。""",
        "options": {"--version": "显示版本号并退出。"},
    },
}
