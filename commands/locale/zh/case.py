"""Chinese help of ``township case`` (行政问责制)."""

HELP = {
    "case": {
        "help": """行政问责案件，从启动到复议复核。

步骤依次为：open 启动、statement 陈述申辩、report 调查报告、decide 问责决定、
deliver 送达、appeal 申诉、review 复议复核、close 结案；其间可 extend 延期、
obstruct 阻碍调查、aggravate 从重情形、recuse 回避、appoint 增补调查人员。""",
    },
    "case aggravate": {
        "help": """记录从重情形 ③ 或 ④。

③ 打击、报复、陷害检举人、控告人、证人；④ 拉拢、收买问责调查人员。

①（一年内已有问责决定）和 ②（case obstruct）由系统自动认定。""",
        "options": {"--ground": "新发现的从重情形。", "--note": "具体情况。"},
        "prompts": {"--ground": "从重情形"},
    },
    "case appeal": {
        "help": """记录被问责人的申诉。

送达之日起 15 个工作日后不再受理。

申诉期间不停止执行；复议复核应在 30 个工作日内作出。""",
        "options": {"--grounds": "申诉理由。"},
    },
    "case appoint": {
        "help": "增补调查组成员（增补调查人员）。",
        "options": {
            "--investigator": "加入调查组的人员。",
            "--reason": "增补原因（例如回避后调查组无人）。",
        },
    },
    "case catalog": {"help": "列出目录（问责情形、问责方式、启动来源、情节、从重情形）。"},
    "case close": {
        "help": """结案。

复议复核之后，或申诉期满未申诉的，可以结案。""",
        "options": {"--note": "结案说明。"},
    },
    "case decide": {
        "help": """记录党委的问责决定。

应在 10 个工作日内送达（行政问责制 9）。

问责方式须与调查报告认定的情节相符（情节轻微 1-3，情节严重 4-7，
情节特别严重 8-10）；从重问责的案件还可适用高一档的方式。""",
        "options": {"--method": "问责方式；可重复（可单独或合并使用）。"},
        "prompts": {"--method": "问责方式"},
    },
    "case deliver": {
        "help": """记录问责决定已送达。

被问责人 15 个工作日的申诉期自此起算（行政问责制 10）。""",
    },
    "case extend": {
        "help": """延长调查期限（只能一次）。

自当前到期日起延长 10 个工作日，须在期限内经批准。

情况复杂的，经批准可延长10个工作日（行政问责制 8）；第二次延长不予接受。""",
        "options": {"--approved-by": "批准人。", "--reason": "延长理由（案情复杂的情况）。"},
    },
    "case list": {
        "help": """列出问责案件，可用通用筛选条件。

--handler 匹配责任人或调查组、任一调查人员、被问责人或其所在单位；
--since/--until 比较启动日期。""",
    },
    "case obstruct": {
        "help": """记录干扰、阻碍调查的情况（从重 ②）。

案件转为从重问责。

调查组可提请暂停被调查人执行职务（行政问责制 6）。""",
        "options": {"--note": "具体情况（干扰、阻碍、不配合调查）。"},
    },
    "case open": {
        "help": """启动问责程序，输出新编号。

第一个 --investigator 为调查组组长。

调查报告应在 10 个工作日内提交（行政问责制 8）。""",
        "options": {
            "--subject": "被问责人（被调查人）。",
            "--unit": "被问责人所在单位，例如 民政办。",
            "--matter": "问责情形（行政问责制 1）。",
            "--source": "启动来源（行政问责制 5）。",
            "--summary": "反映的问题（问题摘要）。",
            "--investigator": "调查组成员；可重复，第一个为组长。",
        },
        "prompts": {
            "--subject": "被问责人",
            "--unit": "所在单位",
            "--matter": "问责情形",
            "--source": "启动来源",
            "--summary": "问题摘要",
            "--investigator": "调查组组长",
        },
    },
    "case recuse": {
        "help": """记录调查人员回避。

--replacement 写明接替其在调查组位置的人员（如有）。""",
        "options": {
            "--investigator": "回避的调查人员。",
            "--reason": "利害关系。",
            "--replacement": "接替的人员。",
        },
    },
    "case report": {
        "help": """提交书面调查报告。

在记录被调查人的陈述和申辩之前（或用 --no-statement-reason 说明无法听取的原因之前），
以及调查组无人时，不予提交。""",
        "options": {
            "--facts": "查明的详细事实。",
            "--conclusion": "基本结论。",
            "--recommend": "问责建议（问责方式）；可重复（可单独或合并使用）。",
            "--severity": "情节：情节轻微（方式 1-3）、情节严重（4-7）或情节特别严重（8-10）。",
            "--no-statement-reason": "未能听取被调查人陈述和申辩的原因（没有陈述记录时必填）。",
        },
    },
    "case review": {
        "help": "记录复议、复核决定。",
        "options": {
            "--outcome": "维持、变更（用 --method 给出新的问责方式）或撤销。",
            "--method": "变更时新的问责方式；可重复（可单独或合并使用）。",
        },
    },
    "case show": {
        "help": """显示一个案件及其步骤和期限。

列出每一步的日期和经办人、每个期限的状态以及从重情形。

JSON 输出包含记录及 events、deadlines、aggravated 和
aggravation_grounds（读取时计算）。""",
    },
    "case statement": {
        "help": """记录被问责人的陈述和申辩。

不因陈述和申辩而加重问责（行政问责制 7）。""",
        "options": {"--text": "被问责人的陈述和申辩。"},
    },
    "case decision-notice": {
        "help": """打印已作出决定案件的问责决定书（行政问责制 9）。

写明被问责人、调查报告认定的事实和结论、决定的问责方式和现行申诉期限；
带盖章处和被问责人签收栏。""",
        "short": "打印问责决定书。",
    },
}
