"""The rule book and the kinds' declarations: rules, registry, catalogues, the step machine, the checks."""
