"""Checks that a candidate answer fits what the question pins down, not just its words.

A question the articles cannot answer usually looks like one they can: "How many *Swedish* sailors were
rescued?" next to a sentence about 30 *Danish* sailors rescued, "What is the *name* of the captain?" next to
a sentence that names a harbour, "How *old* was he?" next to "one of *two*". Scores
cannot tell these apart, because nearly all the words match. Each check below reads one thing the question
fixes and says why a candidate fails it; the reader answers with the best candidate that passes them all
and refuses, saying why, when none of the good ones does.

- ``kind``: "how old" wants an age, "when" a date, "how many" a quantity, "what is the name of" a person's
  name; nothing else will do.
- ``unit``: "on what day" wants a day ("Monday", "Jan. 4"), "on what date" a day of a month, "at what
  time" a time of day, "which year" a year, "what month" a month.
- ``amount``: "how much did it cost" wants an amount of money, "what percentage" a percentage.
- ``holder``: "how old is Dr. Maria Santos" wants an age stated next to her name, not someone else's.
- ``future``: "when will ..." wants a date the passage speaks of as still to come.
- ``within``: "where in Norland", "which part of Norland": a place the text puts in Norland ("Norland's Alder
  district", "Alder, Norland"), not Norland itself.
- ``described``: "What is the name of the *captain*?" and "Who is the *mayor* of ...?" are answered by a name
  the text describes so: the noun stands next to the name ("Mayor X", "X, the captain,").
- ``counted``: "how many Swedish sailors" against the words the number counts in the sentence ("30
  Danish sailors"): a name-like modifier of the question that the counted words lack while they
  carry another, or a counted noun that differs ("drones" / "troops"), rules the number out.
- ``subject``: the noun the question counts ("how many *prisoners*") must stand in the sentence (or the
  two before it), as such or as a word of similar meaning.
- ``source``: "What did X say?", "How many did X say ...", "according to X": X must be named in the
  sentence or the three before it, and a quotation must not be someone else's nor about X ("Long live
  Mayor Reyes", chanted by a crowd, is not what Reyes said); "What did the engineer say?": not a quotation whose
  speaker the article describes as someone else.
"""

from __future__ import annotations

import re

from .features import _OCCUPATION_ASKED, _MANNER, _MOTION_ASKED, _MOVED, _AGENCY_ASKED, _HEAD_TITLES, _callings, SIGNED_ASKED, bylined, signed_off, _RANK_ASKED, _YEAR_WORD as _YEAR, HEAD_ROLES, ROLES_ASKED, RUNS_NOUNS, RUNS_SAID, QueryContext, ScoredSentence, Signals, speaker_asked
from .question import (AGE, AUXILIARIES, CLOCK_TIME, SAY_VERBS, DATE, DAY_NAMED, DESCRIPTION, DURATION, MATERIAL_ASKED, NUMBER, PERSON, PLACE, QUOTE, Question,
                       is_person_noun)
from .gazetteer import is_country
from .spans import AGE_SAID_OF, CURRENCIES, CURRENCY_CODES, MADE_OF, MATERIAL, MATERIALS, NAME, SPEECH_VERBS, ORG, TITLES, Candidate, turn_speaker
from .text import STOPWORDS, stem, term_tuple, terms, tokens

#: What shows that a passage gives someone's words: quotation marks, a verb of saying, believing or promising.
_SPEECH_SAID = re.compile(rf"[“”\"]|\b(?:{SPEECH_VERBS}|{SAY_VERBS}|believes?|thinks?|estimated?|confirmed|reported|urged|"
                          r"apologi[sz]ed|expressed|according|statement|interview|quoted|wants?|wanted|hopes?|hoped|fears?|"
                          r"feared|wished|wishes|demanded|pleaded|begged|denied|accused|blamed|praised|thanked|critici[sz]ed|"
                          r"questioned|repeated|reiterated|agreed|disagreed|complained|joked|admits|confirms|notes|explains|"
                          r"warns|argues|claims|asks)\b", re.I)
#: Words that place a thing by another, so that a noun before them is no title of the name after them.
_PLACING = frozenset("under in at on near beside behind off by outside inside beneath below above from into onto".split())
#: A common noun's phrase that only names where it is: "[a storm culvert under] the Fenwick Road allotments".
_COMMON_BEFORE_NAME = re.compile(r"(?:an?|the)\s+(?:[a-z][\w’'-]*\s+)+(?:under|in|at|on|near|beside|behind|off|by|outside|"
                                 r"inside|beneath|below|above)\s")
#: Posts that are no person's noun by their form ("librarian", "secretary").
_JOB_WORDS = frozenset("librarian secretary clerk chef cook porter caretaker curator vet".split())
#: A name, a relative clause about it, and the verb an age follows: "Ivo Brandt, who runs the bookshop, is [58]".
_AGE_SAID_OF = re.compile(AGE_SAID_OF)
#: What comes before what a thing is made of: "is made of [...]", "built from [...]".
_MADE_BEFORE = re.compile(MADE_OF + "$")

#: Candidate kinds that can answer a question whose type is fixed by its wording.
STRICT_KINDS = {AGE: {AGE}, DATE: {DATE}, NUMBER: {NUMBER, DURATION}, DURATION: {DURATION, NUMBER}}
_NAME_ASKED = re.compile(r"\bnames?\s+of\b|\bwhat (?:is|was|are|were) (?:his|her|their|its) names?\b|\bwho is named\b", re.I)
#: "the names of the people who died", "name the sailors who were rescued": the verb said of them.
_NAMES_WHO = re.compile(r"\bnames?\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:who|that)\s+(?:(?:were|was|are|is|have|has|had|"
                        r"been|got|did)\s+)*([a-z][\w’'-]+)", re.I)
_COUNTED = re.compile(r"\bhow (?:many|much)\s+(.*)", re.I)
_DESCRIBED = re.compile(r"\bnames?\s+of\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?((?:[\w’'-]+\s+){0,3}?[\w’'-]+)"
                        r"(?=\s+(?:who|that|which|in|on|at|from|with|of)\b|\s*[?,.]|\s*$)"
                        r"|^\W*who\s+(?:is|was)\s+(?:the|a|an)\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+)"
                        r"(?=\s+(?:of|in|at|for|who|that)\b|\s+[a-z]+ing\b|\s*[?.]|\s*$)"  # "the officer [leading] ..."
                        # "Who is Port Havel's mayor?"
                        r"|^\W*who\s+(?:is|was)\s+(?-i:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)[’']s\s+((?:[\w’'-]+\s+){0,2}?[\w’'-]+)"
                        r"\s*[?.]?\s*$"
                        # "Who was flying alongside Calloway as her co-pilot?"
                        r"|^\W*who\s+[^?]*?\bas\s+(?:his|her|their|its|the)\s+((?:[\w’'-]+\s+){0,1}?[\w’'-]+)\s*[?.]?\s*$",
                        re.I)
#: "Besides the FBI, what agency ...?", "Apart from St. Aldric's, which hospital ...?": a name the answer is not.
_SET_ASIDE = re.compile(r"\b(?:apart from|aside from|besides|other than|except(?: for)?|in addition to)\s+(?:the\s+)?"
                        r"((?-i:[A-Z][\w’'.-]*)(?:\s+(?:of\s+)?(?-i:[A-Z][\w’'.-]*))*)", re.I)
_SOURCE = re.compile(r"\b(?i:did|does|do|has|have|had)\s+((?:[A-Z][\w’'.-]*\s+){1,3})(?:say|said|tell|told|claim|report|"
                     r"estimate|write|describe|think|believe|suggest)\b|\b(?i:according to)\s+((?:[A-Z][\w’'.-]*\s*){1,3})")
#: Words after a number that do not name what it counts ("2,700 others", "300 of them").
_GENERIC = frozenset({"other", "others", "more", "of", "percent", "per", "cent", "times",
                      "in", "at", "on", "and", "or", "to", "were", "was", "had", "have", "has", "who"})
#: Question nouns that only restate the answer type ("which *country*", "what *number*"): never in the text.
_TYPE_NOUNS = frozenset(stem(w) for w in (
    "number amount total figure count name names person people man woman day date year month week time place "
    "city country town region area kind type sort reason cause thing one age part money cash sum material quantity".split()))


class Violation(str):
    """Why a candidate fails (a short clause for the user). ``passage``: the fault is the passage's (it is
    about someone or something else), so another candidate of the same sentence is no remedy; otherwise the
    candidate is the wrong slot of a passage that may hold the right one ("250 passengers and 40 cars"). ``unit``:
    it is not the unit asked for ("at what time": "about 90 minutes later" is no time of day), so a candidate that
    is, in a passage that holds the question's words or a clause like it as much, answers however far below
    (``unit_reach``). ``prefer``: a candidate that passes answers however far below, but when none does, the failing
    one still answers ("who runs the museum": whoever the text calls its director, else the best name). ``counts``: it
    counts something other than what "how many" asks, so a number followed by that very noun answers however far
    below ("made [thirty-one] drops"). ``place``: the fault is where the name stands in this sentence (as the source of
what it reports), so the same name answers where it stands otherwise. ``subject``: the passage does not speak of the
event whose time is asked, so one that does answers where it holds the question's words nearly as much ("When is
Brannock's funeral?": not the year of his birth in a headline that names him). ``soft``: where nothing passes
within that reach, the failing one still answers ("When did X get married?" asked of a passage that says "wed").
``wider``: the same words with more around them may pass ("the lost property office" leaves out the named place it
stands in; "the lost property office at Haldenfels valley station" does not)."""

    passage: bool
    unit: bool
    prefer: bool
    counts: bool
    place: bool
    subject: bool
    soft: bool
    wider: bool

    def __new__(cls, text: str, passage: bool = False, unit: bool = False, prefer: bool = False,
                counts: bool = False, place: bool = False, subject: bool = False, soft: bool = False,
                wider: bool = False) -> "Violation":
        obj = super().__new__(cls, text)
        obj.wider = wider
        obj.subject = subject
        obj.soft = soft
        obj.passage = passage
        obj.unit = unit
        obj.prefer = prefer
        obj.counts = counts
        obj.place = place
        return obj


def counted_phrase(text: str) -> list[tuple[str, str, bool]]:
    """What "how many" counts, as (stem, word, capitalised) triples: the capitalised words after it and the
    first other content word, its noun ("how many of the Danish sailors were ..." -> Danish,
    sailors; "how many passengers worked ..." -> passengers)."""
    m = _COUNTED.search(text)
    if not m:
        return []
    out = []
    toks = tokens(m.group(1))
    for i, t in enumerate(toks):
        if t.lower in STOPWORDS or t.lower in _GENERIC:
            if out or t.lower not in _LEADING:
                break  # "how many were injured": the question does not say what is counted
            continue
        out.append((stem(t.lower), t.text, t.text[:1].isupper()))
        if not t.text[:1].isupper():
            # "how many uncounted votes", "how many injured soldiers": a participle before the noun counted
            after = toks[i + 1] if i + 1 < len(toks) else None
            if re.search(r"(?:ed|en|ing)$", t.lower) and after and after.text.islower() \
                    and after.lower not in STOPWORDS and not after.lower.endswith("ed"):
                out.append((stem(after.lower), after.text, False))
            elif after and after.text.islower() and after.lower not in STOPWORDS and i + 2 < len(toks) \
                    and toks[i + 2].lower in AUXILIARIES:
                # "how many water drops did ...": a compound, whose last noun is what is counted
                out.append((stem(after.lower), after.text, False))
            break
    return out


# "On what day", "in which year", "what month": the date must name one.
_UNIT_ASKED = [
    (re.compile(r"\b(?:what|which)\s+(?:(?:is|was|will\s+be)\s+the\s+)?(?:(?:earliest|latest|first|last|next)\s+)?days?\b",
                re.I),
     # (a month's name in capitals: not "about 4")
     re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?-i:\b[A-Z][a-z]{2,8}\.?\s\d{1,2}\b|\b\d{1,2}\s[A-Z][a-z]{2,8}\b)|"
                r"\b(?:yesterday|today|tomorrow|same day|previous day|next day)\b", re.I), "a day"),
    (re.compile(r"\b(?:what|which) date\b", re.I),
     re.compile(r"\b[A-Z][a-z]{2,8}\.?\s\d{1,2}\b|\b\d{1,2}\s[A-Z][a-z]{2,8}\b|\b\d{1,2}/\d{1,2}\b"), "a date"),
    # "What hours is it open?", "its opening hours": from one time to another.
    (re.compile(r"\b(?:what|which)\s+(?:are\s+(?:the|its|their)\s+)?(?:opening\s+)?hours\b|\bopening hours\b", re.I),
     re.compile(r"(?:\d(?:[:.]\d{2})?\s?(?:a\.m\.?|p\.m\.?|am|pm)|\d:\d{2}|noon|midnight)\s*(?:to|until|till|-|–)\s*"
                r"(?:\d|noon|midnight)", re.I), "a span of hours"),
    # "What time of night": the part of the day is said, the clock time is asked.
    (re.compile(r"\b(?:what|which) time of (?:the )?(?:day|night|morning|afternoon|evening)\b", re.I),
     re.compile(r"\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.?|p\.m\.?|am\b|pm\b)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|\b(?:noon|midnight)\b"
                r"|\b(?:past|o[’']clock)\b|\bquarter to\b", re.I), "a time of day"),
    (re.compile(r"\b(?:what|which) time\b|\bat what hour\b", re.I),
     re.compile(r"\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.?|p\.m\.?|am\b|pm\b)|\b(?:[01]?\d|2[0-3]):[0-5]\d\b|"
                r"\b(?:noon|midnight|dawn|dusk|morning|afternoon|evening|night)\b|\b(?:past|o[’']clock)\b|\bquarter to\b", re.I),
     "a time of day"),
    (re.compile(r"\b(?:what|which) year\b", re.I), re.compile(r"\b(?:1[5-9]|20)\d\d\b|\b(?:last|this|next) year\b", re.I), "a year"),
    (re.compile(r"\b(?:what|which) month\b", re.I),
     re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|\b(?:last|this|next) month\b", re.I), "a month"),
]
#: "How much does a ticket cost?", "How much will the repairs cost?": a price asked of something.
_COST_ASKED = re.compile(r"\bhow much\b.*\b(?:cost|costs|costing|charge|charges|charged)\b", re.I)
#: Sums the text names by what they pay for, which answer "how much" only when the question names them too.
_PAYMENTS = frozenset("reward rewards fine fines bonus bonuses grant grants loan loans settlement ransom bail award "
                      "awards donation donations refund refunds payout salary salaries pension pensions premium "
                      "premiums deposit deposits bribe bribes".split())
#: "What will the weather be like ...?", "What was the mood like?": the thing asked about (group 1), a common noun.
_LIKE_ASKED = re.compile(r"^\W*(?i:and\s+)?(?i:what)\s+(?:is|was|are|were|will|would|might)\s+(?:the|its|their)\s+"
                         r"(?:(?!be\b)[a-z][\w-]*\s+)?((?!be\b)[a-z][\w-]*)\s+(?:be\s+|been\s+)?like\b")
#: The thing a sum is the price of, right before it: "an alert system costing [about $400,000]" (group 1).
_PRICE_OF = re.compile(r"\b([a-z][\w-]*)\s+(?:costing|priced\s+at|worth|at\s+a\s+cost\s+of|(?:which|that)\s+(?:cost|costs|"
                       r"would\s+cost|will\s+cost))\s+(?:(?:about|around|roughly|some|nearly|almost|more\s+than|less\s+than|"
                       r"up\s+to)\s+)?$")
#: Words that speak of a price.
_COST_STEMS = frozenset(stem(w) for w in "cost costs price prices priced fare fares fee fees charge charged bill "
                        "budget spend spent paid pay worth much".split())
#: A question about what happened or what someone did, or how: "What happened to X?", "How did they get off?",
#: "What did the organisers do?", "What does the work involve?" (not "How many", "How long", "How old").
_ACTIVITY_ASKED = re.compile(r"^\W*(?:and\s+)?(?:what\s+(?:happened|has\s+happened|had\s+happened|will\s+happen|happens)\b"
                            r"|how\s+(?:did|does|do|was|were|is|are|has|have|had|will|can|could)\b"
                            r"|what\s+(?:did|does|do|will|has|have|had|is|are|was|were)\b.*\b(?:do|doing|done|involve|involves|"
                            r"involved)\s*\?*\s*$)", re.I)
#: "When exactly ...?", "At what moment ...?": the time of day, where a passage gives one.
_EXACT_TIME = re.compile(r"\bwhen\s+exactly\b|\bexactly\s+when\b|\bat\s+(?:what|which)\s+(?:exact\s+)?(?:moment|point)\b", re.I)
# "How much did it cost", "what share": an amount of money, a percentage.
_LENGTH_UNITS = r"miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|feet|foot|ft|yards?|inch(?:es)?|cm|centimet(?:er|re)s?|stor(?:ey|y|ies|eys)"
_NOT_SPEED = r"(?!\s+(?:per|an|a)\s+(?:hour|minute|second)\b)"  # "45 miles per hour" is no distance
_CURRENCY_SIGNS = {"dollar": "$", "euro": "€", "pound": "£", "yen": "¥", "yuan": "¥", "rupee": "₹", "rouble": "₽", "ruble": "₽"}


def _currency_shape(name: str) -> re.Pattern:
    """A pattern for a sum in the named currency: its name, singular or plural, or its sign ("euros": "euro", "€")."""
    one = name.lower().removesuffix("s")
    sign = _CURRENCY_SIGNS.get(one)
    return re.compile(rf"\b{re.escape(one)}s?\b" + (f"|{re.escape(sign)}" if sign else ""), re.I)


_MEASURES = frozenset({"a distance", "a length", "a weight", "a speed", "a temperature", "a quantity"})
_AMOUNT_ASKED = [  # the share first: "what percentage of the budget" asks for a percentage
    (re.compile(r"\b(?:percent|percentage|per cent|proportion|fraction|ratio)\b|\b(?:what|which|the|a)\s+share\s+of\b", re.I),
     re.compile(r"%|\bper\s?cent\b|\b(?:half|third|quarter|fifth|tenth)\b", re.I), "a percentage"),
    # "How fast", "how far", "how deep", "how heavy": a speed, a distance, a length, a weight.
    # (not "how fast did the crews get there": how long it took)
    (re.compile(r"\bhow fast\s+(?:was|were|is|are)\b|\b(?:what|which|the|its|top) speed\b", re.I),
     re.compile(r"\b(?:mph|km/h|kph|knots?|(?:miles|kilomet(?:er|re)s|met(?:er|re)s) (?:an|per) (?:hour|second))\b", re.I),
     "a speed"),
    (re.compile(r"\bhow (?:far|close|near)\b|\b(?:what|which|the) distance\b", re.I), re.compile(rf"\b(?:{_LENGTH_UNITS})\b{_NOT_SPEED}", re.I),
     "a distance"),
    (re.compile(r"\bhow (?:deep|high|tall|wide)\b|\b(?:what|which)\s+(?:altitude|elevation|height|depth)\b", re.I), re.compile(rf"\b(?:{_LENGTH_UNITS})\b{_NOT_SPEED}", re.I), "a length"),
    # "What temperature did the bearing reach?", "how hot": degrees.
    (re.compile(r"\b(?:what|which)\s+(?:(?:is|was|will\s+be)\s+the\s+)?(?:[a-z]+\s+)?temperatures?\b|\bhow (?:hot|cold|warm)\b", re.I),
     re.compile(r"°|\bdegrees?\b|\b(?:Celsius|Fahrenheit|centigrade)\b", re.I), "a temperature"),
    (re.compile(r"\bhow heavy\b|\bweigh(?:s|ed)?\b|\bwhat weight\b", re.I),
     re.compile(r"\b(?:pounds?|lbs?|kilo(?:gram)?s?|kg|tons?|tonnes?|ounces?|oz|grams?)\b", re.I), "a weight"),
    # (and a fine, a ransom, a reward: "how much was the firm fined", "what was the reward")
    (re.compile(r"\b(?:dollars?|cost|costs|price|money|worth|budget|funding|spend|spent|pay|paid|euros?|pounds?|"
                r"charge|charged|charges|sum)\b|\$|"
                r"\bhow (?:much|large|big)\b.*\b(?:fined|penalty|penalties|ransom|reward|compensation|damages|salary|fees?|"
                r"bonus(?:es)?|payouts?|payments?|grants?|settlement|wages?|pensions?|subsid(?:y|ies)|allowances?)\b|"
                r"\b(?:what|which|how much)\s+(?:was|is|were|are)\s+the\s+(?:fine|penalty|ransom|reward|salary|fee|bonus|"
                r"payout|settlement)\b", re.I),
     re.compile(rf"[$€£¥₩₹₽]|\b(?:{CURRENCIES})\b|(?-i:{CURRENCY_CODES})|\d\s*(?:million |billion )?won\b", re.I), "an amount of money"),
    # "How much ammonia escaped?", "how much rain fell?": a quantity in a unit of weight, volume or size.
    (re.compile(r"\bhow much\s+(?!(?:money|cash|time|longer|more|less|of|is|was|are|were|did|does|do|will|has|have|had|"
                r"would|could|can|should|it|this|that)\b)[a-z][\w-]*\s+(?!(?:cost|costs|pay|paid|charge|charged|"
                r"earn|earned|raise|raised|spend|spent|owe|owed)\b)", re.I),
     re.compile(r"\b(?:tonnes?|tons?|kilo(?:gram)?s?|kg|grams?|pounds?|lbs?|ounces?|lit(?:er|re)s?|gallons?|barrels?|"
                r"cubic|(?:milli|centi|kilo)?met(?:er|re)s|mm|cm|km|miles|inches|feet|acres?|hectares?|ha|km2|square|bags?|truckloads?|"
                r"loads?|cartloads?|bottles?|tubs?|cans?|crates?|boxes?|sacks?|kilowatt|megawatt|watts?|%|per\s?cent|"
                r"(?:kilo|mega|giga|tera|peta)?bytes|[KMGTP]B|degrees?|calories|volts?|doses?|rounds?)\b",
                re.I), "a quantity"),
]
_POPULATION_ASKED = re.compile(r"\bpopulation\b|\bhow many (?:people|residents|inhabitants)\s+(?:live|lived|reside)\b", re.I)
_RESIDENTS_BEFORE = re.compile(r"(?:\b(?:town|city|village|community|county|island|district|suburb|municipality|nation|"
                               r"country|parish|borough|hamlet|state|region)\s+of|\bpopulation\s+(?:of|is|was|stands at|"
                               r"stood at|of just|of some|has grown to|has fallen to)|\bhome to|\bpopulation:?)\s+"
                               r"(?:(?:about|around|some|roughly|nearly|almost|more than|over|just over|under|fewer than|"
                               r"approximately|just under)\s+)?$", re.I)
_RESIDENTS_AFTER = re.compile(r"\s+(?:residents|inhabitants|people|citizens)\b", re.I)
_UNIT_AFTER = re.compile(r"[\s-]*(?:(?:million|billion|thousand|trillion|hundred)\s+)?[\w%$€£/.’'-]+"
                         r"(?:\s+(?:an|a|per)\s+\w+)?", re.I)
# "Where in Norland", "which part of Norland": the place must lie in it, so the sentence names it too.
_WITHIN = re.compile(r"\b(?i:where in) ((?:[A-Z][\w’'-]*\s?)+)|\b(?i:(?:which|what) (?:part|region|area|province|district|city|town)s? "
                     r"of) ((?:[A-Z][\w’'-]*\s?)+)")
_AGE_OF = re.compile(r"\b(?i:how old (?:is|was|are|were)|what is the age of|what age is)\s+((?:[A-Z][\w’'.-]*\s?)+)")
_TITLE_ABBREVIATION = re.compile(rf"\b(?:{TITLES})\.")
_TITLE_WORD = re.compile(r"(?:Dr|Mr|Mrs|Ms|Prof|Gov|Rep|Sen|Gen|Mayor|President|Governor|Senator|Judge)\.?")
#: What a "when will" question asks is to happen, after a named subject: "When will the Marine Accident
#: Investigation Panel [publish its findings]?", "When will Hardmoor Salvage [start pumping]?".
_FUTURE_ACT = re.compile(r"^\W*(?i:and\s+)?(?i:when\s+will\s+)(?:the\s+)?(?:[A-Z][\w’'.-]*\s+)+([a-z][^?]*?)\s*\??\s*$")
#: What a "when did" question asks happened, after the names of who did it: "When did Elias Brannock and Wenna [get
#: married]?", "When did Harlow Mining [close the pit]?".
_PAST_ACT = re.compile(r"^\W*(?i:and\s+)?(?i:when\s+did\s+)(?:the\s+)?(?:[A-Z][\w’'.-]*\s+)+"
                       r"(?:and\s+(?:(?:the|his|her|their)\s+)?[\w’'.-]+\s+(?:[A-Z][\w’'.-]*\s+)*)?([a-z][^?]*?)\s*\??\s*$")
#: Verbs that say little of what happened ("get married": "married" says it).
_LIGHT_VERBS = frozenset("get gets got do does did make makes made take takes took have has had go goes went come comes came "
                         "be become became".split())
_WHEN_FUTURE = re.compile(r"^\W*(?:and\s+)?when\s+(?:will|shall|(?:is|are)\s+(?:[\w’'-]+\s+){1,4}?(?:going to|expected to|due to|set to|scheduled to)"
                          # "When does the museum open its doors again?", "When do classes resume?"
                          r"|(?:does|do)\s+.{1,60}?\b(?:again|reopens?|resumes?|restarts?|returns?)"
                          # "When is the public meeting taking place?": the present progressive of an event to come
                          r"|(?:is|are)\s+(?:[\w’'-]+\s+){1,6}?(?:taking place|being held|happening))\b", re.I)
_FUTURE = re.compile(r"\((?:planned|expected|scheduled|provisional)\)|\b(?:(?:hope|hopes|hoped|hoping|aim|aims|aimed|aiming|"
                     r"intend|intends|intended|intending)\s+to|will|shall|would|going to|expects?|expecting|(?:expected|scheduled|planned)(?=\s+(?:to|for|on|in|at|by|next|this|"
                     r"later|soon)\b|\s*[.,;])|plans?|due to|set to|next|upcoming|later this|"
                     r"until|by the end of|in the coming|soon|(?:is|are)\s+to\s+(?!blame\b|say\b)[a-z]+"  # "is to take office"
                     # (not "fitted during [scheduled] maintenance")
                     # "has called a public meeting at the church hall for 7pm on Monday"
                     r"|(?:called|arranged|booked|convened|organi[sz]ed|set)\s+(?:[\w’'-]+\s+){1,8}?for)\b", re.I)
_NATIONALITY = re.compile(r"[a-z](?:an|ian|ese|ish|i)(?:[’']s)?$")  # "Norlandic" aside, "Vestian", "Japanese", "Israeli"
#: Nouns of a country or its parts: "which city" asks for a place, whatever else the text names.
_SETTLEMENT_NOUNS = frozenset(stem(w) for w in "city cities town towns village villages capital".split())
_GEO_NOUNS = frozenset(stem(w) for w in (
    "country countries city cities town towns village villages state states province provinces county counties "
    "nation nations capital port ports harbour harbours harbor harbors river rivers lake lakes island islands").split())
#: "Who is / was / heads / runs ...?": one person (not "Who were ...?", "Who have ...?").
_ONE_ASKED = re.compile(r"^\W*(?:and\s+)?who\s+(?:(?:is|was)\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]*[^s\W]\b(?!\s+and\b)"
                        r"|heads|runs|leads|chairs|directs|manages|owns|commands|represents|oversees)\b", re.I)
#: Two names joined: "Ingrid Solvang-Dahl and Tobias Wennerholm".
_TWO_PEOPLE = re.compile(r"[a-z]\s+(?:and|&)\s+[A-Z]")
#: "What rank": a rank of the forces, the police or the church is the answer.
_RANKS = re.compile(r"\b(?:private|corporal|lance corporal|sergeant|staff sergeant|lieutenant|captain|major|colonel|general|"
                    r"brigadier|admiral|commodore|commander|ensign|marshal|cadet|officer|constable|inspector|"
                    r"superintendent|detective|chief|deputy|bishop|cardinal|priest|seaman|airman|soldier|recruit|"
                    r"specialist|warrant officer|petty officer|rear admiral|vice admiral)s?\b", re.I)
#: "Who runs / heads / leads [the Vellacott Museum]?", "Who is the director of [the Halden Registry]?": a named body.
_LEADER_OF_NAMED = re.compile(r"\b(?:runs|heads|leads|directs|chairs|manages|commands|oversees|running|heading|leading|"
                              r"directing|managing|commanding|overseeing|in\s+(?:charge|command)\s+of|"
                              r"(?:head|director|chief|leader|chair|president|boss)\s+of)\s+(?:the\s+)?((?-i:[A-Z][\w’'-]*)(?:\s+(?:of\s+|the\s+|&\s+)*(?-i:[A-Z][\w’'-]*))*)",
                              re.I)
#: "Through what did the men escape?", "With what was it opened?": the preposition the answer follows.
_PREPOSITION_WHAT = re.compile(r"^\W*(?:and\s+)?(through|with|by|into|onto|across|over|under|via|along|inside|behind|against|"
                               r"upon|from)\s+what\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can)\b",
                               re.I)
#: Things whose names are no one's: a craft or a vehicle ("the ferry [Corinne Abbott]", "the balloon, [the Blue Heron]").
_THING_NOUNS = frozenset(stem(w) for w in (
    "balloon ship ferry boat vessel tanker trawler yacht barge aircraft airliner plane helicopter jet train locomotive "
    "bus lorry truck car van").split())
#: "When will the [public hearing] into the accident take place?", "When does the [museum] open?": the thing whose
#: time is asked, which its passage must speak of.
_EVENT_WHEN = re.compile(r"^\W*(?:and\s+)?when\s+(?:will|is|was|did|does|do|are|were)\s+(?:the|a|an|his|her|their|its|"
                         r"(?-i:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)[’']s)\s+"
                         r"((?-i:[a-z][\w’'-]*\s+){0,2}?(?-i:(?!(?:first|again|finally|ever|still|now|officially|actually)\b)"
                         r"[a-z][\w’'-]*))(?=\s+(?:into|of|on|for|about|over|take|be|happen|begin|"
                         r"start|open|close|resume|end|finish|meet|sit|reopen|arrive|leave|held|scheduled|planned)\b|\s*\?*\s*$)", re.I)
#: The passive verbs whose agent is the one a noun names: "flown by X" for the pilot, "skippered by X" for the skipper.
_AGENT_OF = {stem(noun): frozenset(verbs.split()) for noun, verbs in (
    ("pilot", "flown piloted"), ("driver", "driven"), ("skipper", "skippered captained sailed"),
    ("captain", "captained skippered commanded"), ("commander", "commanded led"), ("leader", "led headed"),
    ("owner", "owned"), ("founder", "founded started"), ("author", "written authored"), ("writer", "written"),
    ("director", "directed run"), ("organiser", "organised organized"), ("organizer", "organised organized"))}
#: What the text says right after the name of whoever runs a thing (``RUNS_NOUNS``): "Colm Rafferty, [who runs the
#: farm]".
_RUNS_AFTER = re.compile(r"[^\S\n]*,[^\S\n]*(?:\d{1,3},\s*)?" + RUNS_SAID.pattern[2:])
#: What the text says someone leads, right after their name: "Ruth Kilbride, [who runs the Halden Stolen Art
#: Registry]", "X, director of the Y".
_LEADS_NAMED = re.compile(r"[^\S\n]*,[^\S\n]*(?:\d{1,3},\s*)?(?:who\s+(?:runs|heads|leads|directs|chairs|manages)|(?:the\s+|its\s+)?"
                          r"(?:[\w-]+\s+)?(?:director|head|chief executive(?:\s+officer)?|chief|president|chair(?:man|woman|person)?|leader|"
                          r"founder|owner)\s+(?:of|at))\s+(?:the\s+)?((?-i:[A-Z][\w’'-]*)(?:\s+(?:of\s+|the\s+|&\s+)*(?-i:[A-Z][\w’'-]*))*)",
                          re.I)
#: "What kind of wine does the valley make / is it known for?": its answer is a wine. Not "What kind of substance is
#: chlorine?", which asks what chlorine is ("a yellow-green gas").
#: Where one clause of a sentence ends and a joined one begins.
_CLAUSE_JOIN = re.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+")
#: "How long a [sentence]", "how big a [fine]": the noun the measure is of.
_HOW_LONG_A = re.compile(r"\bhow (?:long|big|large|heavy|high|severe|steep|deep|wide) an? (?:[a-z][\w-]*\s+)??([a-z][\w-]*)"
                         r"(?=\s+(?:did|does|do|is|was|are|were|has|have|had|will|would|could|can|might|may|should)\b|\s*\?|\s*$)",
                         re.I)
_KIND_OF = re.compile(r"\bwhat\s+(?:kinds?|types?|sorts?)\s+of\s+([a-z][\w-]*)\s+(?:(?:does|do|did|will|can|could|would)\b|"
                      r"(?:is|are|was|were)\b[^?]*\b(?:famous|known|noted|renowned|prized|celebrated)\s+for\b)", re.I)
_LEADS_THING = re.compile(r"[^\S\n]*,[^\S\n]*(?:\d{1,3},\s*)?(?:who\s+(?:runs|heads|leads|directs|chairs|manages|is\s+(?:running|heading|"
                          r"leading|directing|managing|in\s+charge\s+of))|the\s+(?:commander|head|director|leader|chief|"
                          r"manager)\s+of)\s+((?:the|its|this)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\b")
#: "What country": not a place whose own name makes it a part of one ("Kessler County").
_NATION_NOUNS = frozenset(stem(w) for w in "country countries nation nations".split())
_LOCAL_PLACE = re.compile(r"\b(?:County|City|Town|Village|Street|Road|Avenue|Lane|District|Borough|Square|Park|Station|"
                          r"Airport|Harbou?r|Bridge)$")
#: "Which hospital", "what school": kinds of place whose names say what they are ("St Aldric's Infirmary", "Saltgate
#: Primary School"), so a name that does not, and that the text does not call one, is some other thing.
_FACILITIES = {stem(noun): (re.compile(rf"\b(?:{words})\b", re.I), noun) for noun, words in (
    ("hospital", r"hospitals?|infirmar(?:y|ies)|clinics?|medical cent(?:er|re)s?|health cent(?:er|re)s?"),
    ("school", r"schools?|academ(?:y|ies)|colleges?|lyc[eé]es?|kindergartens?"),
    ("university", r"universit(?:y|ies)|colleges?|institutes?|polytechnics?"),
    ("prison", r"prisons?|jails?|gaols?|penitentiar(?:y|ies)|correctional|detention"),
    ("airport", r"airports?|airfields?|aerodromes?|air bases?"),
    ("museum", r"museums?|galler(?:y|ies)"),
    ("hotel", r"hotels?|inns?|lodges?|motels?"),
    ("stadium", r"stadiums?|stadia|arenas?|grounds?"),
    ("church", r"churche?s?|chapels?|cathedrals?|abbe(?:y|ys)|minsters?|basilicas?"),
    ("party", r"part(?:y|ies)|democrats?|republicans?|labou?r|conservatives?|liberals?|greens?|socialists?|communists?"),
    # Businesses of one trade: "Which manufacturer supplied the gasket?" is not answered by the plant's operator,
    # unless the text calls it one, its name says so, or the text says it made the thing ("built by [X]").
    ("manufacturer", r"manufactur\w*|makers?|Industries|Works|Motors|Engineering|Fabrication"),
    ("supplier", r"suppliers?|Supplies|Supply|Wholesale"),
    ("insurer", r"insurers?|insurance|underwriters?|Assurance"),
    ("farm", r"farms?|ranch(?:es)?|dair(?:y|ies)|estates?|orchards?|vineyards?"),
)}
#: The text saying that the named business made or did the thing: "built by [X]", "supplied by [X]".
_MADE_BY = re.compile(r"\b(?:made|built|manufactured|produced|supplied|insured|grown|raised|fitted|installed|delivered)"
                      r"\s+by\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
_TRADES = frozenset(stem(w) for w in ("manufacturer", "supplier", "insurer", "farm"))
#: The trades a "which company" question asks by its verb, with the words that say a passage speaks of that trade:
#: "Which company insured the Copper Finch?" needs a passage about insuring it ("the ship's insurer, Northgate
#: Mutual"; "made by Tarrow Fine Foods" for "which company produced ...").
_TRADE_WORDS = (
    ("make|makes|made|making|manufactures?|manufactured|produces?|produced", r"make|makes|made|maker|makers|manufactur\w*|produc\w*"),
    ("builds?|built|building|constructs?|constructed", r"build\w*|built|construct\w*"),
    ("supplies|supply|supplied", r"suppl\w*|provid\w*"),
    ("insures?|insured|insuring|underwrites?|underwrote", r"insur\w*|underwr\w*"),
)
#: (asked of a company by its verb: "Which insurer made the fishers an offer?" names the trade by its noun, and "made"
#: is no trade there)
_TRADE_ASKED = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+(?:[\w-]+\s+)?(?:company|companies|firm|firms|business|"
                          r"businesses)\s+(?:(?:has|had|have|is|was|originally|first|"
                          r"now|currently)\s+)*(" + "|".join(v for v, _ in _TRADE_WORDS) + r")\b", re.I)
#: Businesses and public bodies: the stems of the nouns that ask for one, the words that make a name one, and what it
#: is then ("Halvorsen Risk Engineering Ltd" is a business; "the Industrial Hazards Inspectorate" a public body).
_SECTORS = (
    (re.compile(r"compan|firm|manufactur|maker|supplier|contractor|insur|retail|publish|carrier|airlin|busi|brand|"
                r"produc|subsidiari|subsidiary|consultanc", re.I),
     re.compile(r"\b(?:Ltd|Inc|Corp|Corporation|Company|Co|LLC|PLC|plc|AG|GmbH|SA|Industries|Holdings|Manufacturing|Foods|"
                r"Engineering|Consultants|Consulting|Chemicals|Polymers|Plastics|Logistics|Enterprises|Motors|Brewery|"
                r"Bakery|Dairy|Farms|Pharmaceuticals|Technologies|Systems|Software|Airlines|Airways)\b"),
     "a business"),
    (re.compile(r"agenc|regul|author|ministri|ministry|depart|watchdog|inspector|council|govern|polic|court|tribun|"
                r"commiss|constabulari|constabulary", re.I),
     re.compile(r"\b(?:Authority|Agency|Ministry|Department|Council|Inspectorate|Directorate|Commission|Bureau|Police|"
                r"Constabulary|Court|Tribunal|Parliament|Government|Administration|Office|Regulator)\b"),
     "a public body"),
)
#: A question about who reported, gave, said or estimated something: its answer may be the source of a report.
_ASKS_SOURCE = re.compile(r"\b(?:sa(?:y|ys|id)|t(?:ell|old)|talk\w*|sp(?:eak|oke)\w*|report\w*|announc\w*|confirm\w*|"
                          r"estimat\w*|according|claim\w*|state[sd]?|warn\w*|predict\w*|put|issued?|publish\w*|"
                          r"disclos\w*|revealed?|gave|give[sn]?|believe[sd]?|blame[sd]?|accus\w*|sources?|figures?|"
                          r"count\w*|comment\w*|describ\w*|call\w*|advis\w*|urg\w*|ask\w*)\b", re.I)
#: Words that may stand between a place and the larger place it lies in ("the Norlandic *region of* Alder").
_LINKS = frozenset({"of", "in", "the", "region", "province", "state", "district", "county", "oblast", "area", "part",
                    "city", "town", "border", "northern", "southern", "eastern", "western", "central", "near", "'s", "s"})
#: Nouns for people in general, and counted nouns that name people: agents ("commuters", "residents",
#: "employees"), and common words for groups of people.
#: Before a number that counts the whole a part is taken from: "Two of the museum's [eight] cameras".
_WHOLE_BEFORE = re.compile(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|"
                           r"thousands|all|most|some|none|many|several|few|half)\s+of\s+(?:(?:the|its|their|his|her|our)\s+)?"
                           r"(?:[\w-]+['’]s\s+)?$", re.I)
#: Units that a number measures in, so that it counts them and nothing after them: "[25 metres] from the gates".
_MEASURE = re.compile(r"(?<=\d)\s?%$|\b(?:miles|kilomet(?:er|re)s|km|met(?:er|re)s|feet|inches|kg|kilograms|tons|tonnes|"
                      r"percent|per cent|acres|hectares|degrees|gallons|lit(?:er|re)s|barrels|grams|ounces|mph|knots|"
                      r"(?:kilo|mega|giga|tera)?bytes|(?:kilo|mega|giga)?watts|volts|"
                      # (a stretch of time counts time: "about eight months" is no count of transformers)
                      r"seconds|minutes|hours|days|weeks|months|years|decades)$", re.I)
#: Nouns of land, which an area measures ("How much land burned?": "1,850 hectares").
_AREA_NOUNS = frozenset(stem(w) for w in ("land", "ground", "area", "territory", "forest", "woodland", "farmland",
                                          "countryside", "bush", "scrub", "acreage"))
_AREA = re.compile(r"\b(?:hectares?|acres?|ha|square\s+(?:kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet)|km2|km²|sq\.?\s*(?:km|mi))$",
                   re.I)
_PLACE_COUNTED = frozenset(stem(w) for w in ("locations", "places", "sites", "spots", "points", "venues"))
_HUMAN_WORDS = ("people", "persons", "person", "individuals", "men", "women")
_HUMAN_NOUNS = frozenset(stem(w) for w in _HUMAN_WORDS)
#: Roles anyone may be called without the text using the word: "the employee who was hurt" is "a maintenance
#: fitter" in the articles.
_GENERIC_ROLES = frozenset(stem(w) for w in ("employee", "worker", "staffer", "individual",
                                             "resident", "citizen", "someone", "somebody"))
_HUMAN_COUNTED = re.compile(r"^(?:[\w’'-]*(?:ers|ors|ists|ians|ants|ents|ees|eers|men|women|persons)|people|children|kids|"
                            r"adults|staff|crew|victims|patients|families|troops|soldiers|civilians|others|teenagers|"
                            r"guests|friends|neighbou?rs|citizens|relatives|youths|babies|infants|personnel)$")
#: What may stand between a name and a noun in apposition after it: "X, [the] captain", "X, [52, a] florist",
#: "X, [a 40-year-old] boat".
# (a body's possessive opens one too: "Miriam Oyelaran, [Northbrook's] chief executive")
# ("Calloway, 47, is the chief pilot of ...", "Calloway is the chief pilot": a copula says it as well)
_APPOSITION_OPENS = re.compile(r"(?:\s*,\s*(?:\d{1,3}\s*,\s*)?(?:(?:is|was)\s+)?|\s+(?:is|was|has\s+been|had\s+been|became)\s+)"
                               r"(?:(?:a|an|the|its|his|her|their|(?-i:[A-Z][\w.-]*\s+){0,3}"
                               r"(?-i:[A-Z][\w.-]*)[’']s)\s+(?:[\w’'-]+\s+){0,3}|(?-i:[A-Z][\w.-]*\s+){1,3})?", re.I)
#: "Who interviewed the fire chief?": the role named as the object of the question's verb.
_ROLE_OBJECT = re.compile(r"^\W*(?i:and\s+)?(?i:who)\s+(?!(?:is|was|are|were|has|had|have|will|would|did|does|do|can|could)\b)"
                          r"[a-z]+\s+(?:the|a|an|his|her|their|its)\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\b"
                          r"(?!\s*[’']s)(?=\s+(?:on|in|at|of|for|from|about|during|after|before|with|by|to|and|who|that)\b|\s*[?,.]|$)")
#: "Who told / ordered / wrote ...?": the verb whose passive agent answers ("as he was [told] by his commanders").
_WHO_VERBED = re.compile(r"^\W*(?:and\s+)?who\s+(?!(?:is|was|are|were|has|had|have|will|would|did|does|do|can|could|"
                         r"should|may|might|must)\b)([a-z]+ed|told|wrote|sent|gave|made|sold|took|chose|led|paid|"
                         r"built|brought|taught|found|caught)\b", re.I)
#: A timeline's entry: "15:40 - Varrendal Airport weather station records 41.3 °C".
_TIMED_ENTRY = re.compile(r"[^\S\n]*(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[^\S\n]*(?:a\.?m\.?|p\.?m\.?))?[^\S\n]*[-–—:]", re.I)
_KIND_ONLY = re.compile(r"Authority|Board|Company|Council|Ministry|Department|Agency|Service|Government|Commission|"
                        r"Committee|Court|Office|Bureau|Police|Constabulary|Trust|Foundation|Union|Association|"
                        r"Corporation|Group|Institute|Museum|Hospital|University|Inspectorate|Directorate|Administration|"
                        r"Force|Army|Navy|Firm|Utility|Operator|Society|Club|Team|Party|Regulator|Port|Railway")
_BARE_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
#: The noun phrase a year stands before: "the 1950 [Korean War]", "the 2016 [defector]" (not "the 1950s", "the 2016 figure
#: of 300", where no noun follows at once it is a date of its own).
_MODIFIED = re.compile(r"[^\S\n]+((?:(?!(?:and|or|to|in|on|at|of|for|by|with|was|is|were|are|when|after|before|as|that|"
                       r"which|who)\b)[A-Za-z][\w’'-]*[^\S\n]*){1,3}?)(?=[,.;:)?!]|[^\S\n]+(?:and|or|to|in|on|at|of|for|"
                       r"by|with|was|is|were|are|when|after|before|as|that|which|who|had|has|have|said|says)\b|$)")
_LEADING = frozenset({"of", "the", "its", "their", "his", "her", "these", "those", "our", "your"})
_KIND_NAMES = {PLACE: "a place", AGE: "an age", DATE: "a date", NUMBER: "a number", DURATION: "a length of time", PERSON: "a person's name"}


class Constraints:
    """The checks of one question, against candidates in scored sentences."""

    def __init__(self, signals: Signals, ctx: QueryContext):
        self.signals = signals
        self.ctx = ctx
        self._near: dict[tuple[int, int], tuple[set[str], list[str]]] = {}
        self._subject_seen: dict[int, bool] = {}
        q: Question = ctx.q
        self.strict = STRICT_KINDS.get(q.answer_type)
        self.name_asked = _NAME_ASKED.search(q.text) is not None
        aside = _SET_ASIDE.search(q.text)
        self.set_aside = aside.group(1) if aside else ""
        self._aside_words = {re.sub(r"[’']s$", "", w).lower().rstrip(".") for w in self.set_aside.split()} - STOPWORDS
        if q.answer_type == PERSON and _NAME_ASKED.search(q.text):
            self.strict = {PERSON}
        # "What were the names of the people who [died]?": the name's own sentence must say it of them.
        m = _NAMES_WHO.search(q.text) if q.answer_type == PERSON else None
        self.done = (stem(m.group(1).lower()), m.group(1)) if m else None
        self.counted = counted_phrase(q.text) if q.answer_type in (NUMBER, DURATION) else []
        self.partitive = bool(re.search(r"\bhow many of\b", q.text, re.I))
        # "How many of the people taken to hospital were still being treated?": the group the part is taken from
        m = re.search(r"\bhow many of (?:the|those|these|them|its|their)\s+(.+?)\s+(?:were|are|was|is|had|have|has|did|do|"
                      r"does|will|would|could|can)\b", q.text, re.I)
        self.group = frozenset(term_tuple(m.group(1))) if m else frozenset()
        # The noun counted: the last word before "of" / "who" ("prisoners of war", "legislators who ...").
        self.subject = next(((t, w) for t, w, _ in reversed(self.counted) if t not in _TYPE_NOUNS | _PLACE_COUNTED), None)
        m = _HOW_LONG_A.search(q.text) if q.answer_type in (NUMBER, DURATION) and not self.subject else None
        if m and stem(m.group(1).lower()) not in _TYPE_NOUNS:
            # "How long a prison sentence could they face?": a passage that speaks of a sentence
            self.subject = (stem(m.group(1).lower()), m.group(1))
        m = _EVENT_WHEN.search(q.text) if q.answer_type == DATE else None
        if m and not q.text[m.end():].strip(" ?\n") and (" " in m.group(1) or m.group(1).endswith("ed")):
            m = None  # "When was the suspect arrested?" names no event; "When is the funeral?" does
        self.event = False
        like = _LIKE_ASKED.match(q.text) if q.answer_type == DESCRIPTION and not self.subject else None
        if like and stem(like.group(1).lower()) not in _TYPE_NOUNS:
            # "What will the weather be like in Seoul tomorrow?": a passage that speaks of the weather
            self.subject = (stem(like.group(1).lower()), like.group(1))
        if m and stem(m.group(1).split()[-1].lower()) not in _TYPE_NOUNS and not is_person_noun(m.group(1).split()[-1].lower()):
            # "When will the public hearing into ... take place?": a passage that speaks of a hearing (not "When did
            # Brannock's daughter leave?": she is who, not what)
            self.subject = (stem(m.group(1).split()[-1].lower()), m.group(1).split()[-1])
            self.event = True
        # ("the name of the company that ...": a body's name the text calls so)
        m = _DESCRIBED.search(q.text) if q.answer_type == PERSON or (
            q.answer_type in (ORG, PLACE) and _NAME_ASKED.search(q.text)) else None
        words = tokens(next(g for g in m.groups() if g)) if m else []
        self.described = (stem(words[-1].lower), words[-1].text) \
            if words and words[-1].lower not in STOPWORDS and stem(words[-1].lower) not in _TYPE_NOUNS | _GENERIC_ROLES \
            else None
        self._described_words = {stem(w.lower) for w in words}
        if self.described:
            # "the name of the captain": a person; "the name of the ferry": whatever name the text calls a ferry.
            person = any(is_person_noun(t.lower) for t in words)  # "the soldier captured in December"
            self.strict = {PERSON} if person or not _NAME_ASKED.search(q.text) else {PERSON, NAME, ORG, PLACE}
        # "the president of Norland", "Norland's president": the text must say so of Norland ("Norlandic
        # President X"), not of another country.
        self.described_of = ""
        if self.described:
            role = re.escape(self.described[1])
            m = re.search(rf"\b{role}\s+of\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s?)+)|((?:[A-Z][\w’'-]*\s)*[A-Z][\w-]*)[’']s\s+{role}\b",
                          q.text)
            self.described_of = next(g for g in m.groups() if g).strip() if m else ""
        self.unit = next(((shape, name) for asked, shape, name in _UNIT_ASKED if asked.search(q.text)), None) \
            if q.answer_type == DATE else None
        self.amount = next(((shape, name) for asked, shape, name in _AMOUNT_ASKED if asked.search(q.text)), None) \
            if q.answer_type == NUMBER else None
        if self.amount and self.amount[1] == "an amount of money" and re.search(r"\bby\s+how\s+much\b", q.text, re.I):
            # "By how much was the budget cut?": by a sum or by a share ("by a quarter", "by 30 per cent")
            self.amount = (re.compile(f"{self.amount[0].pattern}|{_AMOUNT_ASKED[0][1].pattern}", re.I), "an amount or a share")
        # "How much did the museum pay to insure its collection?": not a sum the text calls a reward
        self.money = self.amount is not None and self.amount[1] == "an amount of money"
        # "How much is that in euros?": the sum in that currency, by its name or its sign.
        m = re.search(rf"\bin\s+({CURRENCIES})\b", q.text, re.I) if q.answer_type == NUMBER else None
        self.currency = (_currency_shape(m.group(1)), m.group(1)) if m else None
        # "What is the population of Marlow Crossing?": a count of who lives there ("this town of about 6,800").
        self.population = q.answer_type == NUMBER and _POPULATION_ASKED.search(q.text) is not None
        # "How old is Dr. Maria Santos?": the age must be hers ("Santos, 44," / "Santos, a 44-year-old").
        m = _AGE_OF.search(q.text) if q.answer_type == AGE else None
        holder = [t for t in tokens(m.group(1)) if not _TITLE_WORD.fullmatch(t.text)] if m else []
        owned = re.match(r"\s*([a-z][\w-]*)", q.text[m.end(1):]) if m and re.search(r"[’']s\s*$", m.group(1)) else None
        if owned:
            holder = tokens(owned.group(1))  # "How old is Calloway’s co-pilot?": the co-pilot's age, not Calloway's
        self.holder = {stem(t.lower) for t in holder}
        self.holder_name = " ".join(t.text for t in holder)
        m = _WITHIN.search(q.text) if q.answer_type == PLACE else None
        self.within = next(g for g in m.groups() if g).strip() if m else ""
        if self.within:
            self.strict = {PLACE}  # "where in Norland": a place, not any name
        # "When will the swap take place?": a date the passage speaks of as to come, not one that has passed.
        self.future = q.answer_type == DATE and _WHEN_FUTURE.match(q.text) is not None
        # "When will the Marine Accident Investigation Panel [publish its findings]?": what is to happen, which the
        # passage must speak of, as such or in a like word (not the day the panel opened its inquiry)
        m = _FUTURE_ACT.match(q.text) if self.future else None
        # "When did Brannock and Wenna [get married]?": what happened, which a passage that speaks of it answers in
        # preference to one that does not, if it holds the question's words nearly as much (``past_act``)
        self.past_act = m is None and q.answer_type == DATE
        m = m or (_PAST_ACT.match(q.text) if self.past_act else None)
        self.act = [(stem(t.lower), t.text) for t in tokens(m.group(1))
                    if t.lower not in STOPWORDS and t.lower not in _LIGHT_VERBS
                    and not (self.past_act and t.text[:1].isupper())] if m else []  # (not "to [Russia]")
        # "What kind of wine ...?": a phrase whose head is wine ("its [dry white wines]"), not "wine [exports]"
        m = _KIND_OF.search(q.text) if q.answer_type == DESCRIPTION else None
        self.kind_of = (stem(m.group(1).lower()), m.group(1)) if m else None
        self.material = q.answer_type == DESCRIPTION and MATERIAL_ASKED.search(q.text) is not None
        # "What is Samuel Oduya's job?": a post or a trade ("Senior carnivore keeper", "then a lashing supervisor")
        self.job = q.answer_type == DESCRIPTION and _OCCUPATION_ASKED.search(q.text) is not None
        m = _TRADE_ASKED.search(q.text) if q.answer_type in (ORG, PERSON) else None
        self.trade = next(((m.group(1).lower(), re.compile(rf"\b(?:{words})\b", re.I)) for verbs, words in _TRADE_WORDS
                           if re.fullmatch(verbs, m.group(1), re.I)), None) if m else None
        speaker = speaker_asked(q.text) if q.answer_type == QUOTE else None
        self.speaker, self.speaker_word = speaker if speaker else (None, "")
        m = _SOURCE.search(q.text)
        self.source_name = next(g for g in m.groups() if g).strip() if m else ""
        self.source = [stem(t.lower) for t in tokens(self.source_name)]
        # "What country", "which city": a place's name, not a university, a company or "its roof".
        self.geo = q.answer_type == PLACE and not self.strict and Signals.head_noun(q) in _GEO_NOUNS
        if self.geo:
            self.strict = {PLACE, NAME}
        # "Which city", "what town": a settlement, so not a country ("North Korea" is no city).
        self.settlement = self.geo and Signals.head_noun(q) in _SETTLEMENT_NOUNS
        # "Which meteorologist ...?": a person, not a body ("the Kestrow meteorologist who ..., Bram Ellery")
        head = Signals.head_noun(q) if q.answer_type == PERSON else None
        self.person_asked = next((w for w in re.findall(r"[\w’'-]+", q.text) if head and stem(w.lower()) == head
                                  and is_person_noun(w.lower())), None)
        # "From which field ...?": the field's name ("Fenwick Meadow"), not "the launch field" again
        self.which_named = Signals.head_noun(q) if q.answer_type == PLACE and re.search(r"\bwhich\b", q.text, re.I) \
            and not _NAME_ASKED.search(q.text) else None
        self.rank = _RANK_ASKED.search(q.text) is not None
        # A numbered place or thing a count is asked of: "in Precinct 7", "at Gate 3", "on Route 9".
        m = re.search(r"\b(?:in|at|on|from|for)\s+((?:[A-Z][\w’'-]*\s+){1,3}\d{1,4}[A-Za-z]?)\b", q.text) \
            if q.answer_type in (NUMBER, DURATION) else None
        self.numbered = m.group(1) if m else ""
        m = re.search(r"\b(\d{1,3})-year-old\b", q.text) if q.answer_type == PERSON else None
        self.aged = m.group(1) if m else ""
        self.pair = q.answer_type in (PERSON, PLACE, ORG) and re.search(r"\b(?:which|what|who\s+(?:were|are)\s+the)\s+"
                                                                        r"two\b", q.text, re.I) is not None
        # "Who interviewed the fire chief?": not the chief (the text's "Chief Fire Officer Margit Selway").
        m = _ROLE_OBJECT.match(q.text) if q.answer_type == PERSON else None
        self.object_role = ({stem(w) for w in m.group(1).lower().split()}, m.group(1)) \
            if m and is_person_noun(m.group(1).split()[-1].lower()) else None
        # "Which passenger was travelling with her daughter?": not the name the text gives the daughter ("her
        # daughter [Lotte]"): a person the question speaks of, other than the one it asks for
        self.others_named = {stem(w.lower()) for w in re.findall(r"(?<![\w’'-])[a-z][\w-]*", q.text)
                             if is_person_noun(w.lower())} - set(q.focus) \
            if q.answer_type == PERSON and q.focus else set()
        # "How much will it cost to repair the track?": a sum from a passage that speaks of the track, of repairs
        # or of a cost, not a payment of something else
        self.priced = (set(terms(q.text)) - _COST_STEMS) if _COST_ASKED.search(q.text) else set()
        # "What happened to Delgado's mother?", "How were the tourists brought down?": what was done, not a figure
        self.activity = q.answer_type == DESCRIPTION and _ACTIVITY_ASKED.match(q.text) is not None
        # "When exactly did the train derail?": preferably the time of day, not only the day
        self.exact_time = q.answer_type == DATE and _EXACT_TIME.search(q.text) is not None
        self.news_agency = q.answer_type == ORG and _AGENCY_ASKED.search(q.text) is not None
        self.signed = q.answer_type == PERSON and SIGNED_ASKED.search(q.text) is not None
        # "Through what did they escape?": what the text puts after "through" ("escaped through [a ventilation shaft]")
        m = _PREPOSITION_WHAT.match(q.text) if q.answer_type == DESCRIPTION else None
        self.preposition = m.group(1).lower() if m else ""
        # "Who wrote the Ostlink report?": a name the piece is credited to, in an article the question names
        self.bylines = set(signals.byline_rows(ctx))
        m = _WHO_VERBED.match(q.text) if q.answer_type == PERSON else None
        self.agent_of = m.group(1).lower() if m else ""
        self.agent_rows: set[int] = set()  # the best sentences that give that verb an agent (set by the reader)
        self._clauses: dict[int, tuple[list[int], list[set[str]]]] = {}  # row -> clause bounds and their terms
        self.one_person = q.answer_type == PERSON and _ONE_ASKED.match(q.text) is not None
        # "What country": not a place whose own name calls it a part of one.
        self.nation = self.geo and Signals.head_noun(q) in _NATION_NOUNS
        if self.settlement:
            self.strict = {PLACE}  # (a city asked for however far below is one the text puts somewhere, not any name)
        self.facility = _FACILITIES.get(Signals.head_noun(q)) if q.answer_type in (PLACE, ORG) else None
        # "Which manufacturer", "which regulator": a business, or a public body (see ``_SECTORS``).
        head = Signals.head_noun(q) if q.answer_type == ORG else None
        # (the noun as the question writes it, for the message: "company", not its stem)
        word = next((w for w in re.findall(r"[A-Za-z-]+", q.text) if head and stem(w.lower()) == head), head)
        self.sector = next(((i, word.lower()) for i, (asked, _, _) in enumerate(_SECTORS) if head and asked.match(head)), None)
        # "By how many votes did he win in 2017?": a year the question names must be the passage's.
        # (of a count or an amount: a name or a date can stand far from the year its story is about)
        self.years = set(_YEAR.findall(q.text)) - {w for w in _YEAR.findall(q.text) if f"{w}s" in q.text} \
            if q.answer_type in (NUMBER, DURATION, DESCRIPTION) else set()
        # "What temperature was recorded on Thursday?": not a measure the text gives of another day
        m = re.search(r"\b(?:on|last|this|by)\s+((?-i:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b", q.text, re.I) \
            if q.answer_type in (NUMBER, DURATION) else None
        self.weekday = (stem(m.group(1).lower()), m.group(1)) if m else None
        self.not_source = q.answer_type in (ORG, PLACE) and not _ASKS_SOURCE.search(q.text)
        # "Who runs / chairs / speaks for X?": preferably someone the text calls its head, chair or spokesperson.
        # "Who runs the Vellacott Museum?": the named body they lead.
        m = _LEADER_OF_NAMED.search(q.text) if q.answer_type == PERSON else None
        self.led = m.group(1).strip() if m else ""
        self.motion = _MOTION_ASKED.match(q.text) is not None
        self.role = next((asked.search(q.text).group() for asked, _ in ROLES_ASKED if asked.search(q.text)), "") \
            if q.answer_type == PERSON and not self.described else ""

    def counts_asked(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the number is followed by the very noun "how many" counts ("made [thirty-one] drops" for "how
        many water drops"): it says what it counts, so it answers however far below a number that counts
        something else."""
        nouns = [t for t, _, cap in self.counted if not cap]
        return bool(nouns) and cand.kind == NUMBER and self._noun_after(scored, cand, nouns[-1])

    def _noun_after(self, scored: ScoredSentence, cand: Candidate, term: str) -> bool:
        """Whether the word right after the candidate, in the same phrase, has the stem ``term`` ("[310]
        firefighters")."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        following = tokens(doc_text[cand.end:min(scored.sentence.end, cand.end + 40)])
        return bool(following) and stem(following[0].lower) == term \
            and not re.search(r"[,;:.()]", doc_text[cand.end:cand.end + following[0].start])

    @property
    def reaches_far(self) -> bool:
        """Whether a candidate that passes these checks answers however far below one that fails them: the checks
        say what the answer is, not only what it is not ("where in Norland", "the name of the captain", "which
        city": a country is none)."""
        return bool(self.within or self.described or self.settlement
                    or (self.holder and self.ctx.q.answer_type == AGE)  # "How old is X?": an age the text gives X
                    or (self.years and self.ctx.q.answer_type == DESCRIPTION))  # "What happened in 1987?"

    def _matches(self, term: str, word: str, threshold: float = 0.0) -> bool:
        """Whether the word is the term, a part of it ("cross-border"), or a similar word (soft match above
        ``threshold``)."""
        low = word.lower().replace("’", "'")
        return stem(low) == term or term in low.split("-") or self.ctx.soft.get(term, {}).get(low, 0.0) > threshold

    def _is_role(self, word: str) -> bool:
        """Whether a word names the role asked about: the word itself, or a close synonym (``describe_threshold``:
        "spokesperson" is a "spokesman", a "sheriff" is no "mayor")."""
        if self.described[0] in HEAD_ROLES and stem(word.lower()) in _HEAD_TITLES:
            return True  # "the boss of the company": its chief executive, director, president, owner ...
        return self._matches(self.described[0], word, self.signals.settings.describe_threshold)

    def _near_terms(self, scored: ScoredSentence, back: int) -> tuple[set[str], list[str]]:
        """Stems and words of the sentence and up to ``back`` sentences before it in the same article."""
        key = (scored.row, back)
        if key not in self._near:
            self._near[key] = self._collect_near(scored, back)
        return self._near[key]

    def _mentions_speaker(self, scored: ScoredSentence) -> bool:
        _, words = self._near_terms(scored, 2)
        if any(self._matches(self.speaker, w, self.signals.settings.describe_threshold) for w in set(words)):
            return True
        # A transcript's turn whose speaker an article calls so ("RAUSS: ..." where the wire has "Benedikt Rauss,
        # the cooperative's chairman")
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        turn = turn_speaker(doc_text, scored.sentence.start)
        return bool(turn) and self.signals.fits_label(self.ctx, {self.speaker}, turn[0], doc_text) > 0

    @property
    def act_words(self) -> str:
        return " ".join(w for _, w in self.act)

    def _mentions_act(self, scored: ScoredSentence) -> bool:
        _, words = self._near_terms(scored, 2)
        # (what happened by its own word: "wife" is near "married", but says nothing of when they married)
        threshold = 1.0 if self.past_act else self.signals.settings.describe_threshold
        return any(self._matches(term, w, threshold) for term, _ in self.act for w in set(words))

    def _trade_said(self, scored: ScoredSentence) -> bool:
        """Whether the passage (the sentence or the one before) speaks of the trade asked ("made by", "its insurer")."""
        rows = [scored.row] + ([scored.row - 1] if scored.row > 0 and self.signals.index.sentences[scored.row - 1].doc_id
                                                  == scored.sentence.doc_id else [])
        return any(self.trade[1].search(self.signals.index.sentences[r].text) for r in rows)

    def mentions_subject(self, scored: ScoredSentence) -> bool:
        """Whether the passage speaks of the thing the question is about (``subject``: what is counted, the event
        whose time is asked; or what a "when did" question asks happened)."""
        return (bool(self.subject) and self._mentions_subject(scored)) or (bool(self.act) and self._mentions_act(scored))

    def _mentions_subject(self, scored: ScoredSentence) -> bool:
        if scored.row not in self._subject_seen:
            _, words = self._near_terms(scored, 2)
            # (an event by its own name or one as near as a description's: "dead" is no "funeral")
            threshold = self.signals.settings.describe_threshold if self.event else 0.0
            self._subject_seen[scored.row] = any(self._matches(self.subject[0], w, threshold) for w in set(words))
        return self._subject_seen[scored.row]

    def _collect_near(self, scored: ScoredSentence, back: int) -> tuple[set[str], list[str]]:
        index = self.signals.index
        rows = [scored.row] + [r for r in range(scored.row - 1, scored.row - back - 1, -1)
                               if r >= 0 and index.sentences[r].doc_id == scored.sentence.doc_id]
        stems: set[str] = set()
        words: list[str] = []
        for r in rows:
            row_stems, row_words = self.signals.stats.word_forms(r)
            words.extend(row_words)
            stems.update(row_stems)
        return stems, words

    def violation(self, scored: ScoredSentence, cand: Candidate, features: dict[str, float]) -> "Violation | None":
        """Why the candidate cannot answer the question, or None when it passes every check. The soft check (a
        passage that does not say what a "when did" question asks happened) comes after all the others, so that a
        failure of theirs is never reported as only soft."""
        found = self._violation(scored, cand, features)
        if found is None and self.act and self.past_act and not self._mentions_act(scored):
            return Violation(f"the passage does not speak of it ({self.act_words})", passage=True, subject=True, soft=True)
        return found

    def _violation(self, scored: ScoredSentence, cand: Candidate, features: dict[str, float]) -> "Violation | None":
        kind = "description" if cand.kind in ("gap", "tail") else cand.kind
        if self.described and not self._described(scored, cand):
            return Violation(f"the articles do not call them the {self.described[1]}")
        if self.described_of and self._of_elsewhere(scored, cand):
            return Violation(f"the passage does not say they are the {self.described[1]} of {self.described_of}")
        if self.strict and kind not in self.strict and not (kind == NAME and self._agent_named(scored, cand)):
            return Violation(f"it is not {_KIND_NAMES.get(self.ctx.q.answer_type, 'what was asked')}")
        if self._aside_words and self._aside_words <= {re.sub(r"[’']s$", "", w).lower().rstrip(".,")
                                                       for w in cand.text.split()}:
            return Violation(f"it is {self.set_aside}, which the question sets aside")
        if self.settlement and is_country(cand.text):
            asked = re.search(r"\b(?:city|town|village|capital)\b", self.ctx.q.text, re.I)
            return Violation(f"it is a country, not a {asked.group().lower() if asked else 'city'}")
        if self.one_person and kind in (PERSON, NAME) and _TWO_PEOPLE.search(cand.text):
            return Violation("it names two people, and one was asked for")  # "Who heads X?": not "A and B"
        if self.rank and not _RANKS.search(cand.text):
            return Violation("it is not a rank")  # "What rank did they hold?": not the unit they served in
        if self.nation and _LOCAL_PLACE.search(cand.text):
            return Violation("it is not a country")  # "Kessler County", "Front Street"
        if (self.name_asked or self.geo) and (not re.search(r"[A-Z]", cand.text) or (
                self.name_asked and _COMMON_BEFORE_NAME.match(cand.text))):
            # "the name of the ferry": not "a pier" it crashed into; "the name of the storm": not "a storm culvert
            # under the Fenwick Road allotments", a thing whose only name is the place it lies in
            return Violation("it is not a name")
        if self.pair and kind in (PERSON, PLACE, ORG, NAME) and not re.search(r"\s(?:and|&)\s", cand.text):
            # "Which two parts of town were cleared?": "Lowmead and Carrow Hill", not one of them
            # (unit: the same words with the other one around them are no failure: "[Lowmead and] Carrow Hill")
            return Violation("it names one, and two were asked for", prefer=True, unit=True)
        if self.aged and kind in (PERSON, NAME) and not self._aged(scored, cand):
            # "the name of the 81-year-old man ...": someone the text gives that age, not who spoke of him
            return Violation(f"the text does not say they are {self.aged}")
        if self.object_role and kind == PERSON and self._is_object_role(scored, cand):
            return Violation(f"they are the {self.object_role[1]} the question asks about", prefer=True)  # "Who interviewed [the fire chief]?"
        if self.others_named and kind in (PERSON, NAME):
            before = re.search(r"(?<![\w’'-])([a-z][\w-]*)[^\S\n]*,?[^\S\n]*$", self.signals.index.documents[
                scored.sentence.doc_id].text[max(scored.sentence.start, cand.start - 30):cand.start])
            if before and stem(before.group(1).lower()) in self.others_named:
                return Violation(f"they are the {before.group(1).lower()} the question speaks of, not the one it asks for",
                                 prefer=True)
        if self.priced and not (self.priced | _COST_STEMS) & self._near_terms(scored, 0)[0]:
            return Violation("the passage does not speak of what is priced", passage=True)
        if self.money and kind == NUMBER:
            payment = self._payment_named(scored, cand)
            if payment:
                return Violation(f"it is a {payment}, which was not asked about")
        if self.priced:
            doc_text = self.signals.index.documents[scored.sentence.doc_id].text
            owner = _PRICE_OF.search(doc_text, max(scored.sentence.start, cand.start - 60), cand.start)
            if owner and stem(owner.group(1).lower()) not in self.priced:
                # "How much will the review cost?": not "an alert system [costing about $400,000]"
                return Violation(f"it is the price of the {owner.group(1)}")
        if self.ctx.q.answer_type == DESCRIPTION and not self.name_asked and re.fullmatch(
                r"(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*", cand.text):
            before = re.search(r"(?<![\w’'-])([a-z][\w-]*)[^\S\n]*,[^\S\n]*$", self.signals.index.documents[scored.sentence.doc_id].text[
                max(scored.sentence.start, cand.start - 30):cand.start])
            if before and stem(before.group(1).lower()) in self.ctx.q.term_set:
                # "What did the driver's grandfather drive?": not "His grandfather, [Anton Oberholzer], drove ..."
                return Violation("it names the one the question asks about", prefer=True)
        if self.activity and (kind in (AGE, NUMBER, DATE, DURATION) or any(
                c.kind in (AGE, NUMBER, DATE, DURATION) and c.start <= cand.start and cand.end <= c.end
                for c in self.signals.stats.candidates(scored.row))):  # (a tail that is "45", "4 in the morning")
            return Violation("it is a figure, not what happened or was done", prefer=True)
        if self.exact_time and kind == DATE and not CLOCK_TIME.search(cand.text):
            return Violation("it does not give the time of day", prefer=True)
        if self.news_agency and not re.search(r"\b(?:Press|News|Newswire|Wire|Reuters|Presse|Agence|Telegraph)\b",
                                              cand.text):
            # "Which news agency filed the report?": one whose name says so, like the agency of a dateline
            return Violation("it is not a news agency", prefer=True)
        if self.sector and kind in (ORG, NAME) and _SECTORS[1 - self.sector[0]][1].search(cand.text) \
                and not _SECTORS[self.sector[0]][1].search(cand.text) and not features.get("named", 0.0):
            # "Which manufacturer ...?": not the "Industrial Hazards Inspectorate"; "which regulator": not "... Foods Ltd"
            return Violation(f"its name makes it {_SECTORS[1 - self.sector[0]][2]}, not a {self.sector[1]}")
        if self.facility and not self.facility[0].search(cand.text) and not features.get("named", 0.0) \
                and not (stem(self.facility[1]) in _TRADES and _MADE_BY.search(
                    self.signals.index.documents[scored.sentence.doc_id].text, max(0, cand.start - 40), cand.start)):
            return Violation(f"it is not called a {self.facility[1]}")
        if self.unit and not self.unit[0].search(cand.text):
            return Violation(f"it is not {self.unit[1]}", unit=True)
        if self.currency and not self._has_unit(scored, cand, self.currency[0]):
            return Violation(f"it is not in {self.currency[1]}", unit=True)  # "What is that in euros?": not thaler
        if self.amount and not self._has_unit(scored, cand, self.amount[0]):
            # (a measure asked for, "at what altitude", may stand below, as a unit of time may; money may not: the
            # price of a ticket is no other sum in a passage that reads like the question)
            return Violation(f"it is not {self.amount[1]}", unit=self.amount[1] in _MEASURES)
        if self.population and kind == NUMBER and not self._residents(scored, cand):
            return Violation("it does not count who lives there", unit=True)  # "a town of [about 6,800]"
        if self.holder and kind == AGE and not self._held_by(scored, cand):
            return Violation(f"it is not said to be the age of {self.holder_name}")
        if self.trade and not self._trade_said(scored):
            return Violation(f"the passage does not say who {self.trade[0]} it", passage=True)
        if self.job and not self._names_job(cand):
            return Violation("it names no job", prefer=True)
        if self.material and not MATERIALS.fullmatch(cand.text.strip()) and not self._made_of(scored, cand):
            return Violation("it is not a material", prefer=True)  # "What is Silo 4 built from?": not "complex"
        if self.kind_of and stem((re.findall(r"[\w’'-]+", cand.text) or [""])[-1].lower()) != self.kind_of[0]:
            return Violation(f"it is not a kind of {self.kind_of[1]}", prefer=True)
        if self.future and not _FUTURE.search(scored.sentence.text):
            return Violation("the passage does not speak of it as still to come", passage=True)
        if self.act and not self.past_act and not self._mentions_act(scored):
            return Violation(f"the passage does not speak of what is to happen ({self.act_words})", passage=True)
        if self.within and not self._within(scored, cand):
            # (wider: "[City Hall] on Main Street in Halverston" is in Halverston with the street it stands on)
            return Violation(f"it is not said to be in {self.within}", wider=True)
        if self.ctx.q.answer_type in (ORG, PERSON) and kind in (ORG, NAME) and _KIND_ONLY.fullmatch(cand.text) \
                and re.search(r"\b[Tt]he\s+$", self.signals.index.documents[scored.sentence.doc_id].text[max(0, cand.start - 5):cand.start]):
            # "[The Authority] is cooperating with the Eastmarch Constabulary": a body named only by its kind refers
            # back to one named before; one named in full answers however far below, else it still does
            return Violation("it names a body only by its kind", prefer=True)
        if kind == DATE and self.ctx.q.answer_type == DATE:
            named = self._dates_other(scored, cand)
            if named:
                # (a date that passes answers however far below; when none does, the year still answers as before)
                return Violation(f"it is the year of {named}, not of what was asked", prefer=True)  # "the 1950 Korean War"
        if kind == NUMBER and self._singles_out(scored, cand):
            return Violation("it names one of them, it counts nothing")
        if self.partitive and kind == NUMBER and (_WHOLE_BEFORE.search(
                self.signals.index.documents[scored.sentence.doc_id].text, scored.sentence.start, cand.start)
                or self._sized_whole(scored, cand)):
            # "Two of the museum's [eight] cameras"; "Eleven others from the shift of [34]" for "how many of the shift"
            return Violation("it counts all of them, not the part asked about")
        if self.counted and kind == NUMBER and any(c.kind == AGE and c.start == cand.start and c.end == cand.end
                                                    for c in self.signals.stats.candidates(scored.row)):
            return Violation("it is someone's age")  # "Okafor-Lund is [37]" counts no crew
        if self.counted and kind in (NUMBER, DURATION) and self._counted_differs(scored, cand):
            return Violation(f"it counts something other than {' '.join(w for _, w, _ in self.counted)}", counts=True)
        if self.subject and not self._mentions_subject(scored) and not (self.amount and self.amount[1] == "an amount of money") \
                and not (self.subject[0] in _AREA_NOUNS and _AREA.search(cand.text)):
            # ("how much land": "1,850 hectares" is land measured)
            # (a sum of money answers "how much compensation" where the passage calls it a payment)
            return Violation(f"the passage does not mention {self.subject[1]}", passage=True, subject=self.event)
        if self.done and kind == PERSON and not any(self._matches(self.done[0], t.text, self.signals.settings.describe_threshold)
                                                    for t in self.signals.stats.tokens(scored.row)):
            return Violation(f"the passage does not say they {self.done[1]}")
        if self.speaker and self.ctx.q.answer_type == QUOTE and (kind != QUOTE or features.get("speaker", 0.0) <= 0) \
                and not self._mentions_speaker(scored):
            # "What did Voss's lawyer say?": what a passage that names no lawyer says is not the lawyer's
            return Violation(f"the passage does not mention the {self.speaker_word}", passage=True)
        if self.ctx.q.answer_type == QUOTE and kind != QUOTE and not self._reports_speech(scored):
            # "What did keeper Samuel Oduya tell reporters?": not a timeline's "Samuel Oduya finds the night house empty"
            return Violation("the passage does not report anyone's words", passage=True)
        if self.speaker and self.ctx.q.answer_type == QUOTE and kind == QUOTE and features.get("speaker", 0.0) < 0:
            return Violation(f"someone other than the {self.speaker_word} said it", passage=True)
        if self.source and kind == QUOTE and set(term_tuple(cand.text)) & set(self.source):
            return Violation(f"it is about {self.source_name}, not said by them", passage=True)
        if self.source:
            stems, _ = self._near_terms(scored, 3)
            turn = turn_speaker(self.signals.index.documents[scored.sentence.doc_id].text, scored.sentence.start)
            if turn:  # a transcript's turn is its speaker's ("VELL: ... The safety budget was cut by thirty per cent")
                stems = stems | {stem(t.lower) for t in tokens(turn[0])}
            if not any(t in stems for t in self.source) and not (kind == QUOTE and self._named_further_back(scored, cand)):
                return Violation(f"the passage does not attribute it to {self.source_name}", passage=True)
            if self.ctx.q.answer_type == QUOTE and features.get("speaker", 0.0) < 0:
                return Violation(f"someone other than {self.source_name} said it", passage=True)
        if self.numbered and not self._names_numbered(scored):
            # "How many votes did she get in Precinct 7?": not her total, from a passage about no precinct
            return Violation(f"the passage does not speak of {self.numbered}", passage=True)
        if self.years and not self.years <= self._near_terms(scored, 2)[0]:
            return Violation(f"the passage does not speak of {' or '.join(sorted(self.years))}", passage=True)
        if self.ctx.q.proper and kind in (PERSON, ORG, NUMBER) and self._named_in_other_clause(scored, cand):
            # "Kim and Frayer were in Seoul, and [Jett] was reporting from Hong Kong": for "who filed from Hong
            # Kong", the clause that names Hong Kong
            return Violation("another clause of the passage names what was asked about", prefer=True)
        if self.years and self.ctx.q.answer_type == DESCRIPTION:
            # "In 1931 [a cabin fell]; in 1987 an avalanche ...": what its clause says of another year
            clause_years = set(_YEAR.findall(self.signals.clause_of(scored.row, cand)))
            if clause_years and not self.years <= clause_years:
                return Violation(f"it is of {' and '.join(sorted(clause_years))}, not {' or '.join(sorted(self.years))}",
                                 prefer=True)
        if self.weekday and self.weekday[0] not in self._near_terms(scored, 2)[0] \
                and re.search(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", scored.sentence.text):
            # (a passage that names another day; one that names none may be of any)
            return Violation(f"the passage speaks of another day than {self.weekday[1]}", passage=True)
        if self.weekday and not re.search(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", scored.sentence.text, re.I):
            day = self._timeline_day(scored)  # "TIMELINE - WEDNESDAY 13 AUGUST" above "15:40 - ... records 41.3 °C"
            if day and stem(day.lower()) != self.weekday[0]:
                return Violation(f"the passage speaks of another day than {self.weekday[1]}", passage=True)
        if self.not_source and features.get("attribution", 0.0) and not self._speaks_of_itself(scored, cand):
            # "The NIS said the two soldiers belong to [the General Reconnaissance Bureau]": the source of a report
            # is no answer to what it reports, unless the question asks who said or gave it, or the source speaks
            # of itself ("the Red Cross said it was sheltering 640 people").
            return Violation("it is who reports it, not what was asked", place=True)
        if self.role and not features.get("named", 0.0):
            return Violation(f"the articles do not say this one {self.role.split(None, 1)[1]}", prefer=True)
        named_after = re.match(r"[^\S\n]+(?:on|in|at)[^\S\n]+(?:the[^\S\n]+)?([A-Z][\w’'-]*)", self.signals.index.documents[
            scored.sentence.doc_id].text[cand.end:scored.sentence.end]) if self.ctx.q.answer_type == PLACE else None
        if kind == PLACE and named_after and not re.search(r"\b[A-Z]", cand.text[1:]) \
                and not DAY_NAMED.fullmatch(named_after.group(1)):
            # "the co-operative hall [on Miller's Lane]": the named place it stands in says where (not "on Sunday")
            return Violation("it leaves out the named place it stands in", prefer=True, wider=True)
        if self.agent_rows and not self._agent_of(scored, cand):
            # "Who told the soldier ...?": whom the passage says he "was told by", where it says so
            return Violation(f"the passage says who {self.agent_of} it, and it is not this", prefer=True)
        if self.bylines and (scored.row not in self.bylines
                             or not bylined(self.signals.index.documents[scored.sentence.doc_id].text, cand.start)):
            return Violation("the piece is not credited to them", prefer=True)
        if self.ctx.q.answer_type == PERSON and kind == NAME and not self.name_asked and _THING_NOUNS & _callings(
                self.signals.index.documents[scored.sentence.doc_id].text, cand.start, cand.end, cand.text):
            # "A second balloon, [the Blue Heron], also touched the line" for "who piloted it"
            return Violation("it names a thing, not a person")
        if self.geo and re.match(r"[’']s\s+(?:[A-Z][\w.’'-]*\s+){0,3}(?:Hospital|School|College|University|Church|Cathedral|"
                                 r"Hall|Park|Square|Street|Road|Bridge|Hotel|Centre|Center|Infirmary|Clinic|Academy)\b",
                                 self.signals.index.documents[scored.sentence.doc_id].text[cand.end:scored.sentence.end]):
            # "[St. Adela]'s Regional Hospital in Carrowfield": a name within a building's, not the town it stands in
            return Violation("it is part of a building's name")
        if self.person_asked and kind in (ORG, PLACE):
            return Violation(f"it names no {self.person_asked}", prefer=True)
        if self.which_named and not re.search(r"[A-Z0-9]", cand.text):
            return Violation(f"it names no {self.which_named}", prefer=True)
        if self.preposition and not re.search(rf"\b{self.preposition}\s+(?:(?:the|a|an|its|their|his|her)\s+)?$",
                                              self.signals.index.documents[scored.sentence.doc_id].text[
                                                  max(scored.sentence.start, cand.start - 20):cand.start], re.I):
            return Violation(f"the text does not put it after “{self.preposition}”", prefer=True)
        if self.signed and not signed_off(self.signals.index.documents[scored.sentence.doc_id].text, cand.start):
            # "Who signed off the bulletin?": preferably the name on its "Authorised by:" line
            return Violation("it is not the name the text is signed off with", prefer=True)
        if self.motion and kind == DESCRIPTION and not (
                (_MANNER.match(cand.text) and not cand.text.startswith("with ")) or _MOVED.match(cand.text)):
            # (not what was carried: "sedated him [with a tranquilliser dart]")
            # "How did the defector get to the South?": preferably the verb that says how ("[swam for six hours]")
            return Violation("it does not say how they moved", prefer=True)
        sources = self.signals.source_docs(self.ctx)
        if sources and scored.sentence.doc_id not in sources:
            # "What time does the environment agency's timeline give ...?": preferably what that page says
            return Violation("it is not from the source the question names", prefer=True)
        if self.led:
            other = self._leads_other(scored, cand)
            if other:
                return Violation(f"the articles say they lead {other}, not {self.led}", prefer=True)
        return None

    def _named_further_back(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the quotation's "she said" goes back further, through sentences about her, to a sentence that
        names the source asked about (see ``Signals.speaker_row``)."""
        row = self.signals.speaker_row(scored.row, cand)
        return row is not None and any(t in self.signals.stats.word_forms(row)[0] for t in self.source)

    def _agent_of(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the candidate is the agent of the question's verb in a passive: "was told by [his commanders]"."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        return re.search(rf"\b{re.escape(self.agent_of)}\s+by\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?$",
                         doc_text[max(scored.sentence.start, cand.start - 40):cand.start], re.I) is not None

    def _named_in_other_clause(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the sentence joins clauses (", and", ";", ", while", ", but") and the names the question gives
        stand in another clause than the candidate's, not in its own."""
        found = self._clauses.get(scored.row)
        if found is None:
            doc_text = self.signals.index.documents[scored.sentence.doc_id].text
            cuts = [scored.sentence.start] + [scored.sentence.start + m.end()
                                              for m in _CLAUSE_JOIN.finditer(scored.sentence.text)] + [scored.sentence.end]
            found = self._clauses[scored.row] = (cuts, [set(terms(doc_text[a:b])) for a, b in zip(cuts, cuts[1:])])
        cuts, clauses = found
        if len(cuts) < 3:
            return False
        own = next((i for i, (a, b) in enumerate(zip(cuts, cuts[1:])) if a <= cand.start < b), 0)
        proper = set(self.ctx.q.proper)
        return not proper & clauses[own] and any(proper <= c for i, c in enumerate(clauses) if i != own)

    def find_agents(self, sentences: list[ScoredSentence], top: int) -> None:
        """Note which of the ``top`` best sentences give the question's verb a passive agent ("was told by ...")."""
        if self.agent_of:
            self.agent_rows = {sc.row for sc in sentences[:top]
                               if re.search(rf"\b{re.escape(self.agent_of)}\s+by\b", sc.sentence.text, re.I)}

    def _sized_whole(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the number gives the size of a group the question names: "the shift of [34]" for "how many of the
        shift ..."."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        m = re.search(r"\b(?:the|a|an|its|their|his|her)\s+([\w-]+)\s+of\s+$",
                      doc_text[max(scored.sentence.start, cand.start - 40):cand.start])
        if m is not None and stem(m.group(1).lower()) in self.ctx.q.term_set:
            return True
        # "Ambulances have taken [9] people to hospital" for "how many of the people taken to hospital ...": the number
        # counts the whole group the question names
        if re.match(r"\s+of\b", doc_text[cand.end:cand.end + 4]):
            return False  # "[Two] of the museum's eight cameras": the part
        around = set(term_tuple(doc_text[max(scored.sentence.start, cand.start - 30):min(scored.sentence.end, cand.end + 40)]))
        return len(self.group) >= 2 and len(self.group & around) >= min(3, len(self.group))

    def _leads_other(self, scored: ScoredSentence, cand: Candidate) -> str:
        """The named body the text says the person leads right after naming them, when it is not the one asked
        about ("Ruth Kilbride, who runs the Halden Stolen Art Registry" for "who runs the Vellacott Museum"); else
        ""."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        m = _LEADS_NAMED.match(doc_text, cand.end, scored.sentence.end)
        if not m:
            # "Varek, who is leading the operation": a thing led, none of whose words is the body's
            m = _LEADS_THING.match(doc_text, cand.end, scored.sentence.end)
            return m.group(1) if m and not set(term_tuple(m.group(1))) & set(term_tuple(self.led)) else ""
        body = m.group(1).strip()
        return "" if _same_body(body, self.led) else body

    def _dates_other(self, scored: ScoredSentence, cand: Candidate) -> str:
        """The thing a bare year names when it stands as its modifier ("since [the 1950 Korean War]", "the 2016
        defector"), where none of the thing's words is the question's; else ""."""
        if not _BARE_YEAR.fullmatch(cand.text):
            return ""
        text = self.signals.index.documents[scored.sentence.doc_id].text
        if not re.search(r"\b(?:the|a|an|its|his|her|their)\s+$", text[max(0, cand.start - 8):cand.start], re.I):
            return ""
        m = _MODIFIED.match(text, cand.end, scored.sentence.end)
        if not m:
            return ""
        words = m.group(1).split()
        if all(w[0].isupper() for w in words):
            words = words[-1:]  # a name's head: "the 1950 Korean [War]"
        if any(self._matches(term, w, self.signals.settings.describe_threshold) for term in self.ctx.q.terms for w in words):
            return ""
        return "the " + m.group(1)

    def _residents(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the number counts a place's people: "a town of [about 6,800]", "a population of [6,800]", "its
        [6,800] residents" (not "[2,300] residents were forced from their homes")."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        before = doc_text[max(scored.sentence.start, cand.start - 60):cand.start]
        return bool(_RESIDENTS_BEFORE.search(before)) or (
            re.search(r"\b(?:its|their|[\w-]+[’']s)\s+$", before) is not None
            and _RESIDENTS_AFTER.match(doc_text, cand.end, scored.sentence.end) is not None)

    def _names_numbered(self, scored: ScoredSentence) -> bool:
        """Whether the sentence or one of the two before it in its article names the numbered place or thing the
        question asks about ("Precinct 7")."""
        index = self.signals.index
        rows = [scored.row] + [r for r in (scored.row - 1, scored.row - 2)
                               if r >= 0 and index.sentences[r].doc_id == scored.sentence.doc_id]
        pattern = re.compile(rf"\b{re.escape(self.numbered)}\b", re.I)
        return any(pattern.search(index.sentences[r].text) for r in rows)

    def _timeline_day(self, scored: ScoredSentence) -> str:
        """The weekday of the heading over a timeline entry ("15:40 - ..." under "TIMELINE - WEDNESDAY 13 AUGUST"):
        the nearest line above that names a weekday, with only timed entries between; else ""."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        line_start = doc_text.rfind("\n", 0, scored.sentence.start) + 1
        if not _TIMED_ENTRY.match(doc_text, line_start):
            return ""
        for line in reversed(doc_text[max(0, line_start - 3000):line_start].split("\n")):
            if not line.strip() or _TIMED_ENTRY.match(line):
                continue
            m = re.search(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", line, re.I)
            return m.group() if m and len(line.split()) <= 10 else ""
        return ""

    def _aged(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the text gives the person the age the question does, next to the name ("Lal, 81," / "81-year-old
        Ann Lal") here or at another mention of them in the article."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        surname = re.escape(cand.text.split()[-1])
        age = re.escape(self.aged)
        return re.search(rf"\b{surname}\b[^\S\n]*,[^\S\n]*{age}\b|\b{age}-year-old[^\S\n]+(?:[A-Z][\w’'.-]*[^\S\n]+)*{surname}\b"
                         rf"|\b{surname}\b,?[^\S\n]+(?:who\s+is\s+|aged\s+|an?\s+){age}\b", doc_text) is not None

    def _is_object_role(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the text calls the person by every word of the role the question asks about as its object, in
        the title before a mention of them or the apposition after it ("Chief Fire Officer Margit Selway")."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        surname = cand.text.split()[-1]
        for m in re.finditer(rf"\b{re.escape(surname)}\b", doc_text):
            around = doc_text[max(0, m.start() - 50):m.start()].split("\n")[-1] + " " + \
                re.split(r"[.;:\n]", doc_text[m.end():m.end() + 60])[0]
            if self.object_role[0] <= {stem(w.lower()) for w in re.findall(r"[\w-]+", around)}:
                return True
        return False

    def _reports_speech(self, scored: ScoredSentence) -> bool:
        """Whether the sentence gives someone's words: quotation marks, a verb of saying or believing, an interview's
        or a transcript's turn, or the sentences around it on its line do."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        if turn_speaker(doc_text, scored.sentence.start) or _SPEECH_SAID.search(scored.sentence.text):
            return True
        line_start = doc_text.rfind("\n", 0, scored.sentence.start) + 1
        line_end = doc_text.find("\n", scored.sentence.end)
        return _SPEECH_SAID.search(doc_text[line_start:line_end if line_end >= 0 else len(doc_text)]) is not None

    def _payment_named(self, scored: ScoredSentence, cand: Candidate) -> str:
        """The kind of payment the text calls a sum, where the question does not name it: "a $100,000 [reward]",
        "its reward of $100,000" (for "How much did the museum pay to insure its collection?"); else ""."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        after = re.match(r"[^\S\n]+([a-z]+)\b", doc_text[cand.end:scored.sentence.end])
        before = re.search(r"\b([a-z]+)\s+of\s+$", doc_text[max(scored.sentence.start, cand.start - 30):cand.start])
        for m in (after, before):
            if m and m.group(1) in _PAYMENTS and stem(m.group(1)) not in self.ctx.q.terms:
                return m.group(1)
        return ""

    @staticmethod
    def _names_job(cand: Candidate) -> bool:
        """Whether the candidate is a post or a trade: a few words that end in one ("Senior carnivore keeper", "then a
        lashing supervisor"; not a clause that ends "... found by caretaker")."""
        words = [t.lower for t in tokens(cand.text)]
        return 0 < len(words) <= 6 and (is_person_noun(words[-1]) or words[-1] in _JOB_WORDS)

    def _made_of(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the candidate is what the sentence says a thing is made of, naming a material: "made of [4 mm
        galvanised steel wire]"."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        before = doc_text[max(scored.sentence.start, cand.start - 30):cand.start]
        return _MADE_BEFORE.search(before) is not None and MATERIAL.search(cand.text) is not None

    def _has_unit(self, scored: ScoredSentence, cand: Candidate, shape: re.Pattern) -> bool:
        """Whether the number carries the unit asked for, in it or right around it ("$4.1 million", "40 percent")."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        before = doc_text[max(scored.sentence.start, cand.start - 2):cand.end]
        # The unit right after it ("40 percent", "12 million dollars", "30 miles an hour"), not a later number's
        # ("painted in [1887] and valued at $1.6 million").
        after = _UNIT_AFTER.match(doc_text, cand.end, scored.sentence.end)
        return bool(shape.search(before) or (after and shape.search(after.group())))

    def _held_by(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the person asked about is named just before the age ("Mayor Ann Lee, 58," / "Lal, a
        34-year-old nurse"), or the sentence speaks of them as "he"/"she" right after naming them."""
        toks = self.signals.stats.tokens(scored.row)
        first = next((i for i, t in enumerate(toks) if t.start >= cand.start), len(toks))
        near = toks[max(0, first - 6):first + 4]  # "Santos, 44," / "44-year-old Maria Santos"
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        turn = turn_speaker(doc_text, scored.sentence.start)
        if any(stem(t.lower) in self.holder for t in near
               if not (turn and t.start < turn[1])):  # (not the label "SELWAY:", who speaks of "a 29-year-old")
            return True
        said = _AGE_SAID_OF.search(doc_text, scored.sentence.start, cand.start)
        if said and said.end() == cand.start and stem(said.group("owner").lower()) in self.holder:
            return True  # "Ivo Brandt, who runs the bookshop next door, is [fifty-eight]"
        if re.match(r"\W*(?:he|she)\b", scored.sentence.text, re.I) and scored.row > 0:
            before = self.signals.index.sentences[scored.row - 1]
            return before.doc_id == scored.sentence.doc_id and any(
                stem(t.lower) in self.holder for t in self.signals.stats.tokens(scored.row - 1))
        return False

    def _of_elsewhere(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the name is given a nationality other than the place asked about ("Vestian President X" for
        "the president of Norland"), in it or just before it, and the sentence does not name that place. A role
        without a nationality passes: the article may be about that place throughout."""
        if self._names_place(scored, self.described_of):
            return False
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        # (not the name's own words: "Ronan", "Megan" are no nationality)
        words = re.findall(r"[A-Z][\w’'-]*", doc_text[max(scored.sentence.start, cand.start - 30):cand.start]) \
            + re.findall(r"[A-Z][\w’'-]*", cand.text)[:-2]
        return any(_NATIONALITY.search(w) for w in words)

    def placed_in(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the text puts the place inside the larger place asked about, in so many words: "Norland's
        Alder district", "Alder, Norland", "the Norlandic region of Alder", "Alder in northern Norland"."""
        key = stem(self.within.split()[-1].lower())
        toks = self.signals.stats.tokens(scored.row)
        inside = [i for i, t in enumerate(toks) if cand.start <= t.start and t.end <= cand.end]
        if not inside:
            return False
        for i, tok in enumerate(toks):
            if i in inside or not (tok.text[:1].isupper() and tok.lower.startswith(key)) or "-" in tok.lower:
                continue
            between = toks[i + 1:inside[0]] if i < inside[0] else toks[inside[-1] + 1:i]
            if len(between) <= 3 and all(t.lower in _LINKS for t in between):
                return True
        return False

    def _names_place(self, scored: ScoredSentence, place: str) -> bool:
        """Whether the sentence (the candidate included: "Norlandic President X") names the place, each of
        its words as such or as an adjective ("South Norland", "South Norlandic")."""
        words = [t.lower for t in self.signals.stats.tokens(scored.row) if t.text[:1].isupper()]
        return all(any(w.startswith(stem(part.lower())) for w in words) for part in place.split())

    def _within(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the text puts the place in the larger place asked about (see ``placed_in``), and the place is
        not that larger place itself; a compound with the candidate ("the Norland-Vesta border") puts it nowhere."""
        key = stem(self.within.split()[-1].lower())
        words = cand.text.split()
        own = words[-1].lower().replace("’", "'")
        if len(words) > 1 and words[0].lower().startswith(key) and words[-1].islower():
            return True  # "[Haldenfels post office square]": a place its name puts in Haldenfels
        return not stem(own).startswith(key) and self.placed_in(scored, cand)

    def _agent_named(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the name is the agent of a passive that makes it what the question asks for: "flown by X" for
        "the pilot", "sailed by X" for "the skipper" (``_AGENT_OF``)."""
        if not self.described:
            return False
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        agent = re.search(r"\b([a-z]+)\s+by\s+$", doc_text[max(0, cand.start - 20):cand.start])
        return agent is not None and agent.group(1) in _AGENT_OF.get(self.described[0], ())

    def _described(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the asked-for noun stands next to the name: a title before it or an apposition after it."""
        toks = self.signals.stats.tokens(scored.row)
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        inside = [i for i, t in enumerate(toks) if cand.start <= t.start and t.end <= cand.end]
        if not inside:
            return False
        if any(self._is_role(toks[i].text) for i in inside):
            return True  # "President X", "County Coroner Dr. X"
        if self._agent_named(scored, cand):
            return True  # "the Copper Finch, [flown] by Aurelio Dascombe": its pilot
        runs = _RUNS_AFTER.match(doc_text, cand.end, scored.sentence.end) if self.described[0] in RUNS_NOUNS else None
        if runs and set(term_tuple(" ".join(doc_text[runs.end():scored.sentence.end].split()[:4]))) \
                & (set(self.ctx.q.terms) - {self.described[0]}):
            return True  # "Colm Rafferty, who runs the farm": the farm's manager (not "X, who led the operation")
        near = list(range(max(0, inside[0] - 3), inside[0])) + list(range(inside[-1] + 1, min(len(toks), inside[-1] + 6)))
        for i in near:
            a, b = sorted((i, inside[0] if i < inside[0] else inside[-1]))
            between = _TITLE_ABBREVIATION.sub("", doc_text[toks[a].end:toks[b].start])  # "Coroner Dr. Felix Amara"
            if re.search(r"[;:()“”\"—–.]", between):
                continue  # not in the same phrase
            if i > inside[-1] and not _APPOSITION_OPENS.fullmatch(between):
                continue  # "Halverston ferry crash", "X, pushed the barge": the noun after the name is no apposition
            if i < inside[0] and any(toks[k].lower in _PLACING for k in range(i + 1, inside[0])):
                continue  # "a storm culvert under the Fenwick Road": no storm called Fenwick Road
            title = re.fullmatch(r"\s*,\s*((?:[A-Z][\w.-]*\s+)+)", between) if i > inside[-1] else None
            if title and not {stem(w.lower()) for w in title.group(1).split()} <= self._described_words:
                continue  # "X, Communications Officer" is no "district medical officer" ("X, Chief Executive Officer" is a chief executive)
            if self._is_role(toks[i].text):
                return True
        return False

    def _singles_out(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether "one" introduces someone by name: "[One] of the boaters was Priya Lal"."""
        if cand.text.lower() != "one":
            return False
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        return bool(re.match(r"\s+of\s+(?:the\s+|them\b)(?:[\w’'-]+\s+){0,3}?(?:was|is)\s+(?:[A-Z][\w’'.-]*\s+)*[A-Z]",
                             doc_text[cand.end:scored.sentence.end]))

    def _speaks_of_itself(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether the source goes on about itself: "X said it / its / they / their ..."."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        if re.match(r"[’']?s?\s*(?:\([^()]{1,12}\)\s*)?,?\s*\w+\s+(?:that\s+)?(?:it|its|they|their|itself)\b",
                    doc_text[cand.end:scored.sentence.end]):
            return True
        # "according to [Gellerhorn Bergbahnen AG], the company that operates the line": the text says what the source
        # is, in the question's own noun ("Which company runs the line?")
        described = re.match(r"\s*(?:\([^()]{1,12}\)\s*)?,\s*(?:the|a|an)\s+([^,.;:()]{3,80})", doc_text[cand.end:scored.sentence.end])
        return described is not None and bool(self.ctx.q.focus) and bool(set(self.ctx.q.focus) & set(term_tuple(described.group(1))))

    def _counted_differs(self, scored: ScoredSentence, cand: Candidate) -> bool:
        """Whether what the number counts in the sentence is something other than what the question counts."""
        doc_text = self.signals.index.documents[scored.sentence.doc_id].text
        after = doc_text[cand.end:scored.sentence.end]
        counted: list[tuple[str, str, bool]] = []  # (stem, word, capitalised)
        last_end = 0
        # "How many pickets ...": "at least [25 metres]" counts metres, whatever follows ("how much chlorine" is
        # measured in kilograms)
        many = re.search(r"\bhow many\b", self.ctx.q.text, re.I) is not None
        if many and re.search(r"[$€£¥₩₹₽]", cand.text) and not re.search(rf"\bhow many\s+(?:{CURRENCIES})\b",
                                                                        self.ctx.q.text, re.I):
            return True  # "How many households ...": not "[up to $150] per night"
        measure = _MEASURE.search(cand.text)
        if measure and not many and not re.fullmatch(r"seconds|minutes|hours|days|weeks|months|years|decades",
                                                      measure.group(), re.I):
            return False  # "How much water ...": "six thousand litres" measures it
        measure = measure if many else None
        if measure:
            counted.append((stem(measure.group().lower()), measure.group(), False))
        for tok in tokens(after)[:4] if not measure else ():
            gap = after[last_end if counted else 0:tok.start]
            if re.search(r"[,;:.()“”\"—–]", gap):
                break
            if tok.lower in STOPWORDS or tok.lower in _GENERIC:
                if counted or tok.lower not in _GENERIC:
                    break
                if tok.lower == "of" and not counted:  # "one of the boaters": boaters are counted
                    rest = re.match(r"of\s+(?:the|these|those|its|their|his|her)\s+([a-z][\w’'-]*)", after[tok.start:])
                    if rest:
                        counted.append((stem(rest.group(1)), rest.group(1), False))
                        last_end = tok.start + rest.end()
                        break
                if tok.lower in ("others", "other", "more"):  # "300 troops killed and 2,700 others": troops too
                    earlier = [c for c in self.signals.stats.candidates(scored.row)
                               if c.kind == NUMBER and c.end <= cand.start and c.end < cand.end]
                    if earlier:
                        return self._counted_differs(scored, max(earlier, key=lambda c: (c.end, -c.start)))
                return False  # "300 of them": what is counted is said elsewhere
            counted.append((stem(tok.lower), tok.text, tok.text[:1].isupper()))
            last_end = tok.end
        if not counted or counted[0][1].lower().endswith("ed"):
            return False  # "2,700 injured": no counted noun
        words = [w for _, w, _ in counted]
        missing_caps = [t for t, _, cap in self.counted if cap and not any(self._matches(t, w) for w in words)]
        other_caps = [s for s, _, cap in counted if cap and s not in {t for t, _, _ in self.counted}]
        if missing_caps and other_caps:
            return True  # "Swedish sailors" asked, "Danish sailors" counted
        if missing_caps and not all(t in self._near_terms(scored, 2)[0] for t in missing_caps):
            return True  # "Swedish sailors" asked, "30 sailors" counted where no Swede is mentioned
        # Not a whole the question counts part of ("how many of the injured ...": "four patients").
        nouns = [t for t, _, cap in self.counted if not cap] if not self.partitive else []
        common = [w for _, w, cap in counted if not cap]
        asked = [w for _, w, cap in self.counted if not cap] if not self.partitive else []
        if asked and (is_person_noun(asked[-1].lower()) or asked[-1].lower() in ("staff", "personnel", "crew")) \
                and common and common[0].lower() in _HUMAN_WORDS:
            return False  # "how many staff": "410 people" (staff are people)
        if nouns and nouns[-1] in _PLACE_COUNTED:
            return False  # "At how many locations ...?": "14 monitoring points" are locations
        if nouns and nouns[-1] in _HUMAN_NOUNS:  # "how many people": "1,200 commuters" are people too
            return bool(common) and not _HUMAN_COUNTED.search(common[0].lower())
        # "two members of the legislature": the words of an "of" phrase after the counted noun count too.
        of = re.match(r"\s+of\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?([\w’'-]+(?:\s+[\w’'-]+)?)", after[last_end:])
        if of:
            common += of.group(1).split()
        if nouns and common and not any(self._matches(nouns[-1], w) for w in common):
            return True  # "drones" asked, "troops" counted
        if nouns and common and not any(stem(w.lower()) == nouns[-1] for w in common):
            # "310 firefighters and [45] fire engines": a near word counted, where another number counts the word
            return self._counts_word(scored, cand, nouns[-1])
        return False

    def _counts_word(self, scored: ScoredSentence, cand: Candidate, term: str) -> bool:
        """Whether another number of the sentence is followed by the very word (stem ``term``) the question counts."""
        return any(other.kind == NUMBER and (other.start, other.end) != (cand.start, cand.end)
                   and other.end <= scored.sentence.end and self._noun_after(scored, other, term)
                   for other in self.signals.stats.candidates(scored.row))


# "Officials have not said when ...", "The question of who will pay ... remains unresolved": the article says
# that what is asked is not known.
_NOT_KNOWN = re.compile(
    r"\b(?:(?:have|has|had|did|does|do|would|could)\s+not\s+(?:yet\s+)?(?:said|say|disclosed?|decided|determined|"
    r"announced|confirmed|revealed|specified|explained)|(?:is|was|are|were|remains?|remained)\s+(?:still\s+)?"
    r"(?:unclear|unknown|unresolved|uncertain|undecided|not (?:yet )?(?:known|clear|decided|determined))|"
    r"declined to (?:say|comment|specify|disclose)|it is not (?:yet )?(?:known|clear)|remains? to be seen)\b", re.I)
# "The results would not be available for several days", "the names of the dead were not released": what is
# asked is not out yet. Each: what is not out, and the question words that ask for it.
_NOT_OUT = r"(?:\s+[\w’'-]+){0,6}?\s+(?:(?:would|will|could|may|might)\s+not\s+be|(?:is|are|was|were|had|have|has)\s+(?:still\s+)?not\s+(?:yet\s+)?(?:been\s+)?)\s*(?:available|known|released|made public|public|determined)\b|(?:\s+[\w’'-]+){0,6}?\s+(?:is|are|was|were)\s+(?:still\s+)?pending\b"
_NOT_OUT_YET = [
    (re.compile(rf"\b(?:results?|findings?|outcome){_NOT_OUT}", re.I),
     re.compile(r"\b(?:show|showed|shown|find|found|reveal|revealed|results?|conclude|concluded|outcome)\b", re.I)),
    (re.compile(rf"\bcause{_NOT_OUT}", re.I), re.compile(r"\b(?:cause|caused|why)\b", re.I)),
    (re.compile(rf"\b(?:names?|identit(?:y|ies)){_NOT_OUT}", re.I), re.compile(r"\b(?:names?|who|identity)\b", re.I)),
]
#: One asked about who has said nothing: "X did not respond to a request for comment", "X declined to comment".
_NO_COMMENT = re.compile(r"\b(?:did\s+not|has\s+not|have\s+not|had\s+not)\s+(?:yet\s+)?(?:respond(?:ed)?|replied|reply)\s+to\s+"
                         r"(?:a\s+|repeated\s+|several\s+)?(?:requests?|questions?|calls?|e-?mails?)\s+(?:for|seeking)\s+comment"
                         r"|\bdeclined\s+to\s+comment\b|\bcould\s+not\s+be\s+reached\s+for\s+comment\b", re.I)
_WH_FIRST = re.compile(r"^\W*(?:and\s+)?(when|who|where|why|how|what|which|whether)\b", re.I)
_ASKS_UNKNOWN = re.compile(r"\b(?:unclear|unknown|uncertain|unresolved|not known|undecided)\b", re.I)


def stated_unknown(signals: Signals, ctx: QueryContext, sentences: list[ScoredSentence], share: float,
                   top: int = 3) -> ScoredSentence | None:
    """One of the ``top`` sentences, if it says that what the question asks is not known: a "not said /
    unclear / unresolved" clause about the question's own wh-word ("... have not said *when* the levee will be
    repaired" for "When will the levee be repaired?") that holds at least ``share`` of the question's words
    (IDF-weighted), or a sentence holding that share that says the results, cause or names asked for are not out
    yet ("the results would not be available for several days" for "What did the tests show?"). Questions that
    ask about the uncertainty itself ("Why is it unclear ...?") are read as usual.
    """
    q = ctx.q
    wh = _WH_FIRST.match(q.text)
    if not wh or _ASKS_UNKNOWN.search(q.text) or not ctx.term_weight:
        return None
    word = wh.group(1).lower()
    total = sum(ctx.term_weight.values())
    not_out = [said for said, asked in _NOT_OUT_YET if asked.search(q.text)]
    for scored in sentences[:top]:
        text = scored.sentence.text
        if any(said.search(text) for said in not_out):
            stems = set(term_tuple(text))
            if sum(w for t, w in ctx.term_weight.items() if t in stems) / total >= share:
                return scored
        silent = _NO_COMMENT.search(text) if word in ("why", "how", "what") else None
        if silent:
            # "Why did the provincial government turn down the offer?" / "The provincial government did not respond
            # to a request for comment.": the one asked about has not said
            subject = set(term_tuple(text[:silent.start()]))
            if len(subject) >= 2 and subject <= set(q.terms):
                return scored
        for m in _NOT_KNOWN.finditer(text):
            after = re.match(rf"\W*{word}\b(.*?)(?:[,;:.!?]|\s(?:since|because|as|but|while|although)\s|$)", text[m.end():], re.I)
            before = re.search(rf"\bquestion of ({word}\b[^,;:.!?]*?)\s*$", text[:m.start()], re.I)
            clause = (after.group(1) if after else "") or (before.group(1) if before else "")
            if not clause:
                continue
            stems = set(term_tuple(clause))
            covered = sum(w for t, w in ctx.term_weight.items() if t in stems)
            if covered / total >= share:
                return scored
    return None


def _same_body(named: str, asked: str) -> bool:
    """Whether two names may be of one body: at least half the words of the shorter are the other's ("the Rescue
    Service" is the "Kessvar Mine Rescue Service"; "Sernholt Mining Corporation" is not the "State Mining
    Inspectorate")."""
    a, b = set(term_tuple(named)), set(term_tuple(asked))
    return 2 * len(a & b) >= min(len(a), len(b)) > 0
