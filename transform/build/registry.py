"""The list of builders. A new output format is one module plus one line here."""

BUILDERS: list = []
