"""Chinese help of ``township assessment`` (年底总考核)."""

HELP = {
    "assessment": {
        "help": """年底总考核：各单位的年度考核结果。

考核不合格的，取消当年评先评优资格；连续两年不合格的，调整工作岗位；
township stats 显示这两种情形。""",
    },
    "assessment record": {
        "help": """记录一个单位某年度的考核结果。输出新编号。

同一单位同一年度再次记录（复核后）的，以新结果为准；原记录保持不变。""",
        "options": {
            "--year": "考核年度。",
            "--unit": "被考核的单位。",
            "--result": "pass 合格，fail 不合格。",
            "--note": "备注（得分、原因）。",
        },
        "prompts": {"--year": "考核年度", "--unit": "被考核单位", "--result": "考核结果"},
    },
}
