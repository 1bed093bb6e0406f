"""Pure scoring functions used by the evaluation: SQuAD EM/F1, answer hit, retrieval and citation checks."""

from __future__ import annotations

import collections
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence

from .corpus import resolve_source

_ASCII_PUNCT = frozenset(string.punctuation)


def normalize_answer(text: str) -> str:
    """SQuAD's normalisation: lower case, no punctuation, no articles, single spaces.

    Punctuation here is Unicode's (curly quotes and dashes too), not only ASCII's, so that a news text's
    “quoted” words compare equal to the same words typed with straight quotes.
    """
    text = text.lower()
    text = "".join(ch for ch in text if ch not in _ASCII_PUNCT and not unicodedata.category(ch).startswith("P"))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def exact_match(prediction: str, gold: Sequence[str]) -> float:
    """1.0 when the prediction equals a gold answer after normalisation (for no gold: when it is empty)."""
    if not gold:
        return float(normalize_answer(prediction) == "")
    return max(float(normalize_answer(prediction) == normalize_answer(g)) for g in gold)


def _f1(prediction: str, gold: str) -> float:
    pred_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(gold).split()
    if not pred_tokens or not gold_tokens:
        return float(pred_tokens == gold_tokens)
    common = collections.Counter(pred_tokens) & collections.Counter(gold_tokens)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred_tokens), same / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def token_f1(prediction: str, gold: Sequence[str]) -> float:
    """Best token F1 against the gold answers (SQuAD); with no gold, 1.0 only for an empty prediction."""
    if not gold:
        return float(normalize_answer(prediction) == "")
    return max(_f1(prediction, g) for g in gold)


def answer_hit(prediction: str, gold: Sequence[str]) -> float:
    """1.0 when a normalised gold answer is contained in the normalised prediction."""
    pred = f" {normalize_answer(prediction)} "
    return max((float(f" {normalize_answer(g)} " in pred) for g in gold if normalize_answer(g)), default=0.0)


def citation_valid(citation: dict, texts: dict[str, str] | None = None) -> bool:
    """The citation's quote equals its source file's text at its offsets."""
    source = citation.get("source", "")
    if texts is not None and source in texts:
        text = texts[source]
    else:
        try:
            text = resolve_source(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
    start, end = citation.get("start"), citation.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        return False  # negative or out-of-range offsets would still slice some text
    return text[start:end] == citation.get("quote")


def recall_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """1.0 when any relevant id is among the first k ranked ids."""
    relevant = set(relevant)
    return float(any(r in relevant for r in ranked[:k]))


def reciprocal_rank(ranked: Sequence[str], relevant: Iterable[str]) -> float:
    """1 / rank of the first relevant id (0 when none is ranked)."""
    relevant = set(relevant)
    for i, r in enumerate(ranked):
        if r in relevant:
            return 1.0 / (i + 1)
    return 0.0


def precision_recall(predicted: Iterable[str], relevant: Iterable[str]) -> tuple[float, float]:
    """Set precision and recall of predicted ids against relevant ids."""
    predicted, relevant = set(predicted), set(relevant)
    if not predicted:
        return (1.0 if not relevant else 0.0), (1.0 if not relevant else 0.0)
    hit = len(predicted & relevant)
    return hit / len(predicted), (hit / len(relevant) if relevant else 1.0)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not 0 <= q <= 100:
        raise ValueError(f"q must be in [0, 100], got {q}")
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
