"""esante: a command-line explorer of French e-health careers."""

__version__ = "0.1.0"
