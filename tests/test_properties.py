"""Property tests: offsets hold for any text, and every answer's citations are exact for any question."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qa.chunking import ChunkSettings, chunk_document, count_tokens, sentences_of
from qa.corpus import resolve_source
from qa.text import split_sentences
from qa.types import Answer, Document

FAST = settings(max_examples=150, deadline=None)
MODEL = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like news more often than st.text() alone: words, abbreviations, quotes, line breaks.
NEWSY = st.lists(
    st.sampled_from(["Rep.", "Jan.", "3", "U.S.", "Dr.", "Smith", "said", "the", "fire", "“Yes,”", "he", "”", "\"",
                     ".", "!", "?", "\n", "\n\n", " ", "  ", "\t", "p.m.", "2,700", "é", "🔥", "\r\n", "\u2028"]),
    max_size=60,
).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=400), NEWSY)


@FAST
@given(ANY_TEXT)
def test_split_sentences_offsets_hold_for_any_text(text):
    previous_end = 0
    for start, end in split_sentences(text):
        piece = text[start:end]
        assert 0 <= previous_end <= start < end <= len(text)
        assert piece and piece == piece.strip()
        previous_end = end


@FAST
@given(ANY_TEXT, st.integers(min_value=8, max_value=60), st.integers(min_value=0, max_value=7))
def test_chunks_keep_offsets_and_budget_for_any_text(text, max_tokens, overlap):
    doc = Document("d", "t", text, "d.txt")
    sentences = sentences_of(doc)
    for sent in sentences:
        assert doc.text[sent.start : sent.end] == sent.text
    chunks = chunk_document(doc, sentences, ChunkSettings(max_tokens, overlap))
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.text.strip(), "empty chunk"
        assert chunk.n_tokens == count_tokens(chunk.text) <= max_tokens
        assert all(0 <= row < len(sentences) for row in chunk.sentences)
    assert {row for c in chunks for row in c.sentences} == set(range(len(sentences)))


# --- answers -------------------------------------------------------------------------------------

WORDS = ["how", "much", "many", "who", "what", "when", "why", "did", "the", "new", "library", "cost", "books",
         "fire", "harbor", "warehouse", "workers", "treated", "smoke", "mayor", "Daniel", "Reyes", "old", "reopen",
         "Millbrook", "Becker", "chief", "Okafor", "caused", "blaze", "tons", "wheat", "he", "she", "it", "said",
         "Friday", "Tuesday", "grain", "conveyor", "motor", "roof", "Elm", "St.", "58", "12", "$14", "million"]
SENTENCE = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=9),
    st.sampled_from(["?", ".", "", "!", " ?"]),
)
QUESTION = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


def check_answer(answer: Answer, assistant) -> None:
    """The answer contract: exact citations, the answer inside the first quote, nothing when abstaining."""
    assert isinstance(answer, Answer)
    documents = assistant.index.documents
    for citation in (*answer.citations, *answer.passages):
        doc = documents[citation.doc_id]
        assert doc.text[citation.start : citation.end] == citation.quote
        assert citation.source == doc.source and citation.title == doc.title
        assert resolve_source(citation.source).read_text(encoding="utf-8")[citation.start : citation.end] == citation.quote
    if answer.abstained:
        assert answer.answer == ""
        assert answer.message
        return
    assert answer.answer and answer.citations
    first = answer.citations[0]
    assert answer.answer in first.quote
    assert answer.sentence == first.quote
    if first.answer_start is not None:
        assert first.start <= first.answer_start < first.answer_end <= first.end
        assert documents[first.doc_id].text[first.answer_start : first.answer_end] == answer.answer


@pytest.mark.model
@MODEL
@given(QUESTION)
@example("How much did the new library cost?")
@example("How many workers were treated for smoke inhalation?")
@example("Who is the fire chief?")
def test_answers_from_corpus_words_cite_exactly(small_assistant, question):
    check_answer(small_assistant.ask(question), small_assistant)


@pytest.mark.model
@MODEL
@given(st.text(max_size=300), st.lists(st.text(max_size=80), max_size=3))
@example("", [])
@example("   \n\t ", [])
@example("🔥🔥🔥 🧯?", [])
@example("\x00\x01\x02\x1b[31m\x7f", ["\x00"])
@example("How old is he? " + "x" * 5000, ["What did Mayor Daniel Reyes say?"])
@example("library " * 700, [])
@example("How much did it cost?", ["", "  ", "How much did the new library cost?"])
def test_ask_never_raises_for_any_question(small_assistant, question, history):
    check_answer(small_assistant.ask(question, history), small_assistant)


@pytest.mark.model
def test_ask_with_a_lone_surrogate_does_not_raise(small_assistant):
    check_answer(small_assistant.ask("\ud800 lone surrogate?"), small_assistant)
