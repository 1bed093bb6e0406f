"""Text helpers shared by retrieval and the reader: sentence splitting, word tokens with offsets, terms."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

#: Standard English function words (the usual IR stop list); question words are kept apart below.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being below
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
    few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
    him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't
    my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until up very was wasn't
    we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why
    why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves also just
    said says say tell told did does do many much whose will shall may might must""".split()
)
#: Words that open a noun phrase: "the", "its", "this".
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})

_WORD = re.compile(r"\d+(?:[.,:]\d+)*(?:%)?|\w+(?:[-'’]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word of a text with its character offsets; ``lower`` is its lower-cased form (’ as ')."""

    text: str
    start: int
    end: int
    lower: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower().replace("’", "'"))


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word and number tokens of ``text`` with offsets (plus ``offset``)."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _WORD.finditer(text)]


@functools.lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


#: Past forms of irregular verbs, stemmed as their base ("led" as "lead": "Who is leading the inquiry?" for "The panel
#: will be led by ..."). Forms that are as often another word are left out ("left", "saw", "found", "felt", "rose",
#: "lay", "ground", "won", "fed", "bit", "met", "lent").
_IRREGULAR = {form: base for base, forms in (
    ("arise", "arose arisen"), ("awake", "awoke awoken"), ("become", "became"), ("begin", "began begun"),
    ("bleed", "bled"), ("blow", "blew blown"), ("break", "broke broken"), ("bring", "brought"),
    ("build", "built"), ("burn", "burnt"), ("buy", "bought"), ("catch", "caught"), ("choose", "chose chosen"),
    ("come", "came"), ("creep", "crept"), ("deal", "dealt"), ("dig", "dug"), ("draw", "drew drawn"),
    ("drink", "drank drunk"), ("drive", "drove driven"), ("eat", "ate eaten"), ("fall", "fell fallen"),
    ("fight", "fought"), ("flee", "fled"), ("fly", "flew flown"), ("forbid", "forbade forbidden"),
    ("forget", "forgot forgotten"), ("forgive", "forgave forgiven"), ("freeze", "froze frozen"), ("get", "got gotten"),
    ("give", "gave given"), ("go", "went gone"), ("grow", "grew grown"), ("hang", "hung"), ("hear", "heard"),
    ("hide", "hid hidden"), ("hold", "held"), ("keep", "kept"), ("know", "knew known"), ("lead", "led"),
    ("lose", "lost"), ("make", "made"), ("mean", "meant"), ("overtake", "overtook overtaken"),
    ("pay", "paid"), ("ride", "rode ridden"), ("ring", "rang rung"), ("rise", "risen"), ("run", "ran"), ("say", "said"),
    ("see", "seen"), ("seek", "sought"), ("sell", "sold"), ("send", "sent"), ("shake", "shook shaken"),
    ("shoot", "shot"), ("shrink", "shrank shrunk"), ("sing", "sang sung"), ("sink", "sank sunk"), ("sit", "sat"),
    ("sleep", "slept"), ("slide", "slid"), ("speak", "spoke spoken"), ("speed", "sped"), ("spend", "spent"),
    ("spin", "spun"), ("stand", "stood"), ("steal", "stole stolen"), ("stick", "stuck"), ("sting", "stung"),
    ("strike", "struck stricken"), ("swear", "swore sworn"), ("sweep", "swept"), ("swim", "swam swum"),
    ("take", "took taken"), ("teach", "taught"), ("tear", "tore torn"), ("tell", "told"), ("think", "thought"),
    ("throw", "threw thrown"), ("undertake", "undertook undertaken"), ("understand", "understood"),
    ("wake", "woke woken"), ("wear", "wore worn"), ("weep", "wept"), ("withdraw", "withdrew withdrawn"),
    ("write", "wrote written"),
    # and adverbs of state made from a noun or a verb: "ran [aground]" is a grounding, "came [ashore]" reached the shore
    ("ground", "aground"), ("shore", "ashore"), ("float", "afloat"), ("drift", "adrift"), ("blaze", "ablaze"),
    # and months as abbreviated ("until Sept. 1" is "until September"; not "mar", "may", which are other words)
    ("january", "jan"), ("february", "feb"), ("april", "apr"), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sep sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"))
    for form in forms.split()}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-cased word, irregular past forms as their base ("led" as "lead");
    numbers lose their thousands separators."""
    word = word.lower().replace("’", "'")
    if word[:1].isdigit():
        return word.replace(",", "")
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer().stemWord(_IRREGULAR.get(word, word))


@functools.lru_cache(maxsize=65536)
def term_tuple(text: str) -> tuple[str, ...]:
    """``terms(text)`` as a tuple, memoised: candidate spans of the same sentences recur across questions."""
    return tuple(terms(text))


def terms(text: str) -> list[str]:
    """Stemmed content terms of a text, in order (stop words dropped): the unit of lexical matching."""
    out = []
    for tok in tokens(text):
        low = tok.lower
        if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
            continue
        out.append(stem(low))
        if "-" in low:  # "Seong-kweun" also matches "Seong kweun"; "20-year-old" matches "20"
            out.extend(stem(part) for part in low.split("-") if part and part not in STOPWORDS)
    return out


@functools.lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries as (start, end) offsets into ``text``, whitespace trimmed.

    Paragraphs (lines) are split first; pysbd then handles abbreviations ("Rep.", "Jan. 3", "U.S.")
    and quotations inside each. Offsets are found by locating each segment in order, so they are exact.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        para_text = para.group()
        if not para_text.strip():
            continue
        cursor = 0
        for segment in _segmenter().segment(para_text):
            piece = segment.strip()
            if not piece:
                continue
            found = para_text.find(piece, cursor)
            if found < 0:  # the segmenter changed the text: keep the rest of the paragraph whole
                rest = para_text[cursor:]
                lead = len(rest) - len(rest.lstrip())
                if rest.strip():
                    spans.append((para.start() + cursor + lead, para.start() + len(para_text.rstrip())))
                cursor = len(para_text)
                break
            spans.append((para.start() + found, para.start() + found + len(piece)))
            cursor = found + len(piece)
        tail = para_text[cursor:]
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            spans.append((para.start() + cursor + lead, para.start() + cursor + len(tail.rstrip())))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and text[merged[-1][1]:start].strip() == "" and _GOES_ON.match(text, start) \
                and _TIME_ABBREVIATION_END.search(text, merged[-1][0], merged[-1][1]):
            merged[-1] = (merged[-1][0], end)  # "... shortly after 6 a.m. | Sunday because ...": one sentence
        elif merged and _LABEL_LINE.fullmatch(text, merged[-1][0], merged[-1][1]) and "\n" in text[merged[-1][1]:start] \
                and text[merged[-1][1]:start].count("\n") == 1 and "\n" not in text[start:end] \
                and len(text[start:end].split()) <= _LABELLED_WORDS and (start == 0 or text[start - 1] == "\n"):
            merged[-1] = (merged[-1][0], end)  # "Media contact:" | "Rosalind Achterberg": the label names the line
        else:
            merged.append((start, end))
    return merged


#: Bump when ``split_sentences`` splits differently, so indexes built before are rebuilt (``index.expected_settings``).
SENTENCE_RULES = 3
#: Bump when ``stem`` stems differently: the BM25 statistics of an index are over stems.
TERM_RULES = 5
#: A line that is only a short label ending in a colon ("Media contact:", "Spokesperson:") and the short line after
#: it (at most this many words) are one sentence: the label says what the line is.
_LABEL_LINE = re.compile(r"[A-Z][\w’'-]*(?:[^\S\n]+[\w’'-]+){0,3}:")
_LABELLED_WORDS = 8
#: A sentence that ends with "a.m." / "p.m." goes on when the next piece starts with a weekday, a month, a time zone
#: or a lower-case word: the period was the abbreviation's.
_TIME_ABBREVIATION_END = re.compile(r"\b[ap]\.m\.$", re.I)
_GOES_ON = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
                      r"June|July|August|September|October|November|December|[A-Z][DS]T\b|GMT\b|UTC\b|[a-z])")
