"""Chinese help of ``township wubao`` (五保收养服务); its steps' help is declared."""

HELP = {
    "wubao": {
        "help": """五保收养服务：本人申请、村委会调查审核、镇民政办审核、县民政局审批、入院。

申请人的姓名、联系方式和身份证号在各处打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
}
