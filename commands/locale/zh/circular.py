"""Chinese help of ``township circular`` (每季一通报).

The help of its step is declared with it (``township.kinds.circular``).
"""

HELP = {
    "circular": {
        "help": """每季一通报：受表扬和受批评的单位。

一年内在两次及以上通报中受到批评的单位，township stats 标为一票否决。""",
    },
}
