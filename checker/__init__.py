"""tallycheck: catch arithmetic that does not add up in news copy."""

__version__ = "0.1.0"
