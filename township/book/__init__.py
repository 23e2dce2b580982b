"""The rule book and the kinds' declarations: rules, registry, catalogues, services."""
