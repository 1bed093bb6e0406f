"""The Assistant: load the index and model once, then ``ask(question, history) -> Answer``."""

from __future__ import annotations

import html
import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from . import chat, normalize
from .answer import NOT_FOUND, BaselineReader, Reader
from .embedding import ONNX_BACKENDS, Embedder, backend_for_index
from .features import WARM_UP_SENTENCES
from .index import Index, load_index
from .question import DATE, DURATION, NUMBER, PERSON, QUOTE, Question, analyse, expand_contractions
from .retrieve import BM25Retriever, DenseRetriever, HybridRetriever
from .settings import ReaderSettings
from .spans import ORG, PLACE, body_named, candidates, name_kind_at, person_named
from .types import Answer

logger = logging.getLogger(__name__)

#: Longest question accepted, in characters; longer ones are cut to this.
MAX_QUESTION_CHARS = 1000
EMPTY_QUESTION = "Please type a question."
NO_WORDS = "The question has no words to search for; please rephrase it."
CUT_NOTE = f"Your question was cut to its first {MAX_QUESTION_CHARS:,} characters."
#: A question asked for yes or no ("Are they still there?", "Did he know?").
_YES_NO = re.compile(r"^\W*(?:and\s+)?(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\s", re.I)
#: Answers kept for repeated questions (key: question, history, top_k, articles); 0 turns the cache off.
CACHE_SIZE = 256
#: New question words (not in the index's vocabulary) from which the ONNX backends embed them in a call of
#: their own: in the question's batch each is padded to the question's length (+3.9 ms a word on the gold
#: questions), alone they cost one short run (~2.6 ms + 0.2 ms a word piece); p95 of the embedding 17.0 -> 14.4 ms.
#: That call runs on a second core while the question is embedded (``Embedder.encode_apart``), and then even one
#: new word goes apart (``SEPARATE_WORDS_CONCURRENT``): it costs about nothing there instead of ~3 ms in the
#: question's batch (warm ask / query embedding 2.1-2.8 -> 1.6-1.9 at the median; the question's vector moves by
#: at most 4.5e-8, and no answer or score of the gold sets changes).
#: The same with onnx-int8, whose activations are quantised per batch: the question alone in its batch is
#: embedded as the query-embedding figure of ``qa bench`` embeds it, and the 133 + 83 gold answers stay the same
#: (scores move by at most 0.004). Not torch: a call costs ~12 ms there.
SEPARATE_WORDS = 2
SEPARATE_WORDS_CONCURRENT = 1


#: HTML tags (by name, so "<Best Picture>" stays) and comments.
_MARKUP = re.compile(r"</?(?:a|abbr|b|big|blockquote|body|br|button|caption|center|cite|code|dd|del|div|dl|dt|em|"
                     r"font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|li|link|main|mark|"
                     r"meta|nav|ol|p|pre|q|s|script|section|small|span|strike|strong|style|sub|sup|svg|table|tbody|td|"
                     r"textarea|tfoot|th|thead|title|tr|tt|u|ul|var|wbr)\b[^<>]{0,500}>|<!--[^<>]{0,500}?-->", re.I)
#: Character entities with their semicolon ("&amp;", "&#39;"), not "Energy&sector".
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _one_line(text: str) -> str:
    """The text on one line, without HTML tags (a question pasted from a web page: "Who is <b>Dana Holt</b>?"),
    character entities written out ("&amp;" -> "&"), control characters or lone surrogates (not yet cut; a
    text far over the limit is cut first, so no work grows with what will be dropped)."""
    text = text[: 4 * MAX_QUESTION_CHARS]
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _clean(text: str) -> str:
    """One line of at most ``MAX_QUESTION_CHARS`` characters, without control characters or lone surrogates."""
    return _one_line(text)[:MAX_QUESTION_CHARS]


class Assistant:
    """Question answering over an index folder.

    Use :meth:`load` to open an index; :meth:`ask` answers one question (thread-safe).
    """

    def __init__(self, index: Index, embedder: Embedder | None = None, settings: ReaderSettings | None = None,
                 reader: str = "full", cache_size: int = CACHE_SIZE):
        self.index = index
        self.embedder = embedder or Embedder(backend=backend_for_index(index.manifest.get("backend")))
        self.settings = settings or ReaderSettings()
        self.retriever = HybridRetriever(
            DenseRetriever(index, self.embedder),
            BM25Retriever(index),
            top_k=self.settings.top_k,
            fusion=self.settings.fusion,
            candidates=self.settings.candidates,
        )
        if reader not in ("full", "baseline"):
            raise ValueError(f"reader must be 'full' or 'baseline', got {reader!r}")
        self.reader = Reader(index, self.settings) if reader == "full" else BaselineReader(index)
        self._word_rows = {w: i for i, w in enumerate(index.words)}
        if cache_size < 0:
            raise ValueError(f"cache_size must be >= 0, got {cache_size}")
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple, Answer] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._as_asked = threading.local()  # set while a question is read as asked, without its two steps

    @classmethod
    def load(cls, index_dir: str | Path = "index", settings: ReaderSettings | None = None, check_corpus: bool = True,
             reader: str = "full", embedder: Embedder | None = None) -> "Assistant":
        """Open an index folder built by ``qa build``.

        Raises:
            IndexProblem: the index is missing, broken or stale (the message says how to rebuild).
        """
        index = load_index(Path(index_dir), check_corpus=check_corpus, embedder=embedder)
        return cls(index, embedder, settings, reader=reader)  # no embedder: the backend the index was built with

    def warm_up(self) -> None:
        """Load the embedding model and prepare the reader's per-sentence data now."""
        self.embedder.warm_up()
        self.reader.warm_up()

    @staticmethod
    def analyse(standalone: str, history: list[str]):
        """Analyse a standalone question; an elliptical follow-up keeps the earlier question's answer type."""
        analysed = analyse(standalone)
        if history and analysed.answer_type == "description" and chat.is_follow_up(standalone.split(" (")[0]) \
                and not _YES_NO.match(standalone):  # (not "Are they still there?": what the text says of them)
            # "What about the other one?" asks for the same kind of answer as the question before.
            analysed = replace(analysed, answer_type=analyse(history[-1]).answer_type)
        return analysed

    def _apart(self, new: list[str]) -> bool:
        """Whether :meth:`_embed` embeds these new words in a call of their own (see ``SEPARATE_WORDS``)."""
        apart_from = SEPARATE_WORDS_CONCURRENT if getattr(self.embedder, "concurrent", False) else SEPARATE_WORDS
        return len(new) >= apart_from and getattr(self.embedder, "backend", None) in ONNX_BACKENDS

    def _embed(self, text: str, words: list[str]):
        """The question's vector and its words' vectors, in one model call (with ONNX and ``SEPARATE_WORDS``
        new words or more, two: at the same time where the embedder is ``concurrent``, from one new word on); known
        words come from the index."""
        known = {w: self._word_rows[w] for w in words if w in self._word_rows}
        new = [w for w in words if w not in known]
        if self._apart(new):
            apart = getattr(self.embedder, "encode_apart", None)
            if apart is None:
                vectors, new_vectors = self.embedder.encode([text]), self.embedder.encode(new)
            else:
                vectors, new_vectors = apart([text], new)
            vector = vectors[0]
        else:
            vectors = self.embedder.encode([text] + new)
            vector, new_vectors = vectors[0], vectors[1:]
        word_vectors = {w: self.index.word_vectors[row] for w, row in known.items()}
        word_vectors.update(zip(new, new_vectors))
        return vector, word_vectors

    def ask(self, question: str, history: list[str] | None = None, top_k: int | None = None,
            doc_ids: list[str] | None = None) -> Answer:
        """Answer a question, using earlier questions to understand follow-ups.

        Args:
            question: the user's question (cut to ``MAX_QUESTION_CHARS``).
            history: earlier questions in this conversation, oldest first.
            top_k: chunks retrieved (default: ``settings.top_k``).
            doc_ids: answer only from these articles (None or empty: all).

        Returns:
            An Answer; ``abstained`` with a ``message`` when the articles do not answer.
        """
        started = time.perf_counter()
        if not isinstance(question, str) or not question.strip():
            return Answer(str(question or ""), "", True, 0.0, message=EMPTY_QUESTION)
        question = _one_line(question)
        cut = len(question) > MAX_QUESTION_CHARS
        question = question[:MAX_QUESTION_CHARS]
        history = [_clean(str(h)) for h in (history or []) if str(h).strip()]
        if not question:
            return Answer("", "", True, 0.0, message=EMPTY_QUESTION)
        answer = self._cached_answer(question, history, top_k, doc_ids, started)
        return replace(answer, message=f"{CUT_NOTE} {answer.message}".strip()) if cut else answer

    def clear_cache(self) -> None:
        """Forget every cached answer."""
        with self._cache_lock:
            self._cache.clear()

    def _cached_answer(self, question: str, history: list[str], top_k: int | None, doc_ids, started: float) -> Answer:
        """Answer a cleaned question from the cache, or answer it and keep the answer."""
        key = (question, tuple(history), top_k or self.settings.top_k, tuple(sorted(doc_ids or ())))
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
        if cached is not None:
            return replace(cached, timings={"total_ms": (time.perf_counter() - started) * 1000, "cached": 1.0})
        answer = replace(self._answer(question, history, top_k, doc_ids),
                         timings={"total_ms": (time.perf_counter() - started) * 1000})
        if self.cache_size:
            with self._cache_lock:
                self._cache[key] = answer
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return answer

    def standalone(self, question: str, history: list[str], top_k: int | None = None, doc_ids=None) -> str:
        """The question rewritten to stand alone (see ``chat.rewrite``). After a "who" question, "he" or "she" is
        the name that question was answered with, after a "which" organisation or place question "its" is, and after
        "what is the name of ..." "it" is (asked again here; the answer cache makes that free in a chat)."""
        if len(history) >= 2 and chat.is_follow_up(history[-1]):
            # A chain of follow-ups ("What is the name of the ferry?", "When was it built?", "How many can it
            # hold?"): the question before is read as it was meant.
            history = history[:-1] + [self.standalone(history[-1], history[:-1], top_k, doc_ids)]
        previous = ""
        if chat.asks_who_then_he(question, history) or chat.asks_name_then_it(question, history) or (
                chat.asks_which_then_its(question, history)
                and self.analyse(history[-1], history[:-1]).answer_type not in (PERSON, QUOTE)) or (
                chat.asks_which_one_then_he(question, history)):
            # (a name given for a "which" question is what "it" stands for: ``chat.rewrite`` takes only names)
            earlier = self.ask(history[-1], history[:-1], top_k=top_k, doc_ids=doc_ids)
            previous = "" if earlier.abstained or self._a_body_for_he(question, earlier) else earlier.answer
        return self._named_described(chat.rewrite(question, history, previous), top_k, doc_ids)

    def _answered_before(self, question: str, history: list[str], analysed: Question, top_k, doc_ids) -> frozenset[str]:
        """For a follow-up asking for a value of the same kind as the question before ("And how many were hurt?",
        "And when was it brought under control?"), that question's answer: a new question wants a new value."""
        if not history or not chat.is_follow_up(question):
            return frozenset()
        # ("And the other one?" after "What did the captured soldier say ...?": not what the first one said, whatever
        # kind of answer it is)
        other = chat.asks_the_other(question)
        if not other and (analysed.answer_type not in (NUMBER, DATE, DURATION)
                          or self.analyse(history[-1], history[:-1]).answer_type != analysed.answer_type):
            return frozenset()
        earlier = self.ask(history[-1], history[:-1], top_k=top_k, doc_ids=doc_ids)
        return frozenset() if earlier.abstained else frozenset({normalize.key(earlier.answer, analysed.answer_type)})

    def _named_described(self, question: str, top_k: int | None, doc_ids) -> str:
        """The question with someone or some body it describes by a clause at its end named, where the articles
        name them: "Who heads the agency that maintains the levee?" is "Who heads the Tessel Valley Water
        Authority?" when "Which agency maintains the levee?" is answered with that name (see
        ``chat.described_one``); else the question as it is."""
        hop = chat.described_one(question)
        if hop is None or getattr(self._as_asked, "on", False):
            return question
        sub, phrase = hop
        found = self.ask(sub, top_k=top_k, doc_ids=doc_ids)
        name = found.answer.strip()
        cite = found.citations[0] if found.citations else None
        if found.abstained or cite is None or cite.answer_start is None or cite.doc_id not in self.index.documents:
            return question
        kind = name_kind_at(self.index.documents[cite.doc_id].text, cite.answer_start, cite.answer_end)
        if kind != (PERSON if analyse(sub).answer_type == PERSON else ORG):
            return question  # a name of the kind asked for ("which firm": a body), not a description or a place
        if kind == ORG and phrase.lower().startswith("the ") and not name.lower().startswith("the "):
            name = "the " + name  # "Who heads the Harwick Dam Trust?"
        named = question.replace(phrase, name, 1)
        through = self.ask(named, top_k=top_k, doc_ids=doc_ids)
        if through.abstained:
            return question  # the articles say nothing of the one named: the question is read as it was asked
        # ... and so it is where that reading is surer ("Which newspaper employs the columnist who ...?" where a
        # sentence names both, and the first step found someone else)
        self._as_asked.on = True
        try:
            direct = self._answer(question, [], top_k, doc_ids)
        finally:
            self._as_asked.on = False
        return question if not direct.abstained and direct.score > through.score else named

    def _a_body_for_he(self, question: str, earlier: Answer) -> bool:
        """Whether ``earlier`` answered with the name of a body or a place, which "he" or "she" cannot stand for
        ("How old is he?" after "Who was hurt?" answered "Greyhaven": the earlier question's own words are read)."""
        cite = earlier.citations[0] if earlier.citations else None
        if cite is None or cite.answer_start is None or not re.search(r"\b(?:he|she|him|his|her)\b", question, re.I):
            return False
        docs = [self.index.documents[c.doc_id] for c in earlier.citations if c.doc_id in self.index.documents]
        if not docs:
            return False
        # Its kind where it was found, or a body's by a longer name in another article ("Greyhaven Terminals Ltd"):
        # every article of an index small enough to be read whole at start, else the cited ones.
        if len(self.index.sentences) <= WARM_UP_SENTENCES:
            docs = list(self.index.documents.values())
        text = self.index.documents[cite.doc_id].text
        if any(c.kind == PERSON and (c.start, c.end) == (cite.answer_start, cite.answer_end)
               for c in candidates(text, cite.start, cite.end)):
            return False  # read as a person where it was found ("[Benedikt Rauss] of the Orvane Vintners' Cooperative")
        if name_kind_at(text, cite.answer_start, cite.answer_end) in (ORG, PLACE):
            return True
        return any(body_named(doc.text, earlier.answer) for doc in docs) and not any(
            person_named(doc.text, earlier.answer) for doc in docs)  # "Pruitt" of "Gordon Pruitt" and "Pruitt Hardware"

    def understand(self, question: str, history: list[str], top_k: int | None = None, doc_ids=None) -> tuple[str, Question]:
        """The question as the reader reads it: contractions expanded ("What's" is "What is"), rewritten to stand
        alone (``standalone``), and analysed."""
        history = [expand_contractions(h) for h in history]
        standalone = self.standalone(expand_contractions(question), history, top_k, doc_ids)
        return standalone, self.analyse(standalone, history)

    def _answer(self, question: str, history: list[str], top_k: int | None, doc_ids) -> Answer:
        """Answer a cleaned question (no cache)."""
        standalone, analysed = self.understand(question, history, top_k, doc_ids)
        shown = question if standalone == expand_contractions(question) else standalone  # "What's" is no rewriting
        if not analysed.terms:
            return Answer(question, "", True, 0.0, rewritten_question=shown, message=NO_WORDS)
        vector, word_vectors = self._embed(standalone, self.reader.question_words(analysed))
        only = frozenset(doc_ids) if doc_ids else None
        hits = self.retriever.search(standalone, top_k or self.settings.top_k, vector=vector, doc_ids=only)
        answer = self.reader.read(standalone, vector, hits, analysed, word_vectors, doc_ids=only,
                                  exclude=self._answered_before(question, history, analysed, top_k, doc_ids))
        if answer.abstained and not answer.message:
            answer = replace(answer, message=NOT_FOUND)
        return replace(answer, question=question, rewritten_question=shown)
