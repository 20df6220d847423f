"""The team's remote: which addresses are accepted, a git client for one, and what each
way of failing means to the person at the desk.

A password or token never travels in the address: it would be written to the
repository's config and shown in every message. Such an address is refused; the secret
goes to the system keyring instead (`kb_app.team.credentials`).
"""

from __future__ import annotations

import errno
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from dulwich.client import GitClient, HTTPUnauthorized, get_transport_and_path
from dulwich.config import ConfigDict
from dulwich.errors import GitProtocolError, HangupException, NotGitRepository

from kb_app.messages import Message, saying, translate

SCHEMES = ("http", "https", "ssh", "git+ssh", "git", "file")
TIMEOUT_S = 30.0  # a server that stops answering is given up on after this long
# Usernames that are really tokens (GitHub, GitLab) or long random strings.
_TOKENISH = re.compile(r"^(gh[pousr]_|github_pat_|glpat-|glptt-)|^[A-Za-z0-9_\-]{36,}$")
_SCP_LIKE = re.compile(r"^(?:(?P<user>[^@/:]+)@)?(?P<host>[^@/:]+):(?P<path>(?!//).+)$")
_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM,
                errno.EIO}


class RemoteError(Exception):
    """A sync could not talk to the remote as it needed to; the message says so plainly.
    `outcome` names the kind for the status line and the command's exit code."""

    outcome = "failed"


class Unreachable(RemoteError):
    """The remote cannot be reached now (no network, server down, stopped mid-way)."""

    outcome = "unreachable"


class SignInNeeded(RemoteError):
    """The remote wants a sign-in, or did not accept the one given."""

    outcome = "sign-in"


class PushRefused(RemoteError):
    """The remote refused to take this desk's revisions (no write access, a protected
    branch, a hook): they stay on this desk, ready to push."""

    outcome = "refused"


class NotARepository(RemoteError):
    outcome = "not-found"


class DiskProblem(RemoteError):
    """This desk's own disk refused a write (full, read-only): nothing half-written."""

    outcome = "disk"


class RejectedAddress(ValueError):
    """An address that is not accepted (a password in it, an unknown kind)."""


@dataclass(frozen=True)
class Login:
    """Who the desk is at the remote. The secret is never shown (repr) or stored here
    longer than one sync."""

    username: str | None = None
    secret: str | None = field(default=None, repr=False)
    ssh_key: str | None = None  # a private key file, for ssh addresses
    ssh_command: str | None = None  # ssh with the askpass helper (credentials.py)


def checked_address(url: str) -> str:
    """`url` as it will be stored, or `RejectedAddress` saying why not. A local folder
    becomes a file:// address."""
    url = url.strip()
    if not url:
        raise saying(RejectedAddress, translate("Sync", "the remote's address is empty"))
    if url.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", url):
        return Path(url).expanduser().resolve().as_uri()
    scp = _SCP_LIKE.match(url)
    if scp and "://" not in url:
        _check_user(scp.group("user"), url)
        return url
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise saying(RejectedAddress, translate(
            "Sync", "{address}: not a git address (use https://, ssh://, user@host:path, "
            "file:// or a folder)").format(address=redacted(url)))
    if parts.password is not None:
        raise saying(RejectedAddress, translate(
            "Sync", "{address} has a password or token in it, and it would be written to "
            "the repository's settings and shown in messages. Give the address without it "
            "(https://host/team/articles.git) and sign in: the secret is then kept in the "
            "system keyring").format(address=redacted(url)))
    _check_user(parts.username, url)
    return url


def _check_user(user: str | None, url: str) -> None:
    if user and _TOKENISH.search(user):
        raise saying(RejectedAddress, translate(
            "Sync", "{address}: the user name looks like a token. Give the address without "
            "it and sign in: the token is then kept in the system keyring").format(
                address=redacted(url)))


def redacted(url: str) -> str:
    """`url` safe to show or log: whatever stood before "@" in it is left out."""
    parts = urlsplit(url)
    if parts.scheme and "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit((parts.scheme, f"…@{host}", parts.path, parts.query, ""))
    scp = _SCP_LIKE.match(url)
    if scp and scp.group("user") and "://" not in url:
        return f"…@{scp.group('host')}:{scp.group('path')}"
    return url


def username_in(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme:
        return parts.username
    scp = _SCP_LIKE.match(url)
    return scp.group("user") if scp else None


def is_ssh(url: str) -> bool:
    scheme = urlsplit(url).scheme
    return scheme in ("ssh", "git+ssh") or (not scheme and bool(_SCP_LIKE.match(url)))


def is_http(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def open_client(url: str, login: Login | None = None,
                timeout: float = TIMEOUT_S) -> tuple[GitClient, str]:
    """The dulwich client for `url` and the path to ask it for. No network yet."""
    login = login or Login()
    config = ConfigDict()
    config.set((b"http",), b"timeout", str(timeout).encode())
    username = login.username or username_in(url)
    if is_http(url) and login.secret is not None and username is None:
        username = "gyan"  # token-only servers take any name with the token
    try:
        return get_transport_and_path(
            url, config=config, username=username if is_http(url) else None,
            password=login.secret if is_http(url) else None,
            key_filename=login.ssh_key if is_ssh(url) else None,
            ssh_command=login.ssh_command if is_ssh(url) else None)
    except ValueError as exc:
        raise saying(RejectedAddress, translate("Sync", "{address}: {error}").format(
            address=redacted(url), error=str(exc))) from exc


def explained(exc: BaseException, url: str, pushing: bool = False,
              signed_in: bool = False) -> RemoteError:
    """What a failure of a fetch or push means, as one of the `RemoteError` kinds."""
    where = redacted(url)
    if isinstance(exc, RemoteError):
        return exc
    if isinstance(exc, HTTPUnauthorized):
        return saying(SignInNeeded, (translate(
            "Sync", "{where} did not accept the stored sign-in: sign in again (Team → Sign "
            "in, or `kb remote login`)") if signed_in else translate(
            "Sync", "{where} asks who you are: sign in (Team → Sign in, or `kb remote "
            "login`)")).format(where=where))
    if isinstance(exc, NotGitRepository):
        return saying(NotARepository, translate(
            "Sync", "{where}: there is no git repository at that address").format(where=where))
    if (pushing and url.startswith("file:") and isinstance(exc, OSError)
            and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)):
        return saying(PushRefused, _no_write_access(where, str(exc.strerror)))
    if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS and not _network(exc):
        why = str(exc.strerror or exc)
        return saying(DiskProblem, (translate(
            "Sync", "this desk could not write its copy ({error}: {file}). Nothing was "
            "half-written; free some space or fix the folder, and sync again").format(
                error=why, file=str(exc.filename)) if exc.filename else translate(
            "Sync", "this desk could not write its copy ({error}). Nothing was "
            "half-written; free some space or fix the folder, and sync again").format(
                error=why)))
    text = str(exc)
    if isinstance(exc, GitProtocolError) and re.search(r"\b40[13]\b", text):
        if pushing:
            return saying(PushRefused, _no_write_access(where, text))
        return saying(SignInNeeded, translate(
            "Sync", "{where} refused access ({error}): sign in with an account that may "
            "read it").format(where=where, error=text))
    if isinstance(exc, (GitProtocolError, HangupException, OSError, socket.timeout,
                        TimeoutError, EOFError)):
        reason = text.strip() or type(exc).__name__
        return saying(Unreachable, translate(
            "Sync", "{where} cannot be reached ({error}). Search goes on from this desk's "
            "copy; the next sync tries again").format(where=where, error=_short(reason)))
    return saying(RemoteError, translate(
        "Sync", "syncing with {where} failed: {error}").format(
            where=where, error=f"{type(exc).__name__}: {_short(text)}"))


def _no_write_access(where: str, error: str) -> Message:
    return translate("Sync", "{where} refused the push (no write access: {error}). Your "
                     "revisions stay on this desk, ready to push").format(
                         where=where, error=error)


def _network(exc: OSError) -> bool:
    return isinstance(exc, (ConnectionError, socket.timeout, socket.gaierror))


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


__all__ = ["DiskProblem", "Login", "NotARepository", "PushRefused", "RejectedAddress",
           "RemoteError", "SignInNeeded", "Unreachable", "checked_address", "explained",
           "is_http", "is_ssh", "open_client", "redacted", "username_in"]
