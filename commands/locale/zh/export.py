"""Chinese help of ``township export``."""

HELP = {
    "export": {
        "help": """导出某类记录或审计日志，用于立卷归档。

投诉人、信访人的个人信息打码，除非加 --reveal；每次显示都记入审计日志。
CSV 和 xlsx 台账用中文列名（加 --lang en 为英文），每个办理步骤一列日期，每项期限
一列到期日、一列状态；township import 可以把它们导入。CSV 为带 BOM 的 UTF-8
（Excel 打开不会乱码），电子表格会当作公式执行的单元格（以 = + - @ 开头）会被转义。
JSON 保留记录的全部内容。""",
        "options": {
            "--year": "只导出该年（记录：编号中的年份；审计日志：条目的年份）。",
            "--format": (
                "csv：台账，每条记录一行，供 Excel 打开（带 BOM 的 UTF-8）；"
                "json：完整记录及其期限，供程序读取；xlsx：Excel 台账（须加 --output）。"
            ),
            "--reveal": "显示投诉人、信访人的姓名和联系方式（记入审计日志）。",
        },
    },
}
