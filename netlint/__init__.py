"""netlint: a static analyzer for firewall, router and switch configurations."""

__version__ = "0.1.0"
