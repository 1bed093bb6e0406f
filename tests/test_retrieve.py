"""Tests for qa/retrieve.py: dense, BM25 and hybrid search on the small index; k checks; fusion functions."""

from __future__ import annotations

import copy

import pytest

from qa.index import load_index
from qa.retrieve import FUSIONS, BM25Retriever, DenseRetriever, HybridRetriever, min_max, reciprocal_rank
from qa.types import Chunk, Hit

QUESTIONS = [
    ("How much did the new library cost?", "library_opening"),
    ("How many books does the Millbrook library hold?", "library_opening"),
    ("Who is the head librarian?", "library_opening"),
    ("What caused the warehouse fire?", "harbor_fire"),
    ("How many firefighters fought the blaze?", "harbor_fire"),
    ("When did the harbor reopen after the fire?", "harbor_followup"),
    ("Which office investigated and blamed the faulty motor?", "harbor_followup"),
]


@pytest.fixture(scope="module")
def index(small_index):
    from qa.index import load_index

    return load_index(small_index)


@pytest.fixture(scope="module")
def retrievers(index, embedder):
    dense = DenseRetriever(index, embedder, top_k=3)
    sparse = BM25Retriever(index, top_k=3)
    return {
        "dense": dense,
        "bm25": sparse,
        "hybrid": HybridRetriever(dense, sparse, top_k=3),
        "hybrid-minmax": HybridRetriever(dense, sparse, top_k=3, fusion="minmax"),
    }


def _check_hits(hits: list[Hit], index) -> None:
    assert [h.rank for h in hits] == list(range(len(hits)))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.chunk.id for h in hits}) == len(hits), "a chunk is returned twice"
    for h in hits:
        assert h.chunk == index.chunks[h.chunk.id]


@pytest.mark.model
@pytest.mark.parametrize("kind", ["dense", "bm25", "hybrid", "hybrid-minmax"])
@pytest.mark.parametrize(("question", "doc_id"), QUESTIONS)
def test_search_finds_the_right_article(retrievers, index, kind, question, doc_id):
    hits = retrievers[kind].search(question)
    assert hits, f"{kind} found nothing for {question!r}"
    assert hits[0].chunk.doc_id == doc_id
    _check_hits(hits, index)


@pytest.mark.model
def test_k_defaults_to_top_k_and_is_capped_by_the_number_of_chunks(retrievers, index):
    n = len(index.chunks)
    assert len(retrievers["dense"].search("library")) == min(3, n)
    assert len(retrievers["dense"].search("library", k=1)) == 1
    assert len(retrievers["dense"].search("library", k=n + 50)) == n
    hybrid = retrievers["hybrid"].search("library fire harbor", k=n + 50)
    assert len(hybrid) == n
    _check_hits(hybrid, index)


@pytest.mark.model
def test_bm25_returns_nothing_for_unknown_words_but_dense_still_ranks(retrievers):
    assert retrievers["bm25"].search("zzyzx qwertyuiop") == []
    assert retrievers["bm25"].search("") == []
    assert retrievers["bm25"].search("the of and") == []
    assert len(retrievers["dense"].search("zzyzx qwertyuiop")) == 3


@pytest.mark.model
def test_bm25_scores_cover_every_chunk(retrievers, index):
    scores = retrievers["bm25"].scores("library books Millbrook")
    assert scores.shape == (len(index.chunks),)
    best = int(scores.argmax())
    assert index.chunks[best].doc_id == "library_opening"
    assert all(s == 0 for i, s in enumerate(scores) if index.chunks[i].doc_id != "library_opening")


@pytest.mark.model
def test_dense_search_accepts_a_precomputed_vector(retrievers, embedder):
    question = "How much did the new library cost?"
    vector = embedder.encode_one(question)
    by_text = retrievers["dense"].search(question)
    by_vector = retrievers["dense"].search("ignored text", vector=vector)
    assert [h.chunk.id for h in by_text] == [h.chunk.id for h in by_vector]


@pytest.mark.model
@pytest.mark.parametrize("kind", ["dense", "bm25", "hybrid"])
@pytest.mark.parametrize("k", [0, -1, 2.5, "3"])
def test_bad_k_raises_value_error_naming_it(retrievers, kind, k):
    with pytest.raises(ValueError) as info:
        retrievers[kind].search("library", k)
    assert repr(k) in str(info.value)


@pytest.mark.model
def test_bad_constructor_arguments_raise(index, embedder):
    with pytest.raises(ValueError, match="0"):
        DenseRetriever(index, embedder, top_k=0)
    with pytest.raises(ValueError, match="-2"):
        BM25Retriever(index, top_k=-2)
    dense, sparse = DenseRetriever(index, embedder), BM25Retriever(index)
    with pytest.raises(ValueError, match="'max'"):
        HybridRetriever(dense, sparse, fusion="max")
    with pytest.raises(ValueError, match="0"):
        HybridRetriever(dense, sparse, top_k=0)


# --- fusion as pure functions --------------------------------------------------------------------


def _chunk(cid: int) -> Chunk:
    return Chunk(cid, f"doc{cid}", 0, 4, "text", 1, (cid,))


def _run(*pairs: tuple[int, float]) -> list[Hit]:
    return [Hit(_chunk(cid), score, rank) for rank, (cid, score) in enumerate(pairs)]


def test_reciprocal_rank_fusion_values():
    dense = _run((1, 0.9), (2, 0.8))
    sparse = _run((2, 7.0), (3, 1.0))
    fused = reciprocal_rank([dense, sparse], [1.0, 1.0], k=60)
    assert fused == pytest.approx({1: 1 / 61, 2: 1 / 62 + 1 / 61, 3: 1 / 62})
    weighted = reciprocal_rank([dense, sparse], [2.0, 0.5], k=0)
    assert weighted == pytest.approx({1: 2.0, 2: 2.0 / 2 + 0.5, 3: 0.5 / 2})


def test_reciprocal_rank_uses_ranks_not_scores():
    a = reciprocal_rank([_run((1, 100.0), (2, 0.001))], [1.0])
    b = reciprocal_rank([_run((1, 0.5), (2, 0.4))], [1.0])
    assert a == b


def test_min_max_fusion_values():
    dense = _run((1, 0.9), (2, 0.6), (3, 0.3))
    sparse = _run((3, 12.0), (4, 2.0))
    fused = min_max([dense, sparse], [1.0, 0.5])
    assert fused == pytest.approx({1: 1.0, 2: 0.5, 3: 0.0 + 0.5 * 1.0, 4: 0.0})


def test_min_max_with_equal_scores_and_empty_runs():
    fused = min_max([_run((1, 3.0), (2, 3.0)), []], [1.0, 1.0])
    assert fused == {1: 1.0, 2: 1.0}
    assert min_max([[], []], [1.0, 1.0]) == {}
    assert reciprocal_rank([[], []], [1.0, 1.0]) == {}


@pytest.mark.parametrize("name", sorted(FUSIONS))
def test_fusion_does_not_change_its_inputs(name):
    runs = [_run((1, 0.9), (2, 0.1)), _run((2, 5.0))]
    before = copy.deepcopy(runs)
    FUSIONS[name](runs, [1.0, 1.0])
    assert runs == before


class _FixedRetriever:
    """A retriever that returns a fixed run, to test HybridRetriever's ordering alone."""

    def __init__(self, hits: list[Hit]):
        self.hits = hits

    def search(self, query, k=None, vector=None, doc_ids=None):
        return self.hits[:k]


def test_hybrid_orders_by_fused_score_then_chunk_id():
    dense = _FixedRetriever(_run((5, 0.9), (3, 0.8)))
    sparse = _FixedRetriever(_run((3, 4.0), (5, 2.0), (9, 1.0)))
    hybrid = HybridRetriever(dense, sparse, top_k=3)
    hits = hybrid.search("q")
    # 3 and 5 tie (1/61 + 1/62 each): the lower chunk id comes first.
    assert [h.chunk.id for h in hits] == [3, 5, 9]
    assert [h.rank for h in hits] == [0, 1, 2]
    assert hits[0].score == pytest.approx(1 / 61 + 1 / 62)
    assert [h.chunk.id for h in hybrid.search("q", k=1)] == [3]


@pytest.mark.model
def test_search_within_chosen_articles_returns_only_their_chunks(small_index, embedder):
    index = load_index(small_index, check_corpus=False)
    dense, sparse = DenseRetriever(index, embedder), BM25Retriever(index)
    hybrid = HybridRetriever(dense, sparse)
    only = frozenset({"library_opening"})
    for retriever in (dense, sparse, hybrid):
        hits = retriever.search("How many workers were treated for smoke inhalation?", 5, doc_ids=only)
        assert {h.chunk.doc_id for h in hits} <= {"library_opening"}
        assert hits or retriever is sparse  # BM25 returns nothing when no chosen chunk shares a word
    assert {h.chunk.doc_id for h in hybrid.search("How many workers were treated for smoke inhalation?", 5)} != {"library_opening"}
