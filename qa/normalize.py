"""Canonical forms of answers, so the same fact in different words groups together across articles."""

from __future__ import annotations

import functools
import re

from .question import AGE, DATE, DURATION, NUMBER, ORG, PERSON, PLACE
from .text import STOPWORDS, stem

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12,
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_TITLES = re.compile(
    r"\b(?:rep|sen|gov|dr|mr|mrs|ms|prof|gen|president|minister|spokesman|spokeswoman|leader|general)\b\.?", re.I
)


def number_value(text: str) -> float | None:
    """The numeric value a phrase states: '2,700' -> 2700, 'about 11,000' -> 11000, 'six' -> 6."""
    low = text.lower()
    m = re.search(r"\d+(?:,\d{3})*(?:\.\d+)?", low)
    if m:
        value = float(m.group().replace(",", ""))
        rest = low[m.end():]
        for word, scale in _SCALE.items():
            if re.match(rf"\s*{word}\b", rest):
                value *= scale
        return value
    total, current, found = 0.0, 0.0, False
    for word in re.findall(r"[a-z]+", low):
        if word in _SMALL:
            current += _SMALL[word]
            found = True
        elif word in _SCALE:
            current = max(current, 1) * _SCALE[word]
            found = True
            if _SCALE[word] >= 1000:
                total, current = total + current, 0.0
    return total + current if found else None


def _words(text: str) -> tuple[str, ...]:
    text = _TITLES.sub(" ", text.lower().replace("’", "'"))
    text = re.sub(r"'s\b", "", text).replace("-", " ")
    return tuple(stem(w) for w in re.findall(r"\w+", text) if w not in STOPWORDS)


_NAMED = (PERSON, ORG, PLACE, DATE, "name")
_MONTHS = {m[:3]: m for m in ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                              "october", "november", "december")}
_MONTHS["sep"] = "september"
_MONTH_ABBR = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?", re.I)
_ORDINALS = {w: i for i, w in enumerate(
    ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
     "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split(), 1)}
_ORDINALS.update({f"{tens}-{w}": base + i for tens, base in (("twenty", 20), ("thirty", 30))
                  for w, i in list(_ORDINALS.items())[:9]})
_ORDINALS["thirtieth"] = 30
#: A day said as an ordinal, in words or figures ("the third", "3rd"), keyed as its number.
_ORDINAL_RE = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"))\b", re.I)


def _day_numbers(text: str) -> str:
    return _ORDINAL_RE.sub(lambda m: m.group(1) or str(_ORDINALS[m.group(2).lower()]), text)


@functools.lru_cache(maxsize=8192)
def key(text: str, answer_type: str) -> str:
    """A canonical key: a number for numeric types, else the stemmed content words."""
    if answer_type in (NUMBER, AGE, DURATION):
        value = number_value(text)
        if value is not None:
            return f"#{value:g}"
    if answer_type == DATE:
        return " ".join(_words(_day_numbers(_MONTH_ABBR.sub(lambda m: _MONTHS[m.group(1).lower()[:3]], text))))
    return " ".join(_words(text))


def same(a: str, b: str, answer_type: str) -> bool:
    """Whether key ``b`` states the answer whose key is ``a`` (equal numbers; one name inside the other; a phrase
    holding half the answer's words)."""
    if a.startswith("#") or b.startswith("#"):
        return a == b
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return False
    overlap = len(wa & wb) / min(len(wa), len(wb))
    if answer_type in _NAMED:  # names and dates: one must hold all of the other ("Lee" ~ "Rep. Lee Seong-kweun")
        # ... or they differ only in where the words break ("Koo Byoungsam" ~ "Koo Byoung-sam", "Kim Jong Un").
        return overlap == 1.0 or "".join(a.split()) == "".join(b.split())
    # Phrases: ``b`` holds at least half the words of the answer ``a`` ("lack of familiarity with modern warfare"
    # for "lack of understanding of modern warfare"); a name inside the answer ("North Korean" in "professor of
    # North Korean studies at Ewha Womans University") does not state it.
    return len(wa & wb) / len(wa) >= 0.5


_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}")


def abbreviates(short: str, long: str) -> bool:
    """Whether the text ``short`` is an acronym of the name ``long``: the initials of its words, without the
    function words acronyms skip ("NIS" / "National Intelligence Service", "U.S." / "the United States")."""
    short = short.strip()
    if not _ACRONYM.fullmatch(short):
        return False
    words = [w for w in re.findall(r"[\w’'-]+", long) if w.lower() not in STOPWORDS]
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and "".join(w[0] for w in words) == short.replace(".", "")
