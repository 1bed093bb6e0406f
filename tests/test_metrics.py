"""Tests for qa/metrics.py: SQuAD normalisation, EM/F1, answer hit, citation validity, retrieval metrics."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa.metrics import (
    answer_hit,
    citation_valid,
    exact_match,
    normalize_answer,
    percentile,
    precision_recall,
    recall_at_k,
    reciprocal_rank,
    token_f1,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small_corpus"


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("The Cat", "cat"),
        ("  A  quick,   brown fox!  ", "quick brown fox"),
        ("an apple and THE pear.", "apple and pear"),
        ("$14 million", "14 million"),
        ("2,700", "2700"),
        ("theatre anthem", "theatre anthem"),  # articles only as whole words
        ("", ""),
    ],
)
def test_normalize_answer_follows_squad(text, normal):
    assert normalize_answer(text) == normal


def test_exact_match():
    assert exact_match("The $14 million.", ["14 million"]) == 1.0
    assert exact_match("14 million dollars", ["14 million"]) == 0.0
    assert exact_match("Tom Becker", ["Becker", "tom becker"]) == 1.0
    # No gold answer: only an abstention (empty answer) matches.
    assert exact_match("", []) == 1.0
    assert exact_match("something", []) == 0.0


def test_token_f1_known_values():
    assert token_f1("the cat sat", ["cat sat on mat"]) == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert token_f1("w x y z", ["y z u v"]) == pytest.approx(0.5)
    assert token_f1("cat cat", ["cat"]) == pytest.approx(2 * 0.5 * 1.0 / 1.5)  # a repeated token matches only once
    assert token_f1("dog", ["cat"]) == 0.0
    assert token_f1("Tom Becker", ["head librarian Tom Becker", "Becker"]) == pytest.approx(2 / 3)  # best of the two
    assert token_f1("", ["cat"]) == 0.0
    assert token_f1("", []) == 1.0
    assert token_f1("words", []) == 0.0
    assert token_f1("the", ["a"]) == 1.0  # both normalise to nothing


def test_answer_hit_needs_whole_words():
    assert answer_hit("about 40 firefighters", ["40"]) == 1.0
    assert answer_hit("about 400 firefighters", ["40"]) == 0.0
    assert answer_hit("Tom Becker, head librarian", ["tom becker"]) == 1.0
    assert answer_hit("anything", []) == 0.0
    assert answer_hit("anything", ["the", ""]) == 0.0  # gold that normalises to nothing never hits


# --- citations -----------------------------------------------------------------------------------


def _citation(source: str, text: str, phrase: str) -> dict:
    start = text.index(phrase)
    return {"source": source, "start": start, "end": start + len(phrase), "quote": phrase}


def test_citation_valid_against_the_file_on_disk():
    path = FIXTURE / "library_opening.txt"
    text = path.read_text(encoding="utf-8")
    source = "tests/fixtures/small_corpus/library_opening.txt"  # relative to the project root
    good = _citation(source, text, "The building cost $14 million")
    assert citation_valid(good)
    assert citation_valid({**good, "source": str(path.resolve())})  # absolute paths work too
    assert not citation_valid({**good, "start": good["start"] + 1})
    assert not citation_valid({**good, "quote": "The building cost $15 million"})
    assert not citation_valid({**good, "source": "tests/fixtures/small_corpus/missing.txt"})
    assert not citation_valid({**good, "source": ""})
    assert not citation_valid({**good, "start": None})
    assert not citation_valid({**good, "start": "0"})


def test_citation_valid_against_given_texts():
    texts = {"a.txt": "Hello world. Bye."}
    assert citation_valid({"source": "a.txt", "start": 6, "end": 11, "quote": "world"}, texts)
    assert not citation_valid({"source": "a.txt", "start": 6, "end": 11, "quote": "World"}, texts)


def test_citation_offsets_must_lie_inside_the_text():
    texts = {"a.txt": "Hello world. Bye."}
    # Negative or out-of-range offsets still slice something in Python; they are not valid citations.
    assert not citation_valid({"source": "a.txt", "start": -4, "end": -1, "quote": "Bye"}, texts)
    assert not citation_valid({"source": "a.txt", "start": 17, "end": 99, "quote": ""}, texts)
    assert not citation_valid({"source": "a.txt", "start": 5, "end": 2, "quote": ""}, texts)


def test_citation_of_an_unreadable_file_is_invalid(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 opens".encode("latin-1"))
    assert not citation_valid({"source": str(path), "start": 0, "end": 3, "quote": "Caf"})


# --- retrieval metrics ---------------------------------------------------------------------------


def test_recall_at_k():
    ranked = ["a", "b", "c", "d"]
    assert recall_at_k(ranked, {"c"}, 2) == 0.0
    assert recall_at_k(ranked, {"c"}, 3) == 1.0
    assert recall_at_k(ranked, ["x", "b"], 5) == 1.0
    assert recall_at_k(ranked, [], 4) == 0.0
    assert recall_at_k([], ["a"], 1) == 0.0


def test_reciprocal_rank():
    assert reciprocal_rank(["a", "b", "c"], {"a"}) == 1.0
    assert reciprocal_rank(["a", "b", "c"], {"c", "b"}) == 0.5
    assert reciprocal_rank(["a", "b", "c"], ["c"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a", "b"], {"z"}) == 0.0


def test_precision_recall():
    assert precision_recall(["a", "b"], ["a"]) == (0.5, 1.0)
    assert precision_recall(["a", "a", "b", "c"], ["a", "d"]) == pytest.approx((1 / 3, 0.5))
    assert precision_recall([], []) == (1.0, 1.0)
    assert precision_recall([], ["a"]) == (0.0, 0.0)
    assert precision_recall(["a"], []) == (0.0, 1.0)


def test_percentile_matches_numpy_linear():
    values = [5.0, 1.0, 9.0, 3.0, 7.5, 2.2]
    for q in (0, 10, 25, 50, 90, 95, 100):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))
    assert percentile([4.0], 95) == 4.0
    assert percentile([], 50) == 0.0


@pytest.mark.parametrize("q", [-1, 100.5, 150])
def test_percentile_outside_0_100_raises(q):
    with pytest.raises(ValueError, match=str(q)):
        percentile([1.0, 2.0, 3.0], q)
