"""Tests for qa/embedding.py: backend choice, ONNX export cache, agreement of ONNX and int8 vectors with torch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qa import embedding, onnx_backend
from qa.embedding import MODEL_NAME, BackendUnavailable, Embedder

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"

try:
    import onnxruntime  # noqa: F401

    HAVE_ORT = True
except ImportError:
    HAVE_ORT = False
needs_ort = pytest.mark.skipif(not HAVE_ORT, reason="onnxruntime is not installed: pip install 'qa[onnx]'")


# --- no model needed --------------------------------------------------------------------------------------


def test_unknown_backend_names_the_choices():
    with pytest.raises(ValueError, match="torch, onnx, onnx-int8"):
        Embedder(backend="tensorrt")


def test_backend_from_environment(monkeypatch):
    monkeypatch.setenv("QA_BACKEND", "onnx-int8")
    assert Embedder().backend == "onnx-int8"
    assert Embedder(backend="torch").backend == "torch"


def test_bad_threads_rejected():
    with pytest.raises(ValueError, match="threads must be >= 1"):
        Embedder(threads=0)


def test_int8_is_recorded_as_its_own_model_and_onnx_is_not():
    assert Embedder(backend="torch").model_name == MODEL_NAME
    assert Embedder(backend="onnx").model_name == MODEL_NAME  # same vectors (cosine >= 0.9999)
    assert Embedder(backend="onnx-int8").model_name == f"{MODEL_NAME}#onnx-int8-{onnx_backend.int8_recipe()}"


def test_int8_recipe_follows_the_quantisation_options(monkeypatch):
    before = onnx_backend.int8_recipe()
    monkeypatch.setitem(onnx_backend.INT8_OPTIONS, "nodes_to_exclude", [])
    assert onnx_backend.int8_recipe() != before
    assert Embedder(backend="onnx-int8").model_name.endswith(onnx_backend.int8_recipe())


def test_cache_root_follows_qa_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("QA_CACHE", str(tmp_path))
    assert embedding.cache_root() == tmp_path


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_missing_onnxruntime_names_the_extra(monkeypatch, tmp_path, backend):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime -> ImportError
    emb = Embedder(backend=backend, cache_dir=tmp_path)
    with pytest.raises(BackendUnavailable, match=r"qa\[onnx\]"):
        emb.warm_up()
    assert not any(tmp_path.iterdir())  # nothing exported


# --- the real model ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory) -> Path:
    """A cache folder with both exports, made once for this module."""
    if not HAVE_ORT:
        pytest.skip("onnxruntime is not installed: pip install 'qa[onnx]'")
    cache = tmp_path_factory.mktemp("onnx-cache")
    onnx_backend.onnx_model_path("onnx-int8", cache_dir=cache)
    return cache


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    from qa.distributed import corpus_sentences

    return corpus_sentences(ARTICLES)


@pytest.fixture(scope="module")
def torch_vectors(embedder, sentences) -> np.ndarray:
    return embedder.encode(sentences)


@pytest.mark.model
@needs_ort
def test_onnx_vectors_equal_torch_vectors(onnx_cache, sentences, torch_vectors):
    onnx = Embedder(backend="onnx", cache_dir=onnx_cache)
    vectors = onnx.encode(sentences)  # padded batches of 64
    assert vectors.shape == torch_vectors.shape and vectors.dtype == np.float32
    cosine = (vectors * torch_vectors).sum(axis=1)
    assert cosine.min() >= 0.9999
    for i in (0, 7):  # one text alone, as a question is embedded
        assert float(onnx.encode_one(sentences[i]) @ torch_vectors[i]) >= 0.9999
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
@needs_ort
def test_int8_vectors_agree_with_torch(onnx_cache, sentences, torch_vectors):
    vectors = Embedder(backend="onnx-int8", cache_dir=onnx_cache).encode(sentences)
    cosine = (vectors * torch_vectors).sum(axis=1)
    assert cosine.min() >= 0.99  # measured 0.993 (mean 0.998) on these 102 sentences, in batches of 16
    assert cosine.mean() >= 0.995
    int8 = Embedder(backend="onnx-int8", cache_dir=onnx_cache)
    for i in (0, 7, 50):  # one text alone, as a question is embedded
        assert float(int8.encode_one(sentences[i]) @ torch_vectors[i]) >= 0.99
    # The same nearest sentence for most sentences' own vectors: retrieval is preserved.
    same = (vectors @ torch_vectors.T).argmax(axis=1) == np.arange(len(sentences))
    assert same.mean() >= 0.99


@pytest.mark.model
@needs_ort
def test_export_is_cached_and_reused(onnx_cache, monkeypatch):
    files = {p: p.stat().st_mtime_ns for p in onnx_cache.rglob("*.onnx")}
    assert sorted(p.name for p in files) == ["model-int8-" + onnx_backend.int8_recipe() + ".onnx", "model.onnx"]
    monkeypatch.setattr(onnx_backend, "_export_fp32", lambda *a: pytest.fail("exported again"))
    monkeypatch.setattr(onnx_backend, "_quantize", lambda *a: pytest.fail("quantised again"))
    for backend in ("onnx", "onnx-int8"):
        emb = Embedder(backend=backend, cache_dir=onnx_cache)
        assert emb.encode(["cached"]).shape == (1, 384)
    assert {p: p.stat().st_mtime_ns for p in onnx_cache.rglob("*.onnx")} == files


@pytest.mark.model
@needs_ort
def test_int8_file_of_other_options_is_not_reused(onnx_cache, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(onnx_cache, cache)
    folder = next(cache.iterdir())
    current = folder / f"model-int8-{onnx_backend.int8_recipe()}.onnx"
    current.rename(folder / "model-int8.onnx")  # as an export with the old options named it
    monkeypatch.setattr(onnx_backend, "_export_fp32", lambda *a: pytest.fail("the float export was reused"))
    monkeypatch.setattr(onnx_backend, "_quantize", lambda src, dest: dest.write_bytes(b"new"))
    assert onnx_backend.onnx_model_path("onnx-int8", cache_dir=cache) == current
    assert current.read_bytes() == b"new"
    assert sorted(p.name for p in folder.glob("*.onnx")) == [current.name, "model.onnx"]


@pytest.mark.model
@needs_ort
def test_onnx_counts_word_pieces_like_torch(onnx_cache, embedder, sentences):
    onnx = Embedder(backend="onnx", cache_dir=onnx_cache)
    texts = sentences[:20] + [" ".join(sentences)]  # one text far past the 256-piece window
    assert [onnx.count_model_tokens(t) for t in texts] == [embedder.count_model_tokens(t) for t in texts]
    assert onnx.max_seq_length == embedder.max_seq_length == 256


@pytest.mark.model
@needs_ort
def test_onnx_backend_never_imports_torch(onnx_cache):
    code = ("import sys; from qa.embedding import Embedder; "
            f"Embedder(backend='onnx', cache_dir={str(onnx_cache)!r}).encode(['hello']); "
            "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.model
@needs_ort
def test_index_records_backend_and_refuses_a_mixed_embedder(onnx_cache, small_corpus, tmp_path, embedder):
    from qa.index import IndexProblem, build_index, load_index
    from qa.pipeline import Assistant

    int8 = Embedder(backend="onnx-int8", cache_dir=onnx_cache)
    build_index(small_corpus, tmp_path / "index", embedder=int8)
    manifest = json.loads((tmp_path / "index" / "manifest.json").read_text())
    assert manifest["model"] == int8.model_name and manifest["backend"] == "onnx-int8"
    assert manifest["model"].startswith(f"{MODEL_NAME}#onnx-int8-")
    with pytest.raises(IndexProblem, match="onnx-int8"):
        load_index(tmp_path / "index", embedder=embedder)  # torch vectors against an int8 index
    assistant = Assistant.load(tmp_path / "index", embedder=int8)
    assert assistant.embedder.backend == "onnx-int8"
    assert Assistant(assistant.index).embedder.backend == "onnx-int8"  # default: the index's own backend
