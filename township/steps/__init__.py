"""Taking steps: the step machine and deadlines, amendments, the holiday schedule's import."""
