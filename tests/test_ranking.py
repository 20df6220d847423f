"""The NumPy ranker reads Whoosh internals: check it against Whoosh's public answers."""

import numpy as np
from whoosh import query as wq

from kb_app.index import KnowledgeIndex
from kb_app.ranking import Ranker, _field_lengths
from tests.conftest import write


def test_lengths_and_postings_match_whoosh(kb: KnowledgeIndex, kb_dir) -> None:
    write(kb_dir, "extra.md", "Refund refund refund, and a warranty.\n")
    kb.sync()  # a second segment and a deleted document
    (kb_dir / "router/setup.md").unlink()
    kb.sync()
    with kb.open().searcher() as searcher:
        ranker = Ranker(searcher)
        assert len(ranker.leaves) >= 1
        for reader, _ in ranker.leaves:
            n = reader.doc_count_all()
            for field in ("title", "meta", "body"):
                expected = [reader.doc_field_length(i, field, 0) for i in range(n)]
                assert np.allclose(_field_lengths(reader, field, n), expected)
        ids, tf = ranker.postings("body", "refund")
        live = {int(i) for i, alive in zip(ids, ranker.alive[ids], strict=True) if alive}
        expected_docs = set(searcher.docs_for_query(wq.Term("body", "refund")))
        assert live == expected_docs
        assert max(tf) == 3.0
