"""Tests for qa/pipeline.py: how a question and its new words are embedded."""

from __future__ import annotations

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
    ("onnx-int8", ["zyxwords", "qwertyish"], [["Who fixed the bridge?", "zyxwords", "qwertyish"]]),
])
def test_new_words_get_their_own_call_only_with_float_onnx(small_assistant, embedder, backend, words, calls):
    counting = BackendEmbedder(embedder, backend)
    assistant = pipeline.Assistant(small_assistant.index, counting, small_assistant.settings)
    known = [w for w in small_assistant.index.words[:2]]
    vector, word_vectors = assistant._embed("Who fixed the bridge?", known + words)
    assert counting.calls == calls
    together = embedder.encode(["Who fixed the bridge?"] + words)
    assert np.allclose(vector, together[0], atol=1e-5)
    assert all(np.allclose(word_vectors[w], v, atol=1e-5) for w, v in zip(words, together[1:]))
    assert all(np.array_equal(word_vectors[w], small_assistant.index.word_vectors[i]) for i, w in enumerate(known))
