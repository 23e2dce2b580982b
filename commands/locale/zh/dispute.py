"""Chinese help of ``township dispute`` (矛盾纠纷排查调处, 领导包案).

The help of the steps is declared with them (``township.kinds.dispute.SPEC``).
"""

HELP = {
    "dispute": {
        "help": """矛盾纠纷排查调处和领导包案。

排查出来的矛盾纠纷全部建档管理；按性质和严重程度分流处理：交相应工作部门调处，
或按领导包案制度由领导包案，并确定调处期限（日）；需要县委、政府协调处理的，
及时上报县综治办和信访局。移交有关部门办理、经领导同意结案或上报之后，应在告知
期限（party-notice，督办制度 (六)；期限见 township rules --kind dispute）内告知
当事人，然后归档销案。当事人的姓名和联系方式在各处打码，除非加 --reveal；
每次显示都记入审计日志。""",
    },
    "dispute list": {
        "help": "列出矛盾纠纷及其下一个期限；当事人打码显示，除非加 --reveal。",
    },
    "dispute show": {
        "help": "显示一件矛盾纠纷及其步骤和期限（当事人打码，除非加 --reveal）。",
    },
    "dispute package-form": {
        "help": """打印领导包案纠纷的领导包案“五个一”表（领导包案化解制度）。

纠纷、包案领导、一把手审批和调处期限预先填好；工作班子和调处方案留空由包案领导填写。""",
        "short": "打印领导包案“五个一”表。",
        "options": {"--reveal": "不打码显示当事人姓名和联系方式（记入审计）。"},
    },
}
