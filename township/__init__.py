"""township: records and deadline compliance for a township office (镇机关).

This package is the library. It holds the domain model, the rules and their
deadlines, the working-day calendar, storage and the audit log. It never
imports click and never prints: it returns data and raises
``township.errors.TownshipError`` subclasses, which the command line in
``commands/`` renders.
"""

__version__ = "0.1.0"
