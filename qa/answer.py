"""The extractive reader: pick the answer span and its sentence, cite agreeing sources, abstain when weak.

For each question: score the sentences of the retrieved chunks (``features.Signals``), generate typed
candidate spans in the best of them (``spans``), rate each with the span model (``model``): the best
candidate is the answer when its probability clears the model's threshold. Other articles whose best
candidate states the same thing (same number, same name) are cited too; for facts with a value, a
different value from an equally good sentence is reported as a disagreement.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

import numpy as np

from . import normalize
from .constraints import Constraints, Violation, stated_unknown
from .features import _AGENCY_ASKED, _STRONG_REASON, _SUBJECT_PRONOUN, _TURN_LABEL, FILED_FROM, SIGN_OFF_LINE, SIGNED_ASKED, QueryContext, ScoredSentence, Signals, signed_off
from .index import Index
from .model import SpanModel, abstain_features
from .question import (AGE, CLOCK_ASKED, CLOCK_TIME, DATE, DAY_NAMED, DURATION, NUMBER, ORG, PERSON, PLACE, QUOTE, REASON,
                       Question, analyse)
from .settings import ReaderSettings
from .spans import NAME, NAME_KINDS, TYPE_MATCH, Candidate
from .text import STOPWORDS, stem, terms
from .types import Agreement, Answer, Citation, Hit, Sentence

NOT_FOUND = "The articles do not answer this question."
UNKNOWN_WORDS = "The articles do not mention what this question asks about."

#: How much worse the kind of a name may fit the question's type than a failing candidate's, for it to answer instead
#: from the same sentence: a name for "which hotel" where "the 40-room [hotel]" fails. Other phrases must fit as well
#: (not "a temporary rescue centre" for "which charity").
_KIND_SLACK = 0.7
#: "Who asked the commander why ...?", "Which reporter said ...?": whoever speaks in a transcript's turn.
_SPOKEN_BY = re.compile(r"^\W*(?:and\s+)?(?:who|which\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:asked|said|told|questioned|"
                        r"pressed|challenged|wanted\s+to\s+know|put)\b", re.I)


@dataclass
class ScoredSpan:
    sentence: ScoredSentence
    candidate: Candidate
    features: dict[str, float]
    logit: float


def _contains(outer: Candidate, inner: Candidate) -> bool:
    """Whether one candidate's offsets hold the other's."""
    return outer.start <= inner.start and inner.end <= outer.end


#: A question about a sum of money ("What is the largest fine ...?"), and a number said without its unit.
_MONEY_ASKED = re.compile(r"\b(?:fines?|fined|cost|costs|price|paid|pay|salary|wages?|compensation|ransom|reward|bail|"
                          r"budget|worth|fees?|damages|bonus(?:es)?)\b", re.I)
_BARE_AMOUNT = re.compile(r"\d[\d,.]*(?:\s+(?:thousand|million|billion))?")
#: The features of where a candidate stands among the question's words.
_PLACED = ("proximity", "local", "adjacent", "follows", "clause")


#: A short phrase "and" joins to an answer, where it ends the clause: " and [a dart pistol]." (group 1); not " and we
#: left", " and the company said ...", " and closed".
_PAIRED = re.compile(r"[^\S\n]+and[^\S\n]+((?!(?:the\s+(?:[a-z]+\s+)?(?:said|says|was|were|is|are|has|had|have)\b)|we\b|he\b|she\b|"
                     r"they\b|it\b|i\b|you\b|then\b|now\b|so\b|also\b|not\b|was\b|were\b|is\b|are\b|had\b|has\b|"
                     r"have\b|will\b|would\b|could\b|can\b|should\b|may\b|might\b|did\b|do\b|does\b|that\b|which\b|who\b)"
                     r"(?:[\w’'-]+[^\S\n]+){0,4}?(?![\w’'-]*(?:ed|ing|ly)\b)[\w’'-]+)(?=[^\S\n]*(?:[.;,:!?)]|$))")

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

    def warm_up(self) -> None:
        """Read the index's sentences now (tokens, candidates, ...), so that no question waits for it."""
        self.signals.warm_up()

    def question_words(self, q: Question) -> list[str]:
        """Words of the question whose vectors the reader needs (see ``Signals.question_words``)."""
        return self.signals.question_words(q)

    def spans(self, ctx: QueryContext, scored: ScoredSentence) -> list[ScoredSpan]:
        """Every admissible candidate of one sentence with its probability, best first."""
        out = []
        sentence_sum = self.model.sentence_sum(scored.signals)
        pronoun = ctx.memo.get("speaks of", {}).get(scored.row)
        for cand in self.signals.candidates(scored, ctx):
            feats = self.signals.span_features(ctx, scored, cand)
            if feats is not None and pronoun is not None and cand.kind == ctx.q.answer_type:
                feats = self._as_pronoun(ctx, pronoun, cand, feats)
            if feats is not None:
                out.append(ScoredSpan(scored, cand, feats, self.model.logit(feats, sentence_sum)))
        # Of equal scores the shorter span, but the whole of a quotation rather than its first sentence: both say
        # who spoke and where, and the whole is what was said; and a place with the noun that makes it one ("[Tarn
        # station]" rather than "Tarn"), which says what the place is (as ``eval/train_reader.py`` decides ties).
        out.sort(key=lambda s: (-s.logit, -len(s.candidate.text) if s.candidate.kind in (QUOTE, PLACE)
                                else len(s.candidate.text)))
        return out

    def _as_pronoun(self, ctx: QueryContext, pronoun: ScoredSentence, cand: Candidate, feats: dict[str, float]
                    ) -> dict[str, float]:
        """The features of a name or an age where the sentence that calls its person "he" or "she" has the pronoun:
        how near the question's words it stands there, the better of the two ("He then confessed a desire to remain
        in Ukraine" for the "20-year-old" of "One, a fresh-faced 20-year-old, revealed ...")."""
        doc_text = self.index.documents[pronoun.sentence.doc_id].text
        best = feats
        for m in _SUBJECT_PRONOUN.finditer(doc_text, pronoun.sentence.start, pronoun.sentence.end):
            there = self.signals.span_features(ctx, pronoun, Candidate(m.start(), m.end(), m.group(), cand.kind))
            if there is None:
                continue
            merged = {k: max(v, there[k]) if k in _PLACED else v for k, v in feats.items()}
            if self.model.logit(merged) > self.model.logit(best):
                best = merged
        return best

    def span_sentences(self, ctx: QueryContext, sentences: list[ScoredSentence]) -> list[ScoredSentence]:
        """The scored sentences whose spans are read: the ``span_sentences`` best, and further down, for a "what did X
        say" question the ones reporting speech (even when their words do not match the question), for a
        question asking for a name by a noun the ones calling a name by it (``Signals.called_rows``), for "which news
        agency" the datelines, and for "why" the answers to a "Why?" the text asks after a sentence read."""
        n = self.settings.span_sentences
        called = set(self.signals.called_rows(ctx)) | set(self.signals.byline_rows(ctx))
        speech = ctx.q.answer_type == QUOTE
        agency = _AGENCY_ASKED.search(ctx.q.text) is not None  # "Which news agency filed ...": any dateline's
        filed = ctx.q.answer_type == PLACE and FILED_FROM.search(ctx.q.text) is not None  # "From which town ... filed"
        signed = ctx.q.answer_type == PERSON and SIGNED_ASKED.search(ctx.q.text) is not None  # "Who signed off ...?"
        # For "why", the answer to a "Why?" the text asks ("You decided to evacuate. Why?" / "Because the forecast
        # showed ...") is read as the sentence that asked is, since it says what that sentence asked about; and that
        # sentence, whose "for the last boats" is what was done, not why, is not read for the reason.
        top = {sc.row: sc for sc in sentences[:n]}
        answers = {sc.row for sc in sentences if self.signals.answered_why(sc)} if ctx.q.answer_type == REASON else set()
        if ctx.q.answer_type == REASON and sentences and not any(
                _STRONG_REASON.match(c.text) for sc in sentences[1:3] for c in self.signals.stats.candidates(sc.row)
                if c.kind == REASON):
            # The sentence after the best one, when that one gives no reason and none of the next best gives one
            # plainly ("because ...", "to escape ..."): it may say why (see ``explains``)
            ctx.memo["top row"] = sentences[0].row
            explained = {sc.row for sc in sentences if self.signals.explains(sc, sentences[0].row)}
            answers |= explained
        else:
            explained = set()
        askers = {row - 2 for row in answers
                  if _TURN_LABEL.sub("", self.index.sentences[row - 1].text).strip().lower() in ("why?", "why not?")}
        # For "who" and "how old": the sentence that names the one a top sentence calls "he" or "she" is read as that
        # sentence is ("One, a fresh-faced [20-year-old], revealed ..." for "He then confessed a desire to remain").
        speaks_of: dict[int, ScoredSentence] = {}
        asked_by = ctx.q.answer_type == PERSON and _SPOKEN_BY.search(ctx.q.text) is not None
        for sc in sentences[:n]:
            prev = self.signals.antecedent_rows(ctx, [sc.row]).get(sc.row)
            if prev is not None:
                speaks_of.setdefault(prev, sc)
            # and for "Who asked ...?", the line that opens a transcript's turn with its speaker's label
            if asked_by:
                label = next((r for r in range(sc.row - 1, max(-1, sc.row - 6), -1)
                              if sc.row in self.signals.stats.turn_rows(r)), None)
                if label is not None:
                    speaks_of.setdefault(label, sc)
            # and for "when", the time a live blog's entry stands under is read as the entry's sentences are
            head = self.signals.heading(sc.row) if ctx.q.answer_type == DATE else None
            if head is not None:
                speaks_of.setdefault(head, sc)
        ctx.memo["speaks of"] = speaks_of
        out = []
        for i, sc in enumerate(sentences):
            # (the sentence before a bare "Why?" asks it; a whole "Why ...?" asks for itself)
            asked = self.signals.why_asked_row(sc.row) if sc.row in answers and sc.row not in explained else None
            asker = top.get(ctx.memo["top row"]) if sc.row in explained else top.get(sc.row - 1) if sc.row - 2 not in askers \
                else top.get(sc.row - 2) or top.get(sc.row - 1)
            if asked is not None and asked != sc.row - 1:
                asker = top.get(asked)  # past a short acknowledgement ("It is a fair question. [...]")
            if sc.row in speaks_of and speaks_of[sc.row].score > sc.score:
                pronoun = speaks_of[sc.row]
                out.append(dataclasses.replace(sc, signals={k: max(v, pronoun.signals.get(k, v)) for k, v in sc.signals.items()}))
            elif sc.row in answers and asker:
                out.append(dataclasses.replace(sc, signals={k: max(v, asker.signals.get(k, v)) for k, v in sc.signals.items()}))
            elif sc.row in askers:
                continue
            elif i < n or sc.row in called or (speech and sc.signals.get("speech", 0.0) > 0) or (
                    agency and self.signals.sent_by(sc) is not None) or (filed and self.signals.sent_from(sc) is not None) or (
                    signed and (SIGN_OFF_LINE.match(sc.sentence.text) is not None
                               or signed_off(self.index.documents[sc.sentence.doc_id].text, sc.sentence.start))):
                out.append(sc)
        return out

    def ranked(self, ctx: QueryContext, hits: list[Hit]
               ) -> tuple[list[ScoredSentence], list[ScoredSpan], tuple[ScoredSpan, Violation] | None]:
        """Scored sentences; the best span of each of the top ones that passes the question's checks (see
        ``constraints``), best first; and, when the best span overall fails a check and nothing that passes
        comes within ``constraint_margin`` of it, that span and why it fails (the question is refused)."""
        sentences = self.signals.score_sentences(ctx, hits)
        checks = Constraints(self.signals, ctx)
        checks.find_agents(sentences, self.settings.agent_sentences)
        best: list[ScoredSpan] = []
        failed: list[tuple[ScoredSpan, str]] = []
        for scored in self.span_sentences(ctx, sentences):
            first_failed: Candidate | None = None
            for i, span in enumerate(self.spans(ctx, scored)):
                if ctx.exclude and normalize.key(span.candidate.text, ctx.q.answer_type) in ctx.exclude:
                    continue
                why = checks.violation(scored, span.candidate, span.features)
                if why is None and first_failed and _contains(span.candidate, first_failed):
                    continue  # the failing words with more around them are no better
                if why is None:
                    best.append(span)
                    break
                if i == 0:
                    failed.append((span, why))
                    # (unless they make the unit asked for: "[8:00 a.m.] to 8:00 p.m." for "what hours"; or what they
                    # leave out: "the lost property office [at Haldenfels valley station]")
                    first_failed = None if why.unit or why.wider else span.candidate
        best.sort(key=lambda s: (-s.logit, s.sentence.row))
        blocked = max(failed, key=lambda f: f[0].logit, default=None)
        if blocked and best and best[0].logit >= blocked[0].logit:
            blocked = None  # the best span overall passes
        if blocked and blocked[1].prefer:
            # One the question prefers answers however far below, as sure as the best span overall: the passages
            # answer the question, the preference picks whom they name ("who runs ...": its director).
            # (of the kind of the one it replaces, where one is: a person for a person)
            alike = next((s for s in best if s.candidate.kind == blocked[0].candidate.kind), best[0] if best else None)
            if alike is not None:
                best.remove(alike)
            best.insert(0, dataclasses.replace(alike, logit=blocked[0].logit) if alike else blocked[0])
            blocked = None
        if blocked and best:
            # Another candidate of the same sentence that passes is the slot the question meant ("250
            # passengers and 40 cars" asked about cars), unless the passage itself is at fault (about someone
            # else); one from elsewhere must come close in score.
            failing = blocked[0].candidate
            fit = TYPE_MATCH.get(ctx.q.answer_type, {})
            same = [s for s in best if s.sentence.row == blocked[0].sentence.row and not blocked[1].passage
                    and (s.candidate.end <= failing.start or s.candidate.start >= failing.end)  # not the same words
                    # (and of a kind that answers as well: not "a temporary rescue centre" for "which charity")
                    and fit.get(s.candidate.kind, 0.0) >= round(fit.get(failing.kind, 0.0) - (
                        _KIND_SLACK if s.candidate.kind in NAME_KINDS and s.candidate.text[:1].isupper() else 0.0), 6)
                    # (and not far below a best from elsewhere that comes close to the failing one: "Port Kestrel",
                    # not the dateline's town)
                    and not (best[0].logit >= blocked[0].logit - self.settings.constraint_margin
                             and s.logit < best[0].logit - self.settings.constraint_margin)]
            # The same name where it passes: "the Brightwater Seabird Trust said" is the source of one sentence, but
            # "a trained team from the Brightwater Seabird Trust will collect it" says what it does.
            again = [s for s in best if blocked[1].place and s.candidate.kind in NAME_KINDS and s.candidate.kind == failing.kind
                     and normalize.key(s.candidate.text, ctx.q.answer_type) == normalize.key(failing.text, ctx.q.answer_type)]
            if same:
                best.remove(same[0])
                best.insert(0, same[0])
                blocked = None
            elif again:
                best.remove(again[0])
                best.insert(0, again[0])
                blocked = None
            elif best[0].logit >= blocked[0].logit - self.settings.constraint_margin or checks.reaches_far \
                    or (blocked[1].counts and checks.counts_asked(best[0].sentence, best[0].candidate)
                        and best[0].features["lexical"] >= blocked[0].features["lexical"] - self.settings.count_reach) or (
                    # ("When is Brannock's funeral?": the passage that speaks of a funeral, where one that does not
                    # is barely closer to the question)
                    blocked[1].subject and checks.mentions_subject(best[0].sentence)
                    and best[0].features["lexical"] >= blocked[0].features["lexical"] - self.settings.count_reach) or (
                    blocked[1].unit and any(best[0].features[f] >= blocked[0].features[f] - self.settings.unit_reach
                                            for f in ("lexical", "clause"))):
                # "Where in Norland ...": a place the text puts in Norland ("Norland's Alder district") is what
                # was asked, however far below; so is a name the text calls what "the name of the ferry" asks for,
                # and a time of day for "at what time", in a passage as like the question (``unit_reach``).
                blocked = None
        if blocked and blocked[1].soft:
            best.insert(0, blocked[0])  # nothing that passes comes near: the failing one answers after all
            blocked = None
        return sentences, best, blocked

    def confidence(self, ctx: QueryContext, spans: list[ScoredSpan]) -> float:
        """P(the best span answers the question), from the abstention model."""
        if not spans:
            return 0.0
        feats = abstain_features(spans[0].logit, spans[0].features)
        return self.model.abstain.probability(feats)

    def _citation(self, sentence: Sentence, cand: Candidate | None = None) -> Citation:
        doc = self.index.documents[sentence.doc_id]
        return Citation(doc.id, doc.title, doc.source, sentence.start, sentence.end, sentence.text,
                        cand.start if cand else None, cand.end if cand else None)

    def read(self, question: str, q_vec: np.ndarray, hits: list[Hit], analysed: Question | None = None,
             word_vectors: dict[str, np.ndarray] | None = None, doc_ids: frozenset[str] | None = None,
             exclude: frozenset[str] = frozenset()) -> Answer:
        """Answer a (standalone) question from retrieved hits.

        Args:
            question: the standalone question.
            q_vec: its unit vector.
            hits: retrieved chunks.
            analysed: the question's analysis (made here when omitted).
            word_vectors: vectors of the question's words (see :meth:`question_words`) for soft matching.
            doc_ids: read only these articles (None: all).
            exclude: values (``normalize.key`` of the question's type) that are no answer: what a follow-up's
                question before was answered with ("And when was it brought under control?" after "What time did
                the leak start?").
        """
        q = analysed or analyse(question)
        ctx = self.signals.context(q, q_vec, word_vectors)
        ctx.doc_ids = doc_ids
        ctx.exclude = exclude
        sentences, spans, blocked = self.ranked(ctx, hits)
        passages = tuple(self._citation(s.sentence) for s in sentences[:3])
        unknown = self.signals.unknown_names(q)
        if unknown:
            message = f"The articles never mention {', '.join(dict.fromkeys(unknown))}, so they cannot answer this."
            return Answer(question, "", True, 0.0, passages=passages, message=message, answer_type=q.answer_type)
        if self.signals.known_share(ctx) < self.settings.min_known_share:
            return Answer(question, "", True, 0.0, passages=passages, message=UNKNOWN_WORDS, answer_type=q.answer_type)
        unknown_said = stated_unknown(self.signals, ctx, sentences, self.settings.unknown_share)
        if unknown_said is not None:
            said = self._citation(unknown_said.sentence)
            message = f"The articles say this is not known: “{unknown_said.sentence.text}”"
            return Answer(question, "", True, 0.0, passages=(said,) + tuple(p for p in passages if p != said),
                          message=message, answer_type=q.answer_type)
        if blocked:
            span, why = blocked
            message = f"{NOT_FOUND} The closest candidate, “{span.candidate.text}”, does not fit: {why}."
            return Answer(question, "", True, 0.0, passages=passages, message=message, answer_type=q.answer_type)
        confidence = round(self.confidence(ctx, spans), 4)
        if not spans or confidence < self.settings.abstain_threshold:
            return Answer(question, "", True, confidence, passages=passages, message=NOT_FOUND, answer_type=q.answer_type)
        best = spans[0] = self._with_its_pair(self._with_its_currency(ctx, self._with_its_negation(self._with_its_day(ctx, spans[0]))))
        citations, agreement, best = self._agreement(ctx, best, spans, sentences)
        return Answer(
            question=question, answer=best.candidate.text, abstained=False, score=confidence,
            citations=citations, sentence=best.sentence.sentence.text, agreement=agreement, passages=passages,
            answer_type=q.answer_type,
        )

    def _with_its_day(self, ctx: QueryContext, best: ScoredSpan) -> ScoredSpan:
        """For "when", a clock time with the day the sentence gives it ("[10 a.m.] on Saturday, 22 March"), where the
        question asks only "when" (not "at what time")."""
        if ctx.q.answer_type != DATE or best.candidate.kind != DATE or CLOCK_ASKED.search(ctx.q.text) \
                or not CLOCK_TIME.search(best.candidate.text) or DAY_NAMED.search(best.candidate.text):
            return best
        cand = best.candidate
        longer = [s.candidate for s in self.spans(ctx, best.sentence) if s.candidate.kind == DATE
                  and s.candidate.start <= cand.start and s.candidate.end >= cand.end and DAY_NAMED.search(s.candidate.text)]
        if not longer:
            return best
        return dataclasses.replace(best, candidate=min(longer, key=lambda c: c.end - c.start))

    def _with_its_currency(self, ctx: QueryContext, best: ScoredSpan) -> ScoredSpan:
        """For a question about money, a bare number with the plural word right after it that names no unit the
        reader knows and nothing the question names: a currency ("The highest fine is [40,000 kessars]")."""
        cand = best.candidate
        if ctx.q.answer_type != NUMBER or cand.kind != NUMBER or not _MONEY_ASKED.search(ctx.q.text) \
                or not _BARE_AMOUNT.fullmatch(cand.text):
            return best
        doc_text = self.index.documents[best.sentence.sentence.doc_id].text
        m = re.match(r"[^\S\n]+([a-z]{3,}s)\b", doc_text[cand.end:best.sentence.sentence.end])
        if not m or m.group(1) in STOPWORDS or stem(m.group(1)) in ctx.q.term_set:
            return best
        end = cand.end + m.end()
        return dataclasses.replace(best, candidate=Candidate(cand.start, end, doc_text[cand.start:end], cand.kind))

    def _with_its_pair(self, best: ScoredSpan) -> ScoredSpan:
        """A phrase with the short one "and" joins to it where both end the clause ("checked every [bridge] and
        tunnel", "with [a torch] and a dart pistol", "[two-way radios] and runners"): without it, the answer would
        leave out half of what the text says."""
        cand = best.candidate
        if cand.kind in (NUMBER, DATE, AGE, DURATION, QUOTE) or cand.kind in NAME_KINDS:
            return best
        doc_text = self.index.documents[best.sentence.sentence.doc_id].text
        pair = _PAIRED.match(doc_text, cand.end, best.sentence.sentence.end)
        if pair is None:
            return best
        end = pair.end(1)
        return dataclasses.replace(best, candidate=dataclasses.replace(cand, end=end, text=doc_text[cand.start:end]))

    def _with_its_negation(self, best: ScoredSpan) -> ScoredSpan:
        """A phrase with the "no" right before it ("a rule that [no tanker drops below 150 feet]"): without it, the
        answer would say the opposite of the text."""
        cand = best.candidate
        doc_text = self.index.documents[best.sentence.sentence.doc_id].text
        before = re.search(r"\b(?:[Nn]o|[Nn]ever|[Nn]ot)[^\S\n]+$", doc_text[max(best.sentence.sentence.start, cand.start - 6):cand.start])
        if before is None or cand.kind in (NUMBER, DATE, AGE, DURATION, PERSON, ORG, PLACE):
            return best
        start = cand.start - len(before.group())
        return dataclasses.replace(best, candidate=dataclasses.replace(cand, start=start, text=doc_text[start:cand.end]))

    def _more_support(self, ctx: QueryContext, groups, cited_docs: set[str], sentences: list[ScoredSentence]) -> None:
        """Add articles that state a found answer in a sentence saying much the same as its source sentence.

        The same value or name ("At least 300" / "about 300") in a sentence similar to the answer's own
        sentence supports it; for longer answers (quotes, descriptions), a closely similar sentence holding
        most of the answer's words does.
        """
        s, q = self.settings, ctx.q
        scored_rows = {sc.row: sc for sc in sentences}
        for group_key, members in groups:
            head = members[0]
            # A full name is evidence enough in a sentence less like the answer's ("lawmaker Lee Seong-kweun said ...").
            floor = s.name_support_similarity if q.answer_type in (PERSON, ORG) and len(head.candidate.text.split()) > 1 \
                else s.support_similarity
            head_vec = self.index.sentence_vectors[head.sentence.row]
            words = set(normalize.key(head.candidate.text, "description").split())
            common_words = words - set(normalize.key(" ".join(re.findall(r"\b[A-Z][\w’'-]*", head.candidate.text)),
                                                     "description").split())
            # The sentences read for the question, then any other sentence much like the answer's own (another
            # article may state the fact in a sentence that retrieval did not bring up).
            sims = self.index.sentence_vectors @ head_vec
            top = np.argpartition(-sims, s.support_scan)[: s.support_scan] if len(sims) > s.support_scan else np.arange(len(sims))
            top = top[np.argsort(-sims[top], kind="stable")]
            near = top[sims[top] >= floor].tolist()
            rows = list(scored_rows) + [r for r in near if r not in scored_rows]
            for row in rows:
                sentence = self.index.sentences[row]
                doc_id = sentence.doc_id
                if doc_id in cited_docs or (ctx.doc_ids and doc_id not in ctx.doc_ids):
                    continue
                similarity = float(sims[row])
                if similarity < floor:
                    continue
                scored = scored_rows.get(row) or ScoredSentence(row, sentence, 0.0, {}, [])
                found, other_count = None, False
                for cand in self.signals.stats.candidates(scored.row):
                    if cand.kind != "description" and _same_answer(group_key, head.candidate.text, cand.text, q.answer_type):
                        if self._counts_alike(head, cand, sentence):
                            found = cand
                            break
                        other_count = True  # the same small number of something else states nothing of the answer
                if found is None and not other_count and words and similarity >= s.paraphrase_similarity:
                    sentence_words = set(normalize.key(scored.sentence.text, "description").split())
                    # (and one of its own words, where it has any besides a name: "North Korea" in a sentence does
                    # not state "information about North Korea")
                    if len(words & sentence_words) >= s.paraphrase_overlap * len(words) and (
                            not common_words or common_words & sentence_words):
                        found = Candidate(scored.sentence.start, scored.sentence.end, scored.sentence.text, "description")
                if found is not None:
                    feats = (self.signals.span_features(ctx, scored, found) if row in scored_rows else None) or head.features
                    members.append(ScoredSpan(scored, found, feats, self.model.logit(feats)))
                    cited_docs.add(doc_id)

    def _counts_alike(self, head: ScoredSpan, cand: Candidate, sentence: Sentence) -> bool:
        """Whether a small count counts what the answer's does: "two legislators" is no support for "two soldiers"
        (below ``small_count`` a number alone is a coincidence; "11,000" in both is not). Other answers: True."""
        value = normalize.number_value(head.candidate.text) if head.candidate.kind in (NUMBER, DURATION, AGE) else None
        if value is None or value >= self.settings.small_count:
            return True
        ours = self._counted_words(head.candidate, head.sentence.sentence)
        theirs = self._counted_words(cand, sentence)
        return not ours or not theirs or bool(ours & theirs)

    def _counted_words(self, cand: Candidate, sentence: Sentence) -> set[str]:
        """The stems of the words a number counts: its own words after the number, and the run of words right after
        it up to a function word or a mark ("two [wounded North Korean soldiers], who ...", "two [legislators] who
        ..."; none in "one of two who ...": the count is of something said before)."""
        text = self.index.documents[sentence.doc_id].text
        own = re.sub(r"^.*?\d[\d,.]*|^\S+", "", cand.text, count=1)
        run = []
        for word in re.split(r"\s+", re.split(r"[,;:.()“”\"—–]", text[cand.end:sentence.end], maxsplit=1)[0].strip())[:4]:
            if not word or word.lower() in STOPWORDS:
                break
            run.append(word)
        return set(terms(own)) | set(terms(" ".join(run)))

    def _agreement(self, ctx: QueryContext, best: ScoredSpan, spans: list[ScoredSpan], sentences: list[ScoredSentence]):
        """Cite every article that states the answer; group differing answers when articles disagree."""
        s, q = self.settings, ctx.q
        best_vec = self.index.sentence_vectors[best.sentence.row]
        groups: list[tuple[str, list[ScoredSpan]]] = [(normalize.key(best.candidate.text, q.answer_type), [best])]
        cited_docs = {best.sentence.sentence.doc_id}
        for span in spans[1:]:
            doc_id = span.sentence.sentence.doc_id
            if doc_id in cited_docs or span.logit < best.logit - s.support_margin:
                continue
            key = normalize.key(span.candidate.text, q.answer_type)
            for group_key, members in groups:
                if _same_answer(group_key, members[0].candidate.text, span.candidate.text, q.answer_type, key):
                    members.append(span)
                    cited_docs.add(doc_id)
                    break
            else:
                # A different answer is a disagreement only for facts with a value, from a similar sentence.
                similar = float(self.index.sentence_vectors[span.sentence.row] @ best_vec) >= s.dispute_similarity
                close = span.logit >= best.logit - s.dispute_margin
                local = (span.features["clause"] >= best.features["clause"] - s.dispute_clause_gap
                         and span.features["local"] >= best.features["local"] - s.dispute_clause_gap)
                # (two ages of one named subject, within ``support_margin``: "the seven-year-old male, named Ossian"
                # and, under "About Ossian", "Age: 8 years")
                if (q.answer_type in (NUMBER, AGE, DURATION, DATE) and close and (
                        (similar and local) or (self._counts_focus(ctx, best) and self._counts_focus(ctx, span)))) or (
                        best.candidate.kind == AGE == span.candidate.kind == q.answer_type
                        and self._named_in(best.sentence.row) & self._named_in(span.sentence.row)):
                    # ("carrying [86] passengers" and "There were [84] passengers on board": both count what was
                    # asked, however the sentences differ)
                    groups.append((key, [span]))
                    cited_docs.add(doc_id)
        self._more_support(ctx, groups, cited_docs, sentences)
        # Where the articles disagree, the answer more of them give leads ("84" in one, "86" in three: 86, with 84
        # after it); of as many, the best-scored.
        width = [len({m.sentence.sentence.doc_id for m in members}) for _, members in groups]
        if len(groups) > 1 and max(width) > width[0]:
            groups.insert(0, groups.pop(width.index(max(width))))
        citations: list[Citation] = []
        agreement: list[Agreement] = []
        read_as = ctx.memo.get("speaks of", {})
        for _, members in groups:
            idx = []
            for span in members:
                idx.append(len(citations))
                citations.append(self._citation(span.sentence.sentence, span.candidate))
                if span.sentence.row in read_as and read_as[span.sentence.row].score > span.sentence.score:
                    # the sentence that says it of them ("He then confessed a desire to remain in Ukraine" for the
                    # "20-year-old" named before; the entry a live blog's time stands over) is cited after it
                    idx.append(len(citations))
                    citations.append(self._citation(read_as[span.sentence.row].sentence))
            doc_ids = tuple(dict.fromkeys(m.sentence.sentence.doc_id for m in members))
            agreement.append(Agreement(members[0].candidate.text, doc_ids, tuple(idx)))
        return tuple(citations), tuple(agreement), groups[0][1][0]

    def _named_in(self, row: int) -> frozenset[str]:
        """The names a sentence speaks of, with those of the heading its list stands under: for two ages of one
        animal or person ("The seven-year-old male, named Ossian, ..." and, under "About Ossian", "- Age: 8
        years"), which disagree; two ages of people named in neither sentence ("One, a 20-year-old", "A second
        soldier, aged 26") are no disagreement."""
        stats = self.signals.stats
        rows = [row] + [h for h in [self.signals.list_heading(row)] if h is not None]
        return frozenset(t for r in rows for c in stats.candidates(r) if c.kind in (PERSON, NAME) for t in terms(c.text))

    def _counts_focus(self, ctx: QueryContext, span: ScoredSpan) -> bool:
        """Whether the number is followed by the noun the question counts ("[86] passengers" for "how many
        passengers")."""
        if not ctx.q.focus or span.candidate.kind != NUMBER:
            return False
        doc_text = self.index.documents[span.sentence.sentence.doc_id].text
        m = re.match(r"[^\S\n]+([a-z][\w-]*)(?:[^\S\n]+([a-z][\w-]*))?", doc_text[span.candidate.end:span.sentence.sentence.end])
        return m is not None and any(w and stem(w) in ctx.q.focus for w in m.groups())  # "[86] (injured) passengers"


@functools.lru_cache(maxsize=65536)
def _same_answer(group_key: str, group_text: str, text: str, answer_type: str, key: str | None = None) -> bool:
    """Whether a candidate states the answer of a group: the same value or name, or a name and its acronym."""
    if normalize.same(group_key, key or normalize.key(text, answer_type), answer_type):
        return True
    return answer_type in (PERSON, ORG, PLACE) and (normalize.abbreviates(group_text, text) or normalize.abbreviates(text, group_text))


class BaselineReader:
    """The reference point: the sentence most similar to the question (dense only), returned whole."""

    def __init__(self, index: Index):
        self.index = index

    def warm_up(self) -> None:
        """Nothing to prepare."""

    def question_words(self, q: Question) -> list[str]:
        return []

    def read(self, question: str, q_vec: np.ndarray, hits: list[Hit], analysed: Question | None = None,
             word_vectors: dict[str, np.ndarray] | None = None, doc_ids: frozenset[str] | None = None,
             exclude: frozenset[str] = frozenset()) -> Answer:
        rows = sorted({row for hit in hits for row in hit.chunk.sentences})
        if not rows:
            return Answer(question, "", True, 0.0, message=NOT_FOUND)
        sims = self.index.sentence_vectors[rows] @ q_vec
        row = rows[int(np.argmax(sims))]
        sent = self.index.sentences[row]
        doc = self.index.documents[sent.doc_id]
        citation = Citation(doc.id, doc.title, doc.source, sent.start, sent.end, sent.text, sent.start, sent.end)
        return Answer(question, sent.text, False, float(np.max(sims)), (citation,), sent.text)
