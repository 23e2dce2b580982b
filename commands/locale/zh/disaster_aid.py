"""Chinese help of ``township disaster-aid`` (救灾救济); its steps' help is declared."""

HELP = {
    "disaster-aid": {
        "help": "救灾救济：灾民救济对象核定程序的六个步骤，依次办理。",
    },
}
