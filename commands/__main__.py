"""``python -m commands``: the same as the ``township`` console script."""

from commands import main

main()
