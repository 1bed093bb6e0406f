"""Shared fixtures: the embedding model (loaded once), a small test corpus, and indexes built once per run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL_CORPUS = FIXTURES / "small_corpus"
ARTICLES = ROOT / "data" / "articles"


def assistant_over(folder: Path, tmp_path_factory, embedder):
    """An Assistant over a copy of the ``*.txt`` articles of ``folder``, indexed in a temporary folder."""
    from qa.index import build_index
    from qa.pipeline import Assistant

    corpus = tmp_path_factory.mktemp(f"{folder.name}_corpus")
    for path in folder.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    index_dir = tmp_path_factory.mktemp(f"{folder.name}_index")
    build_index(corpus, index_dir, embedder=embedder)
    return Assistant.load(index_dir, embedder=embedder)


def assistant_over_texts(corpus: str, articles: dict[str, str], tmp_path_factory, embedder):
    """An Assistant over articles written for a test (``{name: text}``, each saved as ``<name>.txt`` in a temporary
    folder named after ``corpus``), indexed in a temporary folder."""
    folder = tmp_path_factory.mktemp(corpus)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return assistant_over(folder, tmp_path_factory, embedder)


def assistant_over_text(name: str, text: str, tmp_path_factory, embedder):
    """An Assistant over one article written for a test (``<name>.txt``), indexed in a temporary folder."""
    return assistant_over_texts(f"{name}_articles", {name: text}, tmp_path_factory, embedder)


def violation_in(assistant, question: str, prefix: str, text: str, kind: str | None = None):
    """How the checks of ``question`` (``qa.constraints``) judge one candidate of the sentence that starts with
    ``prefix``: the one whose text is ``text`` (else the first that ends with it), of ``kind`` where given. Returns the
    violation, or None where it passes."""
    from qa.constraints import Constraints

    reader = assistant.reader
    q = assistant.analyse(question, [])
    vector, words = assistant._embed(question, reader.question_words(q))
    ctx = reader.signals.context(q, vector, words)
    row = next(i for i, s in enumerate(assistant.index.sentences) if s.text.startswith(prefix))
    scored = next(s for s in reader.signals.score_sentences(ctx, []) if s.row == row)
    # (the candidates read for this question, else all the sentence has: an age is no candidate of "what happened")
    found = [c for pool in (reader.signals.candidates(scored, ctx), reader.signals.stats.candidates(row))
             for c in pool if c.text.endswith(text) and kind in (None, c.kind)]
    cand = next((c for c in found if c.text == text), found[0])
    return Constraints(reader.signals, ctx).violation(scored, cand, {})


def kinds_in(text: str, kind: str) -> list[str]:
    """The texts of the candidate spans of one kind in ``text`` (``qa.spans.candidates``)."""
    from qa.spans import candidates

    return [c.text for c in candidates(text, 0, len(text)) if c.kind == kind]


@pytest.fixture(scope="session")
def embedder():
    """The real bundled model on torch (the reference the ONNX backends are checked against), loaded once."""
    from qa.embedding import Embedder

    emb = Embedder(backend="torch")
    emb.warm_up()
    return emb


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """A copy of the three-article test corpus (harbor fire, its follow-up, a library opening)."""
    dest = tmp_path_factory.mktemp("small_corpus")
    for path in SMALL_CORPUS.iterdir():
        shutil.copy(path, dest / path.name)
    return dest


@pytest.fixture(scope="session")
def small_index(tmp_path_factory, small_corpus, embedder) -> Path:
    """An index of the small corpus, built once."""
    from qa.index import build_index

    index_dir = tmp_path_factory.mktemp("small_index")
    build_index(small_corpus, index_dir, embedder=embedder)
    return index_dir


@pytest.fixture(scope="session")
def small_assistant(small_index, embedder):
    from qa.pipeline import Assistant

    return Assistant.load(small_index, embedder=embedder)


@pytest.fixture(scope="session")
def articles_index(tmp_path_factory, embedder) -> Path:
    """An index of the project's articles (data/articles), built once in a temporary folder."""
    from qa.index import build_index

    index_dir = tmp_path_factory.mktemp("articles_index")
    build_index(ARTICLES, index_dir, embedder=embedder)
    return index_dir


@pytest.fixture(scope="session")
def articles_assistant(articles_index, embedder):
    from qa.pipeline import Assistant

    return Assistant.load(articles_index, embedder=embedder)
