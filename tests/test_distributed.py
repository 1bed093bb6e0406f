"""Tests for qa/distributed.py: Ray Data embeds a corpus exactly as the single process does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qa.distributed import corpus_sentences, embed_with_ray
from qa.embedding import BackendUnavailable

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def test_missing_ray_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(BackendUnavailable, match=r"qa\[ray\]"):
        embed_with_ray(["a sentence"])


@pytest.mark.slow
@pytest.mark.model
def test_ray_vectors_equal_single_process_vectors(embedder, tmp_path):
    pytest.importorskip("ray.data", reason="Ray Data is not installed: pip install 'qa[ray]'")
    sentences = corpus_sentences(ARTICLES)
    vectors = embed_with_ray(sentences, backend="torch", actors=2, batch_size=32, shards_dir=tmp_path / "shards")
    expected = embedder.encode(sentences)
    assert vectors.shape == expected.shape
    assert float((vectors * expected).sum(axis=1).min()) >= 0.999
    assert len(list((tmp_path / "shards").glob("*.parquet"))) >= 1
