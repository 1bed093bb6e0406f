"""Evidence signals for the reader: how well a sentence, and a span inside it, fit a question.

Sentence signals, in [0, 1]: dense similarity to the question; IDF-weighted coverage of the question's
terms, where a term also counts when a word of similar meaning stands in the sentence ("hurt" ~
"injured", by the bundled model's word vectors) and, at a discount, when it stands in the two sentences
before (news text names someone, then says "He said ..."); similarity of the neighbouring sentences;
retrieval rank. Span signals: does the candidate's kind fit the expected answer type; how close it is
to the question's words in the sentence (weighted by rarity); is it new (not the question's own words);
does the question's head noun ("which *unit*") describe it; is it the *source* of a report ("..., Lee
said") rather than its content; for quotations, does it read as speech and is its speaker the one asked about.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .index import Index
from .question import (AGE, CLOCK_ASKED, CLOCK_TIME, DATE, DAY_NAMED, DESCRIPTION, DURATION, MATERIAL_ASKED, NUMBER, ORG, PERSON, PLACE,
                       QUOTE, REASON, Question, is_person_noun)
from .settings import ReaderSettings
from .spans import (NAME, NAME_KINDS, PEOPLE, SPEECH_VERBS, TIMED_MARKERS, TITLES, TYPE_MATCH, Candidate, candidates, dateline_agency, dateline_place,
                    _in_quotation, corpus_kinds, legal_body, lower_words, materials, speaker_label, turn_speaker)
from .text import DETERMINERS, STOPWORDS, stem, term_tuple, terms, tokens
from .types import Hit, Sentence

_CLAUSE_PUNCT = re.compile(r"[,;:()—–“”\"]")
_CLAUSE_CHARS = frozenset(",;:()—–“”\"")  # the characters of _CLAUSE_PUNCT, counted once per article
# "What did the engineer say", "How did the city's chief engineer describe ...": who is asked about.
_SPEAKER_ASKED = re.compile(r"\b(?:did|does|do|has|have|had|would|will)\s+((?:[\w’'.-]+\s+){1,6}?)(?:say|said|tell|told|"
                            r"describe|respond|react|reply|answer|call|characteri[sz]e|warn|give|shout|think|believe|"
                            r"suggest|ask|explain|claim|add)\b", re.I)
#: Posts written as initials, asked about like any other ("What did the CEO say?"), not names.
_ROLE_ACRONYMS = frozenset({"CEO", "CFO", "COO", "CTO", "CIO", "CISO", "VP", "GM", "MP", "MEP"})
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+){1,4}\b")
#: Word endings of adjectives, which describe no one by themselves ("structural", "senior" aside).
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ous|ful|less|able|ible|ish|ary|ed|ing)$")
_GENERIC_SPEAKERS = frozenset(stem(w) for w in ("someone", "anyone", "people", "other", "first", "second", "one"))
_TITLE_WORDS = {"gov": "governor", "rep": "representative lawmaker", "sen": "senator", "dr": "doctor",
                "prof": "professor", "gen": "general", "lt": "lieutenant", "col": "colonel", "sgt": "sergeant",
                "capt": "captain", "supt": "superintendent", "insp": "inspector"}
_TITLE_FIRST = re.compile(rf"(?:[A-Z][\w’'-]*\.|(?:{TITLES})\b)\s+")
_TITLE_ABBREVIATIONS = re.compile(rf"\b({'|'.join(_TITLE_WORDS)})\.", re.I)
# Words that open a subordinate clause: a gap ends there ("... was that the council had ignored the report | when ...").
_SUBORDINATORS = frozenset({"when", "because", "while", "although", "though", "whereas", "if", "unless", "until",
                            "since", "which", "who", "whom", "whose", "where"})
# A tail leaves out the words that link it to the question's ("practice *of* X", "part *was that* X") and ends
# where another clause begins; after a comma it goes on only through a list ("cots, dry socks and chargers").
_TAIL_LEAD = frozenset({"of", "was", "is", "were", "are", "that", "to", "for", "as", "by", "with", "be", "been"})
_TAIL_STOP = frozenset({"and", "but", "said", "says", "according", "after", "before"})
# Words a tail cannot end on (a particle can: "blow themselves up").
_DANGLING = frozenset({"the", "a", "an", "of", "to", "and", "or", "but", "in", "on", "at", "for", "with", "by", "from",
                       "that", "which", "as", "is", "was", "were", "are", "be", "been", "its", "their", "his", "her"})
_LAST_ITEM = re.compile(r"(?:\s+[\w’'-]+){1,3}\s*(?:[.;:!?—–()]|$)")
_LIST_GOES_ON = re.compile(r"(?:[\w’'-]+\s+){0,3}?(?:and|or)\s|[\w’'-]+(?:\s+[\w’'-]+){0,2},")
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them)\b", re.I)
#: A list's item or a timeline's entry: "- Tue 16:50 — ...", "• 310 firefighters", "16:50 - ...".
_LIST_ITEM = re.compile(r"\s*(?:[-•*–—]\s|\d{1,2}[:.]\d{2}\b)")
#: A reason said plainly, by a marker that gives nothing else: a cause or a purpose.
_STRONG_REASON = re.compile(r"(?:because|due to|owing to|as a result of|so that|so as to|in order to|to (?:avoid|escape|prevent|"
                            r"protect|ensure|stop|save|keep)|for fear)\b", re.I)
#: A sentence that says what the one before it brought about: "[The bolt had failed.] This allowed him to push the
#: hatch open.", "That meant ...", "This led to ...".
_CONSEQUENCE = re.compile(r"\W*(?:this|that|which|these|those|it)\s+(?:in\s+turn\s+|then\s+|is\s+what\s+)?(?:allowed|"
                          r"enabled|caused|meant|let|forced|prompted|triggered|led\s+to|resulted\s+in|made\s+it\s+possible)\b",
                          re.I)
_WHY_START = re.compile(r"^\W*(?:and\s+|so\s+)?why\b", re.I)
#: A transcript's speaker label at the start of a turn: "CHAIR ROSALIND MERCHISTON: ", "MR. DUNMORE (AVGC): ", and a
#: questions-and-answers page's "Q: " (which ``spans._TURN`` leaves out: it names no one).
_TURN_LABEL = re.compile(r"^[A-Z][A-Z.’' -]*(?:\([^()\n]{1,40}\))?:[^\S\n]+")
_PRONOUN_START = re.compile(r"^\W*(?:he|she|they|it|his|her|their|its|this|that|these|those|the [a-z]+)\b", re.I)

#: Names of the features the span model weighs, in order: first those of the sentence, the same for each of its
#: candidates (``ScoredSentence.signals``), then those of the candidate.
SENTENCE_FEATURES = ("dense", "window", "lexical", "own", "context", "retrieval", "sentence_gap", "title")
FEATURES = SENTENCE_FEATURES + (
    "type", "exact_type", "proximity", "local", "adjacent", "follows", "clause", "novelty", "length", "focus", "attribution", "speech", "speaker", "gap",
    "owned", "inside", "apposition", "tail", "named", "specific", "manner",
)

#: "Which river", "what company": the word after it is a noun (not "what did", "what happened").
_WHICH_ASKED = re.compile(r"\b(?:which|what)\s+(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|"
                          r"should|may|might|must)\b|[a-z]+ed\b)[a-z]", re.I)
_NAME_OF_ASKED = re.compile(r"\bnames?\s+of\s+(?:the|a|an|this|that|his|her|its|their)\s+(?:[a-z][\w’'-]*\s+){0,2}?"
                            r"([a-z][\w’'-]*)(?=\s+(?:who|that|which|in|on|at|from|with|of)\b|\s*[?,.]|\s*$)", re.I)
_PRONOUNS = frozenset({"he", "she"})
#: A sentence that says who gave what the one before said, or how they put it: no reason for it.
_SOURCE_NOTE = re.compile(r"\b(?:provided|gave|released|disclosed|shared|presented|announced|made)\s+(?:these|those|this|"
                          r"that|the|its|their|his|her)\s+(?:details?|figures?|comments?|remarks?|information|numbers?|"
                          r"estimates?|assessment|statement|findings|data|disclosure)\b", re.I)
#: "What happened to [the Sable Queen]?", "What did [the crew] do?".
_HAPPENED_TO = re.compile(r"^\W*(?:and\s+)?(?:what\s+(?:has\s+|had\s+)?happened\s+to\s+(?:the\s+|a\s+|an\s+)?"
                          r"([^?]+?)(?:\s+(?:who|that|which|in|on|at|after|before|during|when|since)\b[^?]*)?\s*\??$"
                          r"|what\s+(?:did|does|do|has|have|had)\s+(?:the\s+|a\s+|an\s+)?((?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+do\b)",
                          re.I)
#: "How did X get to / reach / escape ...?": how one moved, which a verb of moving says ("swam", "drove").
_MOTION_ASKED = re.compile(r"^\W*(?:and\s+)?how\s+(?:did|does|do|will|would|could|can|was|were)\s+(?:[\w’'-]+\s+){1,5}?"
                           r"(?:get|go|come|travel|reach|make\s+(?:it|(?:his|her|their|its)\s+way)|escape|flee|cross|"
                           r"arrive|return|leave|enter|move)\b", re.I)
_MOVED = re.compile(r"\b(?:swam|walked|ran|drove|flew|sailed|rowed|paddled|climbed|crawled|cycled|rode|waded|hiked|"
                    r"trekked|floated|jumped|dived|dove|hitchhiked|skied|tunnell?ed|dug|sneaked|snuck|slipped|"
                    r"marched|ferried|airlifted|smuggled|stowed\s+away)\b", re.I)
#: A purpose after how one moved: "swam for six hours [to flee ...]" (not where to: "swam [to the shore]").
_PURPOSE_AFTER = re.compile(r"\s+(?:to|in order to|so as to)\s+(?!(?:the|a|an|his|her|their|its|this|that|safety|shore|land|"
                            r"sea|town|school|work|hospital|church|bed)\b)(?-i:[a-z])")
#: "How did X get / help / break in ...?": the manner or the means asked for (not "how many", "how long", "how old").
#: "Which news agency filed the report?", "Which wire service sent the story?".
#: "Who signed off the bulletin?", "Who authorised the notice?": the name on its sign-off line ("Authorised by: ...").
SIGNED_ASKED = re.compile(r"^\W*who\s+(?:(?:has|had|have)\s+)?(?:signed(?:\s+off)?|authori[sz]ed|approved|issued|"
                          r"put\s+(?:his|her|their)\s+names?\s+to)\b", re.I)
_SIGN_OFF = re.compile(r"(?:^|\n)[^\S\n]*(?:Authori[sz]ed|Approved|Signed(?:[^\S\n]+off)?|Issued)(?:[^\S\n]+by)?[^\S\n]*:[^\S\n]*"
                       r"(?:[A-Z][\w.’'-]*[^\S\n]+){0,4}$")


#: "Who wrote the Ostlink report from Dravenholm?", "Who filed the story?": the name the piece is credited to.
WROTE_ASKED = re.compile(r"^\W*(?:and\s+)?who\s+(?:(?:has|had)\s+)?(?:wrote|written|authored|penned|filed|reported)\s+"
                         r"(?:the|this|that)\s+(?:[\w’'-]+\s+){0,3}?(?:report|article|story|piece|column|dispatch|feature)\b"
                         r"|^\W*(?:and\s+)?who\s+(?:is|was)\s+the\s+(?:author|writer|reporter)\s+of\s+(?:the|this|that)\s+"
                         r"(?:[\w’'-]+\s+){0,3}?(?:report|article|story|piece|column|dispatch|feature)\b", re.I)
#: What credits a piece to the name after it, on that name's line: "By ", "(Reporting by ", "Written by ".
_BYLINE_BEFORE = re.compile(r"[^\S\n]*\(?[^\S\n]*(?:By|(?:Additional[^\S\n]+)?[Rr]eporting[^\S\n]+by|Written[^\S\n]+by|"
                            r"Words[^\S\n]+by)[^\S\n]+(?:[A-Z][\w.’'-]*[^\S\n]+){0,4}(?:(?:and|&)[^\S\n]+)?")
BYLINE_LINE = re.compile(r"\W*(?:By|(?:Additional\s+)?Reporting\s+by|Written\s+by|Words\s+by)\s+[A-Z]")


#: The name on a byline near an article's start, and a name signed on a line of its own near its end.
_BYLINE_NAME = re.compile(r"(?:^|\n)[^\S\n]*By[^\S\n]+((?:[A-Z][\w.’'-]*[^\S\n]?){2,4})(?=[,\n]|$)")
_SIGNED_NAME = re.compile(r"\n[^\S\n]*((?:[A-Z][\w.’'-]*[^\S\n]){1,3}[A-Z][\w.’'-]*)[^\S\n]*\n(?:[^\n]{0,80}\n?){0,3}$")
_WRITER_WORDS = frozenset(stem(w) for w in ("writer", "author", "columnist"))


def _in_quotes(text: str, at: int) -> bool:
    """Whether a place in a text lies inside a quotation opened earlier on its line (``spans._in_quotation``)."""
    line = text.rfind("\n", 0, at) + 1
    return _in_quotation(text[line:at], at - line)


def bylined(doc_text: str, start: int) -> bool:
    """Whether a name at ``start`` is one a piece is credited to: "By [Irena Fahl]", "(Reporting by [Irena Fahl];
    Editing by Paul Renk)" (not the editor)."""
    line = doc_text.rfind("\n", 0, start) + 1
    return _BYLINE_BEFORE.fullmatch(doc_text, line, start) is not None


SIGN_OFF_LINE = re.compile(r"\s*(?:Authori[sz]ed|Approved|Signed(?:\s+off)?|Issued)(?:\s+by)?\s*:\s*[A-Z]")


#: A signature at a notice's end: a name alone on its line, the post on the next ("Harriet Oyelaran-Quist\nDirector
#: of Emergency Management, Drumbarrow County Council").
_SIGNATURE = re.compile(r"[^\S\n]*(?:[A-Z][\w.’'-]*[^\S\n]+){1,3}[A-Z][\w.’'-]*[^\S\n]*\n[^\S\n]*[A-Z][^\n]{2,100}(?:\n|$)")


def signed_off(doc_text: str, start: int) -> bool:
    """Whether a name at ``start`` stands on a sign-off line ("Authorised by: Chief Fire Officer [Helena Drast]"), or
    signs the document: alone on a line, its post on the next, in the document's last lines."""
    if _SIGN_OFF.search(doc_text, max(0, start - 80), start) is not None:
        return True
    line = doc_text.rfind("\n", 0, start) + 1
    return start - line <= 4 and len(doc_text) - start <= 600 and _SIGNATURE.match(doc_text, line) is not None


#: "From which town was the report filed?", "Where is the story datelined?": the place of a dateline.
FILED_FROM = re.compile(r"\b(?:file\s+(?:its|his|her|their|the|a)\s+(?:report|story|dispatch|copy|article)\b|"
                        r"fil(?:es|ed|ing)\b(?!\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+)?(?:lawsuits?|"
                        r"claims?|suits?|complaints?|charges?|appeals?|petitions?|motions?|applications?|tax))|datelined?|"
                        r"reported\s+from|written\s+from|sent\s+from)\b", re.I)
_AGENCY_ASKED = re.compile(r"\b(?:news|wire|press)[\s-]+(?:agency|agencies|service)\b", re.I)
_MANNER_ASKED = re.compile(r"^\W*(?:and\s+)?how\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can)\b", re.I)
#: The source a question names: "According to [Oh], what does the video suggest ...?".
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+((?:[A-Z][\w’'.-]*\s?)+)")
#: "What rank did they hold?": the title before the name.
_RANK_ASKED = re.compile(r"\b(?:what|which)\s+(?:[\w-]+\s+)?ranks?\b", re.I)
#: A year, as a question or a sentence names it ("in 1987").
_YEAR_WORD = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
#: Reasons given by what came before: "after eating at the festival", "following the release of a video".
_AFTER_REASON = re.compile(r"(?:after|following)\s", re.I)
#: "What does the factory make?", "What did the police find?": a verb that ends the question asks for its object.
_OBJECT_ASKED = re.compile(r"^\W*(?:and\s+)?what\s+(?:does|did|do|will|would|can|could)\s+(?:[\w’'-]+\s+){1,5}?"
                           r"([a-z]+)\s*\??\s*$", re.I)
#: How like the asked verb a word must be to take its object ("make": "makes", "made"; not "built").
_OBJECT_SIMILARITY = 0.65
#: Where an object ends: a clause mark or a conjunction before another clause (not a parenthesis: "chloride (PVC) resins").
_OBJECT_END = re.compile(r"[;:“”\"—–]|,\s|\.(?:\s|$)|\s(?:when|because|while|although|though|whereas|if|unless|until|"
                         r"before|after|since|as|according|said|says|which|who|that)\s|\s(?:and|but)\s(?![a-z]+ed\b)")
#: Where a means or manner phrase starts: a preposition of means before a noun phrase, or a gerund after a verb.
_MANNER_START = re.compile(r"\b(?:through|via|by|using|with the help of|with (?=an?\s)|in single file|on foot)\s*(?=[\w“\"])"
                           r"|(?<=\s)(?!(?:during|according|including|following|regarding|concerning)\b)[a-z]+ing\s+(?=[a-z])")
_MANNER = re.compile(r"(?:through|via|by|using|with the help of|with (?=an?\s)|in single file|on foot)\b|[a-z]+ing\b")
#: What may stand between a subject and its verb: an apposition, an age or a relative clause, between commas.
# (and a short place phrase: "the Pellegrin farm [at the top] is gone")
_SKIP_APPOSITION = re.compile(r"\s*,\s*(?:\d{1,3}|(?:a|an|the|another|who|which|whose|now)\b[^,;:()“”\"—–]{0,80}),\s*|\s*,\s*|"
                              r"\s+(?:at|on|in|near|by|behind|below|above|beside)\s+(?:the|its|their|his|her)\s+[a-z][\w-]*"
                              r"(?:\s+[a-z][\w-]*){0,2}?(?=\s+(?:is|was|are|were|has|had|have)\b)\s+|\s+")
#: A predicate's first word: a verb in a past form or an auxiliary, or a common irregular past.
_PREDICATE_VERB = re.compile(r"(?:[a-z]+ed|was|were|is|are|has|had|have|will|would|could|can|did|got|went|swam|took|"
                             r"made|fled|ran|fell|came|gave|left|lost|found|spent|kept|held|began|broke|drove|flew|"
                             r"hit|sank|stood|suffered|died)\b")
#: Where a predicate's clause ends: clause punctuation, a subordinate clause, or "and" before no verb.
_PREDICATE_END = re.compile(r"[;:()“”\"—–]|,\s|\s(?:when|because|while|although|though|whereas|if|unless|until|"
                            r"before|after|since|as|according|said|says)\s|\s(?:and|but)\s(?![a-z]+ed\b|was\b|were\b)")
#: An apposition right after a name, to its next comma or clause mark: "Tidewater Harbor Lines, [a private company]",
#: "Gary Dunleavy, [president of Local 14]", "Ruth Ellison, 63, [the owner]"; not past its line, and not the next item
#: of a list or a clause (", and two at Elsby Hospital", ", who ...").
_APPOSITION_AFTER = re.compile(r"[^\S\n]*,[^\S\n]*(?:\d{1,3}\s*,\s*)?(?!\s*(?:and|or|but|nor|while|who|whom|whose|which|"
                               r"where|when|as|so|yet|then|with|after|before|since|because|although|though|if)\b)"
                               r"(?:(?:a|an|the)\s+)?([^,;:.()“”\"—–\n]{2,60})")
#: What a sentence says a name is: "The Brackwater Harbour Authority is [the statutory body responsible for ...]".
_COPULA_AFTER = re.compile(r"(?:[^\S\n]*\([^()\n]{1,40}\))?[^\S\n]+(?:is|was|remains|remained|became)[^\S\n]+(?:the|a|an)[^\S\n]+"
                           r"([^,;:.()“”\"—–\n]{2,60})")
#: A noun and a relative clause about it right before a name: "The Kestrow [meteorologist] who delivered the briefing, ".
_RELATIVE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w’'-]*\s+)?([a-z][\w’'-]*)\s+(?:who|that)\s+[^,;:.()“”\"\n]{1,80},\s*$")
#: Marks the stem of a noun a text calls a name by after "chief" or "head" ("its chief inspector, [Oskar Brennvik]").
_CHIEF_OF = "chief of:"
#: Capitalised words right before a name: "Fire Chief [Ramona Ortiz]".
_TITLE_BEFORE = re.compile(r"(?:\b[A-Z][\w.’'-]*\s+){1,3}$")
#: "Who chairs ...?": a chair, not whoever else leads (a director, a secretary to the board).
_CHAIRS_ASKED = re.compile(r"\bwho\s+(?:chairs|chaired|(?:is|was)\s+(?:the\s+)?chair(?:man|woman|person)?\s+of)\b", re.I)
_CHAIR_NOUNS = frozenset(stem(w) for w in "chair chairman chairwoman chairperson".split())
#: "Who runs / leads / heads ...?": the text calls whoever does by one of these nouns.
_LEADS_ASKED = re.compile(r"\bwho\s+(?:runs|ran|leads|led|heads|headed|directs|directed|chairs|chaired|manages|managed|"
                          r"commands|commanded|owns|owned|oversees|oversaw|(?:is|was)\s+in\s+(?:charge|command)\s+of|"
                          r"(?:is|was|are|were)\s+(?:running|leading|heading|directing|commanding|managing|overseeing))\b", re.I)
_LEADER_NOUNS = frozenset(stem(w) for w in (
    "president chief head director leader chair chairman chairwoman chairperson manager owner executive commander "
    "captain boss superintendent principal founder CEO".lower().split()))
#: Who commands a craft, and what the text calls it by: "Who was in command of the Aurelian Tide?" (the tanker), "the
#: ship's master, Captain X", not the coastguard's commander.
_CRAFT_LEADERS = frozenset(stem(w) for w in "captain master skipper pilot".split())
_CRAFT_WORDS = ("balloon|ship|ferry|boat|vessel|tanker|trawler|yacht|barge|freighter|liner|aircraft|airliner|plane|"
                "helicopter|jet|train|locomotive|submarine|frigate|destroyer|tug|dredger|cutter|schooner")
_CRAFT_STEMS = frozenset(stem(w) for w in _CRAFT_WORDS.split("|"))
#: A craft "who leads / commands ..." asks about by its kind: "Who was in command of [the ferry]?".
_LED_CRAFT = re.compile(r"\b(?:runs|ran|commands|commanded|in\s+(?:charge|command)\s+of|running|commanding|captains|captained|"
                        rf"skippers|skippered|steered|steering|piloted|piloting|flew|flying|sailed|sailing)\s+(?:the|that|this)\s+"
                        rf"(?:[\w’'-]+\s+)?(?:{_CRAFT_WORDS})\b(?!\s+(?!(?:when|as|at|on|in|that|during|while|before|after|"
                        rf"which|who)\b)[a-z])", re.I)  # (not "the ferry company")
#: The named thing "who leads / commands ..." asks about: "Who was in command of [the Aurelian Tide]?".
_LED_NAMED = re.compile(r"\b(?:runs|ran|leads|led|heads|headed|commands|commanded|in\s+(?:charge|command)\s+of|"
                        r"running|leading|heading|commanding|captains|captained|skippers|skippered)\s+(?:the\s+)?"
                        r"((?-i:[A-Z][\w’'-]*)(?:\s+(?-i:[A-Z][\w’'-]*)){0,3})", re.I)
#: "Who speaks for ...?": the text calls whoever does a spokesperson.
_SPEAKS_ASKED = re.compile(r"\bwho\s+(?:speaks|spoke|is\s+speaking|talks|talked)\s+(?:\w+\s+){0,3}?(?:for|on\s+behalf\s+of)\b",
                           re.I)
_SPOKES_NOUNS = frozenset(stem(w) for w in "spokesman spokeswoman spokesperson spokespeople representative".split())
#: Words for whoever leads a body, in general: any title of a leader answers them ("the rescue chief": the "head of
#: Haldenfels Mountain Rescue", "the boss of the company": its "chief executive").
HEAD_ROLES = frozenset(stem(w) for w in ("boss", "head", "leader", "chief"))
#: The nouns of whoever runs a thing, and what the text says of them instead: "the farm manager" is "Colm Rafferty,
#: [who runs] the farm".
RUNS_NOUNS = frozenset(stem(w) for w in "manager head boss director chief leader operator".split())
RUNS_SAID = re.compile(r"\bwho\s+(?:runs|ran|heads|headed|leads|led|manages|managed|directs|directed|is\s+in\s+charge\s+of|"
                       r"was\s+in\s+charge\s+of)\b")
#: The titles of whoever heads a body (not its owner, founder or captain: the "fire chief" is no "warehouse owner").
_HEAD_TITLES = frozenset(stem(w) for w in (
    "president chief head director leader chair chairman chairwoman chairperson manager executive commander boss "
    "superintendent ceo".split()))
ROLES_ASKED = ((_CHAIRS_ASKED, _CHAIR_NOUNS), (_LEADS_ASKED, _LEADER_NOUNS), (_SPEAKS_ASKED, _SPOKES_NOUNS))
#: A common noun right before a name: "the ferry [Corinne Abbott]", "the authority's director, [Lorraine Haddix]".
_NOUN_BEFORE = re.compile(r"\b([a-z][\w’'-]*)\s*(?:,\s*(?:the\s+)?)?$")
#: What narrows the thing named before it, to its clause's end: "..., particularly concerning its missile programs".
_NARROWED = re.compile(r",\s+(?:particularly|especially|notably|including|in particular|chiefly|mainly|above all|"
                       r"such as)\s[^,;:()“”\"—–]{1,120}")
_CLAUSE_GAP = re.compile(r"[,;:()“”\"—–]")
#: Up to three lower-case words after a name: "Front Street [ferry terminal]".
_NOUNS_AFTER = re.compile(r"(?:\s+[a-z][\w’'-]*){1,3}")
#: A sentence that turns to someone or something other than what came before: "A second soldier, aged 26, ...",
#: "Another man ...", "The other captive ...".
_NEW_REFERENT = re.compile(r"^\W*(?:(?:A|An|The)\s+(?:second|third|fourth|fifth|other|different)|Another)\s+[a-z]")
#: A time on a line of its own over an entry: "10:40", "10:40 — Update", "07:58 BST".
_TIME_HEADING = re.compile(r"(?:\d{1,2}[:.]\d{2}(?:\s?(?:a\.m\.|p\.m\.|am|pm))?|\d{1,2}\s?(?:a\.m\.|p\.m\.|am|pm))"
                           r"(?:\s+[A-Z]{2,4})?(?:\s*[—–-]\s*[\w ]{0,30})?")
#: "He" or "she" as someone a sentence speaks of (not as the one who reports it: "..., she said", "He says some nurses
#: have been working ...").
_SUBJECT_PRONOUN = re.compile(r"(?<!\bsaid )(?<!\bsays )(?<!\badded )\b(?:he|she)\b(?!\s+(?:said|says|told|tells|added|adds)\b)",
                              re.I)
#: How many sentences back a "he" or "she" is followed to the name or age of whom it speaks of.
ANTECEDENT_REACH = 4
#: How many sentences back the speaker of a quotation given as "she said" is followed, through sentences that go on
#: about her.
SPEAKER_REACH = 8
#: Indexes up to this many sentences have every sentence's data made when the app starts (about 5 s at most).
WARM_UP_SENTENCES = 5_000
#: Candidate kinds that compete for the same slot of a sentence ("300 killed and 2,700 injured"). Only
#: quantities: a number comes before what it counts and what happened to it, while a name can be the
#: subject of the words after it or the object of the words before it.
FAMILIES = {NUMBER: "quantity", AGE: "quantity", DURATION: "quantity"}
_CONJUNCTION = frozenset({"and", "or", "but", "while", "whereas", "nor", "plus"})
_OCCUPATION = r"(?:occupation|job|profession|trade|line\s+of\s+work|role|position|title)\b"
_OCCUPATION_ASKED = re.compile(r"[’']s\s+" + _OCCUPATION + r"|\bdo\s+for\s+a\s+living\b", re.I)
#: ", a state-funded think tank" after a name: an article and words up to a comma, clause mark or relative pronoun
#: (after the bracket of an acronym: "The Civil Resilience Office (CRO), [the municipal agency ...]").
_APPOSITION = re.compile(r"\)?\s*,\s*(?:\d{1,3}\s*,\s*)?((?:a|an|the)\s+(?:(?!who\b|which\b|that\b|whose\b|whom\b|where\b)[\w’'-]++\s*){1,12}?)"
                         r"(?=\s*(?:,(?!\d)|[;:.()—–“”\"])|\s+(?:who|which|that|whose|whom|where)\b|\s*$)")  # not "1,400"
#: "Where" questions that ask for an employer or school, where an organisation is the answer ("Where does she
#: teach?", "Where did he study?", "Where does the nurse work?").
_WORKPLACE_ASKED = re.compile(r"^\W*(?:and\s+)?where\s+(?:does|did|do|is|was|are|were|has|had|will)\s+(?:[\w’'.-]+\s+){1,4}?"
                              r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bits\s)"
                              r"(?:teach|teaching|taught|work|working|worked|study|studying|studied|lecture|lecturing|"
                              r"lectured|employed|enrolled|train|training|trained)\b", re.I)
#: "Which hospital / school / museum ...": a body that is also a building.
_FACILITY_ASKED = re.compile(r"\b(?:which|what)\s+(?:[\w’'-]+\s+){0,2}?(?:hospital|infirmary|clinic|school|academy|college|"
                             r"university|museum|gallery|hotel|church|library|prison|jail|airport|stadium)s?\b", re.I)
#: Organisations that are also buildings, so they answer "where" ("Marlow Crossing High School").
_FACILITY = re.compile(r"\b(?:School|Academy|College|University|Hospital|Infirmary|Clinic|Hall|Church|Cathedral|Mosque|Temple|"
                       r"Cent(?:er|re)|Stadium|Arena|Airport|Station|Library|Museum|Hotel|Prison|Jail|Base|Camp|"
                       r"Shelter|Gym(?:nasium)?|Mall|Market|Court(?:house)?|Embassy|Consulate)$")
_OPENS_APPOSITION = re.compile(r"[”\"’]?\s*[,(]\s*[”\"’]?\s*")  # "Maria Santos, [a ...]", "“Choson,” [the term ...]"
_QUOTE_MARK = re.compile(r"[“”\"]")
_TWO_NAMES = re.compile(r"\b[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+")  # a name of two words ("Tom Beck")
#: A question about who said, told or asked something (a transcript's speaker label can answer it).
_ASKS_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|speak|spoke|speaks|talk|talked|talks|interview(?:s|ed)?)\b", re.I)
_WHO_IS = re.compile(r"^\W*who\s+(?:is|was)\s+(?-i:[A-Z])", re.I)  # "Who is Dana Holt?" (a description question)
#: Description questions that ask what a named person or body is: "What is the Tessel Valley Water Authority?",
#: "What kind of group is the Grange?", "What is Dana Holt's job?", "What does Dana Holt do for a living?".
#: "What is salmonella?", "What kind of gas is chlorine?": what a thing is, defined in the text ("X is a ...").
_DEFINED_ASKED = re.compile(r"^\W*what\s+(?P<kind>(?:kind|type|sort)\s+of\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:is|are)\s+(?:an?\s+|the\s+)?"
                            r"(?P<thing>(?!it\b|this\b|that\b|these\b|those\b|they\b)[\w’'-]+(?:\s+[\w’'-]+){0,2})\s*\?*\s*$", re.I)
_WHAT_IS = re.compile(
    r"^\W*what\s+(?:(?:kind|type|sort)\s+of\s+(?:[\w-]+\s+){1,3}?)?(?:is|was|are|were)\s+(?:the\s+)?"
    r"(?-i:[A-Z][\w’'.-]*)(?:\s+(?:of|for|and|the|on|(?-i:[A-Z][\w’'.-]*)))*(?:\s+like)?\s*\??\s*$"  # "What is Brask like?"
    r"|^\W*what\s+(?:is|was)\s+(?:the\s+)?(?-i:[A-Z])[\w\s.’'-]*?[’']s\s+" + _OCCUPATION +
    r"|^\W*what\s+(?:does|did)\s+(?:the\s+)?(?-i:[A-Z])[\w\s.’'-]*?\s+do\s+for\s+a\s+living\b", re.I)


@dataclass
class QueryContext:
    """Per-question data: the analysed question, its vector, and soft matches of its terms."""

    q: Question
    vector: np.ndarray
    term_weight: dict[str, float]  # term -> IDF weight
    soft: dict[str, dict[str, float]]  # term -> {vocabulary word: similarity} for similar words
    focus_sims: dict[str, float]  # vocabulary word -> similarity to the question's head noun(s)
    doc_ids: frozenset[str] | None = None  # answer only from these articles
    exclude: frozenset[str] = frozenset()  # answers (``normalize.key``) this question does not ask for again
    matches: dict = field(default_factory=dict)  # row -> Signals.match(...) result, per question
    owned: dict = field(default_factory=dict)  # (row, family) -> {slot span: owned coverage}, per question
    memo: dict = field(default_factory=dict)  # per question: weight total, clause and sentence similarities, terms by token


@dataclass
class ScoredSentence:
    row: int
    sentence: Sentence
    score: float
    signals: dict[str, float]
    matches: list[tuple[int, float]]  # (token index, weight) of question-term matches in the sentence


class RowLayout(NamedTuple):
    """Per-sentence token data the span signals read for every candidate (made once per index, by row)."""

    starts: list[int]  # token start offsets (into the article), increasing
    ends: list[int]  # token end offsets, increasing
    stop: list[bool]  # token is a stop word
    upper: list[bool]  # token starts with a capital
    subordinate: list[bool]  # token opens a subordinate clause (_SUBORDINATORS)
    breaks: list[bool]  # a clause mark (_CLAUSE_PUNCT) stands between the token before and this one


class SentenceStats:
    """Per-index lexical statistics over sentences: term sets, IDF, tokens, candidates, titles."""

    def __init__(self, index: Index):
        self.index = index
        self.terms = [frozenset(terms(s.text)) for s in index.sentences]
        #: The sentences (rows) that hold each term.
        self.rows_of: dict[str, list[int]] = {}
        for row, ts in enumerate(self.terms):
            for t in ts:
                self.rows_of.setdefault(t, []).append(row)
        df = {t: len(rows) for t, rows in self.rows_of.items()}
        n = max(1, len(self.terms))
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.default_idf = math.log(1 + (n + 0.5) / 0.5)
        self.vocabulary = frozenset(df)
        self._tokens: dict[int, list] = {}
        self._cands: dict[int, list[Candidate]] = {}
        self._unlabelled: dict[int, list[Candidate]] = {}
        self._name_kinds: dict[str, str] | None = None
        self._body_words: dict[str, bool] = {}
        self._surnames: dict[str, bool] = {}
        self._positions: dict[int, tuple] = {}
        self._word_forms: dict[int, tuple[frozenset[str], tuple[str, ...]]] = {}
        self._speech: dict[int, float] | None = None
        self._bylines: list[int] | None = None
        self._authors: dict[str, frozenset[str]] = {}
        self._called: dict[str, list[int]] | None = None
        self._lower: frozenset[str] | None = None
        self._spelt: frozenset[str] | None = None  # initials of the capitalised runs of the articles ("ceo")
        self._layouts: dict[int, RowLayout] = {}
        self._punct: dict[str, tuple[list[int], list[int]]] = {}
        self._continues: dict[int, bool] = {}
        self._turns: dict[int, tuple[int, ...]] = {}
        self._attribution: dict[tuple[str, Candidate], bool] = {}
        self._speech_of: dict[tuple[str, Candidate], float] = {}
        self._speaker_cues: dict[tuple[int, Candidate], tuple] = {}
        first: dict[str, int] = {}
        for i, s in enumerate(index.sentences):
            first.setdefault(s.doc_id, i)
        self.clause_rows: dict[int, list[int]] = {}
        for i, (row, _, _) in enumerate(index.clauses):
            self.clause_rows.setdefault(row, []).append(i)
        self.titles = {i for i in first.values()
                       if index.documents[index.sentences[i].doc_id].title == index.sentences[i].text}

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default_idf)

    def warm_up(self) -> None:
        """Make each sentence's data (tokens, candidates, speech, ...) now, not when a question first reads it: about
        1 ms a sentence, so only up to ``WARM_UP_SENTENCES``; a larger index makes it as questions read it."""
        if len(self.index.sentences) > WARM_UP_SENTENCES:
            return
        for row in range(len(self.index.sentences)):
            self.layout(row)
            self.positions(row)
            self.word_forms(row)
            self.continues(row)
            for cand in self.candidates(row):
                term_tuple(cand.text)
        for doc_id in self.index.documents:
            self.clause_marks(doc_id)
        self.speech
        self.called

    @property
    def bylines(self) -> list[int]:
        """Rows of sentences that credit a piece to someone: "By Irena Fahl", "(Reporting by ...)" (made once)."""
        if self._bylines is None:
            self._bylines = [row for row, s in enumerate(self.index.sentences) if BYLINE_LINE.match(s.text)]
        return self._bylines

    @property
    def speech(self) -> dict[int, float]:
        """Rows of sentences that report speech, with how speech-like their best quotation is (made once)."""
        if self._speech is None:
            speech = {}
            for row in range(len(self.index.sentences)):
                doc_id = self.index.sentences[row].doc_id
                quotes = [c for c in self.candidates(row) if c.kind == QUOTE]
                best = max((self.speech_likeness(doc_id, c) for c in quotes), default=0.0)
                if best >= 0.6:
                    speech[row] = best
            self._speech = speech
        return self._speech

    @property
    def called(self) -> dict[str, list[int]]:
        """The rows where a name is called by each noun (stem), as ``Signals.named_as`` reads it: "Museum [director]
        Philippa Sorensby", "Tidewater Harbor Lines, a private [company]" (made once)."""
        if self._called is None:
            called: dict[str, list[int]] = {}
            for row in range(len(self.index.sentences)):
                doc_text = self.index.documents[self.index.sentences[row].doc_id].text
                nouns = {n for c in self.candidates(row) if c.kind in NAME_KINDS
                         for n in _callings(doc_text, c.start, c.end, c.text)}
                for noun in nouns:
                    called.setdefault(noun, []).append(row)
            self._called = called
        return self._called

    def has_acronym(self, letters: str) -> bool:
        """Whether some article writes the acronym, also as "U.S." for "US", or spells it out ("Chief Executive
        Officer" for "CEO")."""
        dotted = r"\.?".join(re.escape(ch) for ch in letters)
        pattern = re.compile(rf"\b{dotted}\.?(?!\w)")
        if any(pattern.search(doc.text) for doc in self.index.documents.values()):
            return True
        if self._spelt is None:
            self._spelt = frozenset(a for doc in self.index.documents.values() for a in _initials(doc.text))
        return letters.lower() in self._spelt

    def tokens(self, row: int):
        if row not in self._tokens:
            sent = self.index.sentences[row]
            self._tokens[row] = tokens(sent.text, sent.start)
        return self._tokens[row]

    def layout(self, row: int) -> RowLayout:
        """The sentence's token offsets and per-token flags (made once)."""
        if row not in self._layouts:
            toks = self.tokens(row)
            doc_text = self.index.documents[self.index.sentences[row].doc_id].text
            self._layouts[row] = RowLayout(
                [t.start for t in toks], [t.end for t in toks], [t.lower in STOPWORDS for t in toks],
                [t.text[:1].isupper() for t in toks], [t.lower in _SUBORDINATORS for t in toks],
                [i > 0 and bool(_CLAUSE_PUNCT.search(doc_text[toks[i - 1].end:t.start])) for i, t in enumerate(toks)])
        return self._layouts[row]

    def clause_marks(self, doc_id: str) -> tuple[list[int], list[int]]:
        """Running counts of clause marks (_CLAUSE_PUNCT) in an article's text, with and without commas:
        ``doc_text[a:b]`` holds one when ``counts[b] - counts[a] > 0`` (made once per article)."""
        if doc_id not in self._punct:
            text = self.index.documents[doc_id].text
            with_commas = list(itertools.accumulate((ch in _CLAUSE_CHARS for ch in text), initial=0))
            without = list(itertools.accumulate((ch in _CLAUSE_CHARS and ch != "," for ch in text), initial=0))
            self._punct[doc_id] = (with_commas, without)
        return self._punct[doc_id]

    def continues(self, row: int) -> bool:
        """Whether the sentence goes on about someone named before ("He replied ...", "... said she"); made once."""
        if row not in self._continues:
            text = self.index.sentences[row].text
            self._continues[row] = bool(_PRONOUN_START.match(text) or _PRONOUN.search(text))
        return self._continues[row]

    def asks(self, row: int) -> bool:
        """Whether the sentence is a question the text asks (an explainer's "What is listeria?", a host's question),
        which the sentences after it answer."""
        return self.index.sentences[row].text.rstrip("”\"’' ").endswith("?")

    def turn_rows(self, row: int) -> tuple[int, ...]:
        """For a sentence that opens a transcript's turn with its speaker label ("TRASK: Honestly, ..."), the
        sentences after it on the same line: the rest of what that speaker said (else none); made once."""
        if row not in self._turns:
            sentences = self.index.sentences
            sent = sentences[row]
            text = self.index.documents[sent.doc_id].text
            later: list[int] = []
            if len(self.unlabelled(row)) < len(self.candidates(row)):
                end, nxt = sent.end, row + 1
                while (nxt < len(sentences) and sentences[nxt].doc_id == sent.doc_id
                       and "\n" not in text[end:sentences[nxt].start]):
                    later.append(nxt)
                    end, nxt = sentences[nxt].end, nxt + 1
            self._turns[row] = tuple(later)
        return self._turns[row]

    def is_attribution(self, doc_id: str, cand: Candidate) -> bool:
        """``is_attribution`` of a candidate of an article (made once per candidate)."""
        key = (doc_id, cand)
        if key not in self._attribution:
            self._attribution[key] = is_attribution(self.index.documents[doc_id].text, cand)
        return self._attribution[key]

    def speech_likeness(self, doc_id: str, cand: Candidate) -> float:
        """``speech_likeness`` of a candidate of an article (made once per candidate)."""
        key = (doc_id, cand)
        if key not in self._speech_of:
            self._speech_of[key] = speech_likeness(self.index.documents[doc_id].text, cand)
        return self._speech_of[key]

    def speaker_cues(self, row: int, cand: Candidate) -> tuple[str, str, str | None, str | None, str | None, bool]:
        """The words around a quotation of a sentence that say who speaks (made once per candidate): the text
        before and after it (80 characters each, within the sentence); who speaks right before it ("the
        interpreter responded, “...”"); who speaks before it in the sentence; the name by a speech verb
        ("..., said Oh", not a pronoun); and whether a pronoun speaks ("he said")."""
        key = (row, cand)
        if key not in self._speaker_cues:
            sent = self.index.sentences[row]
            doc_text = self.index.documents[sent.doc_id].text
            before = doc_text[max(sent.start, cand.start - 80):cand.start]
            after = doc_text[cand.end:min(sent.end, cand.end + 80)]
            verbs = SPEECH_VERBS
            lead = re.search(rf"\b(?:the|a|an|his|her|their)\s+((?:[\w’'-]+\s+){{0,2}}?[a-z][\w’'-]*)\s+(?:{verbs})\s*[,:]?\s*[“\"‘]?\s*$",
                             before)
            other = re.search(rf"\b(?:the|a|an|his|her|their)\s+((?:[\w’'-]+\s+){{0,2}}?[a-z][\w’'-]*)\s+(?:{verbs})\s*[,:]?\s*[“\"‘]",
                              doc_text[sent.start:cand.start])
            named = (re.search(rf"(?:{verbs})\s+((?:[A-Z][\w’'.-]+\s?){{1,4}})", after)
                     or re.search(rf"((?:[A-Z][\w’'.-]+\s?){{1,4}})\s+(?:{verbs})\b", before + " " + after))
            if named and named.string is not after and named.end() <= len(before) \
                    and _TWO_NAMES.search(before, named.end()):
                named = None  # "Ruiz said the plan, which Tom Beck called “[...]”": someone else stands between
            pronoun = re.search(rf"\b(?:he|she|they)\s+(?:{verbs})\b|\b(?:{verbs})\s+(?:he|she)\b", before + " " + after, re.I)
            self._speaker_cues[key] = (
                before, after, lead.group(1) if lead else None, other.group(1) if other else None,
                named.group(1) if named and not _PRONOUN.fullmatch(named.group(1).strip()) else None, bool(pronoun))
        return self._speaker_cues[key]

    def word_forms(self, row: int) -> tuple[frozenset[str], tuple[str, ...]]:
        """The stems and hyphen parts of a sentence's words, and its words as written (made once)."""
        if row not in self._word_forms:
            toks = self.tokens(row)
            stems = {stem(tok.lower) for tok in toks}
            stems.update(part for tok in toks for part in tok.lower.split("-"))
            self._word_forms[row] = (frozenset(stems), tuple(tok.text for tok in toks))
        return self._word_forms[row]

    def positions(self, row: int) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """Token positions of a sentence by stem, by part of a hyphenated word, and by lower-cased word."""
        if row not in self._positions:
            by_stem: dict[str, list[int]] = {}
            by_part: dict[str, list[int]] = {}
            by_word: dict[str, list[int]] = {}
            text = self.index.documents[self.index.sentences[row].doc_id].text
            # who says "I" here: a transcript turn's or an interview answer's speaker, else the article's writer
            turn = turn_speaker(text, self.index.sentences[row].start)
            author = frozenset(stem(w.lower()) for w in turn[0].split()) if turn else \
                self.author_terms(self.index.sentences[row].doc_id)
            for i, tok in enumerate(self.tokens(row)):
                low = tok.lower
                st = stem(low)
                by_stem.setdefault(st, []).append(i)
                by_word.setdefault(low, []).append(i)
                if "-" in low:
                    for part in set(low.split("-")):
                        if part != st:
                            by_part.setdefault(part, []).append(i)
                if author and low in ("i", "my", "me", "myself") and not _in_quotes(text, tok.start):
                    # the one who writes a letter or a column is its "I": "I have lived on Ashgrove Terrace" is the
                    # letter writer's, "Gideon Roke"'s
                    for t in author:
                        by_stem.setdefault(t, []).append(i)
            self._positions[row] = tuple({k: tuple(v) for k, v in d.items()} for d in (by_stem, by_part, by_word))
        return self._positions[row]

    def author_terms(self, doc_id: str) -> frozenset[str]:
        """The stems of the name of who writes an article in the first person, and of the words for a writer
        ("writer", "author", "columnist"): the name on its byline ("By Lena Harskov, The Kettrin Ledger") or
        signed at its end ("Gideon Roke" on a line of its own, an address below), where its text says "I" outside
        quotations; else none (made once per article)."""
        if doc_id not in self._authors:
            text = self.index.documents[doc_id].text
            found: frozenset[str] = frozenset()
            name = _BYLINE_NAME.search(text[:400]) or _SIGNED_NAME.search(text[-300:])
            first_person = [m for m in re.finditer(r"\b(?:I|my|me)\b", text) if not _in_quotes(text, m.start())]
            if name and len(first_person) >= 2:
                found = frozenset(stem(w.lower()) for w in name.group(1).split()) | _WRITER_WORDS
            self._authors[doc_id] = found
        return self._authors[doc_id]

    def candidates(self, row: int) -> list[Candidate]:
        """The sentence's candidate spans (see ``spans.candidates``), without a capitalised first word that
        other articles write in lower case ("Memos retrieved from ...": a common noun, not a name)."""
        if row not in self._cands:
            sent = self.index.sentences[row]
            found = candidates(self.index.documents[sent.doc_id].text, sent.start, sent.end)
            kinds = self.name_kinds
            out, seen = [], set()
            for c in found:
                if c.kind in NAME_KINDS and c.start == sent.start and " " not in c.text and c.text.lower() in self.lower_words:
                    continue
                if c.kind == NAME and kinds.get(c.text) == PERSON and " " in c.text:
                    c = Candidate(c.start, c.end, c.text, PERSON)  # someone's full name with no cue here, from another article
                elif c.kind == PLACE and legal_body(self.name_kinds, c.text):
                    # "chief executive of [Gellerhorn Bergbahnen]": the "Gellerhorn Bergbahnen AG" of another article
                    c = Candidate(c.start, c.end, c.text, ORG)
                elif c.kind == ORG and " " not in c.text and self._surname(c.text):
                    # "Mabry, the crane operator hit by a lorry": the surname of "Declan Mabry", not a body
                    c = Candidate(c.start, c.end, c.text, PERSON)
                elif c.kind == PERSON and " " not in c.text and self._body_word(c.text) \
                        and not speaker_label(self.index.documents[sent.doc_id].text, c):
                    # "Greyhaven said ...", "granted Greyhaven an injunction": the first word of a body's name
                    # ("Greyhaven Terminals Ltd") that no one has as a surname is that body
                    c = Candidate(c.start, c.end, c.text, ORG)
                if (c.start, c.end, c.kind) not in seen:
                    seen.add((c.start, c.end, c.kind))
                    out.append(c)
            self._cands[row] = out
        return self._cands[row]

    def _surname(self, word: str) -> bool:
        """Whether the articles name a person with this surname ("Declan Mabry") and no body with it in its name
        (made once per word)."""
        if word not in self._surnames:
            kinds = self.name_kinds
            self._surnames[word] = any(k.endswith(" " + word) and v == PERSON for k, v in kinds.items()) and not any(
                (k.startswith(word + " ") or k.endswith(" " + word)) and v == ORG for k, v in kinds.items())
        return self._surnames[word]

    def _body_word(self, word: str) -> bool:
        """Whether the articles name a body by this word and some more ("Greyhaven Terminals Ltd") and no person
        by it as a surname (made once per word)."""
        if word not in self._body_words:
            kinds = self.name_kinds
            self._body_words[word] = any(k.startswith(word + " ") and v == ORG for k, v in kinds.items()) and not any(
                k.endswith(" " + word) and v == PERSON for k, v in kinds.items())
        return self._body_words[word]

    @property
    def name_kinds(self) -> dict[str, str]:
        """What the articles together say each name is (``spans.corpus_kinds``; made once). It reads every article,
        so only indexes up to ``WARM_UP_SENTENCES`` sentences have it: a large one's first question would wait."""
        if self._name_kinds is None:
            small = len(self.index.sentences) <= WARM_UP_SENTENCES
            self._name_kinds = corpus_kinds([doc.text for doc in self.index.documents.values()]) if small else {}
        return self._name_kinds

    def unlabelled(self, row: int) -> list[Candidate]:
        """The sentence's candidates without a transcript's speaker label ("ACHTERBERG: ..."): who speaks a turn
        answers who said it, not what the turn is about."""
        if row not in self._unlabelled:
            text = self.index.documents[self.index.sentences[row].doc_id].text
            self._unlabelled[row] = [c for c in self.candidates(row)
                                     if not (c.kind == PERSON and speaker_label(text, c))]
        return self._unlabelled[row]

    @property
    def lower_words(self) -> frozenset[str]:
        """Words written in lower case somewhere in the corpus (made once)."""
        if self._lower is None:
            self._lower = frozenset().union(*(lower_words(doc.text) for doc in self.index.documents.values()))
        return self._lower


class Signals:
    """Computes sentence and span signals for one index."""

    def __init__(self, index: Index, settings: ReaderSettings):
        self.index = index
        self.settings = settings
        self.stats = SentenceStats(index)
        self._word_rows = {w: i for i, w in enumerate(index.words)}
        self._similar: dict[str, tuple[dict[str, float], list[tuple[str, float]]]] = {}
        self._antecedents: dict[tuple[int, str], int | None] = {}
        self._crafts: dict[str, bool] = {}  # a name led -> whether the articles name a craft so
        self._openings: dict[str, frozenset[str]] | None = None  # article -> terms of its opening
        self._rows_by_doc: dict[str, list[int]] | None = None

    def warm_up(self) -> None:
        """Make the per-sentence data of the index now (see ``SentenceStats.warm_up``)."""
        self.stats.warm_up()

    # --- the question ------------------------------------------------------------------------

    @staticmethod
    def question_words(q: Question) -> list[str]:
        """Surface words of the question whose vectors are needed for soft matching (not names: ``context``
        matches them exactly or not at all, so embedding them would be wasted)."""
        words = [t.lower for t in tokens(q.text)]
        return list(dict.fromkeys(w for w in words if w not in STOPWORDS and len(w) > 1 and not w[0].isdigit()
                                  and stem(w) not in q.proper))

    def context(self, q: Question, vector: np.ndarray, word_vectors: dict[str, np.ndarray] | None) -> QueryContext:
        """Soft matches of each question term against the corpus vocabulary."""
        soft: dict[str, dict[str, float]] = {}
        focus_sims: dict[str, float] = {}
        vocab = self.index.word_vectors
        if word_vectors and vocab is not None and len(self.index.words):
            proper = set(q.proper)
            for word, vec in word_vectors.items():
                term = stem(word)
                if term in proper:
                    continue  # names match exactly or not at all ("Putin" is not "Kremlin")
                soft[term], focus = self._similar_words(word, vec)
                if term in q.focus:
                    for w, sim in focus:
                        focus_sims[w] = max(focus_sims.get(w, 0.0), sim)
        weights = {t: self.stats.weight(t) for t in set(q.terms)}
        ctx = QueryContext(q, vector, weights, soft, focus_sims)
        if self.source_docs(ctx):
            # the words that name the source pick its article; within it they are no evidence ("the harbour
            # authority's timeline": not the entry in which the Harbour Authority opens its incident room)
            for t in ctx.memo["source terms"]:
                if t in ctx.term_weight and len(ctx.term_weight) > len(ctx.memo["source terms"]):
                    ctx.term_weight[t] *= _SOURCE_TERM_SHARE
        return ctx

    def _similar_words(self, word: str, vec: np.ndarray) -> tuple[dict[str, float], list[tuple[str, float]]]:
        """The vocabulary words similar to a word's vector, with their similarity: those from ``soft_threshold`` on
        (read only), and those from ``focus_threshold`` on. Kept for a word of the vocabulary given its index vector
        (questions share words), made each time for any other."""
        s, words = self.settings, self.index.words
        row = self._word_rows.get(word)
        kept = row is not None and np.array_equal(vec, self.index.word_vectors[row])
        if kept and word in self._similar:
            return self._similar[word]
        sims = self.index.word_vectors @ vec
        close = np.nonzero(sims >= s.soft_threshold)[0]
        focus = np.nonzero(sims >= s.focus_threshold)[0]
        found = (dict(zip([words[i] for i in close.tolist()], sims[close].tolist())),
                 list(zip([words[i] for i in focus.tolist()], sims[focus].tolist())))
        if kept:
            self._similar[word] = found
        return found

    def known_share(self, ctx: QueryContext) -> float:
        """IDF share of the question's terms that some article holds, as such or as a similar word."""
        m = _DEFINED_ASKED.match(ctx.q.text) if ctx.q.answer_type == DESCRIPTION else None
        # "What kind of organism is salmonella?": the kind is what the answer says ("a group of bacteria"), not a
        # word the articles must hold.
        kind = set(terms(m.group("kind"))) if m and m.group("kind") and self.definition_rows(ctx) else set()
        agency = _AGENCY_ASKED.search(ctx.q.text)
        if agency and any(dateline_agency(doc.text) for doc in self.index.documents.values()):
            kind |= set(terms(agency.group()))  # "Which news agency ...?": a dateline names one, not in these words
        weights = {t: w for t, w in ctx.term_weight.items() if t not in kind}
        total = sum(weights.values())
        if not total:
            return 0.0
        known = sum(w for t, w in weights.items() if t in self.stats.vocabulary or ctx.soft.get(t))
        return known / total

    def unknown_names(self, q: Question) -> list[str]:
        """Capitalised words of the question that no article contains in any form ("Putin", "FIFA")."""
        out = []
        for i, tok in enumerate(tokens(q.text)):
            if i == 0 or not tok.text[:1].isupper() or tok.lower in STOPWORDS:
                continue
            st = stem(tok.lower)
            if st in self.stats.vocabulary or st not in q.proper:
                continue
            if tok.text.isupper() and self.stats.has_acronym(tok.text):
                continue
            if re.search(r"[a-z](?:an|ian|ese|ish|i)s?$", tok.text):
                continue  # nationality words ("American", "Japanese") are descriptions, not names to find
            out.append(tok.text)
        return out

    # --- sentences ---------------------------------------------------------------------------

    def match(self, ctx: QueryContext, row: int) -> tuple[dict[str, float], list[tuple[int, float]]]:
        """Best match strength of each question term in a sentence, and the matching token positions.

        A term found as such in the sentence does not also match its look-alikes there ("troops" is
        found, so "war" does not count as a second, softer "troops").
        """
        if row in ctx.matches:
            return ctx.matches[row]
        ctx.matches[row] = result = self._match(ctx, row)
        return result

    def _match(self, ctx: QueryContext, row: int) -> tuple[dict[str, float], list[tuple[int, float]]]:
        by_stem, by_part, by_word = self.stats.positions(row)
        soft_weight = self.settings.soft_weight
        best: dict[str, float] = {}
        positions: list[tuple[int, float]] = []
        for term, weight in ctx.term_weight.items():
            exact = by_stem.get(term, ())
            if by_part and term in by_part:  # positions in order, each once: a word or a part of another
                exact = tuple(sorted(set(exact + by_part[term])))
            if exact:
                best[term] = 1.0
                positions.extend([(i, weight) for i in exact])
                continue
            similar = ctx.soft.get(term)
            if not similar:
                continue
            soft = [(i, strength * soft_weight) for word, strength in similar.items() if word in by_word
                    for i in by_word[word]]
            if soft:
                best[term] = max(strength for _, strength in soft)
                positions.extend((i, strength * weight) for i, strength in sorted(soft))
        positions.sort()
        return best, positions

    def _terms_at(self, ctx: QueryContext, row: int, positions: Iterable[int]) -> dict[str, float]:
        """Question terms matched at the given token positions of a sentence, with their strength."""
        out: dict[str, float] = {}
        for i in positions:
            for term, strength in self._terms_of_token(ctx, row, i):
                if strength > out.get(term, 0.0):
                    out[term] = strength
        return out

    def _terms_of_token(self, ctx: QueryContext, row: int, i: int) -> list[tuple[str, float]]:
        """Question terms one token of a sentence matches, with their (positive) strength; once per question."""
        key = ("token", row, i)
        found = ctx.memo.get(key)
        if found is None:
            low = self.stats.tokens(row)[i].lower
            st = stem(low)
            parts = low.split("-") if "-" in low else ()
            found = []
            for term in ctx.term_weight:
                strength = 1.0 if (st == term or term in parts) else ctx.soft.get(term, {}).get(low, 0.0) * self.settings.soft_weight
                if strength > 0.0:
                    found.append((term, strength))
            ctx.memo[key] = found
        return found

    def coverage(self, ctx: QueryContext, matched: dict[str, float]) -> float:
        if not matched:
            return 0.0  # every term weighs w * 0.0
        total = ctx.memo.get("total")
        if total is None:
            total = ctx.memo["total"] = sum(ctx.term_weight.values())
        if not total:
            return 0.0
        covered = 0.0
        for t, w in ctx.term_weight.items():
            covered += w * matched.get(t, 0.0)
        return covered / total

    def candidate_rows(self, ctx: QueryContext, hits: list[Hit]) -> dict[int, float]:
        """Sentences to read: those of the retrieved chunks plus the nearest sentences by dense similarity
        (from the same articles as the hits when the question is restricted to some), and for "What is X?" the
        sentences with an apposition to X."""
        rows: dict[int, float] = {}
        for hit in hits:
            for row in hit.chunk.sentences:
                rows[row] = max(rows.get(row, 0.0), 1.0 / (1 + hit.rank))
        n = self.settings.dense_sentences
        if n and len(self.index.sentences):
            sims = self.index.sentence_vectors @ ctx.vector
            if self.index.window_vectors is not None:  # a sentence whose context fits counts too
                sims = np.maximum(sims, self.index.window_vectors @ ctx.vector)
            if ctx.doc_ids:
                sims = np.where([s.doc_id in ctx.doc_ids for s in self.index.sentences], sims, -np.inf)
            for row in np.argsort(-sims)[:n].tolist():
                if math.isfinite(sims[row]):
                    rows.setdefault(row, 0.0)
            if ctx.q.answer_type == QUOTE:  # "What did X say?": the reported speech whose context fits
                by_row = sims.tolist()
                speech = [r for r in self.stats.speech if math.isfinite(by_row[r])]
                for row in sorted(speech, key=lambda r: -by_row[r])[:n]:
                    rows.setdefault(int(row), 0.0)
        for row in self.called_rows(ctx):  # "Who runs X?", "Which river ...?": where a name is called so
            rows.setdefault(row, 0.0)
        for row in self.byline_rows(ctx):  # "Who wrote the report?": the lines that credit a piece
            rows.setdefault(row, 0.0)
        for row in self.author_rows(ctx):  # "Why did Gideon Roke stop flying?": where the letter he wrote says "I"
            rows.setdefault(row, 0.0)
        for row in self.definition_rows(ctx):  # "What kind of gas is chlorine?": where the articles define it
            rows.setdefault(row, 0.0)
        sources = self.source_docs(ctx)
        if sources:  # "What time does the environment agency's timeline give ...?": the nearest of that page's sentences
            for row in self.nearest(ctx, [r for d in sorted(sources) if not ctx.doc_ids or d in ctx.doc_ids
                                          for r in self.doc_rows(d)]):
                rows.setdefault(row, 0.0)
        if ctx.q.answer_type == DESCRIPTION:  # "What happened to the crew?": where the articles say what it underwent
            for row in self.nearest(ctx, sorted(r for r in self.predicate_rows(ctx)
                                                if not ctx.doc_ids or self.index.sentences[r].doc_id in ctx.doc_ids)):
                rows.setdefault(row, 0.0)
        for row in self.apposition_rows(ctx):  # "What is X?": where the articles say what X is
            if not ctx.doc_ids or self.index.sentences[row].doc_id in ctx.doc_ids:
                rows.setdefault(row, 0.0)
        for row in self.antecedent_rows(ctx, list(rows)).values():  # "He then confessed ...": whom "he" is
            rows.setdefault(row, 0.0)
        if ctx.q.answer_type == DATE:  # "At what time did the blog report ...?": the time its entry stands under
            for row in list(rows):
                head = self.heading(row)
                if head is not None:
                    rows.setdefault(head, 0.0)
        return rows

    def score_sentences(self, ctx: QueryContext, hits: list[Hit]) -> list[ScoredSentence]:
        """Score the candidate sentences, best first."""
        s = self.settings
        rows = self.candidate_rows(ctx, hits)
        order = sorted(rows)
        sentences = self.index.sentences
        dense_of = dict(zip(order, (float(x) for x in self.index.sentence_vectors[order] @ ctx.vector))) if order else {}
        who_said = ctx.q.answer_type == PERSON and _ASKS_SPEECH.search(ctx.q.text) is not None
        scored = []
        for row in order:
            sent = sentences[row]
            matched, positions = self.match(ctx, row)
            carried = dict(matched)
            # A sentence that goes on about someone already named ("he replied") carries more, further back.
            continues = self.stats.continues(row)
            discount = s.carry_discount * (1.5 if continues else 1.0)
            # One that turns to someone else ("A second soldier, aged 26, ...") carries nothing of what came before.
            fresh = _NEW_REFERENT.match(sent.text) is not None
            for back in () if fresh else (1, 2, 3) if continues else (1, 2):
                prev = row - back
                if prev < 0 or sentences[prev].doc_id != sent.doc_id:
                    break
                share = min(1.0, discount / back)
                if (back == 1 and self.stats.asks(prev)) or (back == 2 and self.why_asked_row(row) == prev):
                    # the text's own question right before: "Why is mayonnaise risky?" (an explainer), or before a
                    # short acknowledgement ("Why did it take so long?" / "It is a fair question. [For the first ...]")
                    share = 1.0
                for term, strength in self.match(ctx, prev)[0].items():
                    carried[term] = max(carried.get(term, 0.0), share * strength)
            heading = self.list_heading(row)
            if heading is not None and heading < row - 2:
                # a fact box's line carries what its heading is about: "About Ossian" over "- Appearance: a golden ..."
                for term, strength in self.match(ctx, heading)[0].items():
                    carried[term] = max(carried.get(term, 0.0), s.heading_share * strength)
            if who_said:
                # "Who said ...?": the label that opens a speaker's turn says who said all of it.
                for later in self.stats.turn_rows(row):
                    for term, strength in self.match(ctx, later)[0].items():
                        carried[term] = max(carried.get(term, 0.0), strength)
            neighbours = [r for r in (row - 1, row + 1) if 0 <= r < len(sentences) and sentences[r].doc_id == sent.doc_id]
            context = max([self._similarity(ctx, r) for r in neighbours], default=0.0)
            window = float(self.index.window_vectors[row] @ ctx.vector) if self.index.window_vectors is not None else 0.0
            if fresh:
                window = min(window, dense_of[row])
            signals = {"dense": dense_of[row], "window": window,
                       "lexical": self.coverage(ctx, carried), "own": self.coverage(ctx, matched),
                       "context": context, "retrieval": rows[row], "title": float(row in self.stats.titles)}
            if ctx.q.answer_type == QUOTE:
                signals["speech"] = self.stats.speech.get(row, 0.0)
            score = (s.w_dense * signals["dense"] + s.w_window * window + s.w_speech * signals.get("speech", 0.0)
                     + s.w_lexical * signals["lexical"] + s.w_own * signals["own"]
                     + s.w_context * context + s.w_retrieval * signals["retrieval"])
            scored.append(ScoredSentence(row, sent, score, signals, positions))
        scored.sort(key=lambda x: (-x.score, x.row))
        # How far below the best sentence each one scores (1 for the best): a close second still counts, a
        # distant twelfth does not. Its rank alone (1 / (1 + rank)) set a close second as far down as a poor one
        # and did worse in cross-validation (hit 0.727 against 0.738).
        top_score = scored[0].score if scored else 0.0
        for sc in scored:
            sc.signals["sentence_gap"] = 1.0 + 4 * (sc.score - top_score)
        return scored

    def _similarity(self, ctx: QueryContext, row: int) -> float:
        """Dense similarity of one sentence to the question (a neighbour of several read sentences: once)."""
        key = ("sentence", row)
        sim = ctx.memo.get(key)
        if sim is None:
            sim = ctx.memo[key] = float(self.index.sentence_vectors[row] @ ctx.vector)
        return sim

    # --- spans -------------------------------------------------------------------------------

    def gaps(self, scored: ScoredSentence) -> list[Candidate]:
        """Runs of the sentence between the question's words, within one clause: what the question leaves open.

        "... compensating families of deployed soldiers with provisions such as food" asked as "What has
        North Korea given the families of deployed soldiers?" leaves "provisions such as food".
        """
        lay = self.stats.layout(scored.row)
        matched = {p for p, _ in scored.matches}
        doc_text = self.index.documents[scored.sentence.doc_id].text
        stop, subordinates, breaks = lay.stop, lay.subordinate, lay.breaks
        runs: list[list[int]] = []
        current: list[int] = []
        for i in range(len(stop)):
            subordinate = subordinates[i]
            if current and (i in matched or subordinate or breaks[i]):
                runs.append(current)
                current = []
            if not subordinate and i not in matched:
                current.append(i)
        if current:
            runs.append(current)
        out = []
        for run in runs:
            a, b = 0, len(run)
            while a < b and stop[run[a]]:
                a += 1
            # Not from inside a name the question's words begin: "North [Korean] authorities" after "North".
            while a < b and lay.upper[run[a]] and run[a] > 0 and run[a] - 1 in matched and lay.upper[run[a] - 1] \
                    and not doc_text[lay.ends[run[a] - 1]:lay.starts[run[a]]].strip():
                a += 1
            while b > a and stop[run[b - 1]]:
                b -= 1
            if a == b or b - a > 14 or all(lay.upper[i] or stop[i] for i in run[a:b]):
                continue  # nothing left, too long, or a name ("Dale Prentiss"): the typed name candidates stand for it
            start, end = lay.starts[run[a]], lay.ends[run[b - 1]]
            more = _NARROWED.match(doc_text, end, scored.sentence.end)
            if more:  # "information about North Korea[, particularly concerning its nuclear ... programs]": one thing
                end += len(more.group().rstrip(" .!?"))
            out.append(Candidate(start, end, doc_text[start:end], "gap"))
        return out

    def manners(self, scored: ScoredSentence, motion: bool = False) -> list[Candidate]:
        """For "How did X ...?": the means or manner phrases of the sentence, to the end of their clause, with their
        marker ("[through a side gangway]", "[by detonating explosives]", "[wrapping cuts on the lower deck]"); and
        for "How did X get to / reach / escape ...?" (``motion``), a verb that says how one moves, with what follows
        it to its clause's end or a purpose ("A soldier [swam for six hours] to flee to South Korea")."""
        sent = scored.sentence
        doc_text = self.index.documents[sent.doc_id].text
        out = []
        for m in _MOVED.finditer(doc_text, sent.start, sent.end) if motion else ():
            end = _PREDICATE_END.search(doc_text, m.end(), sent.end)
            stop = end.start() if end else sent.end
            purpose = _PURPOSE_AFTER.search(doc_text, m.end(), stop)
            stop = purpose.start() if purpose else stop
            text = doc_text[m.start():stop].rstrip(" ,.!?”\"")
            if 1 <= len(text.split()) <= 12:
                out.append(Candidate(m.start(), m.start() + len(text), text, DESCRIPTION))
        for m in _MANNER_START.finditer(doc_text, sent.start, sent.end):
            end = _PREDICATE_END.search(doc_text, m.end(), sent.end)
            stop = end.start() if end else sent.end
            text = doc_text[m.start():stop].rstrip(" ,.!?”\"")
            if 2 <= len(text.split()) <= 16:
                out.append(Candidate(m.start(), m.start() + len(text), text, DESCRIPTION))
        return out

    def objects(self, scored: ScoredSentence, ctx: QueryContext) -> list[Candidate]:
        """For "What does X make?": what follows the asked verb or a word like it in the sentence, to the end of its
        clause and to its first preposition ("manufactures [polyvinyl chloride (PVC) resins] and employs ...")."""
        m = _OBJECT_ASKED.match(ctx.q.text)
        if not m:
            return []
        verb = stem(m.group(1).lower())
        similar = ctx.soft.get(verb, {})
        sent = scored.sentence
        doc_text = self.index.documents[sent.doc_id].text
        out = []
        for tok in self.stats.tokens(scored.row):
            if stem(tok.lower) != verb and similar.get(tok.lower, 0.0) < _OBJECT_SIMILARITY:
                continue
            limit = min(sent.end, tok.end + 200)  # an object is a few words: no search runs to a long sentence's end
            end = _OBJECT_END.search(doc_text, tok.end, limit)
            stop = end.start() if end else limit
            ends = [stop]
            if end and end.group().strip() in ("and", "but"):  # "barley and oats", or "... and employs 412 people"
                clause = _OBJECT_END.search(doc_text, end.end(), limit)
                while clause and clause.group().strip() in ("and", "but"):
                    clause = _OBJECT_END.search(doc_text, clause.end(), limit)
                ends.append(clause.start() if clause else limit)
            for e in ends[:]:
                prep = re.search(r"\s(?:for|to|in|on|at|from|with|by|into|since|during)\s", doc_text[tok.end:e])
                if prep:
                    ends.append(tok.end + prep.start())
            start = tok.end + len(doc_text[tok.end:stop]) - len(doc_text[tok.end:stop].lstrip())
            for e in sorted(set(ends)):
                text = doc_text[start:e].rstrip(" ,.!?”\"")
                cand = Candidate(start, start + len(text), text, DESCRIPTION)
                if 1 <= len(text.split()) <= 12 and text[:1].isalnum() and cand not in out:
                    out.append(cand)
        return out

    def predicate_rows(self, ctx: QueryContext) -> dict[int, list[Candidate]]:
        """For "What happened to X?" / "What did X do?": the predicates of X by sentence row, for the sentences that
        hold one (once per question; only the sentences with a word of X are read: "Brandt, who ..." names Hollis
        Brandt too)."""
        if "predicate rows" not in ctx.memo:
            subject = _happened_subject(ctx.q.text)
            near = sorted({row for t in subject for row in self.stats.rows_of.get(t, ())})
            found = {row: self.predicates(row, subject) for row in near}
            # and what "he" or "she" did in the sentences after the one that names them ("Trask, a 34-year-old marine
            # ecologist, ... When the oil came ashore, [he turned the hall into a hospital within a day]")
            named = set(near)
            later = sorted({r + k for r in near for k in range(1, ANTECEDENT_REACH + 1) if r + k < len(self.index.sentences)}
                           - named) if subject and subject <= set(ctx.q.proper) and len(subject) <= 3 else []
            for row in later:
                if self.antecedent(row, PERSON) in named:
                    cands = self.predicates(row, _PRONOUNS)
                    if cands:
                        found[row] = cands
            years = set(_YEAR_WORD.findall(ctx.q.text))
            # (a year asked about must be the sentence's: "What happened to the railway in 1987?" is not answered by
            # what it did in another year; with none such, the sentences are read as usual)
            if years:
                found = {row: [c for c in cands if years <= set(_YEAR_WORD.findall(self.clause_of(row, c)))]
                         for row, cands in found.items()}
            ctx.memo["predicate rows"] = {row: cands for row, cands in found.items() if cands}
        return ctx.memo["predicate rows"]

    def clause_of(self, row: int, cand: Candidate) -> str:
        """The part of the sentence between semicolons (or dashes) that holds the candidate: "In 1931 a cable
        snapped; [in 1987 an avalanche flattened the station]"."""
        sent = self.index.sentences[row]
        doc_text = self.index.documents[sent.doc_id].text
        start = max([m.end() for m in re.finditer(r"[;—–]", doc_text[sent.start:cand.start])], default=0)
        stop = re.search(r"[;—–]", doc_text[cand.end:sent.end])
        return doc_text[sent.start + start:cand.end + (stop.start() if stop else sent.end - cand.end)]

    def predicates(self, row: int, subject: frozenset[str]) -> list[Candidate]:
        """The predicate after each mention of the subject (stems) in a sentence, past an apposition or relative
        clause after it ("Ellison’s daughter, who works in Halverston, [was treated for a cut and released]"), from
        its verb to the end of its clause ("and" before another verb goes on)."""
        sent = self.index.sentences[row]
        toks = self.stats.tokens(row)
        doc_text = self.index.documents[sent.doc_id].text
        out = []
        for i, tok in enumerate(toks[:-1]):
            if stem(tok.lower) not in subject or stem(toks[i + 1].lower) in subject:
                continue  # not the last word of a mention
            after = _SKIP_APPOSITION.match(doc_text, tok.end, sent.end)
            start = after.end() if after else tok.end
            if not _PREDICATE_VERB.match(doc_text, start, sent.end):
                # the head of a compound the mention begins: "All 23 crew [members] were lifted off ..."
                head = re.compile(r"[a-z][\w-]*s\s+(?=(?:was|were|are|had|have|will|would)\b)").match(doc_text, start, sent.end)
                if not head:
                    continue
                start = head.end()
            end = _PREDICATE_END.search(doc_text, start, sent.end)
            text = doc_text[start:end.start() if end else sent.end].rstrip(" ,.!?”\"")
            if 1 <= len(text.split()) <= 20:
                out.append(Candidate(start, start + len(text), text, DESCRIPTION))
        return out

    def tails(self, scored: ScoredSentence, asked: frozenset[str] = frozenset()) -> list[Candidate]:
        """What follows the question's words to the end of their clause: the complement the question asks for.

        "What ineffective practice ..." against "... the ineffective practice of [firing at long-range
        drones]"; "What supplies does the shelter need?" against "... still needs [cots, dry socks and phone
        chargers]". A tail starts after the last of a run of question words, without the function words that
        follow it ("of", "was that"), runs through lists ("X, Y and Z") and ends at a clause break.
        """
        toks = self.stats.tokens(scored.row)
        matched = {p for p, _ in scored.matches}
        doc_text = self.index.documents[scored.sentence.doc_id].text
        out = []
        for p in sorted(matched):
            if p + 1 >= len(toks) or (toks[p].text[:1].isupper() and toks[p + 1].text[:1].isupper()):
                continue  # inside a name ("North | Korean")
            if p + 1 in matched or (p + 2 in matched and toks[p + 1].lower in STOPWORDS
                                    and not (toks[p + 1].lower in ("a", "an") and p + 3 < len(toks) and p + 3 not in matched
                                             and stem(toks[p + 2].lower) not in asked)):
                # inside a run of the question's words ("families of deployed soldiers"); but an object begun by "a"
                # holds its own words, where only a word like the question's leads it ("What injury did he
                # suffer?": "suffered [a bruised shoulder]")
                continue
            start = p + 1
            while start < len(toks) and toks[start].lower in _TAIL_LEAD and start - p <= 2:
                start += 1
            end = start
            while end < len(toks):
                tok = toks[end]
                if tok.lower in ("and", "or") and _LAST_ITEM.match(doc_text, tok.end, scored.sentence.end):
                    end += 1  # "... food and daily necessities.": the last item of a list
                    continue
                if tok.lower in _SUBORDINATORS or tok.lower in _TAIL_STOP:
                    break
                between = doc_text[toks[end - 1].end:tok.start] if end > start else ""
                if re.search(r"[;:()—–“”\"]", between):
                    break
                if "," in between and not _LIST_GOES_ON.match(doc_text, tok.start, scored.sentence.end):
                    break
                end += 1
            while end > start and toks[end - 1].lower in _DANGLING:
                end -= 1
            while start < end and toks[start].lower in STOPWORDS:
                start += 1  # "[themselves or] blow themselves up"
            if end > start and end - start <= 16:
                a, b = toks[start].start, toks[end - 1].end
                out.append(Candidate(a, b, doc_text[a:b], "tail"))
        return out

    def titles(self, row: int, q: Question) -> list[Candidate]:
        """What the sentence calls someone the question names, in the words right before the name: "Sheriff [Ramona
        Vick]", "Red Cross coordinator [Ana Ruiz]", "The district's director, [Lorraine Pike]" (kind people)."""
        toks = self.stats.tokens(row)
        doc_text = self.index.documents[self.index.sentences[row].doc_id].text
        out = []
        for i, tok in enumerate(toks):
            if stem(tok.lower) not in q.proper or (i and stem(toks[i - 1].lower) in q.proper):
                continue  # not the first word of a mention of the name
            j = i
            if i and doc_text[toks[i - 1].end:tok.start].strip() == "," and toks[i - 1].lower not in STOPWORDS:
                j = i - 1  # "The district's director, Lorraine Pike"
            while j > 0 and toks[j - 1].lower not in STOPWORDS and not re.search(r"[.;:()“”\"—–,]",
                                                                               doc_text[toks[j - 1].end:toks[j].start]):
                j -= 1
            if j > 0 and toks[j - 1].lower in ("the", "a", "an") and j < i:
                j -= 1  # "The district's director"
            words = toks[j:i]
            if words and any(stem(t.lower) not in q.proper for t in words):
                a, b = words[0].start, words[-1].end
                out.append(Candidate(a, b, doc_text[a:b], PEOPLE))
        return out

    def antecedent(self, row: int, kind: str) -> int | None:
        """For a sentence that speaks of someone only as "he" or "she", with no candidate of ``kind`` (a person's
        name, an age) of its own: the sentence before it that gives one, up to ``ANTECEDENT_REACH`` back through
        sentences that go on about someone named before ("One, a fresh-faced [20-year-old], revealed ..." for "He
        then confessed a desire to remain in Ukraine"); else None."""
        key = (row, kind)
        if key not in self._antecedents:  # (made once: the rows read and the sentences scored both ask)
            self._antecedents[key] = self._find_antecedent(row, kind)
        return self._antecedents[key]

    def _find_antecedent(self, row: int, kind: str) -> int | None:
        sentences = self.index.sentences
        if not _SUBJECT_PRONOUN.search(sentences[row].text) or any(c.kind == kind for c in self.stats.candidates(row)):
            return None
        for back in range(1, ANTECEDENT_REACH + 1):
            prev = row - back
            if prev < 0 or sentences[prev].doc_id != sentences[row].doc_id:
                return None
            if any(c.kind == kind for c in self.stats.candidates(prev)):
                return prev
            if not self.stats.continues(prev):
                return None
        return None

    def list_heading(self, row: int) -> int | None:
        """For an item of a list ("- Age: 8 years"), the row of the short line the list stands under ("About
        Ossian"), up through the list's other items, each on a line of its own; else None."""
        sentences = self.index.sentences
        sent = sentences[row]
        if not _LIST_ITEM.match(sent.text):
            return None
        text = self.index.documents[sent.doc_id].text
        prev = row - 1
        while prev >= 0 and row - prev <= 12 and sentences[prev].doc_id == sent.doc_id \
                and "\n" in text[sentences[prev].end:sentences[prev + 1].start]:
            line = sentences[prev].text.strip()
            if not _LIST_ITEM.match(line):
                return prev if len(line.split()) <= 8 and not re.search(r"[.!?:]$", line) else None
            prev -= 1
        return None

    def heading(self, row: int) -> int | None:
        """The row of the time a live blog's or a log's entry stands under, on a line of its own right above the
        entry's paragraph ("10:40 — Update" over "The Skyfest is cancelled. ..."); else None."""
        sentences = self.index.sentences
        sent = sentences[row]
        text = self.index.documents[sent.doc_id].text
        line = text.rfind("\n", 0, sent.start)
        for prev in (row - 1, row - 2, row - 3):
            if prev < 0 or sentences[prev].doc_id != sent.doc_id:
                return None
            if sentences[prev].end <= line:  # the first line above the paragraph
                return prev if _TIME_HEADING.fullmatch(sentences[prev].text.strip()) else None
        return None

    def antecedent_rows(self, ctx: QueryContext, rows) -> dict[int, int]:
        """For "who" and "how old" questions: the ``antecedent`` of each of the rows that has one."""
        kind = {PERSON: PERSON, AGE: AGE}.get(ctx.q.answer_type)
        if kind is None:
            return {}
        found = {}
        for row in rows:
            prev = self.antecedent(row, kind)
            if prev is not None:
                found[row] = prev
        return found

    def author_rows(self, ctx: QueryContext) -> list[int]:
        """For a question that names who writes an article in the first person, or calls them its writer (see
        ``SentenceStats.author_terms``): that article's sentences that say "I" and hold another of the question's
        terms, the ``dense_sentences`` nearest the question (once per question)."""
        if "author rows" not in ctx.memo:
            asked = set(ctx.q.proper) | (set(ctx.q.terms) & _WRITER_WORDS)
            rows: list[int] = []
            if asked:
                docs = {d for d in self.index.documents if asked & self.stats.author_terms(d)
                        and (not ctx.doc_ids or d in ctx.doc_ids)}
                for row, sent in enumerate(self.index.sentences):
                    if sent.doc_id in docs:
                        by_stem = self.stats.positions(row)[0]
                        author = self.stats.author_terms(sent.doc_id)
                        if any(t in by_stem and t not in self.stats.terms[row] for t in author) \
                                and any(t in self.stats.terms[row] for t in ctx.q.terms if t not in asked):
                            rows.append(row)
            ctx.memo["author rows"] = self.nearest(ctx, rows)
        return ctx.memo["author rows"]

    def byline_rows(self, ctx: QueryContext) -> list[int]:
        """For "Who wrote the Ostlink report?" (``WROTE_ASKED``): the byline sentences ("By Irena Fahl") of the
        articles that hold every name the question gives, or of all articles when none does (once per question)."""
        if "byline rows" not in ctx.memo:
            rows: list[int] = []
            if ctx.q.answer_type == PERSON and WROTE_ASKED.search(ctx.q.text):
                rows = [row for row in self.stats.bylines
                        if not ctx.doc_ids or self.index.sentences[row].doc_id in ctx.doc_ids]
                docs = [{self.index.sentences[r].doc_id for r in self.stats.rows_of.get(t, ())} for t in ctx.q.proper]
                naming = set.intersection(*docs) if docs else set()
                if naming and any(self.index.sentences[r].doc_id in naming for r in rows):
                    rows = [r for r in rows if self.index.sentences[r].doc_id in naming]
            ctx.memo["byline rows"] = rows
        return ctx.memo["byline rows"]

    def nearest(self, ctx: QueryContext, rows: list[int]) -> list[int]:
        """The ``dense_sentences`` of the rows nearest the question (all of them when no more)."""
        if len(rows) <= self.settings.dense_sentences:
            return rows
        sims = self.index.sentence_vectors[rows] @ ctx.vector
        return [rows[i] for i in np.argsort(-sims, kind="stable")[: self.settings.dense_sentences]]

    def doc_rows(self, doc_id: str) -> list[int]:
        """The rows of an article's sentences (made once per index)."""
        if self._rows_by_doc is None:
            self._rows_by_doc = {}
            for row, sent in enumerate(self.index.sentences):
                self._rows_by_doc.setdefault(sent.doc_id, []).append(row)
        return self._rows_by_doc.get(doc_id, [])

    def source_docs(self, ctx: QueryContext) -> frozenset[str]:
        """The articles a question names as its source ("the environment agency's timeline", "according to the
        coastguard"): those whose opening (title, masthead, heading) holds every word of that name, where some
        but not all do; else none (once per question)."""
        if "source docs" not in ctx.memo:
            m = _DOC_SOURCE.search(ctx.q.text)
            words = [t for t in terms(next(g for g in m.groups() if g)) if t not in _GENERIC_SOURCES] if m else []
            found: frozenset[str] = frozenset()
            ctx.memo["source terms"] = frozenset(words)
            if words:
                if self._openings is None:  # (once per index)
                    self._openings = {d: frozenset(term_tuple(doc.text[:_OPENING_CHARS]))
                                      for d, doc in self.index.documents.items()}
                found = frozenset(d for d, opening in self._openings.items() if set(words) <= opening)
                if len(found) == len(self.index.documents):
                    found = frozenset()
            ctx.memo["source docs"] = found
        return ctx.memo["source docs"]

    def called_rows(self, ctx: QueryContext) -> list[int]:
        """For a question asking for a name by a noun (``asked_nouns``: "who runs X", "which river"): the sentences
        that call a name by it and share a word of the rest of the question, the ``dense_sentences`` nearest the
        question (once per question)."""
        if "called rows" not in ctx.memo:
            nouns = self.asked_heads(ctx)
            topic = set(ctx.q.terms) - nouns
            if nouns == _CRAFT_LEADERS:
                topic |= _CRAFT_STEMS  # "the ship's master, Captain Teodor Mallik"
            rows = sorted({row for noun in nouns for row in self.stats.called.get(noun, ())
                           if topic & self.stats.terms[row]
                           and (not ctx.doc_ids or self.index.sentences[row].doc_id in ctx.doc_ids)})
            ctx.memo["called rows"] = self.nearest(ctx, rows)
        return ctx.memo["called rows"]

    def definition_rows(self, ctx: QueryContext) -> list[int]:
        """For a question asking what a thing is ("What is salmonella?", "What kind of gas is chlorine?",
        ``_DEFINED_ASKED``): the sentences that define it ("Salmonella is [a group of bacteria ...]", see
        ``definitions``), once per question."""
        if "definition rows" not in ctx.memo:
            m = _DEFINED_ASKED.match(ctx.q.text) if ctx.q.answer_type == DESCRIPTION else None
            words = term_tuple(m.group("thing")) if m else ()
            rows: list[int] = []
            if words:
                rarest = min(words, key=lambda t: len(self.stats.rows_of.get(t, ())))
                rows = [row for row in self.stats.rows_of.get(rarest, ()) if self.definitions(row, m.group("thing"))
                        and (not ctx.doc_ids or self.index.sentences[row].doc_id in ctx.doc_ids)]
            ctx.memo["definition rows"] = rows
        return ctx.memo["definition rows"]

    def definitions(self, row: int, thing: str) -> list[Candidate]:
        """What the sentence says the thing is, after "is a" / "are an" or a comma and "a": the noun phrase before a
        relative clause, with the clause, and to the sentence's end ("Chlorine, widely used in plastics, is [a yellow-green gas]
        [that irritates the eyes] [and can be fatal]"), of kind description."""
        sent = self.index.sentences[row]
        doc_text = self.index.documents[sent.doc_id].text
        # "X is a ...", "X, ..., is a ...", and an apposition: 'His instrument is "Tollan 2030", [a $310 million plan ...]'
        # ... and "water curtains, which are basically [walls of fine spray]"
        pattern = re.compile(rf"\b{re.escape(thing)}(?:e?s)?(?:(?:(?:\s*,[^,.;]{{1,80}},)?\s+(?:is|are|was|were)\s+|"
                             r"[”\"’]?\s*,\s+)(?=(?:a|an)\s)|\s*,\s+which\s+(?:is|are|was|were)\s+(?:(?:basically|essentially|"
                             r"simply|just|really|effectively)\s+)?(?=[a-z]))", re.I)
        m = pattern.search(doc_text, sent.start, sent.end)
        if m is None:
            return []
        start = m.end()
        stop = len(doc_text[start:sent.end].rstrip().rstrip(".!?"))
        rest = doc_text[start:start + stop]
        ends = {stop}
        noun = re.search(r",|;|:|\(|—|–|\s(?:that|which|who|whose|and|but)\s", rest)
        if noun and noun.group().strip() in ("that", "which", "who", "whose"):
            # A relative clause defines the noun: with it, up to its punctuation ("a group of bacteria [that
            # lives in the gut of animals], including poultry").
            clause = re.search(r"[;:(—–]|,(?!\s+(?:including|such as|especially|notably)\b)", rest[noun.end():])
            if clause:
                ends.add(noun.end() + clause.start())
        elif noun:
            ends.add(noun.start())
        return [Candidate(start, start + end, doc_text[start:start + end], DESCRIPTION)
                for end in sorted(ends) if len(rest[:end].split()) >= 2]

    def apposition_rows(self, ctx: QueryContext) -> list[int]:
        """For a question asking what a named person or body is (``_WHAT_IS``): the sentences that hold every
        word of the name with an apposition phrase after it (once per question)."""
        if "apposition rows" not in ctx.memo:
            name = set(ctx.q.proper)
            rows: list[int] = []
            if ctx.q.answer_type == DESCRIPTION and name and _WHAT_IS.match(ctx.q.text):
                rarest = min(name, key=lambda t: len(self.stats.rows_of.get(t, ())))  # only its sentences are read
                rows = [row for row in self.stats.rows_of.get(rarest, ())
                        if name <= self.stats.terms[row] and self.apposition_phrases(row, ctx.q)]
            ctx.memo["apposition rows"] = rows
        return ctx.memo["apposition rows"]

    def apposition_phrases(self, row: int, q: Question) -> list[Candidate]:
        """Noun phrases in apposition after a whole mention of the name the question asks about, up to the next
        comma, clause mark or relative pronoun: "the Korea Institute for National Unification, [a state-funded
        think tank]", "Walter Kessling, [a 67-year-old farmer] who ..." (kind description); an age without an
        article ("Kessling, 67,") is not one, but one after the age is ("Brannock, 52, [a conveyor mechanic]")."""
        toks = self.stats.tokens(row)
        sent = self.index.sentences[row]
        doc_text = self.index.documents[sent.doc_id].text
        wanted = min(2, len(q.proper))
        out, run = [], 0
        for i, tok in enumerate(toks):
            # (the name's words in one run of capitalised words: "Elias [John] Brannock" for "Elias Brannock")
            run = run + 1 if stem(tok.lower) in q.proper else run if run and tok.text[:1].isupper() else 0
            if run < wanted or (i + 1 < len(toks) and stem(toks[i + 1].lower) in q.proper):
                continue  # not the end of a whole mention
            end = i  # the rest of the name: "the Vellacott [Museum of Art], a small regional museum"
            while end + 1 < len(toks) and (toks[end + 1].text[:1].isupper() or (
                    toks[end + 1].lower in ("of", "for", "and") and end + 2 < len(toks) and toks[end + 2].text[:1].isupper())):
                end += 1
            m = _APPOSITION.match(doc_text, toks[end].end, sent.end)
            if m:
                out.append(Candidate(m.start(1), m.end(1), m.group(1), DESCRIPTION))
        return out

    def _appositions(self, scored: ScoredSentence, q: Question, cands: list[Candidate]) -> list[Candidate]:
        """The candidates that stand in apposition after a mention of a name the question asks about: "Dana Holt,
        [a hydrologist at the Tessel Valley Water Authority]"."""
        toks = self.stats.tokens(scored.row)
        doc_text = self.index.documents[scored.sentence.doc_id].text
        ends = [t.end for i, t in enumerate(toks) if stem(t.lower) in q.proper
                and not (i + 1 < len(toks) and stem(toks[i + 1].lower) in q.proper)]  # the last word of each mention

        def apposition(c: Candidate, end: int) -> bool:
            # "Dana Holt, [a hydrologist ...]", "Koo, [spokesman for the ministry], said": an article opens it or a
            # comma closes it; "Ines Koval, [said the fire ...]." is what she did, not what she is.
            sep = re.fullmatch(r"\s*,\s*((?:a|an|the)\s+)?", doc_text[end:c.start])
            if sep is None:
                return False
            first = c.text.split()[0].lower()
            verb = first.endswith("ed") or re.fullmatch(SPEECH_VERBS, first) is not None  # "Holt, [featured in ...]"
            return sep.group(1) is not None or c.text[:1].isdigit() or (
                not verb and re.match(r"\s*[,)—–]", doc_text[c.end:c.end + 3]) is not None)

        return [c for c in cands if c.kind != PERSON and any(apposition(c, e) for e in ends if e <= c.start)]

    def candidates(self, scored: ScoredSentence, ctx: QueryContext | None = None) -> list[Candidate]:
        """The sentence's candidates, with its gaps (unless the question's type admits no description: gaps could
        not answer it, see ``span_features``), and its tails for questions asking for a description."""
        if ctx is not None and ctx.q.answer_type in (ORG, PERSON, NAME) and _AGENCY_ASKED.search(ctx.q.text):
            # "Which news agency filed the report?": the agency in brackets of the dateline, which is otherwise no
            # answer (it sent the story; the story is not about it)
            sent = self.sent_by(scored)
            if sent:
                return [sent]
        if ctx is not None and ctx.q.answer_type == PLACE and FILED_FROM.search(ctx.q.text):
            # "From which town was the report filed?": the place of the dateline
            sent = self.sent_from(scored)
            return [sent] if sent else []
        tails = self.tails(scored, ctx.q.term_set) if ctx is not None and ctx.q.answer_type == DESCRIPTION else []
        speech = ctx is None or ctx.q.answer_type == QUOTE or _ASKS_SPEECH.search(ctx.q.text) is not None
        own = self.stats.candidates(scored.row) if speech else self.stats.unlabelled(scored.row)
        if not speech and ctx is not None and ctx.q.answer_type == PERSON and len(own) < len(self.stats.candidates(scored.row)):
            # "Who chairs the committee?": a turn's label that gives its speaker the post asked about ("CHAIR
            # ROSALIND MERCHISTON: ...") says who holds it
            heads = self.asked_heads(ctx)
            own = own + [c for c in self.stats.candidates(scored.row) if c not in own and c.kind == PERSON
                         and " " in c.text and stem(c.text.split()[0].lower()) in heads]
        if ctx is not None and ctx.q.answer_type == DESCRIPTION and _WHO_IS.match(ctx.q.text):
            # "Who is Dana Holt?": what the text calls her, right before or after her name ("Sheriff Dana Holt",
            # "Dana Holt, a hydrologist at ..."); a sentence that only names her says nothing of who she is.
            return self.titles(scored.row, ctx.q) + self._appositions(scored, ctx.q, own + self.gaps(scored) + tails)
        if ctx is not None and ctx.q.answer_type == DESCRIPTION and _RANK_ASKED.search(ctx.q.text):
            # "What rank does Tomas Brill hold?": the title before his name ("Sergeant [Tomas Brill]")
            return self.titles(scored.row, ctx.q)
        if ctx is not None and ctx.q.answer_type == DESCRIPTION and _WHAT_IS.match(ctx.q.text):
            # "What is the Water Authority?", "What is Dana Holt's job?": the noun phrase in apposition after the
            # name ("the Water Authority, [a state agency]"), or a person's title. Only those, where the articles
            # have one anywhere; otherwise the sentence is read as usual.
            if self.apposition_rows(ctx):
                said = self.apposition_phrases(scored.row, ctx.q)
                return said + self.titles(scored.row, ctx.q) if _OCCUPATION_ASKED.search(ctx.q.text) else said
            if _OCCUPATION_ASKED.search(ctx.q.text):
                # (with no apposition anywhere, a title before the name is read besides the rest: "Senior carnivore
                # keeper [Samuel Oduya]")
                own = own + [c for c in self.titles(scored.row, ctx.q) if c not in own]
        if ctx is not None and self.definition_rows(ctx):
            # "What is salmonella?": what the articles say it is, where they define it anywhere.
            m = _DEFINED_ASKED.match(ctx.q.text)
            return self.definitions(scored.row, m.group("thing")) if scored.row in self.definition_rows(ctx) else []
        said = self.predicate_rows(ctx) if ctx is not None and ctx.q.answer_type == DESCRIPTION else None
        if said:
            # "What happened to the Sable Queen?": what a sentence says she did or underwent, right after naming
            # her ("the Sable Queen, another ferry, [lost power near Gull Point]"). Only that, where the articles
            # say it anywhere; otherwise the sentence is read as usual.
            return said.get(scored.row, [])
        if ctx is not None and TYPE_MATCH[ctx.q.answer_type].get("description", 0.0) == 0.0:
            return own + self.named_phrases(scored, ctx.q) + tails
        if ctx is not None and ctx.q.answer_type == QUOTE and any(c.kind == QUOTE for c in own):
            # "What did X say?": where the sentence quotes or reports someone, what was said answers, not a phrase
            # around it.
            return [c for c in own if c.kind != DESCRIPTION]
        if ctx is None:
            return own + self.gaps(scored) + tails
        manners = self.manners(scored, _MOTION_ASKED.match(ctx.q.text) is not None) if _MANNER_ASKED.match(ctx.q.text) else []
        objects = self.objects(scored, ctx) if ctx.q.answer_type == DESCRIPTION else []
        answered = (self.answered_why(scored) or self.explains(scored, ctx.memo.get("top row", -1))) \
            if ctx.q.answer_type == REASON else []
        if ctx.q.answer_type == DESCRIPTION and MATERIAL_ASKED.search(ctx.q.text):
            # "What was the levee made of?": the materials the sentence names ("the [earthen] levee")
            doc_text = self.index.documents[scored.sentence.doc_id].text
            objects = objects + [c for c in materials(doc_text, scored.sentence.start, scored.sentence.end) if c not in own]
        if answered:  # the answer to the text's "Why ...?" is the sentence, not a time it mentions ("floods [after rain]")
            own = [c for c in own if not (c.kind == REASON and c.text.split()[0].lower() in TIMED_MARKERS)]
        return own + self.named_phrases(scored, ctx.q) + manners + objects + answered + self.gaps(scored) + tails

    def sent_from(self, scored: ScoredSentence) -> Candidate | None:
        """The place of the document's dateline, where it stands in this sentence."""
        return self._in_dateline(scored, dateline_place, PLACE)

    def sent_by(self, scored: ScoredSentence) -> Candidate | None:
        """The news agency of the document's dateline, where it stands in this sentence."""
        return self._in_dateline(scored, dateline_agency, ORG)

    def _in_dateline(self, scored: ScoredSentence, part, kind: str) -> Candidate | None:
        """A part of the document's dateline (``part``: where it stands in the text), as a candidate of ``kind``, where
        it stands in this sentence."""
        doc_text = self.index.documents[scored.sentence.doc_id].text
        found = part(doc_text)
        if found and scored.sentence.start <= found[0] and found[1] <= scored.sentence.end:
            return Candidate(found[0], found[1], doc_text[found[0]:found[1]], kind)
        return None

    def _asks_why(self, row: int, doc_id: str) -> bool:
        """Whether the sentence at ``row`` (of ``doc_id``) is a "Why ...?" the text asks (in a transcript, past the
        turn's label: "CHAIR: Why was the fan not replaced sooner?")."""
        return 0 <= row and self.index.sentences[row].doc_id == doc_id and self.stats.asks(row) \
            and _WHY_START.match(_TURN_LABEL.sub("", self.index.sentences[row].text)) is not None

    def acknowledges(self, row: int) -> bool:
        """Whether the sentence is a short acknowledgement that opens a reply ("It is a fair question.", "Good
        question."), after which the same speaker gives the answer: a few words, no reason, and the turn goes on
        in the next sentence on its line."""
        sentences = self.index.sentences
        text = _TURN_LABEL.sub("", sentences[row].text)
        if len(text.split()) > 6 or _STRONG_REASON.match(text) or self.stats.asks(row) \
                or any(c.kind == REASON for c in self.stats.candidates(row)):
            return False
        nxt = row + 1
        doc_text = self.index.documents[sentences[row].doc_id].text
        return nxt < len(sentences) and sentences[nxt].doc_id == sentences[row].doc_id \
            and "\n" not in doc_text[sentences[row].end:sentences[nxt].start]

    def why_asked_row(self, row: int) -> int | None:
        """The row of the text's "Why ...?" that the sentence at ``row`` answers: the sentence right before, or,
        after a short acknowledgement ("It is a fair question."), the one before that; else None."""
        doc_id = self.index.sentences[row].doc_id
        if self._asks_why(row - 1, doc_id):
            return row - 1
        if row >= 2 and self.index.sentences[row - 1].doc_id == doc_id and self._asks_why(row - 2, doc_id) \
                and self.acknowledges(row - 1):
            return row - 2
        return None

    def _asked_on_line(self, row: int) -> bool:
        """Whether a question follows the sentence on its line: a transcript's turn that asks ("I want to ask about
        the warning. [My constituents got a text at eleven.] ... Why did it take so long?"), which gives no answer."""
        sentences = self.index.sentences
        doc_text = self.index.documents[sentences[row].doc_id].text
        nxt = row + 1
        while nxt < len(sentences) and sentences[nxt].doc_id == sentences[row].doc_id \
                and "\n" not in doc_text[sentences[nxt - 1].end:sentences[nxt].start]:
            if self.stats.asks(nxt):
                return True
            nxt += 1
        return False

    def answered_why(self, scored: ScoredSentence) -> list[Candidate]:
        """The sentence as a whole, as a reason, when the text asks "Why ...?" right before it: an explainer's
        answer ("Why was mayonnaise the culprit? [Mayonnaise is made with egg yolk that is not cooked]."), which
        needs no marker to give the reason; in a transcript, past the turns' labels ("CHAIR: Why was the fan not
        replaced sooner?" / "MR. DUNMORE: [The motor is made by a single supplier abroad ...]") and past a short
        acknowledgement ("ACHTERBERG: It is a fair question. [For the first ninety minutes ...]"), which is no
        answer itself."""
        if self.why_asked_row(scored.row) is None or self.acknowledges(scored.row):
            return []
        text = scored.sentence.text
        label = _TURN_LABEL.match(text)
        skip = label.end() if label else 0
        end = len(text.rstrip().rstrip(".!"))
        start = scored.sentence.start
        return [Candidate(start + skip, start + end, text[skip:end], REASON)] if end > skip else []

    def explains(self, scored: ScoredSentence, top: int) -> list[Candidate]:
        """The sentence as a whole (or its quotation), as a reason, when it follows the sentence ``top`` that best
        matches a "why" question and that sentence gives no reason of its own: "Experts said he should not send them
        back. [“Most likely, he would be executed upon arrival,”] said Oh."."""
        sentences = self.index.sentences
        # (and the sentence before it, when it opens on what that one said: "The bolt had corroded and failed. This
        # allowed Ossian to push the hatch open.")
        before = top >= 1 and _CONSEQUENCE.match(sentences[top].text) is not None
        if scored.row != (top - 1 if before else top + 1) or top < 0 or sentences[top].doc_id != scored.sentence.doc_id \
                or self.stats.asks(top) or any(c.kind == REASON for c in self.stats.candidates(top)):
            return []
        if _LIST_ITEM.match(scored.sentence.text) or BYLINE_LINE.match(scored.sentence.text) \
                or self.stats.asks(scored.row) or len(sentences[top].text.split()) < 4 \
                or _SOURCE_NOTE.search(scored.sentence.text) or self._asked_on_line(scored.row):
            # a list's or a timeline's next item says what came next, not why; nor does a byline, a question, what
            # follows a name signed on its own line, or a note on where it was said ("The NIS provided these details
            # during a confidential session ...")
            return []
        quotes = [c for c in self.stats.candidates(scored.row) if c.kind == QUOTE]
        if quotes:
            return [Candidate(quotes[0].start, quotes[0].end, quotes[0].text, REASON)]
        text = scored.sentence.text
        end = len(text.rstrip().rstrip(".!"))
        start = scored.sentence.start
        return [Candidate(start, start + end, text[:end], REASON)] if end else []

    def novelty(self, q: Question, cand: Candidate) -> float:
        """Share of the candidate's content terms that the question does not already contain."""
        return _novelty(q.term_set, cand.text)

    def span_features(self, ctx: QueryContext, scored: ScoredSentence, cand: Candidate) -> dict[str, float] | None:
        """Features of one candidate in its sentence; None when it cannot answer the question at all."""
        q, s = ctx.q, self.settings
        kind = "description" if cand.kind in ("gap", "tail") else cand.kind
        type_fit = TYPE_MATCH[q.answer_type].get(kind, 0.0)
        if type_fit == 0.0:
            return None
        exact = kind == q.answer_type
        if q.answer_type == REASON and kind != REASON and (
                (cand.kind in ("gap", "tail") and len(cand.text.split()) == 1) or not re.search(r"\b[a-z]{2,}", cand.text)):
            # a word between the question's words ("The evacuation order [covering] Montaval") is no reason, nor is a
            # time or a name alone ("[Tue 18:30] — Evacuation order issued")
            return None
        if q.answer_type == REASON and kind == REASON and _AFTER_REASON.match(cand.text):
            type_fit *= 0.5  # "after X" tells what came first, and only sometimes why: a weaker reason
        if q.answer_type == PLACE and kind == ORG and (_WORKPLACE_ASKED.search(q.text) or _FACILITY.search(cand.text)):
            # "Where does she teach?": a university is the place asked for; "Where did they sleep?": a school,
            # a hospital or a hall is a place too.
            type_fit, exact = 1.0, True
        elif q.answer_type == ORG and kind == PLACE and _FACILITY.search(cand.text) and _FACILITY_ASKED.search(q.text):
            type_fit, exact = 1.0, True  # "Which hospital treated him?": "St Aldric's Infirmary", a building too
        if q.answer_type == DESCRIPTION and kind == DESCRIPTION and len(cand.text.split()) <= 4 and re.match(
                r"[^\S\n]*:[^\S\n]+\S", self.index.documents[scored.sentence.doc_id].text[cand.end:scored.sentence.end]):
            return None  # "She recommended [three things]: ...": it announces what the colon gives
        novelty = self.novelty(q, cand)
        if novelty == 0.0 or (novelty < 0.5 and q.answer_type != QUOTE and not (
                # "Which firm operates the Grauhorn railway?": the "Grauhorn Railway Company", a body's whole name
                # that the question holds only in part
                q.answer_type == ORG == kind and cand.text.lower() not in q.text.lower())):
            return None
        toks = self.stats.tokens(scored.row)
        lay = self.stats.layout(scored.row)
        doc_id = scored.sentence.doc_id
        # Tokens lie in order without overlap: those inside the candidate are one run of positions.
        inside = range(bisect.bisect_left(lay.starts, cand.start), bisect.bisect_right(lay.ends, cand.end))
        anchors = [(p, w) for p, w in scored.matches if p not in inside]
        whole = cand
        if q.answer_type == QUOTE and kind == QUOTE:
            # A sentence of a longer quotation is said by whoever said the whole; the question's words in the
            # whole's other sentences are what those say, not signs that this one answers.
            whole = max((c for c in self.stats.candidates(scored.row) if c.kind == QUOTE and c.start <= cand.start
                         and cand.end <= c.end and c.end - c.start > cand.end - cand.start),
                        key=lambda c: c.end - c.start, default=cand)
            if whole is not cand:
                anchors = [(p, w) for p, w in anchors if not (whole.start <= lay.starts[p] and lay.ends[p] <= whole.end)]
        # One pass over the question's words outside the candidate, by their distance d in tokens from it:
        # proximity, their weights decaying as exp(-(d - 1) / scale); local coverage, the IDF share of those within
        # a few words in the same clause; and the question words right next to it (at most two function words
        # between, same clause: "in exchange for [X]", "compensating families ... with [X]", "attributed ... to [X]").
        proximity, local, clause = 0.2, 0.0, self.clause_similarity(ctx, scored.row, cand)
        adjacent = follows = 0.0
        if inside:
            lo, hi = inside[0], inside[-1]
            marks, marks_no_comma = self.stats.clause_marks(doc_id)
            stop = lay.stop
            near: list[int] = []
            near_weight = total_weight = top = adjacent_weight = follows_weight = 0.0
            decay = _decay(s.proximity_scale)
            reach = max(s.local_window, 3)
            for p, w in anchors:
                before = p < lo
                distance = lo - p if before else p - hi
                near_weight += w * (decay[distance] if distance < len(decay) else
                                    math.exp(-max(0, distance - 1) / s.proximity_scale))
                total_weight += w
                if w > top:
                    top = w
                if distance > reach:
                    continue
                a, b = (lay.ends[p], lay.starts[lo]) if before else (lay.ends[hi], lay.starts[p])
                if distance <= s.local_window and marks_no_comma[b] == marks_no_comma[a]:  # commas only between
                    near.append(p)
                if distance <= 3 and marks[b] == marks[a] and all(stop[p + 1:lo] if before else stop[hi + 1:p]):
                    if w > adjacent_weight:
                        adjacent_weight = w
                    if before and w > follows_weight:
                        follows_weight = w
            if anchors:
                proximity = near_weight / total_weight
                adjacent, follows = adjacent_weight / top, follows_weight / top
            key = ("local", scored.row, tuple(near))  # candidates side by side share their near words
            local = ctx.memo.get(key)
            if local is None:
                local = ctx.memo[key] = self.coverage(ctx, self._terms_at(ctx, scored.row, near))
        focus = 0.0
        if ctx.focus_sims and inside:
            before = inside[0]
            while before > 0 and inside[0] - before < 4 and (inside[0] - before < 2 or toks[before].lower in STOPWORDS):
                before -= 1  # two words before it, past "of the", "from the": "[volunteers from the] Drumbarrow ..."
            window = toks[before: inside[-1] + 6]
            focus = max((ctx.focus_sims.get(t.lower, 0.0) for t in window), default=0.0)
        n_words = len(cand.text.split())
        if q.answer_type == QUOTE and kind == QUOTE:
            length = 1.0 if 2 <= n_words <= 30 else (0.7 if n_words == 1 or n_words <= 45 else 0.5)
        elif kind == REASON and q.answer_type == REASON:  # a reason whole: "because X counts ... and ignores ..."
            length = 1.0 if 2 <= n_words <= 16 else (0.7 if n_words <= 25 else 0.5)
        elif q.answer_type == QUOTE or kind in ("description", "reason", QUOTE):
            length = 1.0 if 2 <= n_words <= 12 else (0.7 if n_words == 1 or n_words <= 25 else 0.5)
        elif kind == PLACE:  # a place with the place it stands in: "the union hall on Tanner's Row"
            length = 1.0 if n_words <= 8 else 0.5
        else:
            length = 1.0 if n_words <= 5 else 0.5
        doc_text = self.index.documents[doc_id].text
        attribution = float(kind in (PERSON, NAME, "organisation") and q.answer_type != PERSON
                            and self.stats.is_attribution(doc_id, cand))
        speech = speaker = inside_share = 0.0
        if q.answer_type == QUOTE and kind == QUOTE:
            speech = self.stats.speech_likeness(doc_id, whole)
            speaker = self.speaker_match(ctx, scored, whole, doc_text)
            # What the quotation is about: the question's words (not the speaker's name) inside it.
            said = self._terms_at(ctx, scored.row, {p for p, _ in scored.matches if p in inside})
            topic = {t: w for t, w in ctx.term_weight.items() if t not in q.proper}
            total = sum(topic.values())
            inside_share = sum(w * said.get(t, 0.0) for t, w in topic.items()) / total if total else 0.0
            type_fit *= 0.4 + 0.6 * speech  # a name or a scare quote in quote marks is not what someone said
        sig = scored.signals
        owned = self.owned(ctx, scored, cand)
        # An apposition to a name the question asks about: "Maria Santos, [a structural engineer] who ...".
        apposition = 0.0
        if q.proper and inside and inside[0] > 0 and _OPENS_APPOSITION.fullmatch(doc_text, toks[inside[0] - 1].end, cand.start):
            if stem(toks[inside[0] - 1].lower) in q.proper and not set(term_tuple(cand.text)) & set(q.proper):
                apposition = 1.0
        named = self.named_as(ctx, doc_text, cand) if kind != QUOTE else 0.0
        specific = _date_specificity(cand.text, CLOCK_ASKED.search(q.text) is not None) if kind == DATE else 0.0
        manner = float(kind == "description" and bool(_MANNER_ASKED.match(q.text)) and bool(
            _MANNER.match(cand.text) or (_MOTION_ASKED.match(q.text) and _MOVED.match(cand.text))))
        return {
            "dense": sig["dense"], "window": sig["window"], "lexical": sig["lexical"], "own": sig["own"], "context": sig["context"],
            "retrieval": sig["retrieval"], "sentence_gap": sig["sentence_gap"], "title": sig["title"],
            "type": type_fit, "exact_type": float(exact), "proximity": proximity, "local": local,
            "adjacent": adjacent, "follows": follows, "clause": clause, "novelty": novelty, "length": length, "focus": focus,
            "attribution": attribution, "speech": speech, "speaker": speaker, "gap": float(cand.kind == "gap"),
            "tail": float(cand.kind == "tail"),
            "owned": owned, "inside": inside_share, "apposition": apposition, "named": named,
            "specific": specific, "manner": manner,
        }

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def head_noun(q: Question) -> str | None:
        """The stem of the noun that names what a "which / what <noun>" question asks for ("river" in "What river
        does the ferry cross?"), if it has one."""
        named = _NAME_OF_ASKED.search(q.text)
        if named:  # "What is the name of the ferry that crashed?"
            return stem(named.group(1).lower())
        return q.focus[-1] if q.focus and _WHICH_ASKED.search(q.text) else None

    @staticmethod
    def asked_nouns(q: Question) -> frozenset[str]:
        """The stems of the nouns the text would call the answer: the head noun of "which / what <noun>" (see
        ``head_noun``), or the nouns for whoever leads something, for "who runs / leads / heads ...?", or speaks for
        it, for "who speaks for ...?"."""
        head = Signals.head_noun(q)
        if head is not None:
            return frozenset({head})
        return next((nouns for asked, nouns in ROLES_ASKED if asked.search(q.text)), frozenset())

    def named_as(self, ctx: QueryContext, doc_text: str, cand: Candidate) -> float:
        """1 when the text calls the candidate by a noun the question asks for (``asked_nouns``): as its last word
        ("the [Sable River]" for "what river"), in an apposition after it ("[Tidewater Harbor Lines], a private
        company" for "what company", "[Gary Dunleavy], president of Local 14" for "who leads the union"), or just
        before it ("the ferry [Corinne Abbott]" for "which ferry", "Fire Chief [Ramona Ortiz]"); else 0."""
        heads = self.asked_heads(ctx)
        if not heads:
            return 0.0
        callings = _callings(doc_text, cand.start, cand.end, cand.text)
        if not heads.isdisjoint(callings):
            return 1.0
        # the chief of the members a body is named after heads it: the "chief inspector" of the State Mining
        # Inspectorate, the "chief constable" of a Constabulary (not the "chief pilot" of an air firm)
        return float(heads == _LEADER_NOUNS and any(c.startswith(_CHIEF_OF) and c[len(_CHIEF_OF):] in ctx.q.proper
                                                    for c in callings))

    def asked_heads(self, ctx: QueryContext) -> frozenset[str]:
        """``asked_nouns``, for this corpus: whoever leads a craft is its captain, master, skipper or pilot ("Who was
        in command of the Aurelian Tide?" when the articles call it "the tanker Aurelian Tide"), once per question."""
        heads = ctx.memo.get("asked nouns")
        if heads is None:
            heads = self.asked_nouns(ctx.q)
            if heads == _LEADER_NOUNS and self._craft_led(ctx.q):
                heads = _CRAFT_LEADERS
            ctx.memo["asked nouns"] = heads
        return heads

    def _craft_led(self, q: Question) -> bool:
        """Whether what "who leads / commands ..." asks about is a craft the articles name after its kind: "the
        tanker Aurelian Tide", "the ferry, the Corinne Abbott"."""
        if _LED_CRAFT.search(q.text):
            return True  # "Who was in command of the ferry?": its captain
        m = _LED_NAMED.search(q.text)
        if not m:
            return False
        if m.group(1) not in self._crafts:  # (once per name, over the sentences holding its first word)
            name = re.compile(rf"\b(?:{_CRAFT_WORDS})\s*,?\s+(?:the\s+)?{re.escape(m.group(1))}\b", re.I)
            rows = self.stats.rows_of.get(stem(m.group(1).split()[0].lower()), ())
            self._crafts[m.group(1)] = any(name.search(self.index.sentences[row].text) for row in rows)
        return self._crafts[m.group(1)]

    def named_phrases(self, scored: ScoredSentence, q: Question) -> list[Candidate]:
        """For "which / what <noun>" questions: a name and the nouns after it up to that noun, as one candidate
        ("the [Front Street ferry terminal]" for "which terminal"), of the name's kind; and that noun with the
        words before it after an article ("the parliamentary [intelligence committee]")."""
        head = self.head_noun(q)
        if head is None or head not in self.stats.terms[scored.row] or _NAME_OF_ASKED.search(q.text):
            return []  # (and "the name of the ferry" is "Corinne Abbott" alone)
        doc_text = self.index.documents[scored.sentence.doc_id].text
        asked_forms = {re.sub(r"e?s$", "", w.lower()) for w in re.findall(r"[\w’'-]+", q.text) if stem(w.lower()) == head}
        out = []
        for cand in self.stats.candidates(scored.row):
            if cand.kind in NAME_KINDS:
                m = _NOUNS_AFTER.match(doc_text, cand.end, scored.sentence.end)
                words = list(re.finditer(r"[a-z][\w’'-]*", m.group())) if m else []
                words = list(itertools.takewhile(lambda w: w.group().lower() not in STOPWORDS, words))  # not "if the"
                # (the asked noun itself, or its plural: not a verb of its stem, "the site [manufactures] PVC")
                last = next((w for w in words if stem(w.group().lower()) == head
                             and re.sub(r"e?s$", "", w.group().lower()) in asked_forms), None)
                if last is not None and not _plural_of_asked(last.group().lower(), q.text, head):
                    end = m.start() + last.end()
                    out.append(Candidate(cand.start, end, doc_text[cand.start:end], cand.kind))
        # Unnamed ones: the noun with the lower-case words before it after an article ("the parliamentary
        # [intelligence committee]" for "which parliamentary committee"), from each word on.
        if q.answer_type == PERSON:
            return out  # "which researcher": a name, not "senior researcher"
        kind = q.answer_type if q.answer_type in NAME_KINDS else DESCRIPTION
        toks = self.stats.tokens(scored.row)
        own = self.stats.candidates(scored.row)
        for i, tok in enumerate(toks):
            if i == 0 or stem(tok.lower) != head or not tok.text.islower() or _plural_of_asked(tok.lower, q.text, head):
                continue  # (not "the two [bodies]" for "which body": a kind of thing, not the one asked about)
            if i + 1 < len(toks) and stem(toks[i + 1].lower) in q.term_set:
                continue  # inside the question's compound noun ("think [tank]")
            first = i
            while first > 0 and i - first < 3 and toks[first - 1].text.islower() and toks[first - 1].lower not in STOPWORDS \
                    and not _CLAUSE_GAP.search(doc_text[toks[first - 1].end:toks[first].start]):
                first -= 1
            if first == i or first == 0 or toks[first - 1].lower not in DETERMINERS:
                continue
            if any(c.kind in NAME_KINDS and (0 <= c.start - tok.end <= 2 or 0 <= toks[first - 1].start - c.end <= 2)
                   for c in own):
                # the noun introduces a name ("the state's insurer, [Hale & Dunmore]") or stands in apposition to one
                # ("[the Industrial Hazards Inspectorate], the national safety regulator"): the name answers
                continue
            for a in range(first, i):
                out.append(Candidate(toks[a].start, tok.end, doc_text[toks[a].start:tok.end], kind))
        return out

    def owned(self, ctx: QueryContext, scored: ScoredSentence, cand: Candidate) -> float:
        """How much more of the question this candidate's own stretch of the sentence holds than its rivals'.

        Quantities split a sentence into stretches: each owns the
        words after it up to the next one, or up to the last "and" / comma before the next one, so in
        "300 troops have been killed and 2,700 others injured" "killed" belongs to 300 and "injured" to
        2,700. The value is the IDF share of the question's terms in the candidate's stretch minus the best
        share of another quantity, in [-1, 1]; 0 when it has no rival in the sentence.
        """
        family = FAMILIES.get(cand.kind)
        if family is None:
            return 0.0
        key = (scored.row, family)
        if key not in ctx.owned:
            ctx.owned[key] = self._owned(ctx, scored, family)
        shares = ctx.owned[key]
        mine = next((v for (a, b), v in shares.items() if a <= cand.start < b), None)
        if mine is None or len(shares) < 2:
            return 0.0
        return mine - max(v for (a, b), v in shares.items() if not a <= cand.start < b)

    def _owned(self, ctx: QueryContext, scored: ScoredSentence, family: str) -> dict[tuple[int, int], float]:
        toks = self.stats.tokens(scored.row)
        doc_text = self.index.documents[scored.sentence.doc_id].text
        spans = sorted((c.start, c.end) for c in self.stats.candidates(scored.row)
                       if FAMILIES.get(c.kind) == family and self.novelty(ctx.q, c) > 0)
        slots: list[list[int]] = []  # overlapping candidates ("about 300", "300") are one slot
        for a, b in spans:
            if slots and a < slots[-1][1]:
                slots[-1][1] = max(slots[-1][1], b)
            else:
                slots.append([a, b])
        if len(slots) < 2:
            return {}
        lay = self.stats.layout(scored.row)
        first = [bisect.bisect_left(lay.starts, a) for a, _ in slots]  # the first token from a on
        last = [bisect.bisect_right(lay.ends, b) - 1 for _, b in slots]  # the last token ending by b
        shares = {}
        for k in range(len(slots)):
            start = last[k] + 1
            end = len(toks)
            if k + 1 < len(slots):
                end = first[k + 1]
                for i in range(end - 1, start - 1, -1):  # the stretch ends at the last "and" or comma before the next
                    if toks[i].lower in _CONJUNCTION or (i > start and "," in doc_text[toks[i - 1].end:toks[i].start]):
                        end = i
                        break
            positions = {p for p, _ in scored.matches if start <= p < end}
            if k and start < len(toks) and toks[start].lower in ("others", "other", "more"):
                # "300 troops killed and 2,700 others injured": the others are troops too.
                noun = range(last[k - 1] + 1, first[k])
                stop = next((i for i in noun if toks[i].lower in STOPWORDS), first[k])
                positions |= {p for p, _ in scored.matches if last[k - 1] < p < stop}
            shares[(slots[k][0], slots[k][1] if k + 1 == len(slots) else slots[k + 1][0])] = (
                self.coverage(ctx, self._terms_at(ctx, scored.row, positions)))
        return shares

    def clause_similarity(self, ctx: QueryContext, row: int, cand: Candidate) -> float:
        """Dense similarity of the question to the clause(s) holding the candidate (its local evidence)."""
        key = ("clauses", row)
        clauses = ctx.memo.get(key)
        if clauses is None:  # each clause of the sentence once per question: (start, end, similarity)
            clauses = ctx.memo[key] = [(self.index.clauses[i][1], self.index.clauses[i][2],
                                        float(self.index.clause_vectors[i] @ ctx.vector))
                                       for i in self.stats.clause_rows.get(row, ())]
        best = None
        for start, end, sim in clauses:
            if start < cand.end and cand.start < end and (best is None or sim > best):
                best = sim
        return 0.0 if best is None else best

    def speaker_match(self, ctx: QueryContext, scored: ScoredSentence, cand: Candidate, doc_text: str) -> float:
        """How well the quotation's speaker fits who the question asks about, in [-1, 1].

        The speaker is the name or pronoun next to the speech verb by the quote ("..., said Oh", "he
        said"); a pronoun is followed back up to three sentences to the latest name, if any. A named
        speaker fits when the question names them, or when what the article says about them (title,
        apposition) holds the question's words; a speaker described without a name ("he", after "One
        of the captives ...") fits when those sentences hold the question's words. A quotation that opens
        its sentence with no speaker of its own goes on from the quotation before it (news gives the
        speaker once: "“...,” said Oh. “[I believe ...]”"), up to two sentences back.
        """
        q = ctx.q
        subject = ctx.memo.get("speaker subject")
        if subject is None:  # once per question
            subject = set(q.terms) - set(q.focus)
            asked = _SPEAKER_ASKED.search(q.text)
            phrase = _speaker_phrase(asked.group(1)) if asked else ""
            words = phrase.split()
            head = [t for t in terms(phrase) if t not in _GENERIC_SPEAKERS]
            if head and (not words[-1][:1].isupper() or words[-1] in _ROLE_ACRONYMS):
                # "What did the Coast Guard spokesperson say": the names are of whom they speak for, not theirs.
                ctx.memo["speaker by role"] = True
                # (only the names in that phrase are theirs: "What did North Korean state media say about the NIS
                # figures?" is not answered by the NIS)
                ctx.memo["speaker names"] = {t for w in words if w[:1].isupper() for t in terms(w)} | {
                    t for m in _ACCORDING_TO.finditer(q.text) for t in terms(m.group(1))}  # "According to Oh, what ..."
            if head and not any(w[:1].isupper() and w not in _ROLE_ACRONYMS for w in words[1:]):
                # "What did the structural engineer say ...": the speaker is the engineer, not the rest of the question.
                subject = {head[-1]}
                # "the bakery owner" is also "Ruth Ellison, who runs a bakery": a noun before the head describes
                # them too, though less surely (not "structural" of "the structural engineer").
                nouns = {t for w in words[:-1] if not _ADJECTIVE_END.search(w.lower()) for t in terms(w)}
                ctx.memo["speaker modifiers"] = nouns & set(head[:-1])
            elif head and sum(w[:1].isupper() and "." not in w for w in words) >= 2 and words[-1][:1].isupper():
                # "What did keeper Samuel Oduya tell reporters about the night house?": the speaker is who is named
                # there in full, not whoever sentences with "night" in them speak of
                subject = set(head)
            ctx.memo["speaker subject"] = subject
        if not subject:
            return 0.0
        return self._speaker_fit(ctx, subject, scored.row, cand, doc_text, carried=0)

    def _speaker_fit(self, ctx: QueryContext, subject: set[str], row: int, cand: Candidate, doc_text: str,
                     carried: int) -> float:
        sent = self.index.sentences[row]
        turn = turn_speaker(doc_text, cand.start) if not _QUOTE_MARK.search(sent.text) else None
        if turn:  # a transcript's turn: its speaker label says who speaks
            return self.fits_label(ctx, subject, turn[0], doc_text)
        before, after, lead, other, named, pronoun = self.stats.speaker_cues(row, cand)
        # "... the interpreter responded, “Here is good,” he said, “I want to live here.”": a speaker right
        # before the quotation is its own, whatever follows it.
        if lead is not None:
            return 1.0 if self._describes(ctx, subject, lead) else -1.0
        if named is not None:
            return self._fits(ctx, subject, named, doc_text, sent.start, sent.end)
        if pronoun:
            if other is not None and self._describes(ctx, subject, other):
                return -1.0  # "the interpreter responded, “...,” he said, “[...]”": "he" is someone else
            rows = [r for r in range(row - 1, max(-1, row - 4), -1)
                    if r >= 0 and self.index.sentences[r].doc_id == sent.doc_id]
            # (and on back, past the third, through sentences that still speak of someone as "she" or "he": "Fairlie
            # woke ... She said ... She is angry ... The ship, she said, ... She has heard ... “...,” she said.")
            chain = self._pronoun_chain(row, rows, after)
            for r in chain:
                earlier = self.index.sentences[r]
                quoted = [c for c in self.stats.candidates(r) if c.kind == QUOTE]
                if quoted and carried < 2:
                    # "“...,” said the defector. “[...],” he added.": he is whoever spoke the quotation before, not a
                    # name inside it.
                    last = max(quoted, key=lambda c: (c.end, -c.start))
                    return self._speaker_fit(ctx, subject, r, last, doc_text, carried + 1)
                for c in self.stats.candidates(r):
                    if (c.kind == PERSON or (c.kind == NAME and r not in rows)) \
                            and not any(q.start <= c.start and c.end <= q.end for q in quoted):
                        return self._fits(ctx, subject, c.text, doc_text, earlier.start, earlier.end)
            context = " ".join(self.index.sentences[r].text for r in rows)
            return 1.0 if self._describes(ctx, subject, context) else 0.0
        if carried < 2 and row > 0 and not doc_text[sent.start:cand.start].strip(" “\"‘'") \
                and self.index.sentences[row - 1].doc_id == sent.doc_id:
            earlier = [c for c in self.stats.candidates(row - 1) if c.kind == QUOTE]
            if earlier:  # the previous sentence's last quotation, whole
                last = max(earlier, key=lambda c: (c.end, -c.start))
                return self._speaker_fit(ctx, subject, row - 1, last, doc_text, carried + 1)
        # "Koo, a spokesman for the ministry, said that asylum would require “[legal review ...]”": the person
        # whose speech verb comes before the quotation in its sentence, an apposition between them.
        for person in reversed([c for c in self.stats.candidates(row) if c.kind == PERSON and c.end <= cand.start]):
            between = doc_text[person.end:cand.start]
            verb = re.match(rf"(?:\s*,[^,;“”\"]{{1,100}},)?\s+(?:{SPEECH_VERBS})\b", between)
            if verb and not re.search(r"[“”\"]", between[:verb.end()]) and not any(
                    c.kind == PERSON and person.end + verb.end() <= c.start < cand.start for c in self.stats.candidates(row)):
                # (not "Holt said the plan, which Smith called “[a disaster]”": Smith stands between)
                return self._fits(ctx, subject, person.text, doc_text, sent.start, sent.end)
        # The words around the quotation, from the last name before it on ("Ruiz said the plan, which [Tom Beck
        # called “...”]": not Ruiz's).
        near = [m.start() for m in _TWO_NAMES.finditer(before)]
        return 1.0 if self._describes(ctx, subject, before[near[-1] if near else 0:] + " " + after) else 0.0

    def _pronoun_chain(self, row: int, rows: list[int], after: str) -> list[int]:
        """The rows before a quotation given as "she said" where its speaker is looked for: ``rows`` (the three
        before), and on back through sentences that still speak of someone as "she" (or "he") and name no one:
        "Fairlie woke ... She said ... She is angry ... The ship, she said, ... She has heard ... “...,” she said."."""
        sent = self.index.sentences[row]
        chain = list(rows)
        said = re.search(r"\b(?:he|she)\b", after, re.I)
        # (and the same person's other forms: "He rang me ... [His] voice was too quiet ... “...,” he said")
        forms = {"he": r"he|his|him", "she": r"she|her|hers"}
        same = re.compile(rf"\b(?:{forms[said.group().lower()]})\b" if said else r"(?!)", re.I)
        while (3 <= len(chain) < SPEAKER_REACH and chain[-1] > 0
               and same.search(self.index.sentences[chain[-1]].text)
               and not any(c.kind in (PERSON, NAME, ORG) for c in self.stats.candidates(chain[-1]))
               and self.index.sentences[chain[-1] - 1].doc_id == sent.doc_id):
            chain.append(chain[-1] - 1)
        return chain

    def speaker_row(self, row: int, cand: Candidate, carried: int = 0) -> int | None:
        """For a quotation given as "she said" (or "he said"): the row that names her, up to ``SPEAKER_REACH`` back
        through sentences that go on about her (see ``_pronoun_chain``); else None."""
        sent = self.index.sentences[row]
        before, after, lead, other, named, pronoun = self.stats.speaker_cues(row, cand)
        if lead is not None or named is not None or not pronoun:
            return None
        rows = [r for r in range(row - 1, max(-1, row - 4), -1)
                if r >= 0 and self.index.sentences[r].doc_id == sent.doc_id]
        for r in self._pronoun_chain(row, rows, after):
            quoted = [c for c in self.stats.candidates(r) if c.kind == QUOTE]
            if quoted:
                last = max(quoted, key=lambda c: (c.end, -c.start))
                return self.speaker_row(r, last, carried + 1) if carried < 2 else None
            if any(c.kind in (PERSON, NAME) for c in self.stats.candidates(r)):
                return r
        return None

    def _describes(self, ctx: QueryContext, subject: set[str], text: str) -> bool:
        """Whether a text holds one of the subject's terms, as such, as a close synonym ("spokesman" for
        "spokesperson", but not "mayor" for "governor") or behind an abbreviated title ("Gov." for "governor")."""
        words, found = _word_forms(text)
        close = self.settings.describe_threshold
        return any(t in found or any(ctx.soft.get(t, {}).get(w, 0.0) >= close for w in words)
                   or (t in HEAD_ROLES and not found.isdisjoint(_HEAD_TITLES))
                   or (t in RUNS_NOUNS and RUNS_SAID.search(text) is not None) for t in subject)

    def _fits(self, ctx: QueryContext, subject: set[str], name: str, doc_text: str, start: int, end: int) -> float:
        """A named speaker against the question's subject: named in it, or described by its words nearby.

        The description is the title before the name and an apposition after it ("spokesperson Ann Lee",
        "Oh Gyeong-seob, a researcher at ..."), in this sentence or wherever the article mentions them (news
        introduces someone once, "Maria Santos, a structural engineer", then quotes "Santos").
        """
        name = name.strip()
        name_terms = set(terms(name))
        fit = self._named_fit(ctx, name_terms)
        if fit is not None:
            return fit
        if ctx.q.proper and not ctx.memo.get("speaker by role"):
            return -1.0  # the question names someone else
        pos = doc_text.find(name, start, end)
        if pos < 0:
            return 0.0
        described = name + " " + self._description(doc_text, start, end, pos, name)  # "Gov. Ruth Adeyemi"
        surname = name.split()[-1]
        if len(surname) > 1 and not self._describes(ctx, subject, described):
            described += _other_mentions(doc_text, start, end, surname)
            if not self._describes(ctx, subject, described) and self.called_elsewhere(subject, surname):
                return 1.0  # "Oberholzer says ..." in a profile, "The driver, Matthias Oberholzer" in the wire report
        return self._role_fit(ctx, subject, described)

    def called_elsewhere(self, nouns: set[str], surname: str) -> bool:
        """Whether some article calls a person of this surname by one of the nouns (stems): "The [driver], Matthias
        Oberholzer" (see ``CorpusStats.called``)."""
        for noun in nouns:
            for r in self.stats.called.get(noun, ()):
                doc_text = self.index.documents[self.index.sentences[r].doc_id].text
                if any(c.kind in (PERSON, NAME) and c.text.split()[-1] == surname
                       and noun in _callings(doc_text, c.start, c.end, c.text) for c in self.stats.candidates(r)):
                    return True
        return False

    @staticmethod
    def _named_fit(ctx: QueryContext, name_terms: set[str]) -> float | None:
        """A speaker the question names: 1 when it is whom it asks about, -1 when it names them only as someone
        else ("What did North Korean state media say about the NIS's figures?": not the NIS); None otherwise."""
        asked = ctx.memo.get("speaker names")
        if asked is None:
            return 1.0 if name_terms & set(ctx.q.proper) else None
        if name_terms & asked:
            return 1.0
        return -1.0 if name_terms & set(ctx.q.proper) else None

    def _role_fit(self, ctx: QueryContext, subject: set[str], described: str) -> float:
        """How a speaker's description fits the question's subject: 1 when it holds the subject's noun (for a leader,
        "the mountain rescue chief", with what they lead: a "chief geologist" is some other chief), 0.5 when it holds
        only the words before the noun, else -0.5."""
        modifiers = ctx.memo.get("speaker modifiers")
        if self._describes(ctx, subject, described):
            # (what they run must be the modifiers' too: "the farm manager" is no one "who led the operation")
            return 0.5 if modifiers and subject & (HEAD_ROLES | RUNS_NOUNS) and not self._describes(ctx, modifiers, described) \
                else 1.0
        return 0.5 if modifiers and self._describes(ctx, modifiers, described) else -0.5

    def fits_label(self, ctx: QueryContext, subject: set[str], name: str, doc_text: str) -> float:
        """A transcript's speaker ("Steinhaus", from "STEINHAUS:") against the question's subject: named in it, or
        described where the transcript introduces them ("With me is Marco Steinhaus, head of ...")."""
        fit = self._named_fit(ctx, set(terms(name)))
        if fit is not None:
            return fit
        if ctx.q.proper and not ctx.memo.get("speaker by role"):
            return -1.0  # the question names someone else
        key = ("label described", name, hash(doc_text))
        described = ctx.memo.get(key)
        if described is None:
            surname = name.split()[-1]
            described = name + _other_mentions(doc_text, -1, -1, surname)
            # Another article may say who they are ("Benedikt Rauss, the cooperative's chairman"), where it gives
            # the full name the transcript introduces them by.
            full = re.search(rf"(?:[A-Z][\w’'-]*\s+){{1,2}}{re.escape(surname)}\b", doc_text) if " " not in name else None
            full_name = full.group() if full else name
            if " " in full_name:
                for doc in self.index.documents.values():
                    if doc.text is not doc_text and full_name in doc.text:
                        described += _other_mentions(doc.text, -1, -1, surname)
            ctx.memo[key] = described
        return self._role_fit(ctx, subject, described)

    @staticmethod
    def _description(doc_text: str, start: int, end: int, pos: int, name: str) -> str:
        """The title before a name and the apposition after it, within the sentence ``doc_text[start:end]``."""
        before = _TITLE_ABBREVIATIONS.sub(lambda m: _TITLE_WORDS[m.group(1).lower()], doc_text[start:pos])
        before = re.sub(r",\s*$", " ", before)  # "The agency's director, Ruth Adeyemi"
        before = re.split(r"[”\"’.,;:!?]", before)[-1]  # not the words of a quote before it
        title = " ".join(before.split()[-4:])
        after = doc_text[pos + len(name):end]
        apposition = re.match(r"\s*,(?:\s*\d{1,3}\s*,)?([^,;.]{3,80})", after)  # "Dale Thibodeau, 35, a lobsterman"
        return title + " " + (apposition.group(1) if apposition else "")


def _date_specificity(text: str, clock: bool = False) -> float:
    """How exactly a date names its time: 1 for a number with a day's or a month's name ("Feb. 18", "7 a.m. on
    Saturday"), 0.8 for a number alone (a year or a clock time: "2021", "7:40 a.m."), 0.5 for a weekday or a month
    ("Sunday", "in March"), 0 for a relative or vague one ("last month", "dawn"). ``clock``: the question asks for
    the time of day ("at what time"): a clock time scores 0.8, less (0.6) with the day around it, which was not
    asked ("17:32", not "Tuesday 14 October at 17:32")."""
    named = DAY_NAMED.search(text)
    if clock and CLOCK_TIME.search(text):
        return 0.6 if named else 0.8
    if re.search(r"\d|\b(?:past|o[’']clock)\b|\bquarter to\b", text):  # "quarter past seven" is a clock time
        return 1.0 if named else 0.8
    return 0.5 if named else 0.0


@functools.lru_cache(maxsize=65536)
def _novelty(term_set: frozenset[str], text: str) -> float:
    """Share of a text's content terms not in ``term_set`` (see ``Signals.novelty``)."""
    cand_terms = term_tuple(text)
    if not cand_terms:
        return 1.0 if re.search(r"\d", text) else 0.0
    return len([t for t in cand_terms if t not in term_set]) / len(cand_terms)


@functools.lru_cache(maxsize=8)
def _decay(scale: float) -> tuple[float, ...]:
    """``exp(-max(0, d - 1) / scale)`` for token distances d below 64, worked out once."""
    return tuple(math.exp(-max(0, d - 1) / scale) for d in range(64))


def _plural_of_asked(word: str, question: str, head: str) -> bool:
    """Whether a text's noun is the plural of the singular noun asked for: "TV stations" for "which station" names
    a kind of thing, not the one asked about."""
    asked = {w.lower() for w in re.findall(r"[A-Za-z’'-]+", question) if stem(w.lower()) == head}
    return word not in asked and any(word in (a + "s", a + "es", a[:-1] + "ies") for a in asked)


@functools.lru_cache(maxsize=256)
def _happened_subject(question: str) -> frozenset[str]:
    """The stems of whom or what "What happened to X?" / "What did X do?" asks about (empty for other questions)."""
    m = _HAPPENED_TO.match(question)
    if not m:
        return frozenset()
    phrase = next(g for g in m.groups() if g)
    # "the crew of the Aurelian Tide": the crew (not "the Bank of Norland")
    head = re.match(r"((?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*)\s+of\s+", phrase)
    return frozenset(terms(head.group(1) if head else phrase))


#: The source a question names, as a page or a body: "the [environment agency]'s timeline", "according to [the
#: coastguard]", "What does [the council]'s notice say".
_DOC_SOURCE = re.compile(r"\b(?:the|its|their)\s+((?:[\w-]+\s+){0,3}?[\w-]+)[’']s\s+(?:(?:official|own|latest|online|"
                         r"first|final)\s+)?(?:timeline|update|updates|bulletin|notice|statement|fact\s?sheet|page|"
                         r"website|site|release|press\s+release|log|briefing|transcript|blog|live\s?blog|leaflet|"
                         r"newsletter|advisory|column|podcast|programme|show)\b"
                         # (a body named in lower case: "according to [the coastguard]"; a name is a speaker's, see
                         # ``_ACCORDING_TO``)
                         r"|\baccording\s+to\s+(?:the\s+)?((?:(?-i:[a-z])[\w-]*\s+){0,3}?(?-i:[a-z])[\w-]*)\s*(?:,|$|\?)", re.I)
#: Words too general to pick a source by ("the official's statement"), and the most characters of an article's
#: opening a source is looked for in.
_GENERIC_SOURCES = frozenset(stem(w) for w in "official officials authority authorities person people group".split())
_OPENING_CHARS = 300
#: What is left of the weight of those words in matching the question to sentences.
_SOURCE_TERM_SHARE = 0.1
#: A relative clause after a name that says they lead a named body: "Ada Kern, [who runs] the Lund Registry".
_WHO_LEADS = re.compile(r"[^\S\n]*,[^\S\n]*who\s+(runs|ran|heads|headed|leads|led|directs|directed|chairs|chaired|manages|"
                        r"managed|owns|owned|founded|co-founded)\s+(?:the\s+)?(?-i:[A-Z])", re.I)  # (a named body: not "the gift shop at ...")
#: Nouns that name a place's kind before its name ("Port Kestrel", "Lake Orla", "Mount Vell", "Fort Ames").
_LEADING_KINDS = frozenset(stem(w) for w in "port lake mount river fort cape bay isle island camp gate pier".split())


#: A passive whose agent leads what it speaks of: "The panel will be [led by] Judge Helena Marrack".
_LED_BY = re.compile(r"\b(led|headed|chaired|run|directed|commanded|managed|captained|skippered|overseen)\s+by\s+"
                     r"(?:(?:[A-Z][\w’'-]*|(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Gov|Capt|Cmdr|Col|Lt|Sgt)\.|the|a|an|its|"
                     r"their)\s+){0,3}$", re.I)
#: What the agent of those passives is called, where not the head: "chaired by X", its chair.
_LED_BY_CALLS = {"chaired": "chair", "captained": "captain", "skippered": "skipper", "commanded": "commander",
                 "directed": "director", "managed": "manager"}


@functools.lru_cache(maxsize=16384)
def _callings(doc_text: str, start: int, end: int, text: str) -> frozenset[str]:
    """The stems of the nouns a text calls the name ``doc_text[start:end]`` by (see ``Signals.named_as``): its last
    word, the words of an apposition after it, the common noun and the capitalised title words just before it."""
    words = term_tuple(text)
    found = set(words[-1:])
    if len(words) > 1 and words[0] in _LEADING_KINDS:
        found.add(words[0])  # "[Port] Kestrel", "[Lake] Orla", "[Mount] Vell": a kind that leads the name
    if len(text.split()) > 2 and text.isupper():
        # a post before two names in a transcript's label: "[CHAIR] ROSALIND MERCHISTON: ..."
        found.add(stem(text.split()[0].lower().rstrip(".")))
    after = _APPOSITION_AFTER.match(doc_text, end) or _COPULA_AFTER.match(doc_text, end)
    if after:
        words = after.group(1).split()
        found.update(t for i, w in enumerate(words) for t in terms(w)
                     # "the chief pilot of Skyhollow": a pilot, who does not head it (a "chief executive" does)
                     if not (w.lower() in ("chief", "head") and i + 1 < len(words) and is_person_noun(words[i + 1].lower())
                             and stem(words[i + 1].lower()) not in _LEADER_NOUNS))
    leads = _WHO_LEADS.match(doc_text, end)
    if leads:  # "Ada Kern, who runs the registry": its head; "..., who owns the bakery": its owner
        found.add(stem("owner" if leads.group(1).lower().startswith("own") else
                       "founder" if leads.group(1).lower().startswith("found") else "head"))
    agent = _LED_BY.search(doc_text, max(0, start - 40), start)
    if agent is not None:  # "The panel will be led by Judge [Helena Marrack]": its head
        found.add(stem(_LED_BY_CALLS.get(agent.group(1).lower(), "head")))
    related = _RELATIVE_BEFORE.search(doc_text, max(0, start - 120), start)
    if related is not None:  # "The Kestrow [meteorologist] who delivered the briefing, [Bram Ellery]"
        found.add(stem(related.group(1).lower()))
    before = _NOUN_BEFORE.search(doc_text, max(0, start - 40), start)
    if before is not None:
        found.add(stem(before.group(1).lower()))
        if re.search(r"\b(?:chief|head)\s+$", doc_text[max(0, before.start(1) - 8):before.start(1)], re.I):
            found.add(_CHIEF_OF + stem(before.group(1).lower()))  # "its chief inspector, [Oskar Brennvik]"
    title = _TITLE_BEFORE.search(doc_text, max(0, start - 40), start)
    if title is not None:
        found.update(terms(title.group()))
    return frozenset(found)


@functools.lru_cache(maxsize=4096)
def _word_forms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The lower-cased words of a text (abbreviated titles spelt out), and their stems and hyphen parts."""
    text = _TITLE_ABBREVIATIONS.sub(lambda m: _TITLE_WORDS[m.group(1).lower()], text)
    words = {t.lower for t in tokens(text)}
    found = {stem(w) for w in words} | {part for w in words for part in w.split("-")}
    # The initials of a title or a body: "Chief Executive Officer" is the "CEO" a question asks about.
    found |= _initials(text)
    return frozenset(words), frozenset(found)


def _initials(text: str) -> set[str]:
    """The lower-cased initials of every run of two or more capitalised words in a text, and of each stretch of
    such a run ("Chief Executive Officer Dr" gives "ceo" among others)."""
    out = set()
    for m in _CAPITALISED_RUN.finditer(text):
        words = [w for w in m.group().split() if w != "of"]
        out.update("".join(w[0] for w in words[a:b]).lower()
                   for a in range(len(words)) for b in range(a + 2, len(words) + 1))
    return out


@functools.lru_cache(maxsize=4096)
def _other_mentions(doc_text: str, start: int, end: int, surname: str) -> str:
    """The descriptions (title, apposition) of every mention of a surname outside ``doc_text[start:end]``,
    each after a space."""
    described = ""
    for m in re.finditer(rf"\b{re.escape(surname)}\b", doc_text):
        if not start <= m.start() < end:
            first = re.search(r"(?:[A-Z][\w’'.-]*\s+){0,3}$", doc_text[max(0, m.start() - 40):m.start()])
            given = first.group() if first else ""
            while given and _TITLE_FIRST.match(given):  # "Gov. Ruth Adeyemi": the title describes her
                given = given[_TITLE_FIRST.match(given).end():]
            mention = m.start() - len(given)  # "Ruth Adeyemi"
            # The capitalised words before the surname describe them too: "Fire Chief Ramona Ortiz".
            described += " " + first.group() if first else ""
            described += " " + Signals._description(doc_text, max(0, mention - 60), m.end() + 100,
                                                    mention, doc_text[mention:m.end()])
    return described


def speaker_asked(question: str) -> tuple[str, str] | None:
    """The common noun naming who is asked about in "What did the engineer say ...", "How did the county's
    health agency respond ...", as (stem, word); None when the question names them or asks no one in particular."""
    asked = _SPEAKER_ASKED.search(question)
    if not asked:
        return None
    words = asked.group(1).split()
    if not words or (words[-1][:1].isupper() and words[-1] not in _ROLE_ACRONYMS):
        return None  # a name ("What did Oh say"): matched by name
    phrase = _speaker_phrase(asked.group(1))
    words = phrase.split()
    head = [t for t in terms(phrase) if t not in _GENERIC_SPEAKERS]
    return (head[-1], words[-1]) if head else None


def _speaker_phrase(phrase: str) -> str:
    """Who a "what did X say" question asks about, without what follows "of": "the families [of deployed
    soldiers]" are the families, not the soldiers (the whole phrase where the words before "of" name no one)."""
    first = re.split(r"\s+of\s+", phrase, maxsplit=1)[0]
    head = [t for t in terms(first) if t not in _GENERIC_SPEAKERS]
    # (a post "of" a body keeps the body: "the head of the food company", "the spokesman of the ministry")
    return first if first != phrase and head and head[-1] not in _LEADER_NOUNS | _SPOKES_NOUNS else phrase


def is_attribution(doc_text: str, cand: Candidate) -> bool:
    """Whether a name is the source of a report: "according to X", "X said", "said X", "X told"."""
    before = doc_text[max(0, cand.start - 25):cand.start]
    after = doc_text[cand.end:cand.end + 25]
    if re.search(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][\w’'-]*\s+){0,3}$", doc_text[max(0, cand.start - 50):cand.start]) \
            and after.lstrip().startswith(","):
        return False  # "the briefing, prepared by the forecaster [X], warned of gusts": X is what did it, not who says so
    return bool(re.search(r"(?:according to|citing|said|says|told)\s+(?:the\s+)?$", before, re.I)
                or re.match(rf"^[’']?s?\s*(?:\([A-Z]+\)\s*)?(?:,\s*)?(?:{SPEECH_VERBS}|told)\b", after, re.I))


def speech_likeness(doc_text: str, cand: Candidate) -> float:
    """How much a quotation reads as reported speech rather than a name or scare quote, in [0, 1]."""
    words = cand.text.split()
    score = 0.3 if len(words) >= 3 else 0.0
    if sum(w[:1].islower() for w in words) >= max(1, len(words) // 3):
        score += 0.15
    if re.search(r"\b(?:I|we|my|our|me|us)\b", cand.text):
        score += 0.2
    around = doc_text[max(0, cand.start - 30):cand.start] + " " + doc_text[cand.end:cand.end + 30]
    if re.search(rf"\b(?:{SPEECH_VERBS})\b", around, re.I):
        score += 0.15
    # Framed as speech: the quote opens a sentence or follows a comma or colon, and closes with punctuation.
    opening = doc_text[max(0, cand.start - 3):cand.start]
    closing = doc_text[cand.end:cand.end + 2]
    if (re.search(r"(?:^|[\n.?!:,]\s*)[\"“‘]$", opening) or cand.start <= 1) and re.match(r"[,.?!]|[\"”’][,.?!]", closing):
        score += 0.2
    elif turn_speaker(doc_text, cand.start) and not _QUOTE_MARK.search(doc_text[cand.start:cand.end]):
        score += 0.35  # a transcript's turn: framed by its speaker label, as a speech verb and quote marks frame speech
    return min(1.0, score)
