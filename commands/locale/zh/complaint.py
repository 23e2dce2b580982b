"""Chinese help of ``township complaint`` (效能投诉制)."""

HELP = {
    "complaint": {
        "help": """效能投诉：登记、交办、办结、转问责。

投诉人的姓名和联系方式在各处打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
    "complaint assign": {
        "help": "把投诉交办给部门和承办人，由其负责办理。",
        "options": {"--dept": "承办部门。", "--person": "承办人。"},
    },
    "complaint escalate": {
        "help": """把投诉转为问责案件（行政问责，启动来源 ⑤）。

案件与投诉互相关联；投诉的办理期限以转问责之日为完成日。""",
        "options": {
            "--investigator": "调查组成员（每人一次）。",
            "--subject": "被问责人［默认：投诉的 --against］。",
            "--unit": "被问责人所在单位［默认：投诉的 --against］。",
            "--matter": "问责情形［默认按投诉类别：1-4 为 4，5 为 5，6 为 7；类别 7 须给出 --matter］。",
            "--summary": "案件摘要［默认：投诉内容］。",
        },
    },
    "complaint list": {
        "help": "列出投诉，投诉人打码显示（张** / 138****5678），除非加 --reveal。",
    },
    "complaint register": {
        "help": """登记一件效能投诉；应在 15 个工作日内办结。输出新编号。""",
        "options": {
            "--complainant": "投诉人姓名（匿名投诉不填）。",
            "--contact": "答复用的电话或地址（输出时打码）。",
            "--anonymous": "匿名投诉：不登记姓名。",
            "--against": "被投诉的人或单位。",
            "--category": "投诉类别（受理范围）。",
            "--summary": "投诉内容。",
            "--from-inquiry": "来源的首问登记编号。",
        },
        "prompts": {
            "--complainant": "投诉人姓名",
            "--against": "被投诉对象",
            "--category": "投诉类别",
            "--summary": "投诉内容",
        },
    },
    "complaint resolve": {
        "help": "办结投诉，写明调查结论和处理措施。",
        "options": {"--finding": "调查结论：属实或不属实。", "--action": "采取的处理措施。"},
    },
    "complaint show": {
        "help": "显示一件投诉及其步骤和期限（投诉人打码，除非加 --reveal）。",
    },
}
