"""The frozen build's one entry point, for its three programs (packaging/gyan.spec):
`gyan` the window, `kb` the command line and `gyan-askpass` ssh's passphrase helper, told
apart by the executable's name. One script, so the three share one analysis and one set of
libraries in the folder.

`gyan -m kb_app ARGS` is the command line too: the window starts its indexing child as
`sys.executable -m kb_app index ...` (kb_app.gui.indexing), and in a frozen build
sys.executable is `gyan`, which has no Python interpreter's `-m`."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


def main() -> int:
    multiprocessing.freeze_support()  # worker processes where they are spawned (macOS, Windows)
    program, args = Path(sys.executable).stem.lower(), sys.argv[1:]
    if args[:2] == ["-m", "kb_app"]:
        program, args = "kb", args[2:]
    run: Callable[[Sequence[str] | None], int]
    if program == "kb":
        from kb_app.cli import main as run
    elif program == "gyan-askpass":
        from kb_app.team.askpass import main as run
    else:
        from kb_app.gui.app import main as run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
