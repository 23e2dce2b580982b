"""Chinese help of ``township task`` (限时办结制 2, 督办制度 (七)).

The help of the steps is declared with them (``township.kinds.task.SPEC``).
"""

HELP = {
    "task": {
        "help": """交办事项和请示（限时办结制 2）：自收件日起算。

上级的决定应当落实（execute）或报送工作方案（plan），请示应当答复，均在规则
手册规定的期限内完成，自收到文件之日（收件日）起按工作日计算（现行期限见
township rules --kind task）。办结之前报告办理进度，一般一月一报，可用
--progress 另定（督办制度 (七)）。""",
    },
}
