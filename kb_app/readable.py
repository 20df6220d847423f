"""Searching what can still be read of a damaged index.

Random bytes inside a segment surface only when that part is read, as whatever Whoosh's
decoders make of them (`zlib.error`, `struct.error`, `IndexError`, a bare
`Exception("Block tag error")`). A read that fails so is tried again on each segment
alone: the segments that fail are left out and the rest answers. The same read on an
empty index must succeed, or the failure is a bug of ours, not damage, and is raised.

The caller marks the generation damaged, so that the next sync builds a new one while
this one goes on answering from what it can.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from whoosh import index as whoosh_index
from whoosh.fields import Schema
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher

Probe = Callable[[Searcher], object]  # runs the failed read on another searcher


class _NothingReadable(EmptyReader):
    """No segment can be read: an empty index, of the right generation (so that
    `Searcher.up_to_date` works and a later commit is still picked up)."""

    def __init__(self, schema: Schema, generation: int) -> None:
        super().__init__(schema)
        self._generation = generation

    def generation(self) -> int:
        return self._generation


def open_searcher(ix: whoosh_index.Index, excluded: set[str]) -> tuple[Searcher, set[str]]:
    """A searcher over the latest commit's segments except `excluded` (segment ids), and
    the exclusions with any segment that cannot even be opened added."""
    if not excluded:
        try:
            return ix.searcher(), set()
        except OSError:
            raise  # a generation replaced meanwhile: the caller opens the new one
        except Exception:  # noqa: BLE001 - damage: open what can be opened
            pass
    toc = ix._read_toc()
    readers, bad = [], set(excluded)
    for segment in toc.segments:
        if segment.segment_id() in bad:
            continue
        try:
            readers.append(SegmentReader(ix.storage, toc.schema, segment,
                                         generation=toc.generation))
        except OSError:
            raise
        except Exception:  # noqa: BLE001 - this segment is unreadable
            bad.add(segment.segment_id())
    if not readers:
        reader = _NothingReadable(toc.schema, toc.generation)
    elif len(readers) == 1:
        reader = readers[0]
    else:
        reader = MultiReader(readers, generation=toc.generation)
    return Searcher(reader, fromindex=ix), bad


def unreadable_segments(ix: whoosh_index.Index, excluded: set[str], probe: Probe) -> set[str]:
    """The segments (not yet excluded) on which `probe` fails. Empty if it fails on an
    empty index too: then the failure is not the index's."""
    toc = ix._read_toc()
    empty = Searcher(_NothingReadable(toc.schema, toc.generation))
    try:
        probe(empty)
    except Exception:  # noqa: BLE001 - fails without reading anything: not damage
        return set()
    finally:
        empty.close()
    bad = set()
    for segment in toc.segments:
        if segment.segment_id() in excluded:
            continue
        searcher = None
        try:
            searcher = Searcher(SegmentReader(ix.storage, toc.schema, segment,
                                              generation=toc.generation), fromindex=ix)
            probe(searcher)
        except Exception:  # noqa: BLE001 - any failure reading it: leave it out
            bad.add(segment.segment_id())
        finally:
            if searcher is not None:
                with contextlib.suppress(Exception):
                    searcher.close()
    return bad
