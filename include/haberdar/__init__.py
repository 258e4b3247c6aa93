"""Haberdar: a warehouse of Turkey's industry and technology news."""

__version__ = "0.1.0"
