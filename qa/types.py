"""Plain data records passed between pipeline stages: Document, Sentence, Chunk, Hit, Citation, Answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _from_dict(cls, data: dict[str, Any]):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Document:
    """One article: ``text`` is exactly the file's content; ``source`` is its path for citations."""

    id: str
    title: str
    text: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: ``doc.text[start:end] == text``."""

    doc_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Sentence":
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Chunk:
    """A retrieval unit of whole sentences: ``doc.text[start:end] == text``.

    ``sentences`` holds the row numbers (into the index's sentence table) of the sentences it covers.
    """

    id: int
    doc_id: str
    start: int
    end: int
    text: str
    n_tokens: int
    sentences: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sentences"] = list(self.sentences)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Chunk":
        data = dict(data)
        data["sentences"] = tuple(data.get("sentences", ()))
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its score (higher is better) and rank (0 = best)."""

    chunk: Chunk
    score: float
    rank: int

    def to_dict(self) -> dict[str, Any]:
        return {"chunk": self.chunk.to_dict(), "score": self.score, "rank": self.rank}


@dataclass(frozen=True)
class Citation:
    """Evidence for an answer: ``quote == text_of(source)[start:end]``."""

    doc_id: str
    title: str
    source: str
    start: int
    end: int
    quote: str
    answer_start: int | None = None
    answer_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Citation":
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Agreement:
    """One distinct answer and the articles that state it."""

    answer: str
    doc_ids: tuple[str, ...]
    citations: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"answer": self.answer, "doc_ids": list(self.doc_ids), "citations": list(self.citations)}


@dataclass(frozen=True)
class Answer:
    """What ``Assistant.ask`` returns.

    ``answer`` is a substring of ``citations[0].quote`` (empty when ``abstained``); ``sentence`` is that quote.
    ``agreement`` lists the distinct answers found across articles (more than one when sources disagree).
    ``passages`` are the closest passages, offered when the assistant abstains.
    """

    question: str
    answer: str
    abstained: bool
    score: float
    citations: tuple[Citation, ...] = ()
    sentence: str = ""
    rewritten_question: str = ""
    agreement: tuple[Agreement, ...] = ()
    passages: tuple[Citation, ...] = ()
    message: str = ""
    answer_type: str = ""
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def disagreement(self) -> bool:
        return len(self.agreement) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "rewritten_question": self.rewritten_question,
            "answer": self.answer,
            "abstained": self.abstained,
            "score": self.score,
            "answer_type": self.answer_type,
            "sentence": self.sentence,
            "message": self.message,
            "citations": [c.to_dict() for c in self.citations],
            "agreement": [a.to_dict() for a in self.agreement],
            "passages": [p.to_dict() for p in self.passages],
        }
