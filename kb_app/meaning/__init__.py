"""Search by meaning: a sentence encoder, the vectors of every article's passages kept
beside the index, and how their closeness to a query re-ranks what the words found.

The words decide which articles are found; meaning only reorders the first
`fusion.POOL` of them, as reciprocal-rank fusion of the two orders (kb_app.meaning.fusion).
English queries only: the model is English (kb_app.meaning.encoder).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb_app.meaning.encoder import SentenceEncoder

MODEL_ID = "all-MiniLM-L6-v2/i8"  # what stored vectors were made with (else made again)
DIMENSIONS = 384


def load_encoder() -> SentenceEncoder:
    """A new encoder, this caller's own (about 20 ms; 78 MB while it is kept): an update
    of the vectors lets it go when it ends, so a window that reads a saved article's
    meaning does not keep the model for it (queries are made in its helper process)."""
    from kb_app import config
    from kb_app.meaning.encoder import SentenceEncoder

    return SentenceEncoder(widened=config.model_cache_dir())


@functools.cache
def shared_encoder() -> SentenceEncoder:
    """The process's one encoder, made when first needed (the tokeniser's library loads
    only then)."""
    return load_encoder()


__all__ = ["DIMENSIONS", "MODEL_ID", "load_encoder", "shared_encoder"]
