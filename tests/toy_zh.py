"""The toy kind's Chinese: commands/locale/zh/toy.py, and its line of zh/_root.py SHORTS."""

# [guide:zh]
HELP = {
    "toy": {
        "help": """来访答复：每次来访按期答复（期限见 township rules --kind toy）。

来访人的姓名在各处打码，除非加 --reveal；每次显示都记入审计日志。""",
    },
}
# [/guide:zh]

# [guide:short]
SHORTS = {"toy": "来访答复。"}
# [/guide:short]
