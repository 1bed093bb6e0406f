"""Tests for ``Assistant.standalone``: which earlier answer a follow-up's pronoun takes."""

from __future__ import annotations

import pytest

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
