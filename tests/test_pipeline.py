"""Tests for qa/pipeline.py: how a question and its new words are embedded."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from qa import pipeline


class BackendEmbedder:
    """The real embedder under another backend's name, recording each call's texts."""

    def __init__(self, real, backend: str):
        self.real, self.backend, self.calls = real, backend, []
        self.model_name, self.dimension = real.model_name, real.dimension

    def encode(self, texts, show_progress: bool = False) -> np.ndarray:
        self.calls.append(list(texts))
        return self.real.encode(texts)


@pytest.mark.model
@pytest.mark.parametrize(("backend", "words", "calls"), [
    ("onnx", ["zyxwords", "qwertyish"], [["Who fixed the bridge?"], ["zyxwords", "qwertyish"]]),
    ("onnx", ["zyxwords"], [["Who fixed the bridge?", "zyxwords"]]),
    ("torch", ["zyxwords", "qwertyish"], [["Who fixed the bridge?", "zyxwords", "qwertyish"]]),
    ("onnx-int8", ["zyxwords", "qwertyish"], [["Who fixed the bridge?"], ["zyxwords", "qwertyish"]]),
    ("onnx-int8", ["zyxwords"], [["Who fixed the bridge?", "zyxwords"]]),
])
def test_new_words_get_their_own_call_only_with_onnx(small_assistant, embedder, backend, words, calls):
    counting = BackendEmbedder(embedder, backend)
    assistant = pipeline.Assistant(small_assistant.index, counting, small_assistant.settings)
    known = [w for w in small_assistant.index.words[:2]]
    vector, word_vectors = assistant._embed("Who fixed the bridge?", known + words)
    assert counting.calls == calls
    together = embedder.encode(["Who fixed the bridge?"] + words)
    assert np.allclose(vector, together[0], atol=1e-5)
    assert all(np.allclose(word_vectors[w], v, atol=1e-5) for w, v in zip(words, together[1:]))
    assert all(np.array_equal(word_vectors[w], small_assistant.index.word_vectors[i]) for i, w in enumerate(known))


class RealAsOnnx:
    """The ONNX encoder of an ``Embedder(backend="onnx")`` played by the real (torch) model, one call at a time:
    records each call's thread and texts; ``fail`` maps a text to the error its call raises."""

    dimension = 384

    def __init__(self, real, fail: dict | None = None):
        self.real, self.fail, self.calls = real, fail or {}, []
        self.lock = threading.Lock()

    def encode(self, texts: list[str], batch_size: int, workers: int = 1) -> np.ndarray:
        with self.lock:
            self.calls.append((threading.current_thread().name, list(texts)))
            for text in texts:
                if text in self.fail:
                    raise self.fail[text]
            return self.real.encode(texts)


def onnx_assistant(small_assistant, model, concurrent: bool, cache_size: int = 0):
    from qa.embedding import Embedder

    onnx = Embedder(backend="onnx", concurrent=concurrent)
    onnx._model = model
    return pipeline.Assistant(small_assistant.index, onnx, small_assistant.settings, cache_size=cache_size)


@pytest.mark.model
def test_new_words_are_embedded_on_the_worker_with_the_sequential_vectors(small_assistant, embedder):
    question, new = "Who fixed the bridge?", ["zyxwords", "qwertyish"]
    words = list(small_assistant.index.words[:2]) + new
    together = RealAsOnnx(embedder)
    vector, word_vectors = onnx_assistant(small_assistant, together, concurrent=True)._embed(question, words)
    apart = RealAsOnnx(embedder)
    want_vector, want_words = onnx_assistant(small_assistant, apart, concurrent=False)._embed(question, words)
    assert np.array_equal(vector, want_vector) and word_vectors.keys() == want_words.keys()
    assert all(np.array_equal(word_vectors[w], want_words[w]) for w in words)
    assert np.array_equal(vector, embedder.encode([question])[0])
    assert all(np.array_equal(word_vectors[w], v) for w, v in zip(new, embedder.encode(new)))
    main = threading.current_thread().name
    assert sorted(texts for _, texts in together.calls) == sorted(texts for _, texts in apart.calls)
    assert [(name == main, texts) for name, texts in together.calls if texts == new] == [(False, new)]
    assert [(name == main, texts) for name, texts in together.calls if texts == [question]] == [(True, [question])]


@pytest.mark.model
def test_an_error_embedding_the_new_words_reaches_the_asker(small_assistant, embedder):
    model = RealAsOnnx(embedder, fail={"qwertyish": RuntimeError("word call failed")})
    assistant = onnx_assistant(small_assistant, model, concurrent=True)
    with pytest.raises(RuntimeError, match="word call failed"):
        assistant._embed("Who fixed the bridge?", ["zyxwords", "qwertyish"])
    model.fail = {}
    vector, word_vectors = assistant._embed("Who fixed the bridge?", ["zyxwords", "qwertyish"])
    assert vector.shape == (384,) and set(word_vectors) == {"zyxwords", "qwertyish"}


@pytest.mark.model
def test_bench_embedding_steps_and_concurrency_figure(small_assistant, embedder):
    from qa import bench

    assistant = onnx_assistant(small_assistant, RealAsOnnx(embedder), concurrent=True)
    gold = [("Who is the mayor?", []), ("How many zyxwords did qwertyish harbor workers inhale?", [])]
    given = []
    embed = assistant._embed
    assistant._embed = lambda text, words: given.append((text, words)) or embed(text, words)
    for question, history in gold:
        assistant.ask(question, history)
    del assistant._embed
    steps = bench.embedding_steps(assistant, gold)
    assert steps == given
    row = bench.concurrency_ab(assistant, gold, steps)
    assert {"ask_median_ms", "ask_median_ms_seq", "embed_p95_ms", "embed_p95_ms_seq"} <= set(row)
    assert assistant.embedder.concurrent is True
    assert [bench._two_calls(assistant, words) for _, words in steps] == [False, True]


@pytest.mark.model
@pytest.mark.parametrize(("concurrent", "calls"), [
    (True, [["Who fixed the bridge?"], ["zyxwords"]]),  # on the second core even one new word goes apart
    (False, [["Who fixed the bridge?", "zyxwords"]]),  # one after the other, one word rides in the question's batch
])
def test_one_new_word_goes_apart_only_when_the_calls_run_at_once(small_assistant, embedder, concurrent, calls):
    model = RealAsOnnx(embedder)
    onnx_assistant(small_assistant, model, concurrent=concurrent)._embed("Who fixed the bridge?", ["zyxwords"])
    assert sorted(texts for _, texts in model.calls) == sorted(calls)
