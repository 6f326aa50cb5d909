"""Validation: layers (well-formedness, RelaxNG, rules, Schematron) and reporters."""
