"""Tests for qa/model.py: listwise and logistic fitting on toy data; loading, saving and falling back."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from qa.features import FEATURES
from qa.model import (
    ABSTAIN_FEATURES, HAND_ABSTAIN, HAND_WEIGHTS, AbstainModel, SpanModel, abstain_features, fit_listwise,
    fit_logistic,
)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


# --- fitting -------------------------------------------------------------------------------

def _toy_lists(seed: int = 0, n_questions: int = 30) -> list[tuple[np.ndarray, np.ndarray]]:
    """Questions of 6 candidates with 3 features: the good one has a high feature 0; feature 1 is noise."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_questions):
        x = rng.normal(size=(6, 3))
        good = rng.integers(6)
        x[good, 0] += 3.0
        t = np.zeros(6)
        t[good] = 1.0
        out.append((x, t))
    return out


def test_fit_listwise_puts_the_mass_on_the_good_candidates():
    train = _toy_lists(0)
    w = fit_listwise(train)
    assert w.shape == (3,)
    assert w[0] > 0 and abs(w[0]) > abs(w[1]) and abs(w[0]) > abs(w[2])
    held_out = _toy_lists(1, 40)
    top1 = np.mean([np.argmax(x @ w) == np.argmax(t) for x, t in held_out])
    assert top1 >= 0.8
    mass = np.mean([_softmax(x @ w)[t > 0].sum() for x, t in train])
    assert mass > 0.8


def test_fit_listwise_spreads_mass_over_several_good_candidates():
    x = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 0.0], [0.0, 0.2]])
    t = np.array([1.0, 1.0, 0.0, 0.0])
    w = fit_listwise([(x, t)] * 5, l2=0.01)
    p = _softmax(x @ w)
    assert p[:2].sum() > 0.9


def test_fit_listwise_skips_questions_without_a_good_candidate():
    good = _toy_lists(0, 10)
    empty = [(np.ones((4, 3)), np.zeros(4)), (np.zeros((0, 3)), np.zeros(0))]
    np.testing.assert_allclose(fit_listwise(good + empty), fit_listwise(good), atol=1e-6)


def test_fit_listwise_without_anything_to_learn_says_so():
    with pytest.raises(ValueError, match="no question"):
        fit_listwise([(np.ones((3, 2)), np.zeros(3))])


def test_fit_logistic_separates_a_toy_set():
    rng = np.random.default_rng(0)
    pos = rng.normal(loc=[2.0, 2.0], scale=0.5, size=(40, 2))
    neg = rng.normal(loc=[-2.0, -2.0], scale=0.5, size=(40, 2))
    x = np.vstack([pos, neg])
    y = np.concatenate([np.ones(40), np.zeros(40)])
    w, b = fit_logistic(x, y)
    assert isinstance(b, float)
    predicted = (x @ w + b) > 0
    assert (predicted == y.astype(bool)).all()
    assert (w > 0).all()


def test_fit_logistic_ridge_shrinks_weights():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(50, 2))
    y = (x[:, 0] > 0).astype(float)
    loose, _ = fit_logistic(x, y, l2=0.01)
    tight, _ = fit_logistic(x, y, l2=100.0)
    assert np.linalg.norm(tight) < np.linalg.norm(loose)


# --- the model -----------------------------------------------------------------------------

def test_probability_is_the_sigmoid_of_the_logit():
    model = SpanModel()
    feats = {f: 0.5 for f in FEATURES}
    z = model.logit(feats)
    assert model.probability(feats) == pytest.approx(1 / (1 + np.exp(-z)))
    assert model.vector(feats).shape == (len(FEATURES),)
    assert model.logit({}) == model.bias


def test_a_better_signal_raises_the_probability():
    model = SpanModel()
    weak = {f: 0.2 for f in FEATURES}
    strong = dict(weak, type=1.0, proximity=1.0)
    assert model.probability(strong) > model.probability(weak)


def test_abstain_model_and_its_features():
    best = {"local": 0.5, "clause": 0.6, "own": 0.7, "dense": 0.6, "type": 1.0, "exact_type": 1.0}
    feats = abstain_features(4.0, best)
    assert feats == {"best": 4.0, "exact_type": 1.0}
    model = AbstainModel()
    assert set(model.weights) == set(ABSTAIN_FEATURES)
    assert model.probability(feats) > model.probability(dict(feats, best=-4.0))


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "model.json"
    weights = {f: float(i) / 10 for i, f in enumerate(FEATURES)}
    model = SpanModel(weights, 1.5, {"trained_on": "toy"}, AbstainModel({"best": 0.7, "exact_type": 0.2}, -1.0))
    model.save(path)
    loaded = SpanModel.load(path)
    assert loaded.weights == weights
    assert loaded.bias == 1.5
    assert loaded.info == {"trained_on": "toy"}
    assert loaded.abstain.weights == {"best": 0.7, "exact_type": 0.2}
    assert loaded.abstain.bias == -1.0
    assert json.loads(path.read_text())["features"] == list(FEATURES)


def _is_hand_set(model: SpanModel) -> bool:
    return model.weights == HAND_WEIGHTS and model.bias == -5.0 and model.abstain.weights == HAND_ABSTAIN


def test_missing_file_falls_back_to_hand_weights(tmp_path):
    assert _is_hand_set(SpanModel.load(tmp_path / "nowhere.json"))
    assert _is_hand_set(SpanModel.load(None))


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"weights": {"dense": "high"}, "bias": 0}',
                                     '{"bias": 0}', '{"weights": {}, "bias": 0, "abstain": null}'])
def test_corrupt_file_falls_back_to_hand_weights(tmp_path, caplog, content):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="qa.model"):
        model = SpanModel.load(path)
    assert _is_hand_set(model)
    assert "hand-set" in caplog.text


def test_undecodable_file_falls_back_to_hand_weights(tmp_path):
    path = tmp_path / "model.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert _is_hand_set(SpanModel.load(path))


@pytest.mark.parametrize("content", ['{"weights": null, "bias": 0}', '{"weights": [1, 2], "bias": 0}'])
def test_weights_of_the_wrong_shape_fall_back_to_hand_weights(tmp_path, content):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    assert _is_hand_set(SpanModel.load(path))


def test_shipped_model_loads_with_every_feature():
    model = SpanModel.load()
    assert set(model.weights) == set(FEATURES)
    assert all(np.isfinite(v) for v in model.weights.values())


def test_logit_is_the_weighted_sum_and_follows_new_weights():
    from qa.features import FEATURES
    from qa.model import SpanModel

    model = SpanModel()
    feats = {f: (i % 3) * 0.25 for i, f in enumerate(FEATURES)}
    plain = model.bias + sum(model.weights.get(f, 0.0) * feats.get(f, 0.0) for f in FEATURES)
    assert model.logit(feats) == plain
    model.weights = {f: 1.0 for f in FEATURES}  # a new dict: the cached terms are remade
    assert model.logit(feats) == model.bias + sum(feats.values())
