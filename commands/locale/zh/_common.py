"""Chinese help of options many commands share, keyed by the option's stable id.

The id is the one the option declares (``commands.params.SharedOption``
``help_id``: the global options, ``--format``, ``--on``, the ``list`` filters,
``--reveal``), else its destination name (``commands.locale.shared_id``).
Never the English help: rewording it must not orphan the Chinese.
A command's own entry (``zh/<group>.py``, ``options``) wins over this table.
"""

OPTIONS = {
    # the global options (commands.params.global_options)
    "lang": "界面和提示的语言（zh 中文｜en 英文）。环境变量：TOWNSHIP_LANG。",
    "data-dir": "数据文件所在目录［默认：./data］。环境变量：TOWNSHIP_DATA_DIR。",
    "as": "经办人，记入审计日志［默认：系统登录名］。环境变量：TOWNSHIP_USER。",
    "today": "视为“今天”的日期［默认：北京时间今天］。环境变量：TOWNSHIP_TODAY。",
    "version": "显示版本号并退出。",
    # commands.params.format_option, commands.records_view
    "format": "输出格式。",
    "output": "把工作簿写入该文件（--format xlsx 时必填）。",
    "on": "办理日期［默认：今天］。",
    "status": "只列出该状态的记录。",
    "since": "只列出首个步骤在该日期及以后的记录。",
    "until": "只列出首个步骤在该日期及以前的记录。",
    "handler": "只列出该责任人或责任部门的记录。",
    "overdue": "只列出有期限已逾期的记录。",
    "limit": "最多显示 N 条（限制时显示最新的）。",
    "reveal": "显示受保护的姓名和联系方式（不打码）；每次显示都记入审计日志。",
    # printed forms (commands.forms_cmd.form_format_option)
    "form-format": "text 文本；html：在浏览器中打印的 A4 页面；json：表单的数据和文本。",
    "form-draft": "打印样稿（页面印“样稿”字样），不编发文字号。",
    # the pages of an inquiry's materials (--material is declared with the step)
    "pages": "收到材料的总页数［默认：各材料页数之和］。",
}
