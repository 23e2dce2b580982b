"""Chinese help of ``township decision`` (决策公开制度).

The help of its steps is declared with them (``township.kinds.decision``).
"""

HELP = {
    "decision": {
        "help": """决策公开：提交党委讨论前向社会公示。

重大决策（发展规划、建设项目招标、重大行政处罚）先向社会公示、征求意见
（decision-comment-period，公众的公示期：只显示，从不逾期；
期限见 township rules --kind decision）；公示期的每个工作日都已过去、
并已汇总公众意见之后，才能提交党委讨论。""",
    },
}
