"""Search as you type, off the UI thread: what the window asks for, and what comes back.

The search runs on the task runner's reader thread with its searcher; it also reads and
renders the top result, so the pane can show it in the same step as the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb_app.gui.rendering import ArticleLoader, Loaded
from kb_app.learning import Learned
from kb_app.search import KnowledgeSearcher, SearchResponse

RESULTS_SHOWN = 20  # what fits in an agent's glance; snippets cost per result


@dataclass(frozen=True)
class SearchRequest:
    text: str
    product: str | None
    language: str | None
    staff: bool  # drafts and archived articles too
    learned: Learned | None = None  # what the team's use teaches (None: plain ranking)
    meaning: bool = True  # English searches re-ranked by meaning (kb_app.meaning)


@dataclass
class Answer:
    response: SearchResponse
    top: Loaded | None  # the first result, read and rendered for the pane


def answer(searcher: KnowledgeSearcher, request: SearchRequest, loader: ArticleLoader) -> Answer:
    """On the reader thread: the results, and the top one ready for the pane."""
    response = searcher.search(request.text, product=request.product,
                               language=request.language, limit=RESULTS_SHOWN,
                               include_archived=request.staff, include_drafts=request.staff,
                               learned=request.learned, meaning=request.meaning)
    top = response.results[0].path if response.results else None
    return Answer(response, loader.quietly(top))


__all__ = ["RESULTS_SHOWN", "Answer", "SearchRequest", "answer"]
