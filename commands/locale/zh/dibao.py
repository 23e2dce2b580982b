"""Chinese help of ``township dibao`` (最低生活保障).

The help of the derived steps is declared with them (``township.kinds.dibao.SPEC``).
"""

HELP = {
    "dibao": {
        "help": """低保：镇民政办审核，县民政局审批。

镇的审核期限自收到村（居）委会签署的申请报告之日起算；县的审批期限自审核意见
报县之日起算：这一期限只显示，从不计为本镇逾期（现行期限见 township rules
--kind dibao）。申请人的姓名和联系方式在各处打码，除非加 --reveal；每次显示
都记入审计日志。""",
    },
    "dibao apply": {
        "help": """登记一件低保申请；镇的审核期限开始计算。

--on 是镇收到村（居）委会签署的申请报告之日；期限自该日起按自然日（日）计算
（现行期限见 township rules --kind dibao）。输出新编号；家庭人均收入不低于低保
标准的，在标准错误输出和记录上标记，不拒绝。""",
        "options": {
            "--applicant": "申请人姓名。",
            "--village": "上报的村（居）委会。",
            "--household": "家庭人口数。",
            "--income": "家庭人均收入（元），与 [dibao] line 比较（不低于标准的予以标记）。",
            "--contact": "电话或地址（输出时打码）。",
            "--on": "镇收到村（居）委会签署的申请报告之日［默认：今天］。",
        },
        "prompts": {
            "--applicant": "申请人姓名",
            "--village": "村（居）委会",
            "--household": "家庭人口数",
            "--income": "家庭人均收入（元）",
        },
    },
}
