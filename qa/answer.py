"""The extractive reader: score sentences, cut the answer span, group agreeing sources, abstain when weak."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from . import normalize
from .index import Index
from .question import AGE, DATE, DESCRIPTION, DURATION, NUMBER, QUOTE, REASON, Question, analyse
from .settings import ReaderSettings
from .spans import TYPE_MATCH, Candidate, candidates
from .text import stem, terms, tokens
from .types import Agreement, Answer, Citation, Hit, Sentence

NOT_FOUND = "The articles do not answer this question."


@dataclass
class ScoredSentence:
    row: int
    sentence: Sentence
    score: float
    signals: dict[str, float]


@dataclass
class ScoredSpan:
    sentence: ScoredSentence
    candidate: Candidate
    score: float
    total: float


class SentenceStats:
    """Per-index lexical statistics over sentences (term sets and IDF), computed once per index."""

    def __init__(self, index: Index):
        self.terms = [frozenset(terms(s.text)) for s in index.sentences]
        df: dict[str, int] = {}
        for ts in self.terms:
            for t in ts:
                df[t] = df.get(t, 0) + 1
        n = max(1, len(self.terms))
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.default_idf = math.log(1 + (n + 0.5) / 0.5)
        self.vocabulary = frozenset(df)
        self.row_of = {(s.doc_id, s.start): i for i, s in enumerate(index.sentences)}

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default_idf)


class Reader:
    """Picks the answer sentence and span from retrieved chunks.

    Args:
        index: the loaded index (sentences, their vectors, documents).
        settings: weights and thresholds.
    """

    def __init__(self, index: Index, settings: ReaderSettings | None = None):
        self.index = index
        self.settings = settings or ReaderSettings()
        self.stats = SentenceStats(index)

    # --- sentences ---------------------------------------------------------------------------

    def _lexical(self, q: Question, row: int) -> float:
        q_terms = set(q.terms)
        if not q_terms:
            return 0.0
        total = sum(self.stats.weight(t) for t in q_terms)
        hit = sum(self.stats.weight(t) for t in q_terms if t in self.stats.terms[row])
        return hit / total

    def _type_signal(self, q: Question, sentence: Sentence) -> float:
        best = 0.0
        for cand in self._candidates(sentence):
            match = TYPE_MATCH[q.answer_type].get(cand.kind, 0.0)
            if match > best and self._novelty(q, cand) > 0.5:
                best = match
        return best

    def _candidates(self, sentence: Sentence) -> list[Candidate]:
        doc_text = self.index.documents[sentence.doc_id].text
        return candidates(doc_text, sentence.start, sentence.end)

    def score_sentences(self, q: Question, q_vec: np.ndarray, hits: list[Hit]) -> list[ScoredSentence]:
        """Score every sentence of the retrieved chunks, best first."""
        s = self.settings
        rows: dict[int, float] = {}
        for hit in hits:
            retrieval = 1.0 / (1 + hit.rank)
            for row in hit.chunk.sentences:
                rows[row] = max(rows.get(row, 0.0), retrieval)
        if not rows:
            return []
        order = sorted(rows)
        dense = self.index.sentence_vectors[order] @ q_vec
        dense_of = dict(zip(order, (float(x) for x in dense)))
        scored = []
        for row in order:
            sent = self.index.sentences[row]
            neighbours = [r for r in (row - 1, row + 1)
                          if 0 <= r < len(self.index.sentences) and self.index.sentences[r].doc_id == sent.doc_id]
            context = max((float(self.index.sentence_vectors[r] @ q_vec) for r in neighbours), default=0.0)
            signals = {
                "dense": dense_of[row],
                "lexical": self._lexical(q, row),
                "context": context,
                "type": self._type_signal(q, sent),
                "retrieval": rows[row],
            }
            score = (s.w_dense * signals["dense"] + s.w_lexical * signals["lexical"] + s.w_context * context
                     + s.w_type * signals["type"] + s.w_retrieval * signals["retrieval"])
            scored.append(ScoredSentence(row, sent, score, signals))
        scored.sort(key=lambda x: (-x.score, x.row))
        return scored

    # --- spans -------------------------------------------------------------------------------

    def _novelty(self, q: Question, cand: Candidate) -> float:
        """Share of the candidate's content terms that the question does not already contain."""
        cand_terms = terms(cand.text)
        if not cand_terms:
            return 1.0 if re.search(r"\d", cand.text) else 0.0
        q_terms = q.term_set
        return sum(t not in q_terms for t in cand_terms) / len(cand_terms)

    def score_span(self, q: Question, scored: ScoredSentence, cand: Candidate) -> float:
        """How well a candidate answers the question, in roughly [0, 1]."""
        match = TYPE_MATCH[q.answer_type].get(cand.kind, 0.0)
        if match == 0.0:
            return -1.0
        novelty = self._novelty(q, cand)
        if novelty == 0.0:
            return -1.0
        sentence = scored.sentence
        toks = tokens(sentence.text, sentence.start)
        q_positions = [i for i, t in enumerate(toks) if stem(t.lower) in q.term_set]
        inside = [i for i, t in enumerate(toks) if cand.start <= t.start and t.end <= cand.end]
        if q_positions and inside:
            outside = [p for p in q_positions if p not in inside]
            dist = min((min(abs(p - i) for i in inside) for p in outside), default=len(toks))
            proximity = math.exp(-max(0, dist - 1) / self.settings.proximity_scale)
        else:
            proximity = 0.3
        n_words = len(cand.text.split())
        if q.answer_type in (QUOTE, REASON, DESCRIPTION):
            length = 1.0 if 2 <= n_words <= 12 else 0.6
        else:
            length = 1.0 if n_words <= 5 else 0.5
        score = 0.45 * match + 0.25 * proximity + 0.2 * novelty + 0.1 * length
        if q.answer_type == QUOTE and cand.kind == QUOTE:
            score += 0.1 * _speech_cue(sentence.text, cand, sentence.start)
        return score

    def best_spans(self, q: Question, sentences: list[ScoredSentence]) -> list[ScoredSpan]:
        """Best span of each of the top sentences, best (sentence + span) first."""
        out = []
        for scored in sentences[: self.settings.span_sentences]:
            best: ScoredSpan | None = None
            for cand in self._candidates(scored.sentence):
                span_score = self.score_span(q, scored, cand)
                if span_score < 0:
                    continue
                total = scored.score + self.settings.w_span * span_score
                if best is None or total > best.total or (total == best.total and len(cand.text) < len(best.candidate.text)):
                    best = ScoredSpan(scored, cand, span_score, total)
            if best is not None:
                out.append(best)
        out.sort(key=lambda x: -x.total)
        return out

    # --- answer ------------------------------------------------------------------------------

    def _citation(self, sentence: Sentence, cand: Candidate | None = None) -> Citation:
        doc = self.index.documents[sentence.doc_id]
        return Citation(
            doc.id, doc.title, doc.source, sentence.start, sentence.end, sentence.text,
            cand.start if cand else None, cand.end if cand else None,
        )

    def _missing_penalty(self, q: Question, sentences: list[ScoredSentence]) -> float:
        """Cost of question words the retrieved text never mentions (names first)."""
        seen: set[str] = set()
        for scored in sentences[: self.settings.span_sentences * 2]:
            seen |= self.stats.terms[scored.row]
        missing_names = [t for t in set(q.proper) if t not in seen]
        rare_missing = [t for t in set(q.terms) - set(q.proper)
                        if t not in self.stats.vocabulary]
        return (self.settings.missing_name_penalty * len(missing_names)
                + self.settings.missing_term_penalty * len(rare_missing))

    def read(self, question: str, q_vec: np.ndarray, hits: list[Hit], analysed: Question | None = None) -> Answer:
        """Answer a (standalone) question from retrieved hits."""
        q = analysed or analyse(question)
        sentences = self.score_sentences(q, q_vec, hits)
        passages = tuple(self._citation(s.sentence) for s in sentences[:3])
        spans = self.best_spans(q, sentences)
        if not spans:
            return Answer(question, "", True, 0.0, passages=passages, message=NOT_FOUND, answer_type=q.answer_type)
        best = spans[0]
        confidence = best.total - self._missing_penalty(q, sentences)
        if confidence < self.settings.abstain_threshold:
            return Answer(question, "", True, round(confidence, 4), passages=passages, message=NOT_FOUND,
                          answer_type=q.answer_type)
        citations, agreement = self._agreement(q, best, spans, sentences)
        return Answer(
            question=question,
            answer=best.candidate.text,
            abstained=False,
            score=round(confidence, 4),
            citations=citations,
            sentence=best.sentence.sentence.text,
            agreement=agreement,
            passages=passages,
            answer_type=q.answer_type,
        )

    def _agreement(self, q: Question, best: ScoredSpan, spans: list[ScoredSpan], sentences: list[ScoredSentence]):
        """Cite every article that states the answer; group differing answers when articles disagree."""
        s = self.settings
        best_vec = self.index.sentence_vectors[best.sentence.row]
        groups: list[tuple[str, list[tuple[ScoredSentence, Candidate]]]] = [
            (normalize.key(best.candidate.text, q.answer_type), [(best.sentence, best.candidate)])
        ]
        cited_docs = {best.sentence.sentence.doc_id}
        for scored in sentences[1: s.span_sentences * 3]:
            doc_id = scored.sentence.doc_id
            if doc_id in cited_docs:
                continue
            similar = float(self.index.sentence_vectors[scored.row] @ best_vec) >= s.support_similarity
            strong = scored.score >= s.support_ratio * best.sentence.score
            if not (similar or strong):
                continue
            cand = self._best_candidate(q, scored)
            if cand is None:
                continue
            key = normalize.key(cand.text, q.answer_type)
            for group_key, members in groups:
                if normalize.same(group_key, key, q.answer_type):
                    members.append((scored, cand))
                    cited_docs.add(doc_id)
                    break
            else:
                # A different answer: a disagreement only for facts with a value, from a strong sentence.
                if q.answer_type in (NUMBER, AGE, DURATION, DATE) and strong and similar:
                    groups.append((key, [(scored, cand)]))
                    cited_docs.add(doc_id)
        citations: list[Citation] = []
        agreement: list[Agreement] = []
        for _, members in groups:
            idx = []
            for scored, cand in members:
                idx.append(len(citations))
                citations.append(self._citation(scored.sentence, cand))
            doc_ids = tuple(dict.fromkeys(scored.sentence.doc_id for scored, _ in members))
            agreement.append(Agreement(members[0][1].text, doc_ids, tuple(idx)))
        return tuple(citations), tuple(agreement)

    def _best_candidate(self, q: Question, scored: ScoredSentence) -> Candidate | None:
        best, best_score = None, -1.0
        for cand in self._candidates(scored.sentence):
            sc = self.score_span(q, scored, cand)
            if sc > best_score:
                best, best_score = cand, sc
        return best


def _speech_cue(sentence_text: str, cand: Candidate, offset: int) -> float:
    """1 when a quotation is attributed with a speech verb next to it ("he said, “...”")."""
    before = sentence_text[max(0, cand.start - offset - 30): cand.start - offset]
    after = sentence_text[cand.end - offset: cand.end - offset + 30]
    verbs = r"said|says|replied|asked|told|added|shouted|stated|wrote|confessed|revealed"
    return 1.0 if re.search(rf"\b(?:{verbs})\b", before + " " + after) else 0.0


class BaselineReader:
    """The reference point: the sentence most similar to the question (dense only), returned whole."""

    def __init__(self, index: Index):
        self.index = index

    def read(self, question: str, q_vec: np.ndarray, hits: list[Hit], analysed: Question | None = None) -> Answer:
        rows = sorted({row for hit in hits for row in hit.chunk.sentences})
        if not rows:
            return Answer(question, "", True, 0.0, message=NOT_FOUND)
        sims = self.index.sentence_vectors[rows] @ q_vec
        row = rows[int(np.argmax(sims))]
        sent = self.index.sentences[row]
        doc = self.index.documents[sent.doc_id]
        citation = Citation(doc.id, doc.title, doc.source, sent.start, sent.end, sent.text, sent.start, sent.end)
        return Answer(question, sent.text, False, float(np.max(sims)), (citation,), sent.text)


__all__ = ["Reader", "BaselineReader", "NOT_FOUND", "DESCRIPTION"]
