"""Tests for qa/embedding.py: backend choice, ONNX export cache, agreement of ONNX and int8 vectors with torch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
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


@pytest.mark.parametrize("missing", ["onnxruntime", "onnx"])  # onnx runs the graph, onnx exports it
def test_default_backend_is_onnx_where_the_onnx_extra_is_installed(monkeypatch, missing):
    monkeypatch.delenv("QA_BACKEND", raising=False)
    real = embedding.importlib.util.find_spec
    monkeypatch.setattr(embedding.importlib.util, "find_spec", lambda name: None if name == missing else real(name))
    assert Embedder().backend == "torch"
    monkeypatch.setattr(embedding.importlib.util, "find_spec", real)
    assert Embedder().backend == ("onnx" if HAVE_ORT and real("onnx") else "torch")


def test_torch_and_onnx_serve_each_others_indexes_but_int8_only_its_own(monkeypatch):
    monkeypatch.delenv("QA_BACKEND", raising=False)
    monkeypatch.setattr(embedding, "default_backend", lambda: "onnx")
    assert [embedding.backend_for_index(b) for b in ("torch", "onnx")] == ["onnx"] * 2
    assert embedding.backend_for_index(None) is None  # no index yet: the default, $QA_BACKEND included
    assert embedding.backend_for_index("onnx-int8") == "onnx-int8"
    monkeypatch.setattr(embedding, "default_backend", lambda: "torch")  # no onnx extra: an onnx index still opens
    assert embedding.backend_for_index("onnx") == "torch"
    monkeypatch.setenv("QA_BACKEND", "torch")
    monkeypatch.setattr(embedding, "default_backend", lambda: "onnx")
    assert embedding.backend_for_index("onnx") == "torch"
    monkeypatch.setenv("QA_BACKEND", "onnx-int8")  # would not match the index's vectors: not taken
    assert embedding.backend_for_index("torch") == "onnx"
    with pytest.raises(ValueError, match="embedding backend"):
        embedding.backend_for_index("tensorflow")


def test_bad_threads_rejected():
    with pytest.raises(ValueError, match="threads must be >= 1"):
        Embedder(threads=0)


def test_int8_is_recorded_as_its_own_model_and_onnx_is_not():
    assert Embedder(backend="torch").model_name == MODEL_NAME
    assert Embedder(backend="onnx").model_name == MODEL_NAME  # same vectors (cosine >= 0.9999)
    assert Embedder(backend="onnx-int8").model_name == f"{MODEL_NAME}#onnx-int8-{onnx_backend.int8_recipe()}"


def test_int8_recipe_follows_the_quantisation_options_and_the_calibration_text(monkeypatch, tmp_path):
    before = onnx_backend.int8_recipe()
    monkeypatch.setitem(onnx_backend.INT8_OPTIONS, "smooth_alpha", 0.5)
    smoothed_otherwise = onnx_backend.int8_recipe()
    assert smoothed_otherwise != before
    assert Embedder(backend="onnx-int8").model_name.endswith(smoothed_otherwise)
    monkeypatch.undo()
    other = tmp_path / "calibration.txt"
    other.write_text(onnx_backend.CALIBRATION_FILE.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    monkeypatch.setattr(onnx_backend, "CALIBRATION_FILE", other)
    assert onnx_backend.int8_recipe() not in (before, smoothed_otherwise)


def test_calibration_texts_are_paragraphs_sentences_and_words(tmp_path):
    path = tmp_path / "calibration.txt"
    path.write_text("# a comment line\n\nThe mill opened in May. “It is loud,” Ana said.\n\nStir the soup (gently).\n",
                    encoding="utf-8")
    texts = onnx_backend.calibration_texts(path)
    assert texts[:2] == ["The mill opened in May. “It is loud,” Ana said.", "Stir the soup (gently)."]
    assert "The mill opened in May." in texts and "“It is loud,” Ana said." in texts
    assert {"mill", "ana", "gently", "loud"} <= set(texts) and "comment" not in texts


def test_the_shipped_calibration_text_is_not_about_the_corpus():
    text = onnx_backend.CALIBRATION_FILE.read_text(encoding="utf-8").lower()
    assert len(onnx_backend.calibration_texts()) > 1000
    assert not any(word in text for word in ("korea", "russia", "ukrain", "soldier", "levee", "flood"))


@needs_ort
def test_smoothing_keeps_what_the_graph_computes(tmp_path):
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    w1, w2, w3 = (rng.normal(size=(4, 4)).astype(np.float32) for _ in range(3))
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["a"], name="q"),  # two MatMuls read x: one Mul for both
             helper.make_node("MatMul", ["x", "w2"], ["b"], name="k"),
             helper.make_node("Relu", ["a"], ["r"], name="relu"),
             helper.make_node("MatMul", ["r", "w3"], ["c"], name="out"),
             helper.make_node("Add", ["b", "c"], ["y"], name="sum")]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 4])],
                              [numpy_helper.from_array(w, n) for w, n in ((w1, "w1"), (w2, "w2"), (w3, "w3"))])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    x = (rng.normal(size=(5, 4)) * np.array([1, 50, 1, 0.1])).astype(np.float32)  # an outlier channel
    maxima = {"q": np.abs(x).max(0), "k": np.abs(x).max(0), "out": np.abs(np.maximum(x @ w1, 0)).max(0) + 0.5}
    before = ort.InferenceSession(model.SerializeToString()).run(None, {"x": x})[0]
    onnx_backend.smooth(model, maxima, 0.7)
    onnx.checker.check_model(model)  # still in topological order: each Mul before the MatMuls that read it
    assert [n.op_type for n in model.graph.node].count("Mul") == 2
    after = ort.InferenceSession(model.SerializeToString()).run(None, {"x": x})[0]
    np.testing.assert_allclose(after, before, rtol=1e-4, atol=1e-4)
    scaled = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    assert not np.allclose(scaled["w1"], w1)  # the range moved into the weights
    ratio = scaled["w1"] / w1
    np.testing.assert_allclose(ratio, ratio[:, :1].repeat(4, axis=1), rtol=1e-5)  # one factor per input channel


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


class FakeOnnxModel:
    """Stands in for an ONNX encoder: a text's vector is its length and first letter; records each call's thread.

    With ``meet`` set, each call waits (up to 10 s) for another call to be running too, so two calls made one
    after the other fail with ``threading.BrokenBarrierError``; ``fail`` maps a text to the error its call raises.
    """

    dimension = 4

    def __init__(self, meet: bool = False, fail: dict | None = None):
        self.barrier = threading.Barrier(2, timeout=10) if meet else None
        self.fail = fail or {}
        self.threads: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()

    def encode(self, texts: list[str], batch_size: int, workers: int = 1) -> np.ndarray:
        with self.lock:
            self.threads.append((threading.current_thread().name, list(texts)))
        if self.barrier is not None:
            self.barrier.wait()
        for text in texts:
            if text in self.fail:
                raise self.fail[text]
        return np.array([[len(t), ord(t[0]), 0, 1] for t in texts], dtype=np.float32)


def fake_embedder(model: FakeOnnxModel, **options) -> Embedder:
    emb = Embedder(backend="onnx", **options)
    emb._model = model
    return emb


def test_encode_apart_runs_the_second_call_on_the_worker_at_the_same_time():
    model = FakeOnnxModel(meet=True)  # sequential calls would break the barrier
    emb = fake_embedder(model, concurrent=True)
    first, second = emb.encode_apart(["Who fixed the bridge?"], ["zyx", "qwertyish"])
    np.testing.assert_array_equal(first, [[21, ord("W"), 0, 1]])
    np.testing.assert_array_equal(second, [[3, ord("z"), 0, 1], [9, ord("q"), 0, 1]])
    names = dict((tuple(texts), name) for name, texts in model.threads)
    assert names[("Who fixed the bridge?",)] == threading.current_thread().name
    assert names[("zyx", "qwertyish")].startswith("qa-embed")
    emb.close()


def test_encode_apart_gives_what_two_encode_calls_give():
    together = fake_embedder(FakeOnnxModel(), concurrent=True)
    apart = fake_embedder(FakeOnnxModel(), concurrent=False)
    for first, second in ([["a question?"], ["one", "two"]], [["q"], []], [[], ["w"]]):
        expected = (apart.encode(first), apart.encode(second))
        for got in (together.encode_apart(first, second), apart.encode_apart(first, second)):
            assert all(np.array_equal(g, e) and g.shape == e.shape for g, e in zip(got, expected))


def test_encode_apart_without_concurrency_stays_on_the_calling_thread():
    model = FakeOnnxModel()
    fake_embedder(model, concurrent=False).encode_apart(["question?"], ["word"])
    assert [name for name, _ in model.threads] == [threading.current_thread().name] * 2


def test_an_error_on_the_worker_is_raised_by_encode_apart():
    model = FakeOnnxModel(meet=True, fail={"bad": ValueError("the worker failed")})
    emb = fake_embedder(model, concurrent=True)
    with pytest.raises(ValueError, match="the worker failed"):
        emb.encode_apart(["question?"], ["good", "bad"])
    model.barrier, model.fail = None, {}
    first, second = emb.encode_apart(["question?"], ["good", "bad"])  # the worker still serves
    assert first.shape == (1, 4) and second.shape == (2, 4)


def test_the_calling_threads_error_wins_and_the_worker_is_waited_for():
    finished = threading.Event()

    class SlowWords(FakeOnnxModel):
        def encode(self, texts, batch_size, workers=1):
            if texts == ["slow"]:
                finished.wait(0.05)  # not a timing assertion: only makes the worker end last
                out = super().encode(texts, batch_size)
                finished.set()
                return out
            return super().encode(texts, batch_size)

    emb = fake_embedder(SlowWords(fail={"question?": RuntimeError("the question failed")}), concurrent=True)
    with pytest.raises(RuntimeError, match="the question failed"):
        emb.encode_apart(["question?"], ["slow"])
    assert finished.is_set()


def test_concurrency_default_follows_backend_cores_and_threads(monkeypatch):
    monkeypatch.setattr(embedding, "usable_cores", lambda: 2)
    assert Embedder(backend="onnx").concurrent and Embedder(backend="onnx-int8").concurrent
    assert not Embedder(backend="torch").concurrent
    assert not Embedder(backend="onnx", threads=2).concurrent  # no core left for a second call
    monkeypatch.setattr(embedding, "usable_cores", lambda: 1)
    assert not Embedder(backend="onnx").concurrent
    assert Embedder(backend="onnx", concurrent=True).concurrent
    with pytest.raises(ValueError, match="torch backend cannot embed two calls at once"):
        Embedder(backend="torch", concurrent=True)


def test_workers_default_to_a_batch_per_core_for_onnx_only(monkeypatch):
    monkeypatch.setattr(embedding, "usable_cores", lambda: 4)
    assert Embedder(backend="onnx").workers == 4
    assert Embedder(backend="onnx-int8", threads=2).workers == 2
    assert Embedder(backend="onnx", workers=1).workers == 1
    assert Embedder(backend="torch").workers == 1  # torch's threads are process-wide
    with pytest.raises(ValueError, match="workers must be >= 1"):
        Embedder(backend="onnx", workers=0)


def test_a_failing_batch_drops_the_batches_not_started():
    from qa.onnx_backend import OnnxEncoder

    class Pieces:
        def __init__(self, text):
            self.ids = [101, len(text), 102]

    class Tokenizer:
        def encode_batch(self, texts):
            return [Pieces(t) for t in texts]

    class Session:
        def __init__(self):
            self.runs = 0
            self.lock = threading.Lock()

        def run(self, _outputs, feeds):
            with self.lock:
                self.runs += 1
                first = self.runs == 1
            if first:
                raise RuntimeError("batch failed")
            threading.Event().wait(0.01)
            return [np.ones((len(feeds["input_ids"]), 4), dtype=np.float32)]

    encoder = OnnxEncoder.__new__(OnnxEncoder)
    encoder.dimension, encoder.tokenizer, encoder.session = 4, Tokenizer(), Session()
    with pytest.raises(RuntimeError, match="batch failed"):
        encoder.encode([f"text {i}" for i in range(400)], batch_size=2, workers=2)
    assert encoder.session.runs < 50  # not the 200 batches: those not started were cancelled


def test_a_forked_child_gets_a_worker_of_its_own(monkeypatch):
    emb = fake_embedder(FakeOnnxModel(), concurrent=True)
    emb.encode_apart(["q"], ["w"])
    parent = emb._worker
    monkeypatch.setattr(embedding.os, "getpid", lambda: -1)  # as seen from a forked child
    emb.encode_apart(["q"], ["w"])
    assert emb._worker is not parent
    monkeypatch.undo()
    parent.shutdown()


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
    assert cosine.min() >= 0.99  # measured 0.994 (mean 0.998) on these 102 sentences, in batches of 16
    assert cosine.mean() >= 0.995
    int8 = Embedder(backend="onnx-int8", cache_dir=onnx_cache)
    for i in (0, 7, 50):  # one text alone, as a question is embedded
        assert float(int8.encode_one(sentences[i]) @ torch_vectors[i]) >= 0.99
    # The same nearest sentence for most sentences' own vectors: retrieval is preserved.
    same = (vectors @ torch_vectors.T).argmax(axis=1) == np.arange(len(sentences))
    assert same.mean() >= 0.99


@pytest.mark.model
@needs_ort
def test_int8_export_quantises_every_weight_matmul_after_smoothing(onnx_cache):
    import onnx

    model = onnx.load(str(next(onnx_cache.rglob("model-int8-*.onnx"))))
    kinds = [node.op_type for node in model.graph.node]
    assert kinds.count("MatMulInteger") == 36 and not onnx_backend._weight_matmuls(model)
    assert sum(node.name.endswith("/smooth") for node in model.graph.node) == 24  # Q, K, V share their input


@pytest.mark.model
@needs_ort
def test_batches_on_several_workers_give_the_same_vectors(onnx_cache, sentences, monkeypatch):
    # int8 activations are quantised per batch, so equal vectors mean the batches themselves are unchanged.
    one = Embedder(backend="onnx-int8", cache_dir=onnx_cache, workers=1, batch_size=8)
    two = Embedder(backend="onnx-int8", cache_dir=onnx_cache, workers=2, batch_size=8)
    threads = set()
    run = two.model.session.run
    monkeypatch.setattr(two.model.session, "run", lambda *a: threads.add(threading.get_ident()) or run(*a),
                        raising=False)
    np.testing.assert_array_equal(one.encode(sentences), two.encode(sentences))
    assert len(threads) == 2  # the batches did run on two threads


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
def test_an_export_says_so_once(onnx_cache, tmp_path, monkeypatch, caplog):
    cache = tmp_path / "cache"
    shutil.copytree(onnx_cache, cache)
    monkeypatch.setattr(onnx_backend, "_quantize", lambda src, dest, model_dir=None: dest.write_bytes(b"new"))
    next(cache.rglob("model-int8-*.onnx")).unlink()
    with caplog.at_level("WARNING", logger="qa.onnx_backend"):
        onnx_backend.onnx_model_path("onnx-int8", cache_dir=cache)
        onnx_backend.onnx_model_path("onnx-int8", cache_dir=cache)
    said = [r.getMessage() for r in caplog.records if "exporting the embedding model" in r.getMessage()]
    assert len(said) == 1 and "onnx-int8" in said[0]


@needs_ort
def test_an_unwritable_cache_says_what_to_do(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(BackendUnavailable, match="QA_CACHE"):
        onnx_backend.onnx_model_path("onnx", cache_dir=blocked / "onnx")


def test_bundled_model_key_ignores_install_times(tmp_path):
    """Every environment that installs the model package shares one export; another folder is told apart by
    its files' times too."""
    bundled = onnx_backend.bundled_model_path()
    copy = tmp_path / "model"
    shutil.copytree(bundled, copy)
    key = onnx_backend._model_key(bundled)
    assert onnx_backend._model_key(bundled) == key
    copied = onnx_backend._model_key(copy)
    os.utime(copy / "config.json", ns=(1, 1))
    assert onnx_backend._model_key(copy) != copied != key


def _export_folder(cache: Path, key: str, source: Path | None) -> Path:
    folder = cache / f"{onnx_backend.MODEL_NAME.split('/')[-1]}-{key}"
    folder.mkdir(parents=True)
    (folder / "model.onnx").write_bytes(b"graph")
    if source is not None:
        (folder / "export.json").write_text(json.dumps({"source": str(source), "version": onnx_backend.EXPORT_VERSION}))
    return folder


def test_an_export_removes_the_ones_no_model_folder_uses(tmp_path):
    import fcntl

    cache = tmp_path / "onnx"
    model, other_env = tmp_path / "model", tmp_path / "other-env-model"
    for path in (model, other_env):
        path.mkdir()
        (path / "config.json").write_text("{}")
    mine = _export_folder(cache, onnx_backend._model_key(model), model)
    kept = _export_folder(cache, onnx_backend._model_key(other_env), other_env)
    before_change = _export_folder(cache, "0" * 16, model)  # the same folder keyed before its files changed
    gone = _export_folder(cache, "1" * 16, tmp_path / "removed")
    unfinished = _export_folder(cache, "2" * 16, None)  # no export.json yet: an export under way
    busy = _export_folder(cache, "3" * 16, tmp_path / "removed")
    with open(busy / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        onnx_backend._prune(mine)
    assert not before_change.exists() and not gone.exists()
    assert mine.exists() and kept.exists() and unfinished.exists() and busy.exists()


@pytest.mark.model
@needs_ort
def test_int8_file_of_other_options_is_not_reused(onnx_cache, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(onnx_cache, cache)
    folder = next(cache.iterdir())
    current = folder / f"model-int8-{onnx_backend.int8_recipe()}.onnx"
    current.rename(folder / "model-int8.onnx")  # as an export with the old options named it
    monkeypatch.setattr(onnx_backend, "_export_fp32", lambda *a: pytest.fail("the float export was reused"))
    monkeypatch.setattr(onnx_backend, "_quantize", lambda src, dest, model_dir=None: dest.write_bytes(b"new"))
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


@pytest.mark.model
@needs_ort
@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_concurrent_onnx_calls_give_the_sequential_vectors(onnx_cache, sentences, backend):
    together = Embedder(backend=backend, cache_dir=onnx_cache, concurrent=True)
    apart = Embedder(backend=backend, cache_dir=onnx_cache, concurrent=False)
    words = ["zyxwords", "qwertyish", "harbour", "reopened", "Pyongyang"]
    pairs = [([sentences[i]], words[: 2 + i % 4]) for i in range(0, 60, 3)]
    expected = [(apart.encode(first), apart.encode(second)) for first, second in pairs]

    def run(pair):
        return together.encode_apart(*pair)

    with ThreadPoolExecutor(max_workers=3) as askers:  # several questions at once, each with its own words call
        got = list(askers.map(run, pairs * 3))
    for (first, second), (want_first, want_second) in zip(got, expected * 3):
        assert np.array_equal(first, want_first) and np.array_equal(second, want_second)
    together.close()
