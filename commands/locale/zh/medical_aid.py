"""Chinese help of ``township medical-aid`` (大病救济服务); its steps' help is declared."""

HELP = {
    "medical-aid": {
        "help": """大病救济服务：申请、镇审核并入户调查、县民政局季度审批。

不符合救济条件的申请标注提示，不拒收。县民政局的季度审批是县里的期限：显示，但不计入本镇逾期。""",
    },
}
