"""Reading transcripts and British-style news (tests/fixtures/transcript_corpus): speaker labels in capitals, titles
before a name that start like a body ("Station Manager"), 24-hour and "6.15am" times, generic roles and staff
counted as people."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assistant_over

CORPUS = Path(__file__).resolve().parent / "fixtures" / "transcript_corpus"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over(CORPUS, tmp_path_factory, embedder)


@pytest.mark.parametrize(("question", "answer"), [
    # The full name the host gives, not the label of the turn that talks of the crews ("TRASK:").
    ("Who commanded the fire crews at the warehouse?", "Owen TRASK"),
    # Times of day as written in the articles.
    ("At what time was the alarm raised?", "at 02:40"),
    ("When was the blaze brought under control?", "by 6.15am"),
    ("When will the public meeting be held?", "Monday 10 March"),
    # "Employee" is a role anyone hurt at work has, whatever the text calls him.
    ("Who is the employee who was most badly hurt?", "Ivo Brenner"),
    # Staff are people: "about 85 people" counts them.
    ("How many staff does the storage company employ?", "about 85"),
    # A role in apposition without an article makes a person.
    ("Which union official said staff had warned about the wiring?", "Dara Finch"),
])
def test_questions_about_transcripts_and_british_style_news(assistant, question, answer):
    got = assistant.ask(question)
    assert not got.abstained, got.message
    assert got.answer == answer


def test_a_speaker_label_answers_who_said_something(assistant):
    got = assistant.ask("Who said keeping the fire off the fuel tanks was the whole game?")
    assert not got.abstained, got.message
    assert "TRASK" in got.answer


def test_what_kind_of_body_a_name_is_comes_from_the_apposition_after_its_whole_name(assistant):
    # "the Harwick Quay Trust, [a small harbour charity]"; not "Ada Harwick, [the Harwick Quay Trust holds about 1"
    # (a number's comma ends no apposition).
    got = assistant.ask("What kind of body is the Harwick?")
    assert got.answer == "a small harbour charity", (got.answer, got.message)


def test_what_a_verb_at_the_end_of_the_question_asks_for_is_its_object(assistant):
    signals = assistant.reader.signals
    question = "What does Tolland Grain Storage keep?"
    q = assistant.analyse(question, [])
    vector, words = assistant._embed(question, assistant.reader.question_words(q))
    ctx = signals.context(q, vector, words)
    row = next(i for i, s in enumerate(assistant.index.sentences) if s.text.startswith("Tolland Grain Storage keeps"))
    scored = next(s for s in signals.score_sentences(ctx, []) if s.row == row)
    objects = {c.text for c in signals.objects(scored, ctx)}
    # To the first "and", to the clause's end, and each to its first preposition.
    assert objects == {"barley", "barley and oats", "barley and oats for farms across the county"}
    assert {c.text for c in signals.candidates(scored, ctx)} >= objects
    # Only where the question ends with its verb.
    q = assistant.analyse("What happened at the quay?", [])
    vector, words = assistant._embed("What happened at the quay?", assistant.reader.question_words(q))
    assert signals.objects(scored, signals.context(q, vector, words)) == []
    assert assistant.ask(question).answer.startswith("barley and oats")
