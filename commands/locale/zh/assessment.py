"""Chinese help of ``township assessment`` (年底总考核).

The help of its step is declared with it (``township.kinds.assessment``).
"""

HELP = {
    "assessment": {
        "help": """年底总考核：各单位的年度考核结果。

考核不合格的，取消当年评先评优资格；连续两年不合格的，调整工作岗位；
township stats 显示这两种情形。""",
    },
}
