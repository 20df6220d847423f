"""The knowledge base: the one object the window and the `kb` command hold (like Anki's
Collection). Every user action is one method here, usable without Qt; the window only
presents and dispatches, the command line parses and prints.

Writes go through the conflict-checked, line-preserving save of kb_app.editing, then the
search index takes in exactly the files written, then the history records one revision
(author and note) for the whole action.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import posixpath
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from whoosh import query as wq

from kb_app import authoring, config, images
from kb_app.articles import load_folder
from kb_app.authoring import Edit, MergeResult, checked_path, compose
from kb_app.changes import Progress
from kb_app.editing import (
    ArticleSource,
    ConflictError,
    Fingerprint,
    RecoveryStore,
    move_article,
)
from kb_app.editing import save as save_file
from kb_app.fileio import LockTimeout
from kb_app.history import (
    History,
    HistoryError,
    PendingRevision,
    Revision,
    author_name,
    has_repository,
)
from kb_app.index import IndexUnavailable, KnowledgeIndex, SyncReport
from kb_app.localdata import LocalData
from kb_app.messages import Message, reason, saying, translate
from kb_app.operations import (
    Catalogue,
    Deleted,
    Moved,
    NewArticle,
    NotRecorded,
    ReadOnlySample,
    SaveConflict,
    Saved,
    UnknownArticle,
)
from kb_app.search import Hit, KnowledgeSearcher
from kb_app.team.state import AgentDesk, desk_config
from kb_app.templates import new_article_text
from kb_app.validation import ValidationFailed, blocks_save, dated, validate

if TYPE_CHECKING:  # the team's parts (keyring, the git client) load when first used
    from kb_app.meaning.queries import QueryProcess
    from kb_app.meaning.update import MeaningReport
    from kb_app.team.credentials import Credentials
    from kb_app.team.desk import TeamDesk
    from kb_app.team.transfer import Progress as TeamProgress

LOCAL_DATA_FILE = "local.sqlite3"
RECOVERY_FOLDER = "recovery"
SYNC_WAIT_S = 10.0  # a save waits this long for another indexer, then leaves it to it
LINK_PICKER_LIMIT = 30
W = TypeVar("W", Saved, Moved, Deleted)


class KnowledgeBase:
    """An articles folder with its search index, history, recovery files and this desk's
    local data, opened and closed as one (`with KnowledgeBase(folder) as kb:`).

    Threads:
    - The object itself is made and closed on one thread; its reads may run on any.
    - Writes (`save`, `move`, `archive`, `delete`, `restore`, `record`, `reindex`,
      `insert_image`): one writer thread. The index writer is serialised by its lock file
      (across processes too); git's HEAD is not, so revisions are recorded from that one
      thread, in order.
    - History: one `History` per thread, opened lazily (`thread_history`); closed here.
    - Searchers: one per thread (`searcher()`); `catalogue` and `find` open their own
      unless given the calling thread's.
    - LocalData: one SQLite connection per thread (`open_local_data()`, closed by its
      caller).
    - RecoveryStore: any thread (one atomically written file per key).
    - `Edit` and the results are immutable values: pass them between threads freely.
    """

    def __init__(self, articles_dir: Path, index_dir: Path | None = None, *,
                 index: KnowledgeIndex | None = None, lock_timeout: float = 120.0,
                 query_process: bool = False) -> None:
        """`index_dir` defaults to the per-user one for the folder; `index` is an index
        the caller has already opened on it. `query_process`: English queries' meaning is
        made in a helper process while the words are ranked (kb_app.meaning.queries), for
        a long-lived owner on a desk of two cores or more (the window); a one-query
        process makes it itself."""
        self.articles_dir = Path(articles_dir).expanduser().resolve()
        self.index = index or KnowledgeIndex(
            index_dir or config.default_index_dir(self.articles_dir), self.articles_dir,
            lock_timeout)
        self._query_process: QueryProcess | None = None
        if query_process:
            from kb_app.meaning.queries import QueryProcess

            self._query_process = QueryProcess()
            self.index.query_vectors = self._query_process
        self._histories: dict[int, History] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            histories, self._histories = list(self._histories.values()), {}
        for history in histories:
            history.close()
        if self._query_process is not None:
            self._query_process.close()

    # -- parts ---------------------------------------------------------------------------

    @functools.cached_property
    def data_dir(self) -> Path:
        """This desk's data for the folder (config.data_dir, which moves an older
        version's data there on first use): decided when first needed, so reading
        commands never touch it."""
        return config.data_dir(self.articles_dir)

    @functools.cached_property
    def recovery(self) -> RecoveryStore:
        """Unsaved editor text, kept outside the articles folder."""
        return RecoveryStore(self.data_dir / RECOVERY_FOLDER)

    @functools.cached_property
    def team(self) -> TeamDesk:
        """The desk's team (kb_app.team): its remote and role, signing in, `sync` (fetch,
        merge, publish, then index what changed), status, articles waiting for a
        decision."""
        from kb_app.team.desk import TeamDesk

        return TeamDesk(self)

    @classmethod
    def clone(cls, url: str, target: Path, role: str = "agent", *,
              progress: TeamProgress | None = None, credentials: Credentials | None = None,
              index_dir: Path | None = None) -> KnowledgeBase:
        """A new desk: the team's articles copied from `url` into `target` (index it
        next, with `sync`)."""
        from kb_app.team.clone import clone

        return cls(clone(url, target, role, credentials, progress), index_dir)

    @property
    def is_bundled_sample(self) -> bool:
        """The sample shipped with the app: never edited in place (see `copy_sample`)."""
        return self.articles_dir == config.bundled_articles_dir().resolve()

    def thread_history(self) -> History:
        """This thread's `History`, opened on first use (`HistoryError` if it cannot be)."""
        key = threading.get_ident()
        with self._lock:
            history = self._histories.get(key)
        if history is None:
            history = History(self.articles_dir)
            with self._lock:
                self._histories[key] = history
        return history

    def sync(self, progress: Progress | None = None, workers: int = 2) -> SyncReport:
        """Bring the whole index up to date with the folder. Reading never builds it: this
        is the index owner's job (`kb index`, the window's index worker)."""
        return self.index.sync(progress=progress, workers=workers)

    def update_meanings(self, progress: Callable[[int, int], None] | None = None,
                        should_stop: Callable[[], bool] | None = None,
                        cores: int | None = None) -> MeaningReport:
        """After a sync: encode the meaning of what changed, so English searches are
        re-ranked by it (kb_app.meaning). Slow; stoppable; never needed to search;
        `cores`: the most it may use (None: all)."""
        return self.index.update_meanings(progress, should_stop, cores)

    def searcher(self) -> KnowledgeSearcher:
        """A new searcher for the calling thread (close it when done); `IndexNotReady`
        until the index is first built."""
        return self.index.searcher()

    def open_local_data(self) -> LocalData:
        """A connection to this desk's flags, pins and recents for the calling thread."""
        return LocalData(self.data_dir / LOCAL_DATA_FILE)

    def publish_signals(self) -> Path:
        """This desk's new records appended to its signals file in the team's signals
        folder (kb_app.health.signals), which team sync, `kb report` and the Health view
        read; returns the file."""
        from kb_app.health import signals

        local = self.open_local_data()
        try:
            return signals.publish(local, signals.team_folder(self.data_dir))
        finally:
            local.close()

    @contextmanager
    def _searching(self, searcher: KnowledgeSearcher | None) -> Iterator[KnowledgeSearcher]:
        if searcher is not None:
            yield searcher
            return
        with self.searcher() as own:
            yield own

    # -- reading -------------------------------------------------------------------------

    def load(self, path: str) -> Edit:
        """The article at `path` as an edit that has changed nothing yet."""
        rel = checked_path(path)
        return Edit.from_source(ArticleSource.load(self.articles_dir / rel), rel)

    def recover(self, key: str, text: str, base: str | None = None) -> Edit:
        """An edit holding unsaved text kept by `recovery` under `key`. `base` is the
        sha1 of the file it was typed over: if the file changed since, saving it raises
        `SaveConflict` and merging marks every difference."""
        if key.startswith("new:") or not (self.articles_dir / key).is_file():
            return Edit.from_text(text)
        edit = self.load(key).with_text(text)
        if base and edit.fingerprint is not None and edit.fingerprint.sha1 != base:
            edit = replace(edit, fingerprint=Fingerprint(-1, base))
        return edit

    def resolve(self, ref: str, *, must_exist: bool = True,
                searcher: KnowledgeSearcher | None = None) -> str:
        """The path of the article with id `ref`, or at path `ref` (relative to the
        folder, or absolute inside it). `must_exist=False` also takes the path of a file
        that is gone (its history is still there). `UnknownArticle` otherwise."""
        with self._searching(searcher) as s:
            found = s.stored_fields(wq.Term("id", ref))
        if found:
            return str(found["path"])
        rel = self._relative(ref)
        if rel is not None and (not must_exist or (self.articles_dir / rel).is_file()):
            return rel
        raise saying(UnknownArticle, (translate(
            "Saving", "no article with id or path {ref} in {folder}") if must_exist else translate(
            "Saving", "no article with id or path {ref} in {folder} (a deleted article is found "
            "by its path)")).format(ref=repr(ref), folder=str(self.articles_dir)))

    def _relative(self, ref: str) -> str | None:
        given = Path(ref).expanduser()
        if given.is_absolute():
            if not given.is_relative_to(self.articles_dir):
                return None
            ref = given.relative_to(self.articles_dir).as_posix()
        try:
            return checked_path(ref)
        except ValueError:
            return None

    def catalogue(self, searcher: KnowledgeSearcher | None = None) -> Catalogue:
        """Products, tags and ids by path, for completion lists and the unique-id check."""
        with self._searching(searcher) as s:
            data = s.catalogue()
        return Catalogue(list(data["products"]), list(data["tags"]),
                         dict(data["ids_by_path"]))

    def find(self, text: str, *, limit: int = LINK_PICKER_LIMIT, exclude: str | None = None,
             searcher: KnowledgeSearcher | None = None) -> list[Hit]:
        """Articles to link to: drafts too (they will be published), archived not (a link
        to one is dead), and not `exclude` (the article being edited)."""
        with self._searching(searcher) as s:
            hits = s.search(text, limit=limit + 1, include_drafts=True).results
        return [hit for hit in hits if hit.path != exclude][:limit]

    def history(self, path: str) -> list[Revision]:
        """The article's revisions, newest first, following it through moves (none in a
        folder that has no repository yet: reading creates nothing)."""
        if not self._histories and not has_repository(self.articles_dir):
            return []
        return self.thread_history().revisions(checked_path(path))

    def revision_text(self, revision: Revision) -> str:
        return self.thread_history().content_at(revision.id, revision.path)

    # -- composing -----------------------------------------------------------------------

    def new_article(self, template: str, title: str, *, product: str = "",
                    path: str | None = None) -> NewArticle:
        """An unsaved draft from a template (kb_app.templates), and where it would go."""
        fields = {"product": product} if product else {}
        edit = Edit.from_text(new_article_text(template, title, **fields))
        if path is not None:
            edit = replace(edit, path=checked_path(path))
        return NewArticle(edit, self.target_path(edit))

    def target_path(self, edit: Edit) -> str:
        """Where saving `edit` writes: its path, or a free one from its product and title."""
        if edit.path is not None:
            return edit.path
        return authoring.free_path(self.articles_dir, edit.value("product"), edit.value("title"))

    def placed(self, edit: Edit) -> Edit:
        """`edit` with its path decided and, if it is new, its id from its file name."""
        path = self.target_path(edit)
        if edit.is_new and not edit.value("id"):
            edit = edit.with_fields(id=posixpath.basename(path).removesuffix(".md"))
        return replace(edit, path=path)

    def check(self, edit: Edit, catalogue: Catalogue | None = None) -> dict[str, str]:
        """Field -> problem (kb_app.validation); empty when it may be published.
        `catalogue` gives the other articles' ids (read from the index when not given)."""
        edit = self.placed(edit)
        known = catalogue if catalogue is not None else self._catalogue_for_check()
        assert edit.path is not None
        return validate(edit.draft(), edit.path, self.articles_dir,
                        known.ids_elsewhere(edit.path))

    def _catalogue_for_check(self) -> Catalogue:
        try:
            return self.catalogue()
        except (IndexUnavailable, LockTimeout):  # not built yet (IndexNotReady), unreadable
            loaded = load_folder(self.articles_dir)  # slower, but ids are still compared
            return Catalogue(ids_by_path={a.path: a.id for a in loaded.articles})

    def merge(self, edit: Edit, theirs_text: str | None = None) -> MergeResult:
        """`edit` merged with the file as someone else saved it (see authoring.merge).
        `theirs_text`: what `SaveConflict.theirs` said; by default the file now."""
        return authoring.merge(edit, self._theirs(self._path_of(edit), theirs_text))

    def keep_mine(self, edit: Edit) -> Edit:
        """After a conflict: `edit`'s text, to be written over theirs knowingly."""
        path = self._path_of(edit)
        mine = dated(edit.base_text, compose(edit), edit.value("status"), dt.date.today())
        now = self._theirs(path, None)
        return Edit.from_text(mine, path, now.fingerprint, now.newline, now.bom)

    def take_theirs(self, edit: Edit) -> Edit:
        """After a conflict: the file as it is now, unedited."""
        return self._theirs(self._path_of(edit), None)

    def _path_of(self, edit: Edit) -> str:
        if edit.path is None:
            raise ValueError("the article has no path yet: use the edit SaveConflict carries")
        return edit.path

    def _theirs(self, path: str, text: str | None) -> Edit:
        """The file at `path` now; or `text`, checked against the file when saving."""
        try:
            disk: Edit | None = self.load(path)
        except FileNotFoundError:
            disk = None
        if text is None or (disk is not None and disk.base_text == text):
            return disk or Edit.from_text("", path)
        newline = disk.newline if disk is not None else "\n"
        bom = disk.bom if disk is not None else False
        data = (codecs.BOM_UTF8 if bom else b"") + text.replace("\n", newline).encode()
        return Edit.from_text(text, path, Fingerprint.of(data), newline, bom)

    def insert_image(self, article_path: str, image_file: Path) -> images.InsertedImage:
        """Copy a picture into `images/` beside the article; the Markdown to insert."""
        self._writable()
        return images.insert_image(self.articles_dir, checked_path(article_path), image_file)

    # -- writing -------------------------------------------------------------------------

    def save(self, edit: Edit, author: str, note: str = "", *,
             catalogue: Catalogue | None = None, record: bool = True) -> Saved:
        """Check, date (a published article that changed gets today's `updated:`), write
        with the conflict check, index the file, then (with `record`) record the revision.

        Raises `ValidationFailed` (a published article with problems, or an id clash),
        `SaveConflict`, `LinkOutsideFolder` or another `OSError` (nothing written), and
        `NotRecorded` (written and indexed; the history failed)."""
        edit = self.placed(edit)
        problems = self.check(edit, catalogue)
        status = edit.value("status")
        if blocks_save(problems, status):
            raise ValidationFailed(problems)
        text = dated(edit.base_text, compose(edit), status, dt.date.today())
        verb = "New article:" if edit.is_new else "Edit"
        message = note.strip() or f"{verb} {edit.value('title') or edit.path}"
        return self._write(edit, text, author, message, problems, record)

    def _write(self, edit: Edit, text: str, author: str, message: str,
               problems: dict[str, str], record: bool) -> Saved:
        self._writable()
        author = author_name(author)
        path = self._path_of(edit)
        before = ArticleSource(self.articles_dir / path, edit.base_text, edit.newline,
                               edit.fingerprint, edit.bom)
        try:
            after = save_file(before, text, self.articles_dir)
        except ConflictError as conflict:
            raise SaveConflict(edit, conflict.path, conflict.theirs) from conflict
        saved = replace(edit, base_text=text, base_fields=dict(edit.fields),
                        body=authoring.body_of(text), fingerprint=after.fingerprint)
        revision = PendingRevision([path], author, message, {path: after.to_bytes()})
        result = Saved(path, saved, revision, problems, self.reindex([path]))
        return self._recorded(result) if record else result

    def record(self, revision: PendingRevision) -> str:
        """Record a revision an operation returned (on the writer thread); the commit id."""
        return self.thread_history().record(revision)

    def _recorded(self, result: W) -> W:
        try:
            return replace(result, commit=self.record(result.revision))
        except HistoryError as exc:
            raise NotRecorded(result, exc) from exc

    def reindex(self, paths: Iterable[str]) -> Message | None:
        """Bring the index up to date for exactly `paths`. A warning, or None when done:
        the files are written either way, and the next full sync takes them in."""
        try:
            self.index.sync(only=list(paths), workers=1, lock_timeout=SYNC_WAIT_S)
        except (IndexUnavailable, LockTimeout) as exc:
            return translate("Index", "the search index was not updated yet ({error})").format(
                error=reason(exc))
        return None

    def archive(self, path: str, author: str, note: str = "", *, record: bool = True) -> Saved:
        """Hide the article from agents and the website, restorably (status: archived)."""
        edit = self.load(path).with_fields(status="archived")
        return self.save(edit, author, note.strip() or f"Archive {edit.path}", record=record)

    def restore(self, path: str, revision_id: str, author: str, note: str = "", *,
                over: Edit | None = None, record: bool = True) -> Saved:
        """Save the article's text at an earlier revision (an id or a prefix of one) as a
        new revision; nothing in the history is rewritten. `over` is the edit a window
        has open: if the file changed since it was read, `SaveConflict`."""
        rel = checked_path(path)
        revision = self.thread_history().find(rel, revision_id)
        text = self.revision_text(revision).replace("\r\n", "\n")
        now = over if over is not None else self._theirs(rel, None)
        edit = Edit.from_text(text, rel, now.fingerprint, now.newline, now.bom)
        message = note.strip() or f"Restore the revision of {revision.when} ({revision.id[:8]})"
        return self._write(edit, text, author, message, {}, record)

    def move(self, old: str, new: str, author: str, note: str = "", *,
             record: bool = True) -> Moved:
        """Move or rename an article; links to it elsewhere follow, and one revision
        records it all (the history sees a rename). `ValueError` for a bad new path,
        `FileExistsError`, `OSError`."""
        self._writable()
        author = author_name(author)
        old, new = checked_path(old), checked_path(new)
        if not (self.articles_dir / old).is_file():
            raise saying(FileNotFoundError, translate("Saving", "{path}: no such article").format(
                path=old))
        changed = move_article(self.articles_dir, old, new)
        contents = {rel: self._bytes(rel) for rel in changed}
        revision = PendingRevision(changed, author, note.strip() or f"Move {old} to {new}",
                                   contents)
        result = Moved(old, new, changed, revision, self.reindex(changed))
        return self._recorded(result) if record else result

    def delete(self, path: str, author: str, note: str = "", *, record: bool = True) -> Deleted:
        """Remove the article's file (it stays in the history, and `restore` brings it
        back). Unsaved recovery text for it is discarded."""
        self._writable()
        author = author_name(author)
        rel = checked_path(path)
        (self.articles_dir / rel).unlink()
        self.recovery.discard(rel)
        revision = PendingRevision([rel], author, note.strip() or f"Delete {rel}", {rel: None})
        result = Deleted(rel, revision, self.reindex([rel]))
        return self._recorded(result) if record else result

    def copy_sample(self, target: Path | None = None) -> Path:
        """Copy this folder (the bundled sample) to `target`, by default a new
        `Documents/Gyan articles` folder, to edit there; the copy's path."""
        target = Path(target) if target is not None else config.editable_copy_dir()
        config.copy_sample(self.articles_dir, target)
        return target

    def _writable(self) -> None:
        if self.is_bundled_sample:
            raise ReadOnlySample(self.articles_dir)
        team = desk_config(self.articles_dir)
        if team.shared and not team.is_editor:
            raise AgentDesk(self.articles_dir)

    def _bytes(self, rel: str) -> bytes | None:
        path = self.articles_dir / rel
        return path.read_bytes() if path.is_file() else None
