"""editio: a TEI-XML scholarly edition pipeline."""

__version__ = "0.1.0"
