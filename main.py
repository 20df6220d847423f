"""Starts Gyan on the bundled `articles/` (or `--articles DIR`)."""

import sys

from kb_app.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
