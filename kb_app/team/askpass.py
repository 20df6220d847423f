"""`gyan-askpass`: ssh's SSH_ASKPASS program for a key whose passphrase is in the keyring.

ssh runs it with its prompt as the argument. Only a passphrase prompt is answered, from
the keyring entry named in GYAN_ASKPASS_KEY; anything else (a new host's key to
confirm, a password) is declined, so a secret is never typed where it was not asked for.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import keyring
from keyring.errors import KeyringError

from kb_app.team.credentials import ASKPASS_KEY_ENV, SERVICE


def answer(prompt: str, key: str | None) -> str | None:
    """The passphrase for `prompt`, or None to decline it."""
    if not key or "passphrase" not in prompt.lower():
        return None
    try:
        return keyring.get_password(SERVICE, key)
    except KeyringError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    secret = answer(" ".join(args), os.environ.get(ASKPASS_KEY_ENV))
    if secret is None:
        return 1
    sys.stdout.write(secret + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
