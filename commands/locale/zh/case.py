"""Chinese help of ``township case`` (行政问责制).

The help of each step is declared with the step (``township.kinds.case``);
here are the group and the commands that are not steps.
"""

HELP = {
    "case": {
        "help": """行政问责案件，从启动到复议复核。

步骤依次为：open 启动、statement 陈述申辩、report 调查报告、decide 问责决定、
deliver 送达、appeal 申诉、review 复议复核、close 结案；其间可 extend 延期、
obstruct 阻碍调查、aggravate 从重情形、recuse 回避、appoint 增补调查人员；
作出决定后用 inform 登记问责情况的告知。现行期限见 township rules --kind case。""",
    },
    "case catalog": {"help": "列出目录（问责情形、问责方式、启动来源、情节、从重情形）。"},
    "case list": {
        "help": """列出问责案件，可用通用筛选条件。

--handler 匹配责任人或调查组、任一调查人员、被问责人或其所在单位；
--since/--until 比较启动日期。""",
    },
    "case show": {
        "help": """显示一个案件及其步骤和期限。

列出初步核实情况和决定启动人、每一步的日期和经办人、每个期限的状态以及从重情形。

JSON 输出包含记录及 events、deadlines、aggravated 和
aggravation_grounds（读取时计算）。""",
    },
    "case decision-notice": {
        "help": """打印已作出决定案件的问责决定书（行政问责制 9）。

按公文格式由镇党委（township.toml [documents] 的 party-committee）印发，
主送被问责人：调查认定的事实和结论、决定的问责方式和现行申诉期限，落款处
留盖章位置。发文字号（case-decision）在第一次正式打印（不加 --draft）时
编定并保存，以后重印不变。""",
        "short": "打印问责决定书。",
    },
    "case report-form": {
        "help": """打印已提交调查报告案件的书面调查报告（行政问责制 8）。

写明调查报告认定的事实、基本结论和问责建议，被调查人的陈述和申辩、调查组成员及调查期限。""",
        "short": "打印书面调查报告。",
    },
}
