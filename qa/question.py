"""Question analysis: the expected answer type, the content terms, and the words that name the subject."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import STOPWORDS, stem, terms, tokens

# Expected answer types.
NUMBER, AGE, DURATION, DATE, PERSON, ORG, PLACE, QUOTE, REASON, DESCRIPTION = (
    "number", "age", "duration", "date", "person", "organisation", "place", "quote", "reason", "description",
)
ANSWER_TYPES = (NUMBER, AGE, DURATION, DATE, PERSON, ORG, PLACE, QUOTE, REASON, DESCRIPTION)

_ORG_NOUNS = (
    r"agenc(?:y|ies)|organi[sz]ations?|units?|bureaus?|part(?:y|ies)|ministr(?:y|ies)|services?|institutes?|"
    r"universit(?:y|ies)|groups?|committees?|compan(?:y|ies)|corps|think tanks?|outlets?|newspapers?|"
    r"government(?:s)?|departments?|offices?|forces?|military|alliance|body|intelligence service|"
    r"council|court|commission|union|firm|charity|network|team|club|broadcaster|station"
)
_PLACE_NOUNS = (
    r"countr(?:y|ies)|regions?|cit(?:y|ies)|towns?|villages?|areas?|provinces?|states?|places?|"
    r"territor(?:y|ies)|districts?|counties|county|border|capital|nation|location|river|street|neighbou?rhood"
)
_PERSON_NOUNS = (
    r"person|people|man|men|woman|women|official|lawmaker|politician|spokes(?:man|woman|person)|researcher|"
    r"professor|expert|leader|president|minister|reporter|journalist|soldier|defector|analyst|mayor|governor|"
    r"doctor|chief|director|head|member|officer|commander|interpreter|victim|survivor|farmer|resident|worker|"
    r"rescuer|volunteer|witness|student|teacher|author|speaker|name"
)
_SAY_VERBS = (
    r"say|said|says|tell|told|reply|replied|answer|answered|ask|asked|shout|shouted|write|wrote|post|posted|"
    r"state|stated|claim|claimed|confess|confessed|reveal|revealed|respond|responded|add|added|announce|"
    r"announced|declare|declared|warn|warned|call|called|describe|described"
)

# Ordered rules: the first that matches gives the type.
_RULES: list[tuple[str, re.Pattern]] = [
    (QUOTE, re.compile(rf"\b(?:what|which words?)\b.*\b(?:{_SAY_VERBS})\b|\bhow did\b.*\b(?:reply|respond|answer)\b"
                       rf"|\bwhat was\b.*\b(?:reply|response|answer|message|words|quote)\b", re.I)),
    (AGE, re.compile(r"\bhow old\b|\bwhat (?:is|was) (?:the |his |her |their )?age\b|\bat what age\b|\bwhat age\b", re.I)),
    (DURATION, re.compile(r"\bhow long\b|\bfor how many (?:hours|days|weeks|months|years|minutes)\b", re.I)),
    (NUMBER, re.compile(r"\bhow (?:many|much|large|big|high|far)\b|\bwhat (?:number|percentage|percent|share|"
                        r"proportion|fraction|amount|total|figure|toll|count)\b|\bwhat (?:was|is) the (?:number|"
                        r"total|toll|figure|count|death toll|estimate)\b", re.I)),
    (DATE, re.compile(r"\bwhen\b|\bwhat (?:day|date|year|month|time|week)\b|\bwhich (?:day|date|year|month|week)\b"
                      r"|\bsince when\b|\bon what\b|\bin what (?:year|month)\b", re.I)),
    (REASON, re.compile(r"\bwhy\b|\bwhat (?:caused|causes|led to|explains|was the (?:reason|cause)|is the (?:reason|"
                        r"cause))\b|\bfor what reason\b|\bhow come\b|\bwhat (?:were|was|are|is) .*\battributed to\b"
                        r"|\breasons?\b", re.I)),
    (PLACE, re.compile(rf"\bwhere\b|\b(?:which|what) (?:{_PLACE_NOUNS})\b|\bin which\b(?!.*\b(?:year|month|day)\b)", re.I)),
    (ORG, re.compile(rf"\b(?:which|what) (?:\w+ ){{0,2}}(?:{_ORG_NOUNS})\b", re.I)),
    (PERSON, re.compile(rf"\bwho(?:m|se)?\b|\b(?:which|what) (?:\w+ ){{0,2}}(?:{_PERSON_NOUNS})\b|\bname of\b|\bnamed?\b", re.I)),
]

_WH = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "name", "did", "does", "do"}


@dataclass(frozen=True)
class Question:
    """An analysed question."""

    text: str
    answer_type: str
    terms: tuple[str, ...]
    focus: tuple[str, ...]
    proper: tuple[str, ...]
    words: frozenset[str]

    @property
    def term_set(self) -> frozenset[str]:
        return frozenset(self.terms)


def answer_type(question: str) -> str:
    """The expected answer type of a question (one of ``ANSWER_TYPES``)."""
    for kind, pattern in _RULES:
        if pattern.search(question):
            return kind
    return DESCRIPTION


def proper_terms(question: str) -> list[str]:
    """Stems of capitalised words that are not the question's first word nor function words."""
    out = []
    for i, tok in enumerate(tokens(question)):
        if i == 0 or not tok.text[:1].isupper() or tok.lower in STOPWORDS or tok.lower in _WH:
            continue
        out.append(stem(tok.lower))
    return out


def analyse(question: str) -> Question:
    """Analyse a question: its answer type, content terms, focus terms (nouns after the wh-word) and names."""
    kind = answer_type(question)
    q_terms = tuple(t for t in terms(question) if t not in {stem(w) for w in _WH})
    focus: list[str] = []
    m = re.search(r"\b(?:how many|how much|which|what)\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+)", question, re.I)
    if m:
        focus = [t for t in terms(m.group(1))]
    words = frozenset(tok.lower for tok in tokens(question))
    return Question(question, kind, q_terms, tuple(focus), tuple(proper_terms(question)), words)
