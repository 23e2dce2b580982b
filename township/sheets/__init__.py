"""Ledgers (台账) in and out of spreadsheets.

A township office keeps its ledgers in spreadsheets and hands them to the
county as spreadsheets. ``ledger`` says what a kind's ledger holds (its
columns, read from the kind's declaration: one per field, one date per
step, each deadline's due date and state); ``workbook`` writes an Excel
workbook and reads one back (or a CSV in UTF-8 or GB18030); ``importer``
turns the rows of a ledger into records through the same steps and checks
as the commands, all of them or none.
"""
