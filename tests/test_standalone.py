"""Tests for ``Assistant.standalone``: which earlier answer a follow-up's pronoun takes."""

from __future__ import annotations

import pytest

from qa.chat import rewrite
from qa.types import Answer


def _answering(assistant, monkeypatch, answer: str) -> list[str]:
    """Make ``assistant.ask`` answer every question with ``answer``; return the questions it was asked."""
    asked: list[str] = []

    def ask(question, history=None, **kwargs):
        asked.append(question)
        return Answer(question, answer, False, 0.9)

    monkeypatch.setattr(assistant, "ask", ask)
    return asked


@pytest.mark.model
def test_its_after_a_which_organisation_question_is_that_answer(small_assistant, monkeypatch):
    asked = _answering(small_assistant, monkeypatch, "Tessel Valley Water Authority")
    history = ["Which agency runs the levee?"]
    out = small_assistant.standalone("How many of its engineers inspected the levee?", history)
    assert out == "How many of Tessel Valley Water Authority’s engineers inspected the levee?"
    assert asked == history


@pytest.mark.model
def test_its_after_a_which_place_question_is_that_place(small_assistant, monkeypatch):
    _answering(small_assistant, monkeypatch, "Dunmore County")
    out = small_assistant.standalone("How many of its roads were closed?", ["Which county flooded first?"])
    assert out == "How many of Dunmore County’s roads were closed?"


@pytest.mark.model
def test_its_after_a_which_person_question_is_not_asked_again(small_assistant, monkeypatch):
    asked = _answering(small_assistant, monkeypatch, "Ana Ruiz")
    out = small_assistant.standalone("How many of its cots were used?", ["Which volunteer ran the shelter?"])
    assert "Ana Ruiz" not in out and asked == []


@pytest.mark.model
def test_it_after_a_name_question_is_that_name(small_assistant, monkeypatch):
    asked = _answering(small_assistant, monkeypatch, "Corliss Bay")
    history = ["What is the name of the ferry that sank?"]
    assert small_assistant.standalone("When was it built?", history) == "When was Corliss Bay built?"
    assert asked == history


@pytest.mark.model
def test_it_after_a_which_thing_question_is_the_name_it_was_answered_with(small_assistant, monkeypatch):
    asked = _answering(small_assistant, monkeypatch, "Harvest at Lowmoor")
    history = ["Which is the best-known painting still missing?"]
    assert small_assistant.standalone("When was it painted?", history) == "When was Harvest at Lowmoor painted?"
    assert asked == history


@pytest.mark.model
def test_it_after_a_which_question_answered_with_no_name_is_left_to_the_topic(small_assistant, monkeypatch):
    _answering(small_assistant, monkeypatch, "about 6,800")
    out = small_assistant.standalone("How has it changed?", ["What is the population of the town?"])
    assert "6,800" not in out


@pytest.mark.model
def test_he_after_a_which_one_of_them_question_is_its_answer(small_assistant, monkeypatch):
    asked = _answering(small_assistant, monkeypatch, "Darren Pilcher")
    history = ["Who were the three men charged?", "Which of the men charged lives in the town?"]
    assert small_assistant.standalone("How old is he?", history) == "How old is Darren Pilcher?"
    assert asked == [history[-1]]


@pytest.mark.model
def test_understand_expands_contractions_before_reading(small_assistant):
    standalone, q = small_assistant.understand("What's the size of the town's workforce?", [])
    assert standalone.startswith("What is the size") and q.answer_type == "number"


@pytest.mark.model
def test_it_after_a_who_question_is_left_alone(small_assistant, monkeypatch):
    asked = _answering(small_assistant, monkeypatch, "Ana Ruiz")
    out = small_assistant.standalone("When did he say it?", ["Who ran the shelter?"])
    assert out.startswith("When did Ana Ruiz say it?") and asked == ["Who ran the shelter?"]


@pytest.mark.model
def test_a_chain_of_follow_ups_reads_the_one_before_as_it_was_meant(small_assistant, monkeypatch):
    _answering(small_assistant, monkeypatch, "Corliss Bay")
    history = ["What is the name of the ferry that sank?", "When was it built?"]
    out = small_assistant.standalone("And how many passengers can it hold?", history)
    assert "Corliss Bay" in out


@pytest.mark.model
def test_an_expanded_contraction_is_not_shown_as_a_rewriting(small_assistant):
    got = small_assistant.ask("What's the?")
    assert got.abstained and got.rewritten_question == "What's the?"


def test_one_described_by_a_clause_at_the_end_is_asked_for_by_name_first():
    from qa.chat import described_one

    assert described_one("Who heads the agency that maintains the levee?") == (
        "Which agency maintains the levee?", "the agency that maintains the levee")
    assert described_one("Who heads the firm whose sauce made people sick?")[0] == "Which firm’s sauce made people sick?"
    assert described_one("How old is the captive who wants to stay?")[0] == "Which captive wants to stay?"
    assert described_one("What did the man who found the body say?") is None  # the clause runs into the main verb
    assert described_one("What is the name of the nurse who was hurt?") is None  # the question asks for the name
    assert described_one("Which agency maintains the levee?") is None


def test_a_two_step_question_is_answered_through_the_name(tmp_path_factory, embedder):
    from conftest import assistant_over_text

    text = ("Flood water topped the Harwick dam on Sunday night.\n\n"
            "The Harwick Dam Trust, which maintains the dam, said its engineers had inspected the spillway in March. "
            "Elena Varga, director of the Harwick Dam Trust, said repairs would start next week.\n\n"
            "Tomas Brill, the mayor of Harwick, thanked volunteers who filled sandbags through the night.\n")
    dam = assistant_over_text("harwick", text, tmp_path_factory, embedder)
    got = dam.ask("Who heads the body that maintains the dam?")
    assert got.rewritten_question == "Who heads the Harwick Dam Trust?", got.rewritten_question
    assert got.answer == "Elena Varga", (got.answer, got.message)


def test_a_two_step_reading_gives_way_to_a_surer_reading_as_asked(tmp_path_factory, embedder, monkeypatch):
    from conftest import assistant_over_text

    text = ("By Tomas Weller, political columnist, The Harwick Ledger\n\n"
            "The county has asked Professor Ida Moss to review the siren failure.\n")
    ledger = assistant_over_text("ledger", text, tmp_path_factory, embedder)
    question = "Which newspaper employs the columnist who criticised the siren failure?"
    first = ledger.ask("Which columnist criticised the siren failure?")
    assert not first.abstained and first.answer, first.message  # the first step names someone
    named = f"Which newspaper employs {first.answer}?"
    sure = {question: 0.9, named: 0.6}
    real_answer = ledger._answer

    def answer(q, history, top_k, doc_ids):
        got = real_answer(q, history, top_k, doc_ids)
        return Answer(q, got.answer or "x", False, sure.get(q, got.score)) if q in sure else got

    monkeypatch.setattr(ledger, "_answer", answer)
    ledger.clear_cache()
    assert ledger.standalone(question, []) == question  # the reading as asked is surer
    sure[named] = 0.95
    ledger.clear_cache()
    assert ledger.standalone(question, []) == named


def test_a_follow_up_asking_for_another_value_does_not_get_the_one_before(tmp_path_factory, embedder):
    from conftest import assistant_over_text

    text = ("Compensation for the ferry delay\n\nAm I entitled to compensation?\n\n"
            "Yes. Every passenger who was stuck on board overnight will receive a flat payment of 200 crowns per "
            "person. Children under 12 receive 90 crowns.\n\nClaims can be made at the harbour office.\n")
    faq = assistant_over_text("ferry_faq", text, tmp_path_factory, embedder)
    history = ["How much compensation does each passenger stuck on board receive?"]
    assert faq.ask(history[0]).answer == "200 crowns per person"
    got = faq.ask("And for children?", history=history)
    assert got.answer == "90 crowns", (got.answer, got.message)


def test_and_when_after_what_time_asks_for_the_time_again():
    assert rewrite("And when was it brought under control?", ["What time did the leak start?"]).startswith(
        "At what time was it brought under control?")


def test_a_yes_no_follow_up_keeps_no_type_from_the_question_before():
    from qa.pipeline import Assistant
    from qa.question import DESCRIPTION, NUMBER

    history = ["How many people were taken to hospital?"]
    assert Assistant.analyse("Are they still there? (people)", history).answer_type == DESCRIPTION
    assert Assistant.analyse("What about the other one? (people)", history).answer_type == NUMBER
