"""Retrievers over the index: dense (FAISS), BM25 (bm25s) and their fusion. Each has ``search(query, k)``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .embedding import Embedder
from .index import Index
from .text import term_tuple
from .types import Hit


def chunk_rows(index: Index, doc_ids: frozenset[str]) -> list[int]:
    """Rows (chunk ids) of the chunks of some articles."""
    return [c.id for c in index.chunks if c.doc_id in doc_ids]


def _check_k(k: int) -> int:
    if not isinstance(k, int) or k < 1:
        raise ValueError(f"top_k must be an integer >= 1, got {k!r}")
    return k


class DenseRetriever:
    """Chunks nearest to the question's embedding (inner product of unit vectors)."""

    def __init__(self, index: Index, embedder: Embedder, top_k: int = 5):
        self.index, self.embedder, self.top_k = index, embedder, _check_k(top_k)

    def search(self, query: str, k: int | None = None, vector: np.ndarray | None = None,
               doc_ids: frozenset[str] | None = None) -> list[Hit]:
        k = min(_check_k(self.top_k if k is None else k), len(self.index.chunks))
        if vector is None:
            vector = self.embedder.encode_one(query)
        query_vector = vector.reshape(1, -1).astype(np.float32)
        if doc_ids:
            import faiss

            rows = np.array(chunk_rows(self.index, doc_ids), dtype=np.int64)
            if not len(rows):
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows))
            scores, ids = self.index.faiss_index.search(query_vector, min(k, len(rows)), params=params)
        else:
            scores, ids = self.index.faiss_index.search(query_vector, k)
        return [
            Hit(self.index.chunks[i], s, rank)
            for rank, (s, i) in enumerate(zip(scores[0].tolist(), ids[0].tolist()))
            if i >= 0
        ]


class BM25Retriever:
    """Chunks ranked by BM25 over stemmed content terms."""

    def __init__(self, index: Index, top_k: int = 5):
        self.index, self.top_k = index, _check_k(top_k)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query."""
        vocab = self.index.bm25.vocab_dict
        query_terms = [t for t in term_tuple(query) if t in vocab]
        if not query_terms:
            return np.zeros(len(self.index.chunks), dtype=np.float32)
        return np.asarray(self.index.bm25.get_scores(query_terms), dtype=np.float32)

    def search(self, query: str, k: int | None = None, doc_ids: frozenset[str] | None = None) -> list[Hit]:
        k = min(_check_k(self.top_k if k is None else k), len(self.index.chunks))
        scores = self.scores(query)
        if doc_ids:
            keep = np.zeros(len(scores), dtype=bool)
            keep[chunk_rows(self.index, doc_ids)] = True
            scores = np.where(keep, scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k].tolist()
        by_chunk = scores.tolist()
        return [Hit(self.index.chunks[i], by_chunk[i], rank) for rank, i in enumerate(order) if by_chunk[i] > 0]


# --- fusion: pure functions from ranked lists to one ranked list ---------------------------------


def reciprocal_rank(runs: list[list[Hit]], weights: list[float], k: int = 60) -> dict[int, float]:
    """Reciprocal rank fusion (Cormack et al., 2009): sum of w / (k + rank)."""
    fused: dict[int, float] = {}
    for run, w in zip(runs, weights):
        for hit in run:
            fused[hit.chunk.id] = fused.get(hit.chunk.id, 0.0) + w / (k + hit.rank + 1)
    return fused


def min_max(runs: list[list[Hit]], weights: list[float]) -> dict[int, float]:
    """Weighted sum of scores min-max normalised within each run."""
    fused: dict[int, float] = {}
    for run, w in zip(runs, weights):
        if not run:
            continue
        scores = [h.score for h in run]
        lo, hi = min(scores), max(scores)
        for hit in run:
            norm = (hit.score - lo) / (hi - lo) if hi > lo else 1.0
            fused[hit.chunk.id] = fused.get(hit.chunk.id, 0.0) + w * norm
    return fused


FUSIONS: dict[str, Callable[[list[list[Hit]], list[float]], dict[int, float]]] = {
    "rrf": reciprocal_rank,
    "minmax": min_max,
}


class HybridRetriever:
    """Dense and BM25 runs fused into one ranking.

    Each run fetches ``candidates`` hits before fusion; ``weights`` are (dense, sparse).
    """

    def __init__(
        self,
        dense: DenseRetriever,
        sparse: BM25Retriever,
        top_k: int = 5,
        fusion: str = "rrf",
        weights: tuple[float, float] = (1.0, 1.0),
        candidates: int = 20,
    ):
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {sorted(FUSIONS)}, got {fusion!r}")
        self.dense, self.sparse = dense, sparse
        self.top_k, self.fusion, self.weights, self.candidates = _check_k(top_k), fusion, weights, candidates

    def search(self, query: str, k: int | None = None, vector: np.ndarray | None = None,
               doc_ids: frozenset[str] | None = None) -> list[Hit]:
        """Fused hits; with ``doc_ids``, only chunks of those articles."""
        k = _check_k(self.top_k if k is None else k)
        n = max(k, self.candidates)
        runs = [self.dense.search(query, n, vector=vector, doc_ids=doc_ids), self.sparse.search(query, n, doc_ids=doc_ids)]
        fused = FUSIONS[self.fusion](runs, list(self.weights))
        chunks = {h.chunk.id: h.chunk for run in runs for h in run}
        order = sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]
        return [Hit(chunks[cid], fused[cid], rank) for rank, cid in enumerate(order)]
