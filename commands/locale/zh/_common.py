"""Chinese help of options many commands share, keyed by their English help.

A command's own entry (``zh/<group>.py``, ``options``) wins over this table.
"""

OPTIONS = {
    "Language of labels and messages (zh|en). Env: TOWNSHIP_LANG.": (
        "界面和提示的语言（zh 中文｜en 英文）。环境变量：TOWNSHIP_LANG。"
    ),
    "Where the JSON files live [default: ./data]. Env: TOWNSHIP_DATA_DIR.": (
        "数据文件所在目录［默认：./data］。环境变量：TOWNSHIP_DATA_DIR。"
    ),
    "Who is acting, for the audit log [default: login name]. Env: TOWNSHIP_USER.": (
        "经办人，记入审计日志［默认：系统登录名］。环境变量：TOWNSHIP_USER。"
    ),
    "The date treated as today [default: today in Asia/Shanghai]. Env: TOWNSHIP_TODAY.": (
        "视为“今天”的日期［默认：北京时间今天］。环境变量：TOWNSHIP_TODAY。"
    ),
    "Output format.": "输出格式。",
    "The date it happened [default: today].": "办理日期［默认：今天］。",
    "Only records with this status.": "只列出该状态的记录。",
    "Only records whose first step is on or after this date.": "只列出首个步骤在该日期及以后的记录。",
    "Only records whose first step is on or before this date.": "只列出首个步骤在该日期及以前的记录。",
    "Only records of this responsible person or department.": "只列出该责任人或责任部门的记录。",
    "Only records with an overdue deadline.": "只列出有期限已逾期的记录。",
    "Show the protected name and contact unmasked; every reveal is audited.": (
        "显示受保护的姓名和联系方式（不打码）；每次显示都记入审计日志。"
    ),
    "Show the name and contact of a complaint or report unmasked (audited).": (
        "显示投诉、举报人的姓名和联系方式（不打码，记入审计日志）。"
    ),
    "A material received (repeatable); 'name:N' gives its number of pages.": (
        "收到的材料（可重复）；写成「名称:页数」记录页数。"
    ),
    "Total pages received [default: the sum of the materials' pages].": (
        "收到材料的总页数［默认：各材料页数之和］。"
    ),
    "Show the version and exit.": "显示版本号并退出。",
    "text; html: an A4 page to print from a browser; json: the form's data and text.": (
        "text 文本；html：在浏览器中打印的 A4 页面；json：表单的数据和文本。"
    ),
    "Show protected names unmasked (audited).": "不打码显示受保护人员的姓名（记入审计）。",
    "At most N records (the newest first when limited).": "最多显示 N 条（限制时显示最新的）。",
}
