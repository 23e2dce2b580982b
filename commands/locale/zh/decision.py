"""Chinese help of ``township decision`` (决策公开制度)."""

HELP = {
    "decision": {
        "help": """决策公开：提交党委讨论前公示 5 个工作日。

重大决策（发展规划、建设项目招标、重大行政处罚）先向社会公示、征求意见
（decision-comment-period，公众的公示期：只显示，从不逾期）；公示期的每个
工作日都已过去、并已汇总公众意见之后，才能提交党委讨论。""",
    },
    "decision propose": {
        "help": "登记一项须在决定前公示的重大决策。输出新编号。",
        "options": {
            "--title": "拟决策的事项。",
            "--type": "plan 发展规划，tender 建设项目招标，penalty 重大行政处罚，other 其他。",
            "--dept": "负责的部门。",
        },
        "prompts": {"--title": "决策事项", "--type": "决策类型", "--dept": "负责部门"},
    },
    "decision publish": {
        "help": "公示决策、征求意见；公示期（5 个工作日）自此开始。",
        "options": {"--channel": "公示的渠道。"},
    },
    "decision opinions": {
        "help": "记录收到的公众意见的汇总；再次汇总的，以后一次为准。",
        "options": {"--summary": "收到的意见汇总（或无意见）。"},
    },
    "decision submit": {
        "help": """提交党委讨论：公示期未满的，拒绝。

除非决策已公示、公示期的工作日都已过去（提交日期在公示期最后一日之后）、并已
汇总公众意见，否则拒绝（退出码 2）；拒绝时说明缺少什么，以及最早可以提交的日期。""",
    },
    "decision decide": {
        "help": "记录党委的决定。",
        "options": {"--result": "党委的决定。"},
    },
}
