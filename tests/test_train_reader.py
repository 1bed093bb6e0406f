"""Tests for eval/train_reader.py: fitting the span model and the two-fold cross-validation, on made-up rows."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))

import train_reader  # noqa: E402

from qa.evaluate import GoldItem  # noqa: E402
from qa.features import FEATURES  # noqa: E402


def _row(qid: str, split: str, answers: tuple[str, ...], right_dense: float, wrong_dense: float):
    """One question with two candidates that differ only in their dense similarity."""
    base = {f: 0.0 for f in FEATURES}
    feats = [dict(base, dense=right_dense, type=1.0), dict(base, dense=wrong_dense, type=1.0)]
    item = GoldItem(qid, f"question {qid}?", answers, ("doc",), "number", (), split)
    return item, feats, ["forty boats", "nine cars"], [None, None], [(0, 0, 11), (1, 0, 9)]


def _rows():
    rows = []
    for split in ("dev", "test"):
        for i in range(6):
            rows.append(_row(f"{split}{i}", split, ("forty boats",), 0.9, 0.2))
        for i in range(3):  # nothing fits well: unanswerable
            rows.append(_row(f"{split}u{i}", split, (), 0.1, 0.05))
    return rows


def test_fit_learns_what_marks_the_right_candidate():
    model = train_reader.fit([r for r in _rows() if r[0].split == "dev"], l2=1.0)
    assert model.weights["dense"] > 0
    right, wrong = _row("x", "test", ("forty boats",), 0.9, 0.2)[1]
    assert model.logit(right) > model.logit(wrong)


def test_cross_validation_scores_every_question_once_with_a_model_that_did_not_see_it():
    result = train_reader.cross_validate(_rows(), l2=1.0)
    assert result["n"] == len(_rows())
    assert result["hit"] == 1.0
    assert 0.0 <= result["abstain_unanswerable"] <= 1.0


@pytest.mark.model
def test_a_follow_up_rewritten_with_an_earlier_answer_is_read_again_with_the_folds_model(small_assistant, embedder):
    from qa.pipeline import Assistant

    assistant = Assistant(small_assistant.index, embedder, small_assistant.settings)
    plain = GoldItem("p", "Who is the mayor?", ("x",), ("doc",), "person", (), "dev")
    follow_up = GoldItem("f", "How old is he?", ("x",), ("doc",), "number", ("Who is the mayor?",), "dev")
    reread = {}
    rows = train_reader.collect(assistant, [plain, follow_up], reread)
    assert [r[0] for r in rows] == [plain, follow_up]
    assert reread == {id(follow_up): assistant}  # only the follow-up asked an earlier question

    production = assistant.reader.model
    fold_model = copy.deepcopy(production)
    seen = []
    real_ask = assistant.ask
    assistant.ask = lambda *args, **kwargs: seen.append(assistant.reader.model) or real_ask(*args, **kwargs)
    row = train_reader.with_model(assistant, fold_model, follow_up)
    assert row[0] is follow_up
    assert seen and all(m is fold_model for m in seen)  # the earlier question answered by the fold's model
    assert assistant.reader.model is production  # and the model in use is back
    assert not assistant._cache  # no answer of the fold's model is left behind


def test_the_abstention_cut_keeps_its_margin_below_answered_questions():
    from qa.model import AbstainModel, SpanModel

    model = SpanModel({f: 0.0 for f in FEATURES}, 0.0)
    model.abstain = AbstainModel({"best": 1.0, "exact_type": 0.0}, 0.0)  # the logit is the best span's score

    def row(qid, answers, best):
        return GoldItem(qid, "q?", answers, ("doc",), "number", (), "dev"), "text", {"best": best, "exact_type": 0.0}

    decided = [row("a1", ("x",), 0.05), row("a2", ("x",), 1.0), row("a3", ("x",), 2.0),
               row("u1", (), -0.05), row("u2", (), -2.0)]
    # 0.0 would refuse both unanswerable questions, but stands 0.05 below an answered one: too close.
    assert train_reader.best_cut(model, decided, [-3.0, -1.0, 0.0]) == -1.0
    # Of cuts equally good, the middle one.
    assert train_reader.best_cut(model, decided, [-1.5, -1.0, -0.5]) == -1.0


@pytest.mark.parametrize(("fails", "expected"), [
    # The best fails a preference: the one that passes answers, however far below, as sure as the best.
    (["prefer", None], ("nine cars", 2.0)),
    # Nothing passes it: the best answers after all.
    (["prefer", "prefer"], ("forty boats", 2.0)),
    # An ordinary check that fails: the one that passes is too far below, nothing answers.
    (["slot", None], ("", None)),
])
def test_decide_mirrors_the_reader_on_a_preference(fails, expected):
    from qa.model import SpanModel

    model = SpanModel({f: float(f == "dense") for f in FEATURES}, 0.0)
    item, feats, texts, _, places = _row("p", "test", ("nine cars",), 2.0, -5.0)
    (_, text, af), = train_reader.decide(model, [(item, feats, texts, fails, places)])
    assert (text, af["best"] if af else None) == expected
