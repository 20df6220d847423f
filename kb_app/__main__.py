import sys

from kb_app.cli import main

sys.exit(main())
