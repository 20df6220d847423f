"""3-way merges for sync: of two trees against the one both started from, and of two
texts of one file.

A file changed on one side only is taken as it is. A file both sides changed is merged
line by line (merge3): changes to different lines are both kept; a line both changed
differently is a clash, which the merge does not decide: the merged tree holds theirs
(what the team already sees) and the caller keeps mine for the editor's decision. One
clash is settled here because it is no clash at all: two saves on different days each
set the article's `updated:` date, and the later one is kept. A file deleted on one
side and changed on the other keeps the changed version (nothing is lost; it can be
deleted again).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dulwich.diff_tree import tree_changes
from dulwich.object_store import BaseObjectStore, commit_tree_changes, tree_lookup_path
from dulwich.objects import Blob, ObjectID, Tree
from merge3 import Merge3

_UPDATED = re.compile(rb"^updated:\s*\d{4}-\d{2}-\d{2}\s*$")
Entry = tuple[int, ObjectID]  # mode, blob id


@dataclass(frozen=True)
class Clash:
    """A file both sides changed in the same place (repository path)."""

    path: bytes
    base: bytes | None
    mine: bytes | None
    theirs: bytes | None


@dataclass(frozen=True)
class TreeMerge:
    tree: ObjectID
    clashes: list[Clash] = field(default_factory=list)  # the tree holds theirs for these
    kept_changed: list[bytes] = field(default_factory=list)  # changed here, deleted there,
    # or the other way round: the changed one is in the tree


def merge_text(base: bytes, mine: bytes, theirs: bytes) -> bytes | None:
    """The two texts merged against `base`, or None where both changed the same lines
    differently (line endings are kept as each side wrote them)."""
    if b"\0" in base + mine + theirs:
        return None  # not text: a line merge would make nonsense of it
    merge = Merge3(base.splitlines(True), mine.splitlines(True), theirs.splitlines(True))
    out: list[bytes] = []
    for group in merge.merge_groups():
        if group[0] == "conflict":
            settled = _later_date(group[1], group[2], group[3])
            if settled is None:
                return None
            out.extend(settled)
        else:
            out.extend(group[1])
    return b"".join(out)


def _later_date(base: Sequence[bytes], mine: Sequence[bytes],
                theirs: Sequence[bytes]) -> Sequence[bytes] | None:
    """Both set `updated:` (saved on different days): the later date."""
    sides = (mine, theirs)
    if not all(len(side) == 1 and _UPDATED.match(side[0].rstrip(b"\r\n")) for side in sides):
        return None
    if not all(_UPDATED.match(line.rstrip(b"\r\n")) for line in base):
        return None
    return max(sides, key=lambda side: side[0].split(b":", 1)[1].strip())


def merge_trees(store: BaseObjectStore, base: ObjectID | None, mine: ObjectID,
                theirs: ObjectID) -> TreeMerge:
    """`mine` and `theirs` merged against `base` (None: no common start)."""
    ours, their = _changes(store, base, mine), _changes(store, base, theirs)
    updates: list[tuple[bytes, int | None, ObjectID | None]] = []
    clashes: list[Clash] = []
    kept: list[bytes] = []
    for path, mine_entry in sorted(ours.items()):
        if path not in their:
            updates.append((path, *mine_entry) if mine_entry else (path, None, None))
            continue
        their_entry = their[path]
        if their_entry == mine_entry:
            continue
        if mine_entry is None or their_entry is None:
            kept.append(path)  # one side deleted it: the changed version stays
            if mine_entry is not None:
                updates.append((path, *mine_entry))
            continue
        merged = _merged_file(store, base, path, mine_entry, their_entry)
        if merged is None:
            clashes.append(Clash(path, _data(store, base, path), _blob(store, mine_entry[1]),
                                 _blob(store, their_entry[1])))
        else:
            updates.append((path, mine_entry[0], merged))
    tree = commit_tree_changes(store, theirs, updates) if updates else theirs
    return TreeMerge(tree, clashes, kept)


def _merged_file(store: BaseObjectStore, base: ObjectID | None, path: bytes,
                 mine: Entry, theirs: Entry) -> ObjectID | None:
    if not (_is_file(mine[0]) and _is_file(theirs[0])):
        return None
    text = merge_text(_data(store, base, path) or b"", _blob(store, mine[1]),
                      _blob(store, theirs[1]))
    if text is None:
        return None
    blob = Blob.from_string(text)
    store.add_object(blob)
    return blob.id


def _changes(store: BaseObjectStore, old: ObjectID | None, new: ObjectID
             ) -> dict[bytes, Entry | None]:
    """Path -> its entry in `new` (None: removed) for every file that differs."""
    found: dict[bytes, Entry | None] = {}
    for change in tree_changes(store, old, new):
        if change.old is not None and change.old.path is not None:
            found.setdefault(change.old.path, None)
        if change.new is not None and change.new.path is not None:
            assert change.new.mode is not None and change.new.sha is not None
            found[change.new.path] = (change.new.mode, change.new.sha)
    return found


def _is_file(mode: int) -> bool:
    return mode & 0o170000 == 0o100000


def _blob(store: BaseObjectStore, sha: ObjectID) -> bytes:
    found = store[sha]
    if not isinstance(found, Blob):
        raise ValueError(f"{sha.decode()} is not a file")
    return found.data


def _data(store: BaseObjectStore, tree: ObjectID | None, path: bytes) -> bytes | None:
    """The file at `path` in `tree`, or None if it has none."""
    if tree is None:
        return None
    try:
        mode, sha = tree_lookup_path(store.__getitem__, tree, path)
    except KeyError:
        return None
    return _blob(store, sha) if _is_file(mode) else None


def tree_of(store: BaseObjectStore, commit: ObjectID) -> ObjectID:
    found = store[commit]
    tree = getattr(found, "tree", None)
    if tree is None:
        raise ValueError(f"{commit.decode()} is not a commit")
    return ObjectID(tree)


def empty_tree(store: BaseObjectStore) -> ObjectID:
    tree = Tree()
    store.add_object(tree)
    return tree.id


__all__ = ["Clash", "TreeMerge", "empty_tree", "merge_text", "merge_trees", "tree_of"]
