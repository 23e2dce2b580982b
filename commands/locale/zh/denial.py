"""Chinese help of ``township denial`` (否定报备制)."""

HELP = {
    "denial": {
        "help": "否定报备：10 个工作日内报备并书面告知。",
    },
    "denial complete": {"help": "记录已向上级报备并已书面告知申请人。"},
    "denial file": {
        "help": """登记一项否定；应在 10 个工作日内报备并告知申请人。

加 --beyond-authority 时，--leader 指定的领导应签署意见，期限自领导收到请示之日
起算；签署之后才能完成报备（现行期限见 township rules --kind denial）。输出新编号。""",
        "options": {
            "--applicant": "报办人（申请人）。",
            "--contact": "申请人的电话或地址（输出时打码）。",
            "--type": "否定所申请的事项，或对申请人作出处罚（否定（处罚））。",
            "--matter": "被否定的申请事项。",
            "--reason": "否定理由。",
            "--basis": "所依据的法律、法规或规定。",
            "--beyond-authority": "超出经办人权限：领导意见应在 3 日内签署。",
            "--leader": "请示的领导（与 --beyond-authority 同用）。",
            "--leader-received": "领导收到请示的日期［默认：登记日期］。",
            "--dept": "经办人所在部门。",
        },
        "prompts": {
            "--applicant": "报办人",
            "--matter": "申请事项",
            "--reason": "否定理由",
            "--basis": "依据",
        },
    },
    "denial list": {"help": "列出否定报备及当前要紧的期限。"},
    "denial opinion": {
        "help": "记录领导对超出经办人权限的否定事项签署的意见。",
        "options": {"--text": "领导意见。"},
    },
    "denial return-materials": {
        "help": "记录被否定申请的材料已退还并签收。",
        "options": {"--signed-by": "签收人。"},
    },
    "denial show": {"help": "显示一项否定报备及其步骤和期限。"},
    "denial form": {
        "help": "打印一件否定报备的否定报备登记表（否定报备制 4）。",
        "short": "打印否定报备登记表。",
        "options": {"--reveal": "不打码显示申请人的姓名和联系方式（记入审计）。"},
    },
}
