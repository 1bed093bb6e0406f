"""Every weight and threshold of retrieval and the reader, in one place, with how each was chosen.

Values were set on the ``dev`` split of ``eval/gold.jsonl`` (``qa eval --split dev``) and checked on the
``test`` split and on the held-out corpus in ``eval/heldout`` (written on an unrelated topic), so a
setting that only helps one article set shows up as a drop there. Re-tune with ``eval/tune.py``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class ReaderSettings:
    """Retrieval depth, sentence and span scoring weights, agreement and abstention thresholds."""

    # Retrieval: chunks handed to the reader, and candidates per run before fusion.
    top_k: int = 6
    candidates: int = 20
    fusion: str = "rrf"

    # Sentence score = weighted sum of signals in [0, 1]: dense similarity; IDF-weighted coverage of the
    # question's terms (soft matches and the two previous sentences count at a discount: "lexical"), and
    # the same within the sentence alone ("own"); neighbours' dense similarity; the chunk's retrieval rank.
    # Grid-searched on the dev split in steps of 0.05 (eval/tune.py).
    w_dense: float = 0.45
    w_lexical: float = 0.25
    w_own: float = 0.15
    w_context: float = 0.10
    w_retrieval: float = 0.05
    carry_discount: float = 0.4  # weight of a term found in the previous sentence (halved two back)
    dense_sentences: int = 8  # nearest sentences by dense similarity read besides the retrieved chunks

    # Soft term matching with the model's word vectors: "hurt" ~ "injured" (0.66) but not ~ "killed" (0.48).
    soft_threshold: float = 0.55
    soft_weight: float = 0.8
    focus_threshold: float = 0.45  # head noun ("which *academic*") ~ candidate's words ("professor" 0.62)

    local_window: int = 6  # tokens either side of a candidate that count as its local context
    proximity_scale: float = 4.0  # tokens: closeness to the question's words decays as exp(-distance / scale)

    # Sentences whose candidates the span model rates (by the sentence score above), and agreement
    # across articles: another article's best span supports (or, for values, disputes) the answer
    # when its probability is at least ``support_ratio`` of the best one.
    span_sentences: int = 12
    support_ratio: float = 0.5
    support_similarity: float = 0.55  # cosine of the two sentences, for a disagreement to be reported

    # Abstention: the answer's confidence (the span model's probability, whose bias is set on the dev
    # split so that 0.5 is the best cut there, see qa/reader_model.json) must reach this.
    abstain_threshold: float = 0.5

    def replace(self, **changes) -> "ReaderSettings":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)
