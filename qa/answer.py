"""The extractive reader: pick the answer span and its sentence, cite agreeing sources, abstain when weak.

For each question: score the sentences of the retrieved chunks (``features.Signals``), generate typed
candidate spans in the best of them (``spans``), rate each with the span model (``model``): the best
candidate is the answer when its probability clears the model's threshold. Other articles whose best
candidate states the same thing (same number, same name) are cited too; for facts with a value, a
different value from an equally good sentence is reported as a disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import normalize
from .features import QueryContext, ScoredSentence, Signals
from .index import Index
from .model import SpanModel
from .question import AGE, DATE, DURATION, NUMBER, Question, analyse
from .settings import ReaderSettings
from .spans import Candidate
from .types import Agreement, Answer, Citation, Hit, Sentence

NOT_FOUND = "The articles do not answer this question."


@dataclass
class ScoredSpan:
    sentence: ScoredSentence
    candidate: Candidate
    features: dict[str, float]
    probability: float


class Reader:
    """Picks the answer sentence and span from retrieved chunks.

    Args:
        index: the loaded index (sentences, their vectors, word vectors, documents).
        settings: retrieval depth, signal settings and agreement thresholds.
        model: the span model (default: the trained one shipped with qa).
    """

    def __init__(self, index: Index, settings: ReaderSettings | None = None, model: SpanModel | None = None):
        self.index = index
        self.settings = settings or ReaderSettings()
        self.signals = Signals(index, self.settings)
        self.model = model or SpanModel.load()

    def question_words(self, q: Question) -> list[str]:
        """Words of the question whose vectors the reader needs (see ``Signals.question_words``)."""
        return self.signals.question_words(q)

    def spans(self, ctx: QueryContext, scored: ScoredSentence) -> list[ScoredSpan]:
        """Every admissible candidate of one sentence with its probability, best first."""
        out = []
        for cand in self.signals.candidates(scored):
            feats = self.signals.span_features(ctx, scored, cand)
            if feats is not None:
                out.append(ScoredSpan(scored, cand, feats, self.model.probability(feats)))
        out.sort(key=lambda s: (-s.probability, len(s.candidate.text)))
        return out

    def ranked(self, ctx: QueryContext, hits: list[Hit]) -> tuple[list[ScoredSentence], list[ScoredSpan]]:
        """Scored sentences, and the best span of each of the top ones, best first."""
        sentences = self.signals.score_sentences(ctx, hits)
        best = []
        for scored in sentences[: self.settings.span_sentences]:
            spans = self.spans(ctx, scored)
            if spans:
                best.append(spans[0])
        best.sort(key=lambda s: (-s.probability, s.sentence.row))
        return sentences, best

    def _citation(self, sentence: Sentence, cand: Candidate | None = None) -> Citation:
        doc = self.index.documents[sentence.doc_id]
        return Citation(doc.id, doc.title, doc.source, sentence.start, sentence.end, sentence.text,
                        cand.start if cand else None, cand.end if cand else None)

    def read(self, question: str, q_vec: np.ndarray, hits: list[Hit], analysed: Question | None = None,
             word_vectors: dict[str, np.ndarray] | None = None) -> Answer:
        """Answer a (standalone) question from retrieved hits.

        Args:
            question: the standalone question.
            q_vec: its unit vector.
            hits: retrieved chunks.
            analysed: the question's analysis (made here when omitted).
            word_vectors: vectors of the question's words (see :meth:`question_words`) for soft matching.
        """
        q = analysed or analyse(question)
        ctx = self.signals.context(q, q_vec, word_vectors)
        sentences, spans = self.ranked(ctx, hits)
        passages = tuple(self._citation(s.sentence) for s in sentences[:3])
        if not spans or spans[0].probability < self.settings.abstain_threshold:
            score = round(spans[0].probability, 4) if spans else 0.0
            return Answer(question, "", True, score, passages=passages, message=NOT_FOUND, answer_type=q.answer_type)
        best = spans[0]
        citations, agreement = self._agreement(q, best, spans)
        return Answer(
            question=question, answer=best.candidate.text, abstained=False, score=round(best.probability, 4),
            citations=citations, sentence=best.sentence.sentence.text, agreement=agreement, passages=passages,
            answer_type=q.answer_type,
        )

    def _agreement(self, q: Question, best: ScoredSpan, spans: list[ScoredSpan]):
        """Cite every article that states the answer; group differing answers when articles disagree."""
        s = self.settings
        best_vec = self.index.sentence_vectors[best.sentence.row]
        groups: list[tuple[str, list[ScoredSpan]]] = [(normalize.key(best.candidate.text, q.answer_type), [best])]
        cited_docs = {best.sentence.sentence.doc_id}
        for span in spans[1:]:
            doc_id = span.sentence.sentence.doc_id
            if doc_id in cited_docs or span.probability < s.support_ratio * best.probability:
                continue
            key = normalize.key(span.candidate.text, q.answer_type)
            for group_key, members in groups:
                if normalize.same(group_key, key, q.answer_type):
                    members.append(span)
                    cited_docs.add(doc_id)
                    break
            else:
                # A different answer is a disagreement only for facts with a value, from a similar sentence.
                similar = float(self.index.sentence_vectors[span.sentence.row] @ best_vec) >= s.support_similarity
                if q.answer_type in (NUMBER, AGE, DURATION, DATE) and similar:
                    groups.append((key, [span]))
                    cited_docs.add(doc_id)
        citations: list[Citation] = []
        agreement: list[Agreement] = []
        for _, members in groups:
            idx = []
            for span in members:
                idx.append(len(citations))
                citations.append(self._citation(span.sentence.sentence, span.candidate))
            doc_ids = tuple(dict.fromkeys(m.sentence.sentence.doc_id for m in members))
            agreement.append(Agreement(members[0].candidate.text, doc_ids, tuple(idx)))
        return tuple(citations), tuple(agreement)


class BaselineReader:
    """The reference point: the sentence most similar to the question (dense only), returned whole."""

    def __init__(self, index: Index):
        self.index = index

    def question_words(self, q: Question) -> list[str]:
        return []

    def read(self, question: str, q_vec: np.ndarray, hits: list[Hit], analysed: Question | None = None,
             word_vectors: dict[str, np.ndarray] | None = None) -> Answer:
        rows = sorted({row for hit in hits for row in hit.chunk.sentences})
        if not rows:
            return Answer(question, "", True, 0.0, message=NOT_FOUND)
        sims = self.index.sentence_vectors[rows] @ q_vec
        row = rows[int(np.argmax(sims))]
        sent = self.index.sentences[row]
        doc = self.index.documents[sent.doc_id]
        citation = Citation(doc.id, doc.title, doc.source, sent.start, sent.end, sent.text, sent.start, sent.end)
        return Answer(question, sent.text, False, float(np.max(sims)), (citation,), sent.text)
