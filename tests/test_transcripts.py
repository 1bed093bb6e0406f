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


def test_the_label_that_opens_a_turn_stands_for_all_the_speaker_says(assistant):
    stats, sentences = assistant.reader.signals.stats, assistant.index.sentences
    label = next(i for i, s in enumerate(sentences) if s.text.startswith("TRASK: Honestly"))
    turn = stats.turn_rows(label)
    assert [sentences[r].text[:12] for r in turn] == ["We had twelv", "That was the"]  # the rest of its line
    assert stats.turn_rows(turn[0]) == ()  # a sentence without a label opens no turn
    assert stats.turn_rows(next(i for i, s in enumerate(sentences) if "Harbour Wire" in s.text)) == ()


def test_the_texts_own_question_carries_in_full_to_the_answer_after_it(assistant):
    # "HOST: And the man who was hurt?" then "TRASK: He's a night porter.": the answer holds the question's words
    # as fully as the host's question does.
    signals, sentences = assistant.reader.signals, assistant.index.sentences
    asked = next(i for i, s in enumerate(sentences) if s.text.startswith("HOST: And the man"))
    assert signals.stats.asks(asked) and not signals.stats.asks(asked + 1)
    q = assistant.analyse("Who was the man who was hurt?", [])
    vector, words = assistant._embed(q.text, assistant.reader.question_words(q))
    ctx = signals.context(q, vector, words)
    scored = {s.row: s for s in signals.score_sentences(ctx, [])}
    assert sentences[asked + 1].text.startswith("TRASK: He's a night porter")
    assert scored[asked + 1].signals["lexical"] >= scored[asked].signals["own"] > 0


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


def test_a_word_that_begins_a_bodys_name_stands_for_the_body(assistant):
    # "Tolland said ..." reads like a person, but "Tolland Grain Storage" is the company: "a Tolland porter".
    from qa.spans import ORG, candidates

    doc = assistant.index.documents["pellow_wire"].text
    start = doc.index("Ivo Brenner has been")
    found = {c.text: c.kind for c in candidates(doc, start, doc.index("\n", start))}
    assert found["Tolland"] == ORG


def test_is_to_speaks_of_what_is_still_to_come(assistant):
    got = assistant.ask("When will the quay reopen?")
    assert not got.abstained, got.message
    assert "Monday 17 March" in got.answer


@pytest.mark.parametrize(("question", "nouns"), [
    ("Who chairs the harbour trust?", {"chair", "chairman", "chairwoman", "chairperson"}),
    ("Who runs the harbour trust?", {"director", "chair", "president"}),
])
def test_who_chairs_asks_for_a_chair_and_who_runs_for_any_head(question, nouns):
    from qa.features import Signals
    from qa.question import analyse
    from qa.text import stem

    asked = Signals.asked_nouns(analyse(question))
    assert {stem(n) for n in nouns} <= asked
    if "chairs" in question:
        assert stem("director") not in asked and stem("secretary") not in asked


def test_the_plural_of_the_noun_asked_names_no_one_thing():
    from qa.features import _plural_of_asked
    from qa.text import stem

    assert _plural_of_asked("stations", "Which station broadcast the update?", stem("station"))
    assert not _plural_of_asked("station", "Which station broadcast the update?", stem("station"))
    assert not _plural_of_asked("stations", "Which stations broadcast the update?", stem("station"))


def test_an_apposition_may_open_after_a_closing_quote_mark():
    from qa.features import _OPENS_APPOSITION

    assert _OPENS_APPOSITION.fullmatch(',” ') and _OPENS_APPOSITION.fullmatch('”, ') and _OPENS_APPOSITION.fullmatch(", ")
    assert not _OPENS_APPOSITION.fullmatch(" and ")


def test_a_name_without_a_cue_is_whom_another_article_says_it_is(assistant):
    from qa.spans import NAME, PERSON, candidates, corpus_kinds

    doc = assistant.index.documents["pellow_wire"].text
    start = doc.index("Eleanor Voss opened")
    end = doc.index("\n", start)
    assert {c.text: c.kind for c in candidates(doc, start, end)}.get("Eleanor Voss") == NAME  # no cue in this article
    texts = [d.text for d in assistant.index.documents.values()]
    assert corpus_kinds(texts).get("Eleanor Voss") == PERSON
    stats = assistant.reader.signals.stats
    row = next(i for i, s in enumerate(assistant.index.sentences) if s.text.startswith("Eleanor Voss opened"))
    assert {c.text: c.kind for c in stats.candidates(row) if c.text == "Eleanor Voss"} == {"Eleanor Voss": PERSON}


def test_he_added_after_a_quotation_is_whoever_spoke_it_not_a_name_inside_it(assistant):
    # "“Sam Hollis, the owner, told us ...,” said the porter. “[...],” he added.": the porter, not Sam Hollis.
    got = assistant.ask("What did the porter say about getting out?")
    assert got.answer == "We got out with a minute to spare", (got.answer, got.message)


def test_a_body_named_then_described_is_answered_by_its_name(assistant):
    # "[The Harbour Safety Inspectorate], the national port regulator, ...": the name, not "port regulator".
    got = assistant.ask("Which national regulator opened an inquiry?")
    assert got.answer == "Harbour Safety Inspectorate", (got.answer, got.message)


def test_how_many_of_them_counts_the_part_not_the_whole(assistant):
    # "[Three] of the quay's twelve cranes": twelve counts them all.
    got = assistant.ask("How many of the quay's cranes were damaged?")
    assert got.answer == "Three", (got.answer, got.message)


def test_a_large_index_does_not_read_every_article_for_name_kinds(assistant, monkeypatch):
    from qa import features

    monkeypatch.setattr(features, "WARM_UP_SENTENCES", 1)
    stats = features.SentenceStats(assistant.index)
    assert stats.name_kinds == {}
    monkeypatch.setattr(features, "WARM_UP_SENTENCES", 5_000)
    assert features.SentenceStats(assistant.index).name_kinds.get("Eleanor Voss") == "person"
