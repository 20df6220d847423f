"""Gyan: a desk-side knowledge base for customer-service teams.

The package core (articles, index, search, export, history) has no Qt dependency; the
desktop interface lives in `kb_app.gui` and only presents and dispatches.
"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`kb_app.__version__`: pyproject.toml's version, looked up when first asked for
    (kb_app.version)."""
    if name == "__version__":
        from kb_app.version import version

        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
