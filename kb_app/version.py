"""The one version number: pyproject.toml's `version`, as the installed package reports it.

It is written once, in pyproject.toml; an install (a wheel, an editable install, the
frozen build, which carries the package's metadata) reports it through importlib.metadata.
A source checkout that was never installed reads pyproject.toml beside the package. It is
looked up when asked for, not when imported: `kb search` does not pay for it.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DISTRIBUTION = "gyan"
UNKNOWN = "0+unknown"


@functools.cache
def version() -> str:
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return checkout_version(Path(__file__).resolve().parent.parent / "pyproject.toml")


def checkout_version(pyproject: Path) -> str:
    """The version pyproject.toml declares, if it is this project's; else UNKNOWN."""
    import tomllib

    try:
        with pyproject.open("rb") as f:
            project = tomllib.load(f).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN
    if project.get("name") != DISTRIBUTION or not isinstance(project.get("version"), str):
        return UNKNOWN
    return str(project["version"])


class VersionAction(argparse.Action):
    """`--version`: prints "PROG VERSION" on stdout and exits 0."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 help: str = "show the version and exit") -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        print(f"{parser.prog} {version()}")
        parser.exit()


__all__ = ["DISTRIBUTION", "VersionAction", "checkout_version", "version"]
