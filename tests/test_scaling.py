"""Tests for FAISS index choice (qa/index.py) and the synthetic scaling benchmark (qa/scaling.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qa import index as index_mod
from qa import scaling
from qa.index import IndexProblem, build_index, load_index, make_faiss_index


def _unit(n: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, 384)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


# --- index choice -------------------------------------------------------------------------------------------


def test_auto_is_exact_below_the_limit_and_hnsw_from_it(monkeypatch):
    index, fields = make_faiss_index(_unit(50))
    assert fields == {"faiss": "IndexFlatIP", "faiss_params": {}}
    monkeypatch.setattr(index_mod, "FLAT_LIMIT", 40)
    index, fields = make_faiss_index(_unit(50))
    assert fields["faiss"] == "IndexHNSWFlat" and type(index).__name__ == "IndexHNSWFlat"
    assert fields["faiss_params"] == index_mod.HNSW_PARAMS
    assert index.hnsw.efSearch == index_mod.HNSW_PARAMS["efSearch"] and index.ntotal == 50


def test_explicit_types_and_a_bad_one():
    assert make_faiss_index(_unit(10), "hnsw")[1]["faiss"] == "IndexHNSWFlat"
    assert make_faiss_index(_unit(10), "flat")[1]["faiss"] == "IndexFlatIP"
    with pytest.raises(ValueError, match="auto, flat, hnsw"):
        make_faiss_index(_unit(10), "ivf-pq")


def test_hnsw_finds_what_exact_search_finds():
    vectors = _unit(2000, seed=1)
    exact, _ = make_faiss_index(vectors, "flat")
    hnsw, _ = make_faiss_index(vectors, "hnsw")
    queries = _unit(50, seed=2)
    truth = exact.search(queries, 10)[1]
    assert scaling.recall_at_k(hnsw.search(queries, 10)[1], truth) >= 0.9


@pytest.mark.model
def test_hnsw_index_round_trip(small_corpus, tmp_path, embedder):
    from qa.pipeline import Assistant

    build_index(small_corpus, tmp_path / "flat", embedder=embedder)
    build_index(small_corpus, tmp_path / "hnsw", embedder=embedder, faiss_type="hnsw")
    manifest = json.loads((tmp_path / "hnsw" / "manifest.json").read_text())
    assert manifest["faiss"] == "IndexHNSWFlat" and manifest["faiss_params"]["M"] == index_mod.HNSW_PARAMS["M"]
    flat, hnsw = load_index(tmp_path / "flat"), load_index(tmp_path / "hnsw")
    assert type(hnsw.faiss_index).__name__ == "IndexHNSWFlat"
    assert hnsw.faiss_index.hnsw.efSearch == index_mod.HNSW_PARAMS["efSearch"]  # kept in the file
    np.testing.assert_allclose(hnsw.faiss_index.reconstruct_n(0, hnsw.faiss_index.ntotal),
                               flat.faiss_index.reconstruct_n(0, flat.faiss_index.ntotal), atol=1e-6)
    question = "What caused the harbor fire?"
    a = Assistant(flat, embedder, cache_size=0).ask(question)
    b = Assistant(hnsw, embedder, cache_size=0).ask(question)
    assert (a.answer, a.sentence) == (b.answer, b.sentence)


@pytest.mark.model
def test_load_checks_the_faiss_type(small_corpus, tmp_path, embedder):
    build_index(small_corpus, tmp_path / "index", embedder=embedder, faiss_type="hnsw")
    path = tmp_path / "index" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["faiss"] = "IndexFlatIP"
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexProblem, match="IndexHNSWFlat.*rebuild"):
        load_index(tmp_path / "index")


# --- synthetic vectors and the scaling rows ----------------------------------------------------------------


def test_clustered_vectors_are_unit_deterministic_and_chunked():
    parts = list(scaling.clustered_vectors(1200, seed=3, chunk=500))
    assert [len(p) for p in parts] == [500, 500, 200]
    again = np.concatenate(list(scaling.clustered_vectors(1200, seed=3, chunk=500)))
    vectors = np.concatenate(parts)
    np.testing.assert_array_equal(vectors, again)
    assert vectors.dtype == np.float32 and vectors.shape == (1200, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    with pytest.raises(ValueError):
        next(scaling.clustered_vectors(0))


def test_queries_have_near_neighbours_like_sentence_embeddings():
    vectors = np.concatenate(list(scaling.clustered_vectors(5000, seed=0)))
    queries = scaling.query_vectors(50, 5000, seed=0)
    best = (queries @ vectors.T).max(axis=1)
    assert 0.5 < best.mean() < 0.9  # a related sentence, not a duplicate
    assert abs(float((vectors[:100] @ vectors[100:200].T).mean())) < 0.1  # unrelated pairs near 0


def test_add_vectors_adds_the_same_vectors_in_any_shape():
    import faiss

    index = faiss.IndexFlatIP(384)
    scaling.add_vectors(index, 1001, seed=4)
    expected = np.concatenate(list(scaling.clustered_vectors(1001, seed=4)))
    np.testing.assert_array_equal(index.reconstruct_n(0, 1001), expected)


def test_recall_at_k():
    truth = np.array([[1, 2, 3, 4], [5, 6, 7, 8]])
    assert scaling.recall_at_k(truth, truth, k=4) == 1.0
    assert scaling.recall_at_k(np.array([[4, 3, 9, 9], [0, 0, 0, 0]]), truth, k=4) == 0.25


def test_tie_recall_counts_near_ties_only():
    truth, truth_scores = np.array([[1, 2]]), np.array([[0.9, 0.8]])
    assert scaling.tie_recall_at_k(np.array([[0.9, 0.795]]), np.array([[1, 7]]), truth_scores, truth, k=2) == 1.0
    assert scaling.tie_recall_at_k(np.array([[0.9, 0.7]]), np.array([[1, 7]]), truth_scores, truth, k=2) == 0.5
    assert scaling.tie_recall_at_k(np.array([[0.9, -1.0]]), np.array([[1, -1]]), truth_scores, truth, k=2) == 0.5


def test_scale_case_rows():
    rows = scaling.scale_case(3000, nq=20)
    assert [r["index"] for r in rows] == ["flat", "hnsw", "ivf"]
    for row in rows:
        assert row["figure"] == "scaling" and row["n"] == 3000
        assert {"build_s_per_1k", "search_ms_median", "search_ms_p95", "recall_at_10", "peak_rss_mb", "params"} <= set(row)
        assert 0.0 <= row["recall_at_10"] <= row["tie_recall_at_10"] <= 1.0
    assert rows[0]["recall_at_10"] == 1.0
    assert rows[1]["params"]["efSearch"] in scaling.EF_CHOICES
    assert rows[2]["params"]["nprobe"] in scaling.NPROBE_CHOICES
