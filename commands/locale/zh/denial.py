"""Chinese help of ``township denial`` (否定报备制).

The help of each step is declared with the step (``township.kinds.denial``);
here are the group and the commands that are not steps.
"""

HELP = {
    "denial": {
        "help": """否定报备：按期报备并书面告知申请人（现行期限见 township rules --kind denial）。

申请人的姓名和联系方式在各处打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
    "denial list": {"help": "列出否定报备及当前要紧的期限。"},
    "denial show": {"help": "显示一项否定报备及其步骤和期限。"},
    "denial form": {
        "help": "打印一件否定报备的否定报备登记表（否定报备制 4）。",
        "short": "打印否定报备登记表。",
        "options": {"--reveal": "不打码显示申请人的姓名和联系方式（记入审计）。"},
    },
    "denial notice": {
        "help": """打印书面告知报办人的告知书（否定报备制 5）。

写明否定（处罚）决定、理由和依据，需领导审批的写明领导意见，并告知退还材料的办法。
以镇人民政府名义发文。""",
        "short": "打印书面告知书。",
        "options": {"--reveal": "不打码显示报办人姓名（记入审计）。"},
    },
}
