"""The span model: a linear score over the reader's signals, read as P(candidate is the answer).

Weights are learned by ``eval/train_reader.py`` on the dev splits of the nine gold sets (``eval/gold.jsonl`` and
the corpora on other topics in ``eval/heldout`` to ``heldout8``; their test splits measure it) with a listwise
objective (softmax over each question's candidates, towards those that match a gold answer); the abstention model's
bias is then set so that a probability of 0.5 is the cut that refuses the most unanswerable dev questions less
answerable ones, of those that wrongly refuse at most ``MAX_WRONG_ABSTAIN`` of the answerable ones and stand
``CUT_MARGIN`` below every answerable one they let through. They are kept in ``qa/reader_model.json`` with the run that produced them; without that
file, hand-set weights are used. The model is linear in a handful of general signals (no words, no article-specific
patterns).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .features import FEATURES, SENTENCE_FEATURES

logger = logging.getLogger(__name__)

MODEL_FILE = Path(__file__).with_name("reader_model.json")

#: Hand-set weights (logit scale), used when no trained model file is present.
HAND_WEIGHTS = {
    "dense": 2.0, "lexical": 1.5, "own": 1.0, "context": 0.5, "retrieval": 0.3, "sentence_gap": 0.5, "title": 0.0,
    "type": 2.0, "proximity": 1.5, "novelty": 0.8, "length": 0.3, "focus": 1.2, "attribution": -1.2,
    "speech": 1.2, "speaker": 1.0, "gap": -0.2,
}


#: Question-level signals the abstention model weighs: the best span's score, and whether its kind is the one
#: asked for. (Richer sets -- margins, coverage, missing words -- were tried and fitted noise on the dev split.)
ABSTAIN_FEATURES = ("best", "exact_type")

#: Hand-set abstention weights, used when no trained model file is present.
HAND_ABSTAIN = {"best": 1.0, "exact_type": 1.0}


@dataclass
class AbstainModel:
    """``P(the best span is right) = sigmoid(bias + sum(w_f * x_f))`` over question-level signals."""

    weights: dict[str, float] = field(default_factory=lambda: dict(HAND_ABSTAIN))
    bias: float = -3.0

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) * features.get(f, 0.0) for f in ABSTAIN_FEATURES)
        return float(1.0 / (1.0 + np.exp(-z)))

    def to_dict(self) -> dict:
        return {"features": list(ABSTAIN_FEATURES), "weights": self.weights, "bias": self.bias}


@dataclass
class SpanModel:
    """``P = sigmoid(bias + sum(w_f * x_f))``; answers below ``ReaderSettings.abstain_threshold`` are refused."""

    weights: dict[str, float] = field(default_factory=lambda: dict(HAND_WEIGHTS))
    bias: float = -5.0
    info: dict = field(default_factory=dict)
    abstain: AbstainModel = field(default_factory=AbstainModel)

    def vector(self, features: dict[str, float]) -> np.ndarray:
        return np.array([features.get(f, 0.0) for f in FEATURES], dtype=np.float64)

    def probability(self, features: dict[str, float]) -> float:
        return float(1.0 / (1.0 + np.exp(-self.logit(features))))

    def logit(self, features: dict[str, float], sentence_sum: float | None = None) -> float:
        """The candidate's logit; ``sentence_sum`` is :meth:`sentence_sum` of its sentence's signals where already
        known (the same for every candidate of a sentence)."""
        # The same sum, in the same order, as over every feature: zero weights and zero values add nothing.
        sentence_terms, span_terms = self._terms()
        total = self._sum(features, sentence_terms, 0.0) if sentence_sum is None else sentence_sum
        return self.bias + self._sum(features, span_terms, total)

    def sentence_sum(self, signals: dict[str, float]) -> float:
        """The weighted sum of the sentence features (``SENTENCE_FEATURES``), where a candidate's logit starts."""
        return self._sum(signals, self._terms()[0], 0.0)

    @staticmethod
    def _sum(features: dict[str, float], terms: tuple[tuple[str, float], ...], total: float) -> float:
        get = features.get
        for f, w in terms:
            x = get(f, 0.0)
            if x:
                total += w * x
        return total

    def _terms(self) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
        """(feature, weight) of the non-zero weights in FEATURES order, those of the sentence features and those of
        the candidate's, made once per weights dict (assign a new dict to change the weights)."""
        if getattr(self, "_terms_of", None) is not self.weights:
            pairs = [(f, self.weights[f]) for f in FEATURES if self.weights.get(f, 0.0)]
            self._pairs = (tuple(p for p in pairs if p[0] in SENTENCE_FEATURES),
                           tuple(p for p in pairs if p[0] not in SENTENCE_FEATURES))
            self._terms_of = self.weights
        return self._pairs

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "weights": self.weights, "bias": self.bias,
                "abstain": self.abstain.to_dict(), "info": self.info}

    def save(self, path: Path = MODEL_FILE) -> None:
        tmp = Path(path).with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path | None = MODEL_FILE) -> "SpanModel":
        """The trained model, or the hand-set one when the file is missing or unreadable."""
        if path is None or not Path(path).exists():
            return cls()
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            weights = {f: float(data["weights"].get(f, 0.0)) for f in FEATURES}
            abstain = AbstainModel({f: float(data["abstain"]["weights"].get(f, 0.0)) for f in ABSTAIN_FEATURES},
                                   float(data["abstain"]["bias"])) if "abstain" in data else AbstainModel()
            return cls(weights, float(data["bias"]), data.get("info", {}), abstain)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            logger.warning("reader model %s unreadable (%s); using hand-set weights", path, exc)
            return cls()


def abstain_features(best_logit: float, best: dict[str, float]) -> dict[str, float]:
    """The abstention model's inputs, from the best span's logit and features."""
    return {"best": best_logit, "exact_type": best["exact_type"]}


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression (weights, bias), fitted with L-BFGS."""
    from scipy.optimize import minimize

    d = x.shape[1]

    def loss(params):
        w, b = params[:d], params[d]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-9
        total = -float(np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        g = p - y
        return total + 0.5 * l2 * w @ w, np.concatenate([x.T @ g + l2 * w, [g.sum()]])

    params = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B").x
    return params[:d], float(params[d])


def fit_listwise(questions: list[tuple[np.ndarray, np.ndarray]], l2: float = 0.1,
                 fixed: dict[int, float] | None = None) -> np.ndarray:
    """Weights that put each question's softmax mass on its good candidates.

    Args:
        questions: per question, (features matrix n x d, target weights n: > 0 for good candidates).
        l2: ridge penalty on the weights.
        fixed: feature columns whose weight is set, not learned (column -> weight).
    """
    from scipy.optimize import minimize

    usable = [(x, t / t.sum()) for x, t in questions if len(x) and t.sum() > 0]
    if not usable:
        raise ValueError("no question with a good candidate to learn from")
    d = usable[0][0].shape[1]
    fixed = fixed or {}
    free = np.array([i not in fixed for i in range(d)])
    base = np.array([fixed.get(i, 0.0) for i in range(d)])

    def loss(w):
        w = np.where(free, w, base)
        total, grad = 0.0, np.zeros(d)
        for x, t in usable:
            z = x @ w
            z = z - z.max()
            p = np.exp(z)
            norm = p.sum()
            p /= norm
            total -= float(t @ (z - np.log(norm)))
            grad += x.T @ (p - t)
        reg = np.where(free, w, 0.0)
        return total + 0.5 * l2 * reg @ reg, np.where(free, grad + l2 * reg, 0.0)

    w = minimize(loss, base.copy(), jac=True, method="L-BFGS-B").x
    return np.where(free, w, base)
