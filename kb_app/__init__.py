"""Gyan: a desk-side knowledge base for customer-service teams.

The package core (articles, index, search, export, history) has no Qt dependency; the
desktop interface lives in `kb_app.gui` and only presents and dispatches.
"""

__version__ = "0.1.0"
