"""Candidate answer spans in a sentence: numbers, ages, durations, dates, names, quotations, reasons, phrases.

Every candidate carries absolute offsets into its document text, so ``doc.text[start:end] == text``.
Names are typed (person / organisation / place) from structural cues in the sentence and the document
(titles, speech verbs, prepositions, organisation head words, acronyms), with no gazetteer.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .question import _PERSON_NOUNS, AGE, DATE, DESCRIPTION, DURATION, NUMBER, ORG, PERSON, PLACE, QUOTE, REASON
from .text import STOPWORDS

NAME = "name"  # a proper name whose kind could not be told
PEOPLE = "people"  # people named by a common noun: "his commanders", "the interpreter"
NAME_KINDS = frozenset({NAME, PERSON, ORG, PLACE})  # the kinds a capitalised name is given


@dataclass(frozen=True)
class Candidate:
    """A possible answer: ``doc_text[start:end] == text``; ``kind`` is an answer type or ``name``."""

    start: int
    end: int
    text: str
    kind: str


_NUM_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"million|billion|dozen|dozens|hundreds|thousands|millions|a quarter|a third(?!\s+(?:day|night|week|month|year|time|round|term|attempt|trip|straight|consecutive|"
    r"successive|man|woman|person|victim|body|case|child)\b)|half|a half|a dozen|"
    r"a few|several|"
    r"a hundred|a thousand|a million|a billion"
)
#: ISO 4217 codes of currencies written before or after a sum ("EUR 250", "1,200 CHF"); matched case-sensitively.
CURRENCY_CODES = (r"\b(?:EUR|USD|GBP|CHF|JPY|CNY|CAD|AUD|NZD|SEK|NOK|DKK|ISK|PLN|CZK|HUF|RON|BGN|INR|ZAR|RUB|UAH|TRY|BRL|MXN|"
                  r"ARS|CLP|SGD|HKD|KRW|TWD|THB|MYR|IDR|PHP|VND|AED|SAR|QAR|ILS|EGP|NGN|KES)\b")
# (a number in words runs on through "and" after "hundred" or "thousand": "two hundred and twelve")
_NUM = (rf"(?:\$|€|£|(?-i:{CURRENCY_CODES})\s?)?\d+(?:[.,]\d+)*(?:\s?(?:%|percent|per cent))?(?:\s(?:million|billion|thousand|hundred))?"
        rf"|(?:{_NUM_WORDS})(?:(?:[- ]|(?:(?<=hundred)|(?<=thousand))\s+and\s+)(?:{_NUM_WORDS}))*\b")
_QUALIFIER = (
    r"at least|at most|about|around|approximately|roughly|some|more than|over|nearly|almost|up to|an estimated|"
    r"estimated|fewer than|less than|as many as|as few as|close to|just over|just under|well over|upwards of|"
    r"exceeded|exceeding|only|just|a total of|the entire|all"
)
#: Names of currencies, in general use or not ("thaler"), singular and plural.
CURRENCIES = (r"dollars?|euros?|pounds?|yuan|yen|rubles?|roubles?|francs?|rupees?|pesos?|reals?|reais|rand|lira|lire|"
               r"dinars?|dirhams?|riyals?|rials?|shekels?|baht|ringgits?|rupiahs?|dong|naira|shillings?|hryvnias?|zlot(?:y|ys|ych)|"
               r"forints?|krona|kronor|krone|kroner|korunas?|lei|leu|leva|lev|marks?|thalers?|guilders?|florins?|ducats?|"
               r"crowns?|pence|cents?|bitcoins?|sterling")
_UNITS = (
    # speeds first: "45 miles per hour", not "45 miles"
    r"(?:miles|kilomet(?:er|re)s|met(?:er|re)s|feet) (?:per|an|a) (?:hour|second|minute)|mph|km/h|kph|knots?|"
    r"percent|per cent|hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|km|kilometers?|"
    rf"kilometres?|miles?|(?:milli|centi)?met(?:er|re)s?|mm|cm|feet|inches|kg|kilograms?|tons?|tonnes?|{CURRENCIES}|(?-i:{CURRENCY_CODES})|won|"
    r"pounds?|acres?|hectares?|ha\b|km2|km²|degrees?(?: (?:Celsius|Fahrenheit|centigrade|C|F)\b)?|°\s?[CF]\b|times|"
    r"(?:kilo|mega|giga|tera|peta)?bytes|[KMGTP]B|gallons?|lit(?:er|re)s?|(?:kilo|mega|giga)?watts?|[kMG]W\b|kV\b|"
    r"barrels?|grams?|ounces?|calories|volts?|square (?:miles|feet|meters|metres|kilometers|kilometres)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
#: The hours of a clock time said in words ("quarter past [seven]", "[eight] o'clock").
_HOUR_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: A day of the month as an ordinal: "the [3rd] of March", "the [third] of March".
_ORDINAL_DAY = (r"(?:[12]?\d|3[01])(?:st|nd|rd|th)|(?:(?:twenty|thirty)-)?(?:first|second|third|fourth|fifth|sixth|seventh|"
                r"eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                r"nineteenth|twentieth|thirtieth")

#: Units said with a hyphen as a number's adjective: "the [33,000-volt] lines", "a [15-metre] wall".
_HYPHEN_UNITS = (r"(?:kilo|mega)?volts?|(?:kilo|mega|giga)?watts?|(?:kilo|centi|milli)?met(?:er|re)s?|miles?|foot|feet|"
                 r"tonnes?|tons?|lit(?:er|re)s?|gallons?|acres?|hectares?|kilograms?|grams?|degrees?|storey|story|seats?|beds?")
_NUMBER_RE = re.compile(rf"\b(?:(?:{_QUALIFIER})\s+)?(?:{_NUM})(?:(?:\s+|(?=°))(?:{_UNITS})\b|-(?:{_HYPHEN_UNITS})\b)?", re.I)
#: What a quantity is counted per: "$14 million [per day]", "300 litres [a minute]", "12 euros [a head]".
_RATE = re.compile(r"\s+(?:per|a|an|each)\s+(?:second|minute|hour|day|night|week|month|year|shift|person|head|household|"
                   r"passenger|visitor|customer|patient|student|resident|worker|vehicle|car|ticket|tonne|ton|barrel|litre|"
                   r"liter|gallon|kilogram|kilo|pound|unit)\b", re.I)
_AGE_RE = re.compile(
    rf"(?<![-\w])(?:(?:\d+|{_NUM_WORDS})-year-old|aged\s+\d+|\d+\s+years?\s+old|age\s+(?:of\s+)?\d+)\b"
    # a fact box's label: "Age: [8 years] (born 3 May 2017)"
    rf"|(?<=\bAge:\s)\d{{1,3}}\s+years?\b", re.I
)
# "Mayor Daniel Reyes, 58, thanked ...": an age in apposition to a name (group 1).
_APPOSITIVE_AGE_RE = re.compile(r"\b[A-Z][\w’'-]*,\s(\d{1,3}),")
#: "Helga Brunnmeier is seventy-one, a retired teacher": an age said of a name, in words or figures (group 1).
#: (and after a relative clause, or with more said of the name after "and": "Colm Rafferty, who runs the farm, is
#: [fifty-two] and has ...", "old Wilfred, who was [fourteen] and the most ...")
#: ``AGE_SAID_OF``: the words before such an age, the name's last word its group "owner".
AGE_SAID_OF = r"\b(?P<owner>(?-i:[A-Z])[\w’'-]*)(?:,\s+who\s+[^,.;:]{1,60},)?,?\s+(?:who\s+)?(?:is|was|turned|turns)\s+"
_SAID_AGE_RE = re.compile(AGE_SAID_OF + rf"((?:{_NUM_WORDS})(?:-(?:{_NUM_WORDS}))?|\d{{1,3}})(?=\s*(?:[,;]|\.(?:\s|$)|years?\s+old\b|and\s+(?!a\s+half\b)))",
                          re.I)
_DURATION_RE = re.compile(
    rf"\b(?:(?:{_QUALIFIER})\s+)?(?:\d+(?:[.,]\d+)?|{_NUM_WORDS}|a|an)(?:[- ](?:{_NUM_WORDS}))?[- ]"
    rf"(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))(?:-long)?\b"
    # "a decade and a half", "an hour and a half"
    rf"(?:\s+and\s+a\s+half\b)?(?![-\s]+old\b)"  # not an age
    # "half a century", "a quarter of an hour", "half an hour"
    rf"|\b(?:(?:{_QUALIFIER})\s+)?(?:half|a\s+quarter\s+of|three\s+quarters\s+of)\s+(?:a|an)\s+"
    rf"(?:hour|day|week|month|year|decade|century|lifetime)\b",
    re.I,
)
_DATE_RE = re.compile(
    # Two days or a span of them first: "8 and 9 March", "March 8-9", "14 to 16 May 2025".
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|&|-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    # "the third of March", "the 3rd of March 2025" (not "March the first", which is as often "In March the first
    # phase ...").
    rf"|(?:(?:{_WEEKDAY},?\s+)?the\s+)?(?:{_ORDINAL_DAY})\s+of\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|&|-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{4}}|(?:early\s+|late\s+)?{_WEEKDAY}(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|"
    rf",?\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:since\s+)?{_MONTH}(?:\s+(?:last|this|next)\s+year)?|(?:in\s+)?(?:19|20)\d{{2}}s?"
    # an earlier year only where a word says it is one: "opened [in 1898]", "[since 1875]" (not "1500 people")
    rf"|(?:in|since|until|till|from|by|before|after)\s+1[5-8]\d{{2}}s?(?![-\s]*(?:{_UNITS}|people|residents|[a-z]+s)\b)"
    rf"|(?:last|this|next|early|late|earlier this|later this)\s+(?:year|month|week|fall|autumn|spring|summer|winter|"
    rf"{_WEEKDAY})|yesterday|today|tomorrow|the same day|the previous day|the next day|the late \d{{4}}s)\b"
    # Times of day: "about 2:15 a.m.", "at 6 p.m.", "6.12am", "at 04:52" (a 24-hour clock), "noon".
    rf"|(?:(?:about|around|at|by|shortly (?:before|after)|before|after)\s+)?\b\d{{1,2}}(?:[:.]\d{{2}})?\s?(?i:a\.m\.|p\.m\.|am\b|pm\b)"
    rf"|(?:(?i:about|around|at|by|shortly (?:before|after)|before|after|until|from)\s+\b(?:[01]?\d|2[0-3])|\b(?:[01]\d|2[0-3]))"
    rf":[0-5]\d\b(?![:.,]?\d)(?!\s?(?i:[ap]\.?m\b))(?:\s?(?:hrs|hours|GMT|UTC|BST)\b)?"  # "at 4:50", "04:52"; not "1:10"
    rf"|\b(?:noon|midnight|dawn|dusk)\b"
    # Spoken times: "about quarter past seven", "at ten past three", "around eight o'clock", "a quarter to nine".
    rf"|(?:(?:about|around|at|by|shortly (?:before|after)|before|after|until|from)\s+)?\b(?:(?:(?i:a)\s+)?quarter\s+(?:past|to)"
    rf"|half\s+past|(?:five|ten|twenty|twenty-five|\d{{1,2}})\s+(?:minutes\s+)?past|(?:one|two|three|four)\s+minutes\s+past)"
    rf"\s+{_HOUR_WORDS}\b(?:\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"
    rf"|(?:(?:about|around|at|by|shortly (?:before|after)|before|after|until|from)\s+)?\b{_HOUR_WORDS}\s+o[’']clock\b"
    rf"(?:\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"
    # "at [4 in the morning]", "about six in the evening"
    rf"|(?:(?:about|around|at|by|before|after|until|from)\s+)?\b{_HOUR_WORDS}\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b",
)
# A time given from another: "within 14 days", "three weeks ago", "two days later" ("when will the money arrive?").
# "In about twelve weeks" is one, but not "in six hours", which as often says how long something took. Its number
# stays a number too.
_RELATIVE_DATE_RE = re.compile(
    rf"\b(?i:within\s+(?:(?:about|around|roughly|some|the next)\s+)?(?:\d+|{_NUM_WORDS}|an?)\s+"
    rf"(?:hours?|days?|weeks?|months?|years?)"
    # "an interim report [in about twelve weeks]": a time to come, counted in days or more, with a word that says it
    # is reckoned ahead (not "the worst flooding in 50 years", "rebuilt in three days")
    rf"|in\s+(?:about|around|roughly|some|the next|another|a further)\s+(?:\d+|{_NUM_WORDS}|an?)\s+"
    rf"(?:days?|weeks?|months?|years?)(?!\s+(?:time|ago|later|earlier|old)\b)"
    rf"|(?:(?:about|around|nearly|almost|roughly|some|more than|less than)\s+)?(?:\d+|{_NUM_WORDS}|an?)\s+"
    rf"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+(?:later|earlier|ago|afterwards?))\b"
    # a day told by an event: "on [the Monday after the accident]", "[the day before the vote]"
    rf"|\b(?i:the)\s+(?:{_WEEKDAY}|(?i:day|morning|evening|night|weekend))\s+(?i:after|before|following)\s+"
    rf"(?i:the|his|her|their|its)\s+(?:[a-z][\w-]*\s+)?(?i:accident|crash|derailment|collision|explosion|blast|fire|"
    rf"attack|storm|flood|election|vote|funeral|shooting|disaster|incident|escape|collapse|leak|strike|outbreak|"
    rf"rescue|evacuation|closure|fall|wedding|announcement|hearing|trial|verdict|launch|opening)\b"
)
SPEECH_VERBS = (r"said|says|say|told|tells|added|adds|replied|replies|asked|asks|shouted|stated|states|wrote|"
                r"writes|confessed|revealed|responded|noted|explained|warned|insisted|claimed|declared|"
                r"announced|shared|emphasized|emphasised|argued")
# Reported speech without quote marks: "the minister stated last week that [the plan would be dropped]".
_INDIRECT_RE = re.compile(rf"\b(?:{SPEECH_VERBS}|believes?|believed|thinks?|thought|estimated?|confirmed|"
                          rf"disclosed|reported|acknowledged|admitted)\b(?:\s+(?!(?:the|a|an|this|his|her|its|their|anything|"
                          rf"nothing|something|everything)\b)[\w’'-]+){{0,5}}?\s+that\s+", re.I)
# (not "said the house that burned ...", nor "I could tell before he said anything that [something was wrong]")
_QUOTE_RE = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"|‘([^’]{4,})’(?!\w)")
#: What one acts "out of": "out of [fear]", "out of [a sense of duty]" (not "out of service", "out of town").
_MOTIVES = (r"(?:fear|concern|respect|necessity|desperation|curiosity|frustration|loyalty|anger|caution|spite|pity|love|"
            r"habit|duty|sympathy|solidarity|principle|courtesy|boredom|jealousy|revenge|shame|guilt|compassion|"
            r"kindness|sense|desire|wish|need|gratitude|grief|protest|panic|self-defen[cs]e|exhaustion)\b")
#: Verbs after "due to" that make it a schedule, not a cause: "was due to [be replaced] in 2022".
_SCHEDULED_VERBS = (r"(?:be|have|give|hold|take|make|open|close|start|begin|finish|end|meet|appear|arrive|leave|return|"
                    r"resume|reopen|run|speak|visit|announce|publish|report|vote|sign|deliver|face|go|come|get|receive|"
                    r"present|launch|release|complete|pay|retire|expire|testify|decide|rule|travel|fly|sail|play)")
_REASON_RE = re.compile(
    # A precaution is its own reason: "shut down [as a precaution]".
    r"\b(?=as a precaution\b)|"
    # (not "due to [give a news conference]": what is scheduled)
    rf"\b(?:because(?: of)?|due to(?!\s+{_SCHEDULED_VERBS}\b)|owing to|as a result of|thanks to|"
    rf"out of(?= (?:an? )?(?:\w+ )?{_MOTIVES})|"
    r"for fear(?: of| that)?|"
    r"since|for|after|following|as|caused by|triggered by|sparked by|prompted by|blamed|blames|blame|"
    r"in exchange for|in return for|attributed (?:[\w’'\" “”-]+ ){0,8}?to|"
    # Whose wish, advice or order it was, and what was cited: "at the request of his family", "citing the inquiry".
    r"at the (?:request|urging|invitation|insistence) of|on the (?:advice|orders|instructions) of|on (?:the )?orders from|"
    r"in response to|in light of|in view of|for lack of|for want of|citing|on (?:the )?grounds (?:that|of)|"
    # What a walkout or a vote was against: "walked off the job [in protest at pay]".
    r"in protest (?:at|against|over|of)|"
    # A cause of death or of loss: "succumbed to his injuries", "died of cholera", "lost to flooding".
    r"succumb(?:ed|s)? to|(?:died|dies|die) (?:of|from)|"
    # What a thing came of: "the misalignment stemmed from [a plate registration error]".
    r"(?:stemm(?:ed|ing)|stems?|result(?:ed|s|ing)|ar(?:ose|ises?|isen)) from)(?:\s+|(?=,))"
    # Purposes keep their marker: "to avoid the closed road" answers "why" better than "the closed road".
    r"|\b(?=(?:in order to|so as to|so that|to avoid|to prevent|to escape|to protect|to keep|to stop|to ensure|"
    r"to make sure|to contain|to limit|to reduce|to save|to shield|to guard|to seek|to allow|to let|to free|to clear|"
    r"hoping to|in the hope of|in an effort to)\s"
    # "tie the ferry to the pier [so it would not drift back]"
    r"|so\s+(?:that\s+)?(?:it|they|he|she|we|I|you|people|the\s+[\w’'-]+)\s+(?:would|could|can|will|might|may|should|"
    r"did|does|do|wouldn[’']t|couldn[’']t|won[’']t|can[’']t)\b)"
    # A rule that a decision rests on: "treated as prisoners [under the Geneva Conventions]".
    r"|\b(?=under\s+(?:[\w’'-]+\s+){0,4}?(?:laws?|conventions?|rules?|principles?|constitution|treat(?:y|ies)|"
    r"agreements?|acts?|regulations?|terms|polic(?:y|ies)|guidelines?|statutes?|accords?|mandates?)\b)",
    re.I,
)
#: Nouns whose "that" clause is their content, not a relative clause: "due to the fact that the runway flooded".
_CONTENT_NOUN = re.compile(r"\b(?:fact|facts|concerns?|fears?|reports?|possibility|hopes?|belief|beliefs|claims?|idea|"
                           r"news|signs?|evidence|assurances?|suspicions?|rumou?rs?|allegations?|view)\s*$", re.I)
_CLAUSE_END = re.compile(r"[,;:.!?—–()]|\s(?:and|but|while|which|who|whereas|according|if|unless|when|so)\s")
#: What follows a comma that continues a list: "[imaging] or [lab results]", "[cots], [dry socks] and ...".
_LIST_REST = re.compile(r"\s*(?:[\w’'-]+\s+){1,3}?(?:and|or)\s+[\w’'-]+|\s*[\w’'-]+(?:\s+[\w’'-]+)?,\s+(?:and|or)\s", re.I)


def _in_quotation(text: str, i: int) -> bool:
    """Whether ``text[i]`` stands inside a quotation opened earlier in ``text``."""
    return bool(text.count('"', 0, i) % 2) or text.count("“", 0, i) > text.count("”", 0, i)


def _clause_stops(rest: str) -> list[re.Match]:
    """Where a clause could end in ``rest`` (``_CLAUSE_END``), less the commas of numbers ("3,000") and the periods
    of abbreviations and decimals ("St. Aldric", "Feb. 18", "2.5")."""
    out = []
    for m in _CLAUSE_END.finditer(rest):
        c, i = m.group(), m.start()
        if _in_quotation(rest, i) and c.strip() not in ".!?":
            continue  # inside a quotation the reason goes on: 'convinced her that "a port forgets the people who built it"'

        if c == "," and 0 < i < len(rest) - 1 and rest[i - 1].isdigit() and rest[i + 1].isdigit():
            continue
        if c == "." and ((i + 1 < len(rest) and rest[i + 1].isdigit()) or _ABBREVIATION_END.search(rest[: i + 1])):
            continue
        out.append(m)
    return out

TITLES = (
    r"Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Capt|Sgt|Maj|Adm|Rev|President|Vice President|Prime Minister|"
    r"Minister|Secretary|Chancellor|King|Queen|Prince|Princess|Pope|Judge|Justice|Mayor|Governor|Senator|"
    r"Representative|Chairman|Chairwoman|Director|Commander|General|Professor|Reporters?|Officer|Chief|Sheriff|"
    r"Cmdr|Cdr|Pvt|Cpl|Det|Insp|Supt|Lieutenant|Captain|Colonel|Sergeant|Detective|Inspector|Superintendent|Deputy|"
    r"Admiral|Agent|Special Agent|Charge|Manager|Editor|Constable|Councillor|Councilor|Commissioner|Ambassador|"
    r"Councilman|Councilwoman|Alderman|Alderwoman|Assemblyman|Assemblywoman|Congressman|Congresswoman|Trustee"
)
_TITLE_START = re.compile(rf"^(?:{TITLES})\.?\s+[A-Z]")
#: The last word of a post: "Communications Officer", "District Medical Officer", "Site Director".
_OFFICE = (r"Officer|Director|Manager|Secretary|Executive|Co-?ordinator|Spokes(?:person|man|woman)|Administrator|"
           r"Superintendent|Commissioner|Editor|Inspector|Advis[eo]r|Chair(?:man|woman|person)?|Correspondent|"
           r"Controller|Registrar|Treasurer|Clerk")
#: A post with no one named: capitalised words that end in one ("Communications Officer"), not a person.
_POST = re.compile(rf"(?:[A-Z][\w’'-]*\s+){{0,3}}(?:{_OFFICE})")
_PERSON_CUE_AFTER = re.compile(
    r"^\s*(?:,\s*(?:a|an|the)\s|,\s*\d{1,3}\s*,|,?\s*(?:said|says|told|added|stated|wrote|asked|replied|explained|confirmed|"
    r"shared|noted|warned)\b|\s+(?:was|is)\s+(?:a|an)\s"
    # Kin: "Fairlie’s father", "Ostrow's widow"
    r"|[’']s\s+(?:late\s+)?(?:father|mother|husband|wife|son|daughter|nephew|niece|brother|sister|grandfather|"
    r"grandmother|grandson|granddaughter|uncle|aunt|cousin|parents|widow|widower|fianc[eé]e?|boyfriend|girlfriend)\b"
    # "Jennifer Jett was reporting from Hong Kong"
    r"|\s+(?:was|is|were|had\s+been|has\s+been)\s+(?:reporting|writing|speaking|filing|broadcasting)\b"
    # A post in apposition: "Petra Solheim, Communications Officer, ..."
    rf"|,\s*(?:[A-Z][\w’'-]*\s+){{0,3}}(?:{_OFFICE})\b(?!\s+[A-Z])"
    # A role in apposition without an article: "Stuart Lamb, regional organiser for the union" (not a role a body
    # can hold: "X, operator of the plant").
    rf"|,\s*(?:[a-z][\w-]*\s+){{0,2}}(?!(?:people|persons?|m[ae]n|wom[ae]n|names?|operators?|owners?|leaders?|"
    rf"members?|managers?|heads?)\b)(?:{_PERSON_NOUNS}|organi[sz]er)s?\s+(?:for|of|at|with|in|from)\b)"
)
#: The name ends an apposition still open in its sentence: "X, a spokesperson for the Coast Guard's [Sector
#: Northern New England], said ..." (the one who said it is X).
_IN_APPOSITION = re.compile(r",\s+(?:a|an|the)\s(?:[^,.;!?“”\"]|(?:St|Dr|Mr|Mrs|Ms|Mt|No)\.|(?:Jr|Sr|[A-Z])\.(?!\s*$))*$")
# ("St." goes on; "the FBI. Marcus Vell, ..." is a new sentence)
#: Someone introducing themselves: "For KTVR News Radio, I'm [Dana Whitfield]" (not "I am [Ukrainian]").
_SELF_INTRODUCED = re.compile(r"\b(?:I[’']m|I am|[Mm]y name is)\s*$")
#: Roles a body has as often as a person: "terminal operator [Greyhaven Terminals]".
_BODY_ROLES = (r"(?:operator|contractor|supplier|provider|carrier|insurer|employer|manufacturer|maker|retailer|publisher|"
               r"developer|builder|broadcaster|producer|distributor|partner|buyer|seller|lender|landlord|tenant|member)s?")
#: A person's role in lower case right before a name: "owner [Rosa Pellinger]", "the geologist [Maren Ostrowsky]".
_ROLE_RIGHT_BEFORE = re.compile(rf"(?<![\w-])(?!{_BODY_ROLES}[^\S\n]+$)(?-i:(?:{_PERSON_NOUNS}))[^\S\n]+$")
#: A person's role in apposition before a name of two words: "Lannery's mayor, [Dorothea Quaye]", "the chief
#: inspector, [Saskia Vell]" (not "its name, [Sea Star]").
_ROLE_COMMA_BEFORE = re.compile(rf"(?:[’']s|\b(?i:the|its|their|his|her|our|a|an))[^\S\n]+(?:[a-z][\w-]*[^\S\n]+){{0,2}}?"
                                rf"(?!(?:{_BODY_ROLES}|names?|people|crew|men|women|persons?|members?|consultants?|"
                                rf"advis[eo]rs?)[^\S\n]*,)"
                                rf"(?-i:(?:{_PERSON_NOUNS}))s?,[^\S\n]+$")
_PERSON_CUE_BEFORE = re.compile(
    rf"(?:\b(?:{TITLES})\.?|\b(?:said|says|told|according to|spokes(?:man|woman|person)|researcher|professor|"
    rf"leader|official|lawmaker|politician|reporters?|analyst|expert),?|"
    # A role in apposition before the name: "Pruitt's lawyer, [Marcus Vell],".
    rf"\b(?:lawyer|attorney|counsel|spouse|wife|husband|daughter|son|mother|father|brother|sister|nephew|niece|uncle|"
    rf"aunt|cousin|grandson|granddaughter|grandfather|grandmother|stepson|stepdaughter|widow|widower|deputy|aide|"
    rf"adviser|advisor|assistant|secretary|chairman|chairwoman|chair|director|manager|spokesperson|organi[sz]er|"
    rf"executive|president|founder|owner|head|chief|commander|captain|boss|leader|officer),|"
    # Who made a work: "a portrait by [Theodor Brunsvik]".
    rf"\b(?:portraits?|paintings?|landscapes?|drawings?|etchings?|sculptures?|photographs?|novels?|poems?|songs?|"
    rf"albums?|films?|plays?|symphon(?:y|ies)|canvas(?:es)?|works?)\s+by)\s*$"
)
_ORG_HEADS = re.compile(
    r"\b(?:Service|Agency|Ministry|Bureau|Party|Committee|Assembly|Council|Institutes?|University|College|Corps|"
    r"Army|Navy|Forces|Force|Government|Department|Office|Times|News|Post|Journal|Association|Union|Commission|"
    r"Court|Company|Corporation|Corp|Inc|Ltd|Group|Organi[sz]ation|Command|Guard|Police|Bank|Fund|Foundation|"
    r"Centre|Center|Administration|Authority|Board|Network|Press|Agency|Club|Society|Church|Hospital|School|"
    r"Parliament|Congress|Senate|Cabinet|Conventions?|League|Alliance|Federation|Red Cross|Brigade|Battalion|"
    r"Division|Regiment|Unit|Squad|Team|Workers|Lines|Airlines|Airways|Railways?|Railroad|Industries|Holdings|"
    r"Partners|Systems|Technologies|Motors|Laboratories|Labs|Media|Energy|Pharmaceuticals|Insurance|Transit|"
    r"Management|Services|Solutions|Enterprises|Clinic|Library|Museum|Utilities|Software|Pharmaceuticals|Airways|"
    r"Courier|Herald|Gazette|Ledger|Tribune|Chronicle|Examiner|Observer|Dispatch|Inquirer|Telegraph|"
    r"Registry|Registries|Studios?|Consultants|Consulting|Consultancy|Constabulary|Gendarmerie|Militia|Underwriters|Monitoring|Publishing|Engineering|Logistics|"
    r"Broadcasting|Shipping|Trust|Gallery|Galleries|Archives|Rescue|Inspectorate|Directorate|Secretariat|Tribunal|"
    r"Polymers|Chemicals|Plastics|Railfreight|Freight|Haulage|Construction|Manufacturing|Foods|Farms|Bakery|Bakeries|"
    r"Brewery|Breweries|Dairy|Dairies|Kitchens?|Catering|Caterers|Project|Initiative|Coalition|Consortium|Partnership|"
    r"Caucus|Collective|Cooperative|Syndicate|Observatory|AG|GmbH|PLC|plc|LLC|SA)\b"
)
#: A body in apposition after a name: "Tarrow Fine Foods, [a family-owned company]" (not a person's cue ", a").
_ORG_CUE_AFTER = re.compile(
    # (not an age: "Declan Mabry, a 47-year-old crane operator")
    r"^\s*,\s*(?:a|an|the)\s+(?![\w-]*\d+-year-old\b)(?:[\w’'-]+\s+){0,3}?(?:company|firm|business|agency|charity|manufacturer|maker|supplier|"
    r"producer|caterer|retailer|chain|group|organi[sz]ation|nonprofit|non-profit|contractor|operator|subsidiary|"
    r"consultancy|insurer|bank|brand|startup|start-up|cooperative|co-op|corporation|conglomerate|regulator|watchdog)\b")
#: A place described as one: "Braga, [a city in the north]", "Elsby, [the inland town] ...".
_PLACE_APPOSITION = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:city|town|village|hamlet|port|district|"
                               r"region|province|county|state|country|suburb|island|capital|municipality|beach|bay|cove|"
                               r"harbou?r|field|meadow|farm|river|lake|valley|hill|ridge|mountain|peak|forest|road|street|"
                               r"lane|square|park|bridge|estate|neighbou?rhood)"
                               # the place noun ends the phrase ("a city in the north"), not "a city engineer"
                               r"(?=\s*(?:[,.;:)—–]|$)|\s+(?:in|of|on|near|north|south|east|west|that|which|where|with|"
                               r"about|some|just|known|famous|best|below|above|beside|behind|at|by|outside|along|across|"
                               r"off|beyond|opposite)\b)")
_PLACE_CUE_BEFORE = re.compile(r"\b(?:in|to|from|near|into|across|toward|towards|at|through|outside|inside|of)\s*$")
_PLACE_CUE_AFTER = re.compile(
    r"^\s*(?:region|border|province|city|town|village|county|district|state|area|river|capital|peninsula|"
    r"oblast|island|valley|coast|prefecture)\b",
    re.I,
)
#: Names that are places by their own head word: "Orchard Avenue", "Route 9", "Dunmore County".
_PLACE_HEADS = re.compile(
    r"\s(?:Avenue|Ave\.?|Street|Road|Boulevard|Blvd\.?|Lane|Drive|Highway|Freeway|Bridge|Square|Plaza|River|Lake|"
    r"Mountains?|Island|Islands|Bay|Valley|County|Province|Oblast|District|Region|Peninsula|Sea|Ocean|Coast|Creek|"
    r"Canyon|Heights|Hall|Church|Chapel|Cathedral|Abbey|Stadium|Annex|Amphitheat(?:er|re)|Gymnasium|Arena|"
    r"Pier|Quay|Wharf|Terminal|Airport|"
    # landforms and waters: "Carda Ridge", "Hollins Bay", "Teran Pass"
    r"Ridge|Hills?|Peak|Pass|Gorge|Falls|Forest|Woods|Harbou?r|Beach|Cape|Glen|Moor|Marsh|Plains?|Plateau|Desert|"
    r"Range|Fjord|Estuary|Delta|Reservoir|Dam|Canal|Strait|Gulf|Lagoon|Cove|Reef|Shoals?|Point|Sound|Channel|Atoll|"
    r"Headland|Lighthouse)$|^(?:Route|Highway|Interstate|Lake|Mount|Mt\.)\s")
_CAP_WORD = r"(?:[A-Z][\w’'.-]*|[A-Z]\.(?:[A-Z]\.)+)"
_NAME_RE = re.compile(rf"{_CAP_WORD}(?:[^\S\n]+(?:(?:of|the|for|and|&|de|al|bin|van|von|der|du|la|le)[^\S\n]+)*{_CAP_WORD})*")  # not across lines
_ROLE_LABEL = re.compile(r"HOST|CO-HOST|ANCHOR|CALLER|REPORTER|CORRESPONDENT|INTERVIEWER|MODERATOR|PRESENTER|GUEST|"
                         r"ANNOUNCER|NARRATOR|QUESTION|ANSWER|AUDIENCE MEMBER|UNIDENTIFIED(?: [A-Z]+)*|VOICE|Q|A")
#: A label at a line's start for the person the line names: "Host: ", "Guest: ", "Media contact: ", "Written by ".
_LABEL_PERSON_BEFORE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:[-*•][^\S\n]*)?(?i:(?:co-?)?hosts?|guests?|presenters?|moderators?|interviewers?|reporters?|"
    r"correspondents?|anchors?|authors?|editors?|caller|speakers?|panel+ists?|witness(?:es)?|chair(?:ed by)?|"
    r"(?:(?:media|press|news)\s+)?contacts?|spokes(?:person|man|woman)|written\s+by|reported\s+by|interview\s+by)"
    r"[^\S\n]*:?[^\S\n]*$")
_NAME_NUMBER = re.compile(r"\s\d{1,4}\b(?![.,:/]\d)")  # "Route 9", "Gate 12", but not "Jan. 3" nor "in 2016,"
_DEMONYM = re.compile(r"(?:[a-z](?:an|ian|ese|ish|ic|i))$")
#: What follows the place of a dateline: its state or country, the agency in brackets, then a dash and the story's
#: first sentence.
_DATELINE = re.compile(r"(?:,\s*[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)?"
                       rf"(?:,\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?)?"  # ", March 4"
                       r"(?:\s*\([^()]{1,40}\))?(?:\s*[–—]|\s+-)\s+[A-Z“\"]")
#: A dateline before a story's first words: "BRACKWATER, March 6 (Tidemark Press) - [Striking] dock workers ...".
_AFTER_DATELINE = re.compile(r"\s*[A-Z][A-Z.’' -]+(?:,[^\n—–]{0,60}?)?(?:\s*[—–]|\s-)\s+$")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|[A-Z]\.(?:[A-Z]\.)+)$")
#: What stands before the second place of a dateline, at the start of its line: "PORT HAVEL, ".
_IN_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z.’' -]+,[^\S\n]*$")
#: A dateline's place (group 1) and the agency in brackets after it (group 2): "PORT HAVEL, Marenland (Coastline
#: Press Agency) —", "BRACKWATER, March 6 (Tidemark Press) -". The agency sent the story; it is no answer to what the
#: story is about.
_DATELINE_AGENCY = re.compile(r"(?:^|\n)[A-Z][A-Z.’' -]+(?:,[^\S\n]*[A-Z0-9][\w.’'-]*(?:[^\S\n]+[A-Z0-9][\w.’'-]*)*)?[^\S\n]*"
                              r"\(([^()\n]{1,40})\)\s*(?:[–—]|-\s)")


#: A closing period that belongs to the word: initialisms ("U.S.") and common abbreviations ("Jan.", "Gov.",
#: "Inc."); other words end a sentence there ("Hong Kong.").
_ABBREVIATION_END = re.compile(
    rf"(?:\b[A-Z]\.)+$|\b(?:{TITLES}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Jr|Sr|Inc|Co|Corp|Ltd|Bros|"
    r"St|Ave|Rd|Blvd|Mt|Ft|No|Nos|Vol|vs|etc|approx|est)\.$|\b[ap]\.m\.$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and edge punctuation (but keep closing periods of abbreviations like 'U.S.')."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-(\"“”'‘’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-()\"“”'‘’!?"):
        end -= 1
    while end > start and text[end - 1] == "." and not _ABBREVIATION_END.search(text[start:end]):
        end -= 1
    return start, end


def _candidate(text: str, start: int, end: int, kind: str) -> Candidate | None:
    start, end = _trim(text, start, end)
    return Candidate(start, end, text[start:end], kind) if end > start else None


@functools.lru_cache(maxsize=256)
def lower_words(doc_text: str) -> frozenset[str]:
    """Words that occur in lower case somewhere in the document (so capitalised use is not a name); not in an e-mail
    or web address ("press@cro.varrendal.example")."""
    return frozenset(m.group() for m in re.finditer(r"(?<![@./])\b[a-z][\w’'-]*\b(?![@.]\w)", doc_text))


@functools.lru_cache(maxsize=256)
def _inner_capitals(doc_text: str) -> frozenset[str]:
    """Capitalised words that stand inside a sentence somewhere in the document (after a lower-case word or a
    comma; not the first word of a turn after a transcript's "KILBRIDE:"), so they are names wherever they stand."""
    return frozenset(m.group(1) for m in re.finditer(r"(?:[a-z,;]|(?<![A-Z)]):|[a-z][’']s)\s+([A-Z][\w’'-]*)", doc_text))


def _named_inside(doc_text: str, word: str) -> bool:
    """Whether the document capitalises a word inside a sentence too, alone or as the last word of a name ("Declan
    [Mabry]"): a name, not a sentence-initial adverb ("However, ...")."""
    return re.search(rf"(?:[a-z,;]|[A-Z][\w’'-]*)[^\S\n]+{re.escape(word)}\b", doc_text) is not None  # (on one line)


#: A person's titles before the name, the last one ending the run: "Dunmore County Coroner [Dr.] Felix Amara",
#: "[Reporters] Stella Kim", "King County [Sheriff] John Urquhart"; not a suffix ("Martin Luther King Jr.").
_LEADING_TITLES = re.compile(rf"^(?:[A-Z][\w’'.-]*\s+)*(?:(?:{TITLES}|Executive)\.?\s+)+(?=[A-Z])(?!(?:Jr|Sr|II|III|IV)\b)")


_ALL_TITLES = re.compile(rf"(?:(?:{TITLES}|Executive|Senior|Chief|Group|Site|Station|Area|Plant|General|Managing|Deputy|"
                         rf"Assistant|Acting|Head|Vice)\.?\s+)*(?:{TITLES}|Executive)\.?")
#: A transcript's speaker label, after the name: "ACHTERBERG: ...", "HOST (Carl DEMPSEY): ...".
_LABEL_AFTER = re.compile(r"[^\S\n]*(?:\([^()\n]{1,40}\)[^\S\n]*)?:")


#: A transcript's turn: a speaker label in capitals at the start of a line ("STEINHAUS: ...", "REPORTER (Daniel
#: Oberholz): ..."), the speaker's name in group 1 and the name in brackets, if any, in group 2. (Not a lone
#: capital: a questions-and-answers page's "Q:" and "A:" name no one.)
_TURN = re.compile(r"([A-Z][A-Z.’' -]*[A-Z])[^\S\n]*(?:\(([^()\n]{1,40})\)[^\S\n]*)?:[^\S\n]+")


def turn_speaker(doc_text: str, start: int) -> tuple[str, int] | None:
    """For text at ``start`` within a transcript's turn (its line opens with a speaker label), who speaks, written
    as a name ("Steinhaus", "Daniel Oberholz") and where the words after the label begin; else None."""
    line = doc_text.rfind("\n", 0, start) + 1
    m = _TURN.match(doc_text, line)
    if not m:
        # a printed interview's answer ("A: I was on the meadow ...") is the interviewee's
        answer = _ANSWER_TURN.match(doc_text, line)
        name = interviewee(doc_text) if answer and not line < start < answer.end() else None
        return (name, answer.end()) if name else None
    if line < start < m.end():
        return None
    # (a part without a name, "HOST:", is named by it: "What did the host say")
    return (m.group(2).strip() if m.group(2) else m.group(1).title()), m.end()


_ANSWER_TURN = re.compile(r"A:[^\S\n]+")
#: The paragraph that introduces a printed interview's subject: "Odile Varnham, 52, has directed the ..."
_INTRODUCED = re.compile(r"(?m)^((?:[A-Z][\w.’'-]+[^\S\n]){1,2}[A-Z][\w.’'-]+)(?:,|[^\S\n]+(?:is|has|was|had|runs|leads)\b)"
                         r"[^\n]{80,}$")


@functools.lru_cache(maxsize=256)
def interviewee(doc_text: str) -> str | None:
    """Who answers in a printed interview (its lines open "Q:" and "A:"): the name that opens the paragraph
    introducing them, before the first question; else None."""
    first_q = re.search(r"(?m)^Q:[^\S\n]", doc_text)
    if not first_q or not re.search(r"(?m)^A:[^\S\n]", doc_text):
        return None
    m = _INTRODUCED.search(doc_text, 0, first_q.start())
    return m.group(1) if m else None


def speaker_label(doc_text: str, cand: Candidate) -> bool:
    """Whether a name is a transcript's speaker label ("ACHTERBERG: ..."), in capitals at the start of a line."""
    return (cand.text.isupper() and _LABEL_AFTER.match(doc_text, cand.end) is not None
            and re.search(r"(?:^|\n)[A-Z .’'-]*$", doc_text[max(0, cand.start - 40):cand.start]) is not None)


def _untitled(cand: Candidate) -> Candidate:
    """A person's name without the titles before it (the answer is who, not their post; the sentence cited keeps
    the title). A name that is all title ("General Lee" keeps "Lee") is left whole only if nothing follows."""
    m = _LEADING_TITLES.match(cand.text)
    if not m or m.end() >= len(cand.text):
        return cand
    start = cand.start + m.end()
    return Candidate(start, cand.end, cand.text[m.end():], cand.kind)


def _split_titled_of(doc_text: str, start: int, end: int) -> list[tuple[int, int, bool | None]]:
    """A titled person "of" a body or place is two names: "Capt. Marcus Bell of the U.S. Coast Guard" -> "Capt.
    Marcus Bell", "U.S. Coast Guard" (the second marked True: it is not the person; the first None where only its
    two names say it is one). Other names keep their "of" ("Ministry of Unification")."""
    text = doc_text[start:end]
    m = re.search(r"\s+of\s+(?:the\s+)?", text)
    titled = _LEADING_TITLES.match(text)  # "Group Manager Helen Achterberg of Wrenshire Fire and Rescue" too
    if m and not titled and re.fullmatch(r"[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+", text[:m.start()]) and len(text[m.end():].split()) >= 2 \
            and not _ORG_HEADS.search(text[:m.start()]) and not _PLACE_HEADS.search(text[:m.start()]) \
            and not _ALL_TITLES.fullmatch(text[:m.start()]) and not _POST.fullmatch(text[:m.start()]):
        # "Aurelio Dascombe of Larkspur Balloon Rides": a person's two names "of" a body or a place (not "Boston
        # Museum of Fine Arts", "Bank of England"); the first is a person (marked None)
        return [(start, start + m.start(), None), (start + m.end(), end, True)]
    if not m or not titled or titled.end() >= m.start() or " " not in text[:m.start()].strip():
        return [(start, end, False)]
    return [(start, start + m.start(), False), (start + m.end(), end, True)]


def _split_possessive(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'South Korea’s National Intelligence Service' -> the whole, and 'South Korea', 'National ... Service'."""
    spans = [(start, end)]
    for m in re.finditer(r"[’']s\s+", text[start:end]):
        spans.append((start, start + m.start()))
        spans.append((start + m.end(), end))
    return spans


def name_kind(doc_text: str, start: int, end: int) -> str:
    """Tell person / organisation / place for a capitalised name from its surroundings."""
    name = doc_text[start:end]
    before = doc_text[max(0, start - 40):start]
    after = doc_text[end:end + 40]
    if _DATELINE.match(doc_text, end) and (start == 0 or doc_text[start - 1] == "\n") and name.isupper():
        return PLACE  # "SEOUL – South Korea's ...", "MARLOW CROSSING, Ohio — ...": where the story was filed
    if _IN_DATELINE.search(before) and _DATELINE.match(doc_text, end):
        return PLACE  # its state or country: "PORT HAVEL, [Marenland] (Coastline Press Agency) — ..."
    if name.isupper() and re.match(r"\s*(?:\([^()\n]{1,40}\))?\s*:", after) and re.search(r"(?:^|\n)[A-Z .’'-]*$", before):
        return PERSON  # a transcript's speaker label: "ORTEGA: ...", "SAM ORTEGA: ..."
    if " " in name and _LABEL_PERSON_BEFORE.search(before) and not _ORG_HEADS.search(name) and not _PLACE_HEADS.search(name):
        return PERSON  # a line's label names who it is: "Host: [Tobias Wyss] (TW)", "Media contact: [Jana Ruh], ..."
    if _ALL_TITLES.fullmatch(name) or _POST.fullmatch(name):
        return PEOPLE  # a post with no one named: "Chief Reporter", "Communications Officer" (not "Stephen King")
    titled = _LEADING_TITLES.match(name)
    if titled and titled.end() < len(name) and not _ORG_HEADS.search(name[titled.end():]) and not _PLACE_HEADS.search(name):
        return PERSON  # "Group Manager Helen Achterberg" (not "General Motors", "Martin Luther King Boulevard")
    if _ORG_HEADS.search(name) or (_ACRONYM.match(name) and not name.endswith(".")) or _ORG_CUE_AFTER.match(after):
        return ORG
    if _PLACE_APPOSITION.match(after):
        return PLACE
    if _PERSON_CUE_BEFORE.search(before) or (_TITLE_START.match(name) and not _PLACE_HEADS.search(name)) or (
            _PERSON_CUE_AFTER.match(after) and not _IN_APPOSITION.search(doc_text[max(0, start - 160):start])
            and not re.search(r"\b[Tt]he\s+$", before)  # "the Corinne Abbott, a 25-year-old ferry": no one
            and not _PLACE_HEADS.search(name)):  # "at St. Brendan's Parish Hall, a batch of ballots ...": a place
        return PERSON
    if " " in name and re.match(r"\s*,\s*who\s", after) and not _PLACE_HEADS.search(name):
        return PERSON  # "Colm Rafferty, who runs the farm" (a body is "which"; not "old Wilfred, who", a goat)
    if _SELF_INTRODUCED.search(before) and not (" " not in name and _DEMONYM.search(name)):
        return PERSON
    if " " in name and (_ROLE_RIGHT_BEFORE.search(before) or (_ROLE_COMMA_BEFORE.search(before)
                                                              and re.match(r"\s*(?:[,.;]|$)", after))) \
            and not _PLACE_HEADS.search(name):
        return PERSON  # "owner [Rosa Pellinger]", "the geologist [Maren Ostrowsky]": a name of two words after a role
    if _PLACE_HEADS.search(name) or _PLACE_CUE_AFTER.match(after) or re.match(r"^[’']s\s+(?:\w+\s+)?(?:region|border|capital)", after):
        return PLACE
    if _PLACE_CUE_BEFORE.search(before):
        return PLACE
    words = name.split()
    if 2 <= len(words) <= 4 and any(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)+", w) for w in words[1:]):
        return PERSON  # hyphenated given names: "Lee Seong-kweun" (not a case number "No. MV-25-CV-04417")
    return NAME


_INDEFINITE = frozenset("nobody somebody someone anyone anybody everyone everybody none others".split())


@functools.lru_cache(maxsize=256)
def _document_kinds(doc_text: str) -> tuple[dict[str, str], frozenset[str]]:
    """What the document itself says each name is: the kind a name is given by its cues wherever it stands
    (the most common one), and the surnames of its people. "Lorraine Haddix" after "director," has no cue of
    its own, but "Haddix said" further on makes her a person."""
    votes: dict[str, dict[str, int]] = {}
    surnames = set()
    for m in _NAME_RE.finditer(doc_text):
        start, end = m.start(), m.end()
        while True:  # leading function words: "The", "In"
            first = re.match(r"\S+\s+", doc_text[start:end])
            if not first or first.group().strip().lower() not in STOPWORDS:
                break
            start += first.end()
        if re.search(r"[’']s$", doc_text[start:end]):
            end -= 2  # "Fairlie’s father": the name is "Fairlie"
        for a, b in _split_possessive(doc_text, start, end):
            a, b = _trim(doc_text, a, b)
            if doc_text[a:b].lower() in STOPWORDS or doc_text[a:b].lower() in _INDEFINITE:
                continue  # "She said ...", "Nobody told us": no name
            kind = name_kind(doc_text, a, b) if b > a else NAME
            if kind != NAME:
                counts = votes.setdefault(doc_text[a:b], {})
                counts[kind] = counts.get(kind, 0) + 1
            if kind == PERSON:
                last = doc_text[a:b].split()[-1]
                surnames.add(last)
                if last.isupper():
                    surnames.add(last.title())  # a transcript's "FAIRLOW:" is the "Nadia Fairlow" it introduces
    kinds = {text: max(counts, key=lambda k: (counts[k], k)) for text, counts in votes.items()}
    return kinds, frozenset(surnames)


def corpus_kinds(doc_texts: list[str]) -> dict[str, str]:
    """What the articles together say each name is: the kind every article that gives the name a cue agrees on
    ("Eleanor Whitcomb, a librarian" in one article makes her a person in another that only names her)."""
    found: dict[str, set[str]] = {}
    for text in doc_texts:
        for name, kind in _document_kinds(text)[0].items():
            found.setdefault(name, set()).add(kind)
    return {name: next(iter(kinds)) for name, kinds in found.items() if len(kinds) == 1}


def _document_kind(doc_text: str, text: str) -> str:
    """The kind of a name with no cue of its own, from its other mentions in the document (else ``NAME``)."""
    kinds, surnames = _document_kinds(doc_text)
    if kinds.get(text) in (PLACE, ORG):
        return kinds[text]  # what its own cues elsewhere make it: "from [Tarvin] post office square", a place
    if any(k.startswith(text + " ") and v == ORG for k, v in kinds.items()) and not any(
            k.endswith(" " + text) and v == PERSON for k, v in kinds.items()):
        return ORG  # "Tidewater" for "Tidewater Harbor Lines", whatever "Tidewater said" made it elsewhere
    if text in kinds:
        return kinds[text]
    words = text.split()
    if len(words) <= 4 and words[-1] in surnames and not _ORG_HEADS.search(text):
        return PERSON
    return NAME


#: A company's legal form after its name: "Gellerhorn Bergbahnen [AG]", "Tarrow Foods [Ltd]".
_LEGAL_FORM = re.compile(r"\s+(?:AG|GmbH|Ltd\.?|Limited|Inc\.?|PLC|plc|LLC|LLP|SA|S\.A\.|SE|Corp\.?|Co\.|NV|N\.V\.|BV|B\.V\.|"
                         r"Oy|AB|ASA|A/S|SpA|S\.p\.A\.|SARL|Pty(?:\s+Ltd)?|KG|GmbH\s+&\s+Co\.\s+KG)")


def legal_body(kinds: dict[str, str], name: str) -> bool:
    """Whether ``kinds`` (name -> kind) names a company by this name and its legal form ("Gellerhorn Bergbahnen AG")."""
    return any(k.startswith(name + " ") and v == ORG and _LEGAL_FORM.fullmatch(k[len(name):]) for k, v in kinds.items())


def _kind(doc_text: str, cand: Candidate) -> str:
    """A name's kind from its own cues, else from its other mentions in the document."""
    kind = name_kind(doc_text, cand.start, cand.end)
    if kind == PLACE and legal_body(_document_kinds(doc_text)[0], cand.text):
        return ORG  # "chief executive of [Gellerhorn Bergbahnen]", the "Gellerhorn Bergbahnen AG" named elsewhere
    return _document_kind(doc_text, cand.text) if kind == NAME else kind


def name_kind_at(doc_text: str, start: int, end: int) -> str:
    """The kind of the name at ``doc_text[start:end]``, from its cues and its other mentions (see ``_kind``)."""
    return _kind(doc_text, Candidate(start, end, doc_text[start:end], NAME))


def body_named(doc_text: str, text: str) -> bool:
    """Whether the document names a body whose name starts with ``text`` ("Greyhaven Terminals Ltd" for
    "Greyhaven")."""
    return any(k.startswith(text + " ") and v == ORG for k, v in _document_kinds(doc_text)[0].items())


def person_named(doc_text: str, text: str) -> bool:
    """Whether the document names a person by a full name that ends with ``text`` ("Gordon Pruitt" for "Pruitt",
    whatever "Pruitt Hardware" is)."""
    return any(v == PERSON and " " in k and k.endswith(" " + text) for k, v in _document_kinds(doc_text)[0].items())


def names(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """Capitalised-name candidates in a sentence, each with its kind. A name with a number ("Route 9") keeps
    it; people joined by "and" are also candidates one by one."""
    sentence = doc_text[s_start:s_end]
    lower = lower_words(doc_text)
    out: list[Candidate] = []
    for m in _NAME_RE.finditer(sentence):
        start, end = s_start + m.start(), s_start + m.end()
        if not re.search(r"[a-z]", m.group()) and (len(m.group().split()) >= 5 or re.search(
                r"\b(?:TO|FOR|IN|ON|AT|WITH|FROM|BY|IS|ARE|WAS|WERE|A|AN|NOT|NO|NOW|WILL|OR)\b", m.group())):
            continue  # a heading in capitals ("PUBLIC NOTICE: RETURN OF RESIDENTS TO LOWMEAD"), not a name
        for stop in re.finditer(r"\.(?=\s)", m.group()):
            if not _ABBREVIATION_END.search(m.group()[:stop.end()]):
                end = start + stop.start()  # "Health Department. Tel. 0412": a sentence the splitter missed ends
                break
        if re.search(r"[’']s$", doc_text[start:end]):
            end -= 2  # "North Korea’s elite troops": the name is "North Korea"
        me = re.search(r"[^\S\n]+and[^\S\n]+I$", doc_text[start:end])
        if me:
            end = start + me.start()  # "on Wednesday and I could tell", "Tom and I went": "I" is no name's word
        number = _NAME_NUMBER.match(doc_text, end, s_end)
        if number and not re.search(rf"\b(?:{_MONTH}|{_WEEKDAY})\.?$", m.group()):
            end = number.end()
            # "Local 12 of the Amalgamated Dockworkers' Guild": a numbered branch of a body is named with it.
            body = re.compile(rf"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?{_NAME_RE.pattern}").match(doc_text, end, s_end)
            if body:
                end = body.end()
        # Drop leading function words and sentence-initial common words ("The", "Speaking").
        words = list(re.finditer(r"\S+", doc_text[start:end]))
        while words:
            w = words[0].group().lower().strip(".,")
            # First in the sentence, in a quotation ("“Even though ...", "he said, “Here is good”") or in a speaker's
            # turn of a transcript ("KILBRIDE: Cautiously good").
            initial = re.search(r"(?:^[\s“\"‘(\[]*(?:[-•*–—]\s+)?(?:[A-Z][A-Z.’'-]*(?:\s[A-Z][A-Z.’'-]+)*(?:\s*\([^()\n]{1,40}\))?:\s+)?|[“‘]\s*)$",
                                doc_text[s_start:start + words[0].start()]) is not None or (
                _AFTER_DATELINE.match(doc_text[s_start:start + words[0].start()]) is not None) or (
                _AFTER_TIME.fullmatch(doc_text[s_start:start + words[0].start()]) is not None)
            # Sentence-initial adverbs and common words: "Tragically, ...", "However, ...", "Speaking to ...".
            # (not a name the article capitalises inside a sentence too: "[Mabry], the crane operator, ...")
            adverb = initial and not words[0].group().isupper() and (
                w.endswith("ly") or (doc_text[start + words[0].end():start + words[0].end() + 1] == ","
                                     and not _named_inside(doc_text, words[0].group().strip(".,"))))
            # "Earlier today ...": a lone first word that the article never capitalises inside a sentence.
            common = (initial and len(words) == 1 and words[0].group() not in _inner_capitals(doc_text)
                      and words[0].group() not in _document_kinds(doc_text)[1]  # not a surname: "Dunlop woke ..."
                      and re.match(r"\s+[a-z]", doc_text[start + words[0].end():start + words[0].end() + 2]) is not None)
            if w in STOPWORDS or (initial and (w in lower or common or (adverb and len(words) == 1)
                                               or re.fullmatch(_QUALIFIER, w) is not None)):
                words.pop(0)
            else:
                break
        if not words:
            continue
        start = start + words[0].start()
        pieces = [(a2, b2, of) for a, b, of in _split_titled_of(doc_text, start, end)
                  for a2, b2 in _split_possessive(doc_text, a, b)]
        agency = dateline_agency(doc_text)
        for a, b, of in pieces:
            cand = _candidate(doc_text, a, b, NAME)
            if cand is None or cand.text.lower() in STOPWORDS or re.fullmatch(_WEEKDAY + "|" + _MONTH, cand.text):
                continue
            if re.fullmatch(rf"(?:{_NUM_WORDS})(?:[- ](?:{_NUM_WORDS}))*|[\d.,]+", cand.text, re.I):
                continue  # "Forty-seven people fell ill": a number, capitalised at the start of a sentence
            if agency and agency[0] <= cand.start and cand.end <= agency[1]:
                continue  # the agency that sent the story
            if _ROLE_LABEL.fullmatch(cand.text) and _LABEL_AFTER.match(doc_text, cand.end):
                continue  # a transcript's "HOST:" or "CALLER:" names a part, not who plays it
            if " " not in cand.text and (cand.start == 0 or doc_text[cand.start - 1] == "\n") \
                    and re.match(r"(?:[^\S\n]+[a-z][\w-]*){1,3}[^\S\n]*:", doc_text[cand.end:cand.end + 60]):
                continue  # a line's label: "Incident update: ...", "Media enquiries: ..." (a word, then lower case)
            if _DEMONYM.search(cand.text) and re.match(r"\s+[a-z]", doc_text[cand.end:cand.end + 3]) \
                    and not _TITLE_START.match(cand.text):
                continue  # an adjective of nationality ("North Korean soldiers"), not an entity ("Dr. Anthony Fauci")
            if of is None:  # "[Aurelio Dascombe] of Larkspur Balloon Rides": the cues after the whole are the body's
                kind = PERSON
            elif of:  # what a titled person is "of" ("Sen. X of [Vermont] said"): the cues after the whole are the person's
                kind = ORG if _ORG_HEADS.search(cand.text) or _ACRONYM.match(cand.text) else _document_kind(doc_text, cand.text)
                kind = NAME if kind == PERSON else kind
            else:
                kind = _kind(doc_text, cand)
            if re.search(r"\bas\s+(?:the|a|an)\s+$", doc_text[max(0, cand.start - 12):cand.start], re.I):
                kind = PEOPLE  # "Kim, as the Supreme Leader, ordered ...": a role someone holds, not someone
            if kind == PERSON:
                cand = _untitled(cand)
            out.append(Candidate(cand.start, cand.end, cand.text, kind))
            # "Stella Kim and Janis Mackey Frayer"; bodies only where "and the" parts them ("the U.S. Coast Guard and
            # the National Transportation Safety Board", not "Wrenshire Fire and Rescue Service")
            joiner = " and " if kind != ORG else " and the "
            if joiner in cand.text:
                cuts = [0] + [i for m in re.finditer(joiner, cand.text) for i in (m.start(), m.end())] + [len(cand.text)]
                for a, b in zip(cuts[::2], cuts[1::2]):
                    piece = _candidate(doc_text, cand.start + a, cand.start + b, kind)
                    if piece and piece.text[:1].isupper() and piece.text.lower() not in STOPWORDS:
                        own = _kind(doc_text, piece)
                        piece = Candidate(piece.start, piece.end, piece.text, kind if own == NAME else own)
                        out.append(_untitled(piece) if piece.kind == PERSON else piece)
    return out


#: A timeline entry's time before its text: "- 11 March, 22:40 - [First] body recovered."
_AFTER_TIME = re.compile(r"[\s•*–—-]*[^\n]{0,40}?\b(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[^\S\n]*(?i:a\.?m\.?|p\.?m\.?))?"
                         r"[^\S\n]*[-–—:][^\S\n]+")
_DATELINE_PLACE = re.compile(r"(?:^|\n)([A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+)*)(?=,|\s*\(|\s*[–—]|\s-\s)")


@functools.lru_cache(maxsize=256)
def dateline_place(doc_text: str) -> tuple[int, int] | None:
    """Where the place of the document's dateline stands ("[BRISCA], Almerin Province (Corvenna Press Agency) —"),
    if it has one in its first lines."""
    for m in _DATELINE_PLACE.finditer(doc_text, 0, 1000):
        if _DATELINE.match(doc_text, m.end(1)):
            return m.start(1), m.end(1)
    return None


@functools.lru_cache(maxsize=256)
def dateline_agency(doc_text: str) -> tuple[int, int] | None:
    """Where the agency in brackets of the document's dateline stands (see ``_DATELINE_AGENCY``), if it has one
    in its first lines."""
    m = _DATELINE_AGENCY.search(doc_text, 0, 1000)
    return (m.start(1), m.end(1)) if m else None


def _regex_candidates(doc_text: str, s_start: int, s_end: int, pattern: re.Pattern, kind: str,
                      group: int = 0) -> list[Candidate]:
    """Candidates of one kind where the pattern (its ``group``) matches in ``doc_text[s_start:s_end]``."""
    sentence = doc_text[s_start:s_end]
    out = []
    for m in pattern.finditer(sentence):
        cand = _candidate(doc_text, s_start + m.start(group), s_start + m.end(group), kind)
        if cand:
            out.append(cand)
    return out


def quotes(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """Quotations (the words inside the quote marks) and reported speech ("X said that [...]")."""
    sentence = doc_text[s_start:s_end]
    out = []
    for m in _QUOTE_RE.finditer(sentence):
        group = next(g for g in range(1, 4) if m.group(g) is not None)
        cand = _candidate(doc_text, s_start + m.start(group), s_start + m.end(group), QUOTE)
        if cand and len(cand.text.split()) >= 1:
            out.append(cand)
            # A quotation of several sentences: each is a candidate too ("... If they want to defect, that
            # would be the best outcome. But at least ..." asked about the best outcome).
            cuts = [0] + [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z])", cand.text)
                          if not _ABBREVIATION_END.search(cand.text[:m.start() + 1])] + [len(cand.text)]
            if len(cuts) > 2:
                for a, b in zip(cuts, cuts[1:]):
                    piece = _candidate(doc_text, cand.start + a, cand.start + b, QUOTE)
                    if piece and len(piece.text.split()) >= 3:
                        out.append(piece)
    # A transcript's turn is what its speaker says, quote marks or none ("STEINHAUS: It was a long, cold night.").
    turn = turn_speaker(doc_text, s_start) if not _QUOTE_RE.search(sentence) else None
    if turn:
        cand = _candidate(doc_text, max(s_start, turn[1]), s_end, QUOTE)
        if cand and len(cand.text.split()) >= 3 and not sentence.rstrip().endswith("?"):  # (a host's question says nothing)
            out.append(cand)
    for m in _INDIRECT_RE.finditer(sentence):
        rest = sentence[m.end():]
        for stops in (r"[,;:.!?—–()“”\"]|\s(?:according to|while|whereas|but)\s", r"[;.!?“”\"]|,\s(?:according to|said)\b"):
            stop = re.search(stops, rest)  # to the first comma, and to the end of the clause
            cand = _candidate(doc_text, s_start + m.end(), s_start + m.end() + (stop.start() if stop else len(rest)), QUOTE)
            if cand and 3 <= len(cand.text.split()) <= 30 and cand not in out:
                out.append(cand)
    return out


# Markers that also mean time, a role or a beneficiary: "for six hours", "since the late 1990s", "after Jan. 3",
# "as a tool", "a spokesman for the Ministry". They give a reason only when what follows is no time, "as" only
# before a clause ("as they ran out of food"), "for" not after a role noun nor before a name.
_TIME_START = re.compile(rf"^(?:(?:shortly|soon|just|right|immediately|long|well)\s+(?:after|before)\s+)?"
                         rf"(?:(?:nearly|about|almost|around|roughly|some|over|under|just|only|at least|more than|"
                         rf"less than|up to)\s+)?(?:the\s+|an?\s+)?(?:(?:late|early|mid|past|last|next|first|same|half|few|"
                         rf"several|couple\s+of)\b[\s-]*)?(?:\d|(?:{_NUM_WORDS})\b|"
                         rf"{_MONTH}(?!\w)|{_WEEKDAY}|(?:hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|minutes?|"
                         rf"seconds?|morning|afternoon|evening|night|today|yesterday|now|then|a while|while|long|ages|"
                         rf"(?:rest|remainder|duration|length)\s+of|time\s+being|moment)\b)", re.I)
TIMED_MARKERS = frozenset({"for", "since", "after", "following", "as"})
_AS_CLAUSE = re.compile(r"^(?:i|you|he|she|it|we|they|there)\s"
                        # "call the helpline, as [samples may help the investigation]": a subject, then a modal
                        r"|^(?:[\w’'-]+\s+){1,3}(?:may|might|could|can|will|would|should|must)\s", re.I)
#: A stretch of time before "after", "since" or "following" makes it a time: "A day after the incident", "only weeks
#: since", "shortly after".
_TIME_BEFORE = re.compile(rf"\b(?:(?:{_NUM_WORDS}|an?|\d+|few|several|many|some|the)\s+)?(?:seconds?|minutes?|hours?|days?|"
                          r"nights?|weeks?|months?|years?|decades?|moments?)\s+\w+\s*$|\b(?:shortly|soon|just|long|"
                          r"right|immediately|straight|not long|the morning|the day|the night|the week)\s+\w+\s*$", re.I)
_ROLE_BEFORE_FOR = re.compile(r"\b(?:spokes(?:man|woman|person)|researcher|analyst|official|director|head|chief|"
                              r"minister|secretary|correspondent|reporter|advocate|candidate|adviser|advisor|"
                              r"officer|manager|counsel|lawyer|ambassador|envoy|member|worker)s?\s+for\s+$", re.I)

#: Words whose "for" takes what they are about, not a reason: "worked for [the firm]", "waiting for", "paid for".
_FOR_COMPLEMENT = re.compile(r"\b(?:work|look|search|wait|call|ask|pay|paid|vote|appl(?:y|ie)|account|hope|prepar|car|"
                             r"stand|stood|run|ran|head|left|leav|bound|responsible|sign|fill|cover|opt|plan|argu|"
                             r"lobb(?:y|ie)|push|press|compet|fought|fight|play|spoke|speak|writ|wrote|"
                             # what a warning or a plan is for: "a storm warning was issued [for the outer sea lanes]"
                             r"issu|warning|alert|forecast|advisor(?:y|ie)|schedul|design|intend|meant|suitable|ready|arrange|arranging|"
                             r"available|reserv|earmark|budget|allocat)(?:s|ed|d|ing)?"
                             r"(?:\s+(?:until|from|since|in)\s+[\w’'-]+)?\s+for\s*$", re.I)  # "worked until 2021 for"
#: An apposition between commas: ", [the State Mining Inspectorate],".
_APPOSED_SUBJECT = re.compile(r"\s*(?:the|a|an|its|their)\s+[^,;:.()“”\"]{1,60}")
#: Markers that only ever give a cause, after which one word is a reason: "due to [cost-cutting]".
_CAUSE_MARKER = re.compile(r"because of|due to|owing to|as a result of", re.I)
#: Markers kept with their reason: "[because the grant was cut]", "[due to budget pressures]" answer a "why" as
#: said; a verb's ("blamed", "attributed ... to", "died of") is not part of the cause.
_KEPT_MARKER = re.compile(r"(?:because(?: of)?|due to|owing to|as a result of|thanks to|out of|for fear(?: of| that)?|"
                          r"since|for|after|following|as|in exchange for|in return for|"
                          r"at the (?:request|urging|invitation|insistence) of|on the (?:advice|orders|instructions) of|"
                          r"on (?:the )?orders from|in response to|in light of|in view of|for lack of|for want of|citing|"
                          r"on (?:the )?grounds (?:that|of)|"
                          r"in protest (?:at|against|over|of))",
                          re.I)


#: A clause fronted inside a reason, up to its comma: "because [once you've admitted a fault], the public ...".
_FRONTED = re.compile(r"(?:once|if|when|whenever|unless|although|though|even though|even if|as soon as)\s", re.I)
#: At most this many words after "and" join a noun to the reason's last one ("the kidneys [and heart]"); more are
#: another clause ("and officials later concluded ...").
_COORDINATED_WORDS = 4


#: An aside on who says so, right after a reason's marker: "because[, he said,] it includes ...".
_ASIDE = re.compile(r",\s*(?:he|she|they|we|I|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+(?:said|says|added|adds|explained|"
                    r"explains|argued|argues|insisted|insists|noted|notes|claimed|claims|believes|thinks|suspects)\s*,\s*")


def _gives_reason(before: str, rest: str) -> bool:
    """Whether the marker that ends ``before`` introduces a reason in ``rest`` (see ``TIMED_MARKERS``)."""
    marker = before.split()[-1].lower() if before.split() else ""
    if re.match(r"(?:which|whom)\b", rest, re.I):
        return False  # "as a result of which [31 votes were not recorded]": what follows is the effect
    if marker not in TIMED_MARKERS:
        return True
    if _TIME_BEFORE.search(before):
        return False  # "[A day] after the incident", "two hours after": when, not why
    if _TIME_START.match(rest):
        return False
    if marker == "as":
        return bool(_AS_CLAUSE.match(rest))
    if marker == "since" and re.search(r"\b(?:has|have|had|hasn[’']t|haven[’']t|hadn[’']t)\s+(?:[\w’'-]+\s+){1,8}since\s*$",
                                       before, re.I) and not re.search(r"[,;:]", before[-60:]):
        return False  # "the centre has taken in 312 birds [since it opened]": since when, not why
    if marker == "for" and re.match(r"(?:each|every|both|any)\b", rest, re.I):
        return False  # "€3,500 [for each licensed boat]": how it is shared, not why
    if marker == "for" and re.search(r"\b(?:exchang|swap|trad)(?:e|es|ed|ing|s|ped|ping)?\b[^,;:.!?]*\s+for\s*$", before, re.I) \
            and not re.search(r"\b(?:exchange|return)\s+for\s*$", before, re.I):
        return False  # "to exchange captured soldiers [for Ukrainian captives]": what is got in return, not why
    if marker == "for" and not re.search(r"\b(?:exchange|return|fear)\s+for\s*$", before, re.I):
        # "for Russia in exchange ...": a name, then nothing or a function word, is whom it is for.
        words = re.findall(r"[\w’'-]+", rest)
        run = 0
        while run < len(words) and (words[run][:1].isupper() or (run and words[run] in ("of", "and"))):
            run += 1
        while run > 1 and words[run - 1] in ("of", "and"):  # "16 for [Pruitt] and 15 for ...": the name ends before
            run -= 1
        for_a_name = run > 0 and (run == len(words) or words[run].lower() in STOPWORDS)
        return not (_ROLE_BEFORE_FOR.search(before) or _FOR_COMPLEMENT.search(before) or for_a_name)
    return True



def reasons(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """Clauses introduced by a reason marker ("because ...", "due to ...", "attributed ... to ...")."""
    sentence = doc_text[s_start:s_end]
    out = []
    for m in _REASON_RE.finditer(sentence):
        # "because, he said, [it includes birds that died ...]": the aside about who says so is no part of it
        aside = _ASIDE.match(sentence, m.end())
        skip = aside.end() - m.end() if aside else 0
        rest = sentence[m.end() + skip:]
        if not _gives_reason(sentence[: m.end()], rest):
            continue
        stops = _clause_stops(rest)
        if len(stops) > 3 and stops[0].group() == "," and re.fullmatch(r"\s*(?:which|who|whose)\s", stops[1].group()) \
                and stops[1].start() == stops[0].end() and stops[2].group() == "," \
                and not re.match(r"\s*(?:and|or|but)\b", rest[stops[2].end():]):
            # "so that [the winter season, which starts in mid-December, is not lost]": a relative clause
            # between commas lies inside the reason (not "because of the storm, which hit on Monday, and ...")
            stops = stops[3:]
        clause = m.group().strip().lower() in ("because", "since", "as")
        if clause and len(stops) > 2 and stops[0].group() == "," and stops[1].group() == "," \
                and _APPOSED_SUBJECT.fullmatch(rest, stops[0].end(), stops[1].start()) \
                and re.match(r"\s*(?:is|was|are|were|has|had|have|will|would|could|can|cannot|did|does)\b", rest[stops[1].end():]):
            # "because [the body that is supposed to check, the State Mining Inspectorate, is too weak to do its job]":
            # the subject's apposition lies inside the reason
            stops, apposed = stops[2:], True
        else:
            apposed = False
        stops = stops[:3]
        if len(stops) > 1 and stops[0].group() == "," and _FRONTED.match(rest):
            del stops[0]  # "because [once you've admitted it, the public won't trust it]": the comma is the inner clause's
        ends = [stops[0].start() if stops else len(rest)]
        paired = -1
        if stops and stops[0].group().strip() == "and":  # "economic hardship and political repression"
            ends.append(stops[1].start() if len(stops) > 1 else len(rest))
            if len(rest[stops[0].end():ends[1]].split()) <= _COORDINATED_WORDS:
                del ends[0]  # "affect the kidneys and heart": two nouns, one reason
            elif len(stops) > 1 and stops[1].group().strip() == "and":
                # "... and at a plan to automate much of its crane [and yard work]": the last noun's pair too
                tail = stops[2].start() if len(stops) > 2 else len(rest)
                if len(rest[stops[1].end():tail].split()) <= 2:
                    ends[-1] = paired = tail
        elif stops and stops[0].group() == "," and _LIST_REST.match(rest, stops[0].end()):
            # "could no longer pull up patient histories, imaging or lab results": the whole list, not its first item.
            after = [m for m in stops[1:] if m.group().strip() not in ("and", ",")]
            ends = [after[0].start() if after else len(rest)]
        # "due to [a weak section of the levee] that the authority had known about": the noun phrase before its
        # relative clause too.
        # (not "that" after an object pronoun: "the lockout had convinced her [that] a port forgets ..." says what)
        relative = next((r for r in re.finditer(r"(?<!\bher)(?<!\bhim)(?<!\bus)(?<!\bme)(?<!\bthem)(?<!\byou)\s(?:that|which|who|"
                                                r"whose)\s", rest[:ends[0]]) if not _in_quotation(rest, r.start())), None)
        if relative and len(rest[:relative.start()].split()) >= 2 and not _CONTENT_NOUN.search(rest[:relative.start()]) \
                and not (clause and relative.start() < ends[0] and re.search(
                    r"\b(?:is|was|are|were|has|had|have|will|would|could|can|cannot|did|does)\b", rest[relative.end():ends[0]])
                    and stops and stops[0].start() > relative.start() and not rest[stops[0].start():].startswith(",")):
            # (not "because [the body that is supposed to check ... is too weak]": the relative clause is its subject's)
            ends.append(relative.start())
        # "At the request of his family [we are not releasing his name]": a fronted phrase without its comma ends
        # where a clause's subject begins.
        subject = re.search(r"\s(?:I|we|they|he|she|you)\s", rest[:ends[0]])
        if subject and not m.group().strip().lower().startswith(("because", "since", "as", "after", "for fear", "so")):
            ends.append(subject.start())
        if not m.group():  # a purpose ends where a time or a cause of it begins: "to seek shelter [after a storm ...]"
            later = re.search(r"\s(?:after|because|following|since|when|before|until|once)\s", rest)
            if later and later.start() < ends[0]:
                ends.append(later.start())
        start = m.start() if _KEPT_MARKER.fullmatch(m.group().strip()) and not skip else m.end() + skip
        # A "Because ..." that opens a transcript's turn, or a sentence after one that asks, answers a "why" whole.
        because = re.fullmatch(r"because\s+", m.group(), re.I) is not None
        turn = turn_speaker(doc_text, s_start) if because else None
        whole = because and (
            (turn is not None and s_start + m.start() == turn[1])
            or (re.fullmatch(r"\s*[“\"‘]?", sentence[:m.start()]) is not None and doc_text[:s_start].rstrip().endswith("?")))
        if whole:
            # An answer that is all reason: "STEINHAUS: [Because flying in the mountains in the dark, in cloud and
            # rain, is how you lose a helicopter.]" (after a host's "why")
            ends.append(len(rest))
        # (one word is a reason after a marker that only gives causes: "due to [cost-cutting]", not "for [years]")
        least = 1 if _CAUSE_MARKER.fullmatch(m.group().strip()) else 2
        for end in ends:
            cand = _candidate(doc_text, s_start + start, s_start + m.end() + skip + end, REASON)
            words = rest[:end].split()
            if cand and least <= len(words) <= (24 if (whole and end == len(rest)) or end == paired or apposed else 16) \
                    and not (len(words) == 1 and words[0].lower().strip(".,;:") in STOPWORDS):
                out.append(cand)
    # A cause before its effect: "[The ground couldn't take any more water], so the river had nowhere to go",
    # "[ballots had been printed out of alignment], causing the scanner to read some marks as blank".
    # (and "[the driver braked when he saw the hillside moving], which is why only the last carriage was caught")
    for m in re.finditer(r"(?:,|\s+and)\s+so\s+(?!that\b|far\b|much\b|many\b|long\b|as\b)"
                         r"|,\s+(?:causing|leading to|resulting in|prompting|forcing)\s"
                         r"|,?\s+(?:which|that|this)\s+(?:is|was|explains|explained)\s+why\s", sentence):
        start = max((b.end() for b in re.finditer(r"[“\"—–;:(]|\b(?:said|says|that|because)\s", sentence[:m.start()])), default=0)
        # and, where that is long, from after each comma: "In Precinct 7, which votes at the hall, [a batch of
        # ballots had been printed out of alignment], causing ..."
        starts = [start] + [c.end() for c in re.finditer(r",\s+", sentence[start:m.start()]) if c.start() > 0]
        for begin in starts:
            begin = begin if begin == start else start + begin
            cand = _candidate(doc_text, s_start + begin, s_start + m.start(), REASON)
            if cand and 2 <= len(cand.text.split()) <= 20:
                out.append(cand)
    return out


_LOCATIVE_RE = re.compile(
    r"\b(?:in|inside|at|into|near|outside|under|behind|beneath|within|to|from|through|onto|beside|opposite|on)\s+"
    r"((?:an?|the|his|her|their|its|a nearby)\s+"
    r"(?:[\w’']++[\s-]++){0,3}?(?:shelter|school|hospital|cent(?:er|re)|church|building|house|courthouse|farmhouse|"
    r"warehouse|home|station|office|camp|base|hall|room|basement|bunker|trench|field|farm|barn|bridge|road|street|"
    r"avenue|park|square|port|harbou?r|airport|prison|jail|village|town|city|region|area|district|province|border|"
    r"forest|river|lake|coast|island|hotel|store|market|factory|plant|site|facility|compound|embassy|university|"
    r"gym|gymnasium|stadium|arena|library|museum|mosque|temple|cellar|attic|roof|tent|annex|auditorium|"
    r"amphitheat(?:er|re)|chapel|cathedral|clubhouse|pavilion|depot|terminal|garage|lobby|courtyard|plaza|pier|dock|"
    r"quay|wharf|steps|gallery|yard|warehouse|basement|shaft|tunnel|mine|pit|chamber|cave|corridor|ward|kitchen|"
    r"cabin|deck|cockpit|pithead|workshop|barracks|checkpoint|crossing|beach|valley|hillside|ridge|meadow|platform|"
    r"runway|quayside|seafront|shore|lawn|marquee|boat|ship|yacht|ferry|vessel|culvert|drain|sewer|pipe|allotment|"
    r"garden|paddock|enclosure|woods|woodland|orchard|vineyard|quarry)s?)\b", re.I)
#: The same place with the longest run of nouns ("the old high [school gymnasium]", not only "the old high school"),
#: the name it belongs to ("on [the steps of City Hall]") and the named place it stands in ("outside [the union hall
#: on Tanner's Row]").
_LOCATIVE_LONG = re.compile(_LOCATIVE_RE.pattern.replace(
    r"(?:[\w’']++[\s-]++){0,3}?", r"(?:(?!(?:of|in|at|on|near|to|by|for|from|with|and|or|the|an?)\b)[\w’']++[\s-]++){0,3}").replace(
    r")s?)\b", r")s?(?:\s+of\s+(?:the\s+)?(?-i:[A-Z][\w’'-]*+)(?:\s+(?-i:[A-Z][\w’'-]*+))*)?"
                r"(?:\s+(?:on|in|at|off|under|beneath|near|behind|beside)\s+(?:the\s+)?(?-i:[A-Z][\w’'-]*+)(?:\s+(?-i:[A-Z][\w’'-]*+))*"
                # and the common nouns that make the name a place: "at Haldenfels [valley station]", "under the Fenwick
                # Road [allotments]"
                r"(?:\s+(?-i:(?:valley|railway|train|bus|coach|ferry|police|fire|main|central|town|village|market)\s+)?"
                r"(?-i:station|square|hall|harbou?r|airport|terminal|port|pier|church|school|hospital|library|centre|center|"
                r"allotments|gardens|park|estate|woods|farm|field|fields))?)?)\b"), re.I)
# (possessive runs: a word and the spaces or hyphens after it are taken once, so a long run of hyphens cannot
# make the search try every way of cutting it)
#: A name and the common nouns after it that make it a place: "from [Haldenfels post office square]", "at
#: [Haldenfels valley station]" (the name alone is the town).
_NAMED_PLACE_RE = re.compile(
    r"\b(?i:in|inside|at|into|near|outside|from|to|between|behind|opposite|beside)\s+((?:[A-Z][\w’'-]*+\s+){1,3}"
    r"(?:[a-z][\w’'-]*+\s+){0,2}" + _LOCATIVE_RE.pattern[_LOCATIVE_RE.pattern.index("(?:shelter"):])


_PEOPLE_RE = re.compile(
    r"\b((?:his|her|their|its|the|a|an|some|local|two|three|several)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:commanders?|officers?|officials?|interpreters?|soldiers?|troops|guards?|doctors?|nurses?|police|"
    r"investigators?|prosecutors?|lawmakers?|legislators?|researchers?|experts?|analysts?|authorities|"
    r"government|regime|leaders?|spokes(?:man|woman|person)|volunteers?|neighbou?rs?|residents?|"
    r"rescuers?|firefighters?|engineers?|workers?|reporters?|journalists?|witnesses|families|relatives|"
    r"parents|captors?|superiors?|instructors?|crew|staff|coroner|sheriff|mayor|governor|judge)s?)\b", re.I)


def people(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """People named by a common noun ("[his commanders] told him", "by [the interpreter]"), for "who"
    questions whose answer has no name."""
    return _regex_candidates(doc_text, s_start, s_end, _PEOPLE_RE, PEOPLE, group=1)


#: A named place with the street it stands on: "[City Hall on Main Street]", "[Grange Hall off Route 9]".
_NAME_ON_STREET = re.compile(r"\b((?:[A-Z][\w’'-]*+\s+){0,3}[A-Z][\w’'-]*+\s+(?:on|off|in|at)\s+(?:(?:[A-Z][\w’'-]*+\s+){1,3}?"
                             r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Square|Row|Boulevard|Way|Drive|Place|Quay)|Route\s+\d+)\b)")


def _noun_run(cand: Candidate) -> bool:
    """Whether the lower-case words of "Name [words] station" read as nouns: not function words nor verbs ("from
    Norland [reached the] shelter")."""
    return all(w not in STOPWORDS and not re.search(r"(?:ed|ing)$", w) for w in cand.text.split() if w.islower())


def locations(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """Common-noun places after a locative preposition ("hid in [an air-raid shelter]", "at [the county
    courthouse]"), for "where" questions about places without a name."""
    def own_place(c: Candidate) -> bool:  # not a name's first words: "at [the Port] Havel Herring Festival"
        return not (c.text.split()[-1][:1].isupper() and re.match(r"[^\S\n]+[A-Z]", doc_text[c.end:c.end + 2]))

    found = [c for c in _regex_candidates(doc_text, s_start, s_end, _LOCATIVE_RE, PLACE, group=1) if own_place(c)]
    found += [c for c in _regex_candidates(doc_text, s_start, s_end, _NAMED_PLACE_RE, PLACE, group=1)
              if own_place(c) and c not in found and _noun_run(c)]
    found += [c for c in _regex_candidates(doc_text, s_start, s_end, _NAME_ON_STREET, PLACE, group=1)
              if c not in found and not c.text.split()[0] in ("The", "A", "An")]
    longer = [c for c in _regex_candidates(doc_text, s_start, s_end, _LOCATIVE_LONG, PLACE, group=1)
              if c not in found and own_place(c)]
    # A run cut before its head noun is no place: "the old high school" of "the old high school gymnasium" (but
    # "the union hall" of "the union hall on Tanner's Row" is).
    return [c for c in found if not any(o.start == c.start and o.end > c.end
                                        and not re.match(r"\s+(?:on|in|at|off)\s", doc_text[c.end:o.end]) for o in longer)] + longer


#: Materials, with the words that make them a kind of their own ("[reinforced concrete]", "an [earthen] levee").
#: (in lower case: not "Iron" of a name, "Pine" of a street; and not "lead", "tin", which are as often other words)
_MATERIAL = (r"(?:(?:reinforced|pre-?stressed|pre-?cast|corrugated|stainless|cast|wrought|galvani[sz]ed|solid|"
             r"laminated|toughened)\s+)?(?:concrete|steel|iron|wood|wooden|timber|brick|bricks|stone|earthen|"
             r"clay|glass|aluminium|aluminum|copper|brass|bronze|plastic|fibreglass|fiberglass|granite|marble|"
             r"sandstone|limestone|slate|canvas|rubber|asphalt|gravel|straw|thatch|mud|adobe|bamboo|oak|"
             r"cement|masonry|sandbags|polystyrene|PVC|nylon|leather|cotton|wool|silk|cardboard|"
             r"plywood|zinc|titanium|carbon fibre|carbon fiber)")
MATERIAL = re.compile(rf"\b{_MATERIAL}\b")
#: Materials named together: "[reinforced concrete and steel]", "[timber, brick or stone]".
MATERIALS = re.compile(rf"\b{_MATERIAL}(?:\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+){_MATERIAL})*\b")


#: What a thing is said to be made of, to the end of its clause: "The roof is made of [4 mm galvanised steel wire on a
#: timber and steel frame]"; group 1 (``MADE_OF``: the words before it).
MADE_OF = r"\b(?:made|built|constructed|cast|carved|woven|fashioned)\s+(?:of|from|out\s+of)\s+"
_MADE_OF = re.compile(MADE_OF + r"([^,;:.()]{2,120})")


def materials(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """The materials a sentence names, for "What is X made of?" ("the [earthen] levee", "Built: 1987, [reinforced
    concrete]"), and what it says a thing is made of, whole ("made of [4 mm galvanised steel wire on a timber and
    steel frame]") and up to a preposition ("[4 mm galvanised steel wire]")."""
    out = [Candidate(m.start(), m.end(), m.group(), DESCRIPTION) for m in MATERIALS.finditer(doc_text, s_start, s_end)]
    for m in _MADE_OF.finditer(doc_text, s_start, s_end):
        whole = _candidate(doc_text, m.start(1), m.end(1), DESCRIPTION)
        if whole is None:
            continue
        out.append(whole)
        cut = re.search(r"\s(?:on|in|with|by|at|for|from|and|which|that)\s", whole.text)
        head = _candidate(doc_text, whole.start, whole.start + cut.start(), DESCRIPTION) if cut else None
        if head is not None and MATERIAL.search(head.text):
            out.append(head)
    return out


def phrases(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """Clause-sized pieces of a sentence, cut at punctuation and clause words (for 'what' questions); the
    clause words themselves ("that", "when") belong to neither piece."""
    sentence = doc_text[s_start:s_end]
    seps = [(0, 0)] + [(m.start(), m.end()) for m in re.finditer(
        r"(?<!\d)[,:]|[,:](?!\d)|[;—–()“”\"]|\s(?:and|but|while|which|who|that|after|when|because|if|whereas|although|before|"
        r"since|until)\s", sentence)] + [(len(sentence), len(sentence))]  # (not "7:18", "3,000")
    out = []
    for i in range(len(seps) - 1):
        for j in range(i + 1, min(i + 4, len(seps))):
            cand = _candidate(doc_text, s_start + seps[i][1], s_start + seps[j][0], DESCRIPTION)
            # (not half a quotation: '1972-2025: "He knew every bolt in')
            if cand and 1 <= len(cand.text.split()) <= 16 and cand.text.count('"') % 2 == 0 \
                    and cand.text.count("“") == cand.text.count("”"):
                out.append(cand)
    # What a colon announces, whole: "She recommended three things: [installing sensors, building a fence, and
    # suspending services ...]" (a list runs past the pieces' length).
    colon = re.search(r"(?<!\d):\s+(?=\S)", sentence)
    if colon and not _in_quotation(sentence, colon.start()) and not re.match(r"\s*[A-Z][A-Z.’' -]*(?:\([^()]*\))?$",
                                                                            sentence[:colon.start()]):
        cand = _candidate(doc_text, s_start + colon.end(), s_end, DESCRIPTION)
        if cand and 4 <= len(cand.text.split()) <= 40 and cand not in out:
            out.append(cand)
    return out


_YEAR_ONLY = re.compile(r"(?:in\s+)?(?:19|20)\d{2}s?")
#: What joins a time and a day into one date: "[7pm] on [Monday]", "[at 19:15] [today], [Wednesday 15 October]".
#: (and a time's noun between: "[the 7 a.m.] shift on [Saturday]", "[6 p.m.] deadline on [Friday]")
_DATE_JOIN = re.compile(r"\.?(?:\s+(?:(?!and\b|or\b|but\b)[a-z]+\s+)?on\s+|,\s+|\s+)")  # "a.m." keeps its period
#: Two dates or times that bound a span: "8:00 a.m. to 8:00 p.m.", "from March 20 to April 4, 2025".
_DATE_RANGE = re.compile(r"\.?\s*(?:to|until|till|through|-|–)\s*")


def _date_ranges(dates: list[Candidate], doc_text: str) -> list[Candidate]:
    """Two dates that bound a span, as one date (see ``_DATE_RANGE``): each date with the nearest after it."""
    dates = sorted(dates, key=lambda c: (c.start, -c.end))
    out = []
    for first in dates:
        nxt = min((d for d in dates if d.start >= first.end), key=lambda d: (d.start, -d.end), default=None)
        if nxt is not None and _DATE_RANGE.fullmatch(doc_text, first.end, nxt.start):
            out.append(Candidate(first.start, nxt.end, doc_text[first.start:nxt.end], DATE))
    return out


def _joined_dates(dates: list[Candidate], doc_text: str) -> list[Candidate]:
    """Runs of two or three dates side by side, as one date ("7pm on Monday")."""
    dates = sorted(dates, key=lambda c: (c.start, -c.end))
    out = []
    for i, first in enumerate(dates):
        end, parts = first.end, 1
        for nxt in dates[i + 1:]:
            if nxt.start < end:
                continue  # inside the run so far
            if not _DATE_JOIN.fullmatch(doc_text, end, nxt.start) or parts == 3 or _YEAR_ONLY.fullmatch(nxt.text):
                break  # (not "in 2019, 2020 and 2021")
            end, parts = nxt.end, parts + 1
            out.append(Candidate(first.start, end, doc_text[first.start:end], DATE))
    return out


def candidates(doc_text: str, s_start: int, s_end: int) -> list[Candidate]:
    """All candidate answers in ``doc_text[s_start:s_end]``, de-duplicated by (start, end, kind)."""
    found: list[Candidate] = []
    for age in _regex_candidates(doc_text, s_start, s_end, _AGE_RE, AGE):
        found.append(age)
        # and the age itself: "[47]-year-old", "aged [26]" (how old: 47)
        number = re.search(rf"\d+|(?:{_NUM_WORDS})(?:-(?:{_NUM_WORDS}))?", age.text, re.I)
        if number and number.group() != age.text:
            found.append(Candidate(age.start + number.start(), age.start + number.end(), number.group(), AGE))
    for pattern in (_APPOSITIVE_AGE_RE, _SAID_AGE_RE):
        for m in pattern.finditer(doc_text, s_start, s_end):  # (the age is the last group)
            found.append(Candidate(m.start(m.lastindex), m.end(m.lastindex), m.group(m.lastindex), AGE))
    found += _regex_candidates(doc_text, s_start, s_end, _DURATION_RE, DURATION)
    found += _regex_candidates(doc_text, s_start, s_end, _DATE_RE, DATE)
    found += _joined_dates([c for c in found if c.kind == DATE], doc_text)
    found += _date_ranges([c for c in found if c.kind == DATE], doc_text)
    dates = [(c.start, c.end) for c in found if c.kind == DATE]
    found += _regex_candidates(doc_text, s_start, s_end, _RELATIVE_DATE_RE, DATE)
    for cand in _regex_candidates(doc_text, s_start, s_end, _NUMBER_RE, NUMBER):
        if not any(a <= cand.start and cand.end <= b for a, b in dates) and re.search(r"\d|[a-z]", cand.text):
            if cand.start > s_start and doc_text[cand.start - 1] in "$€£¥₩":  # "$12 million"
                cand = Candidate(cand.start - 1, cand.end, doc_text[cand.start - 1:cand.end], NUMBER)
            rate = _RATE.match(doc_text, cand.end, s_end)
            if rate and re.search(r"\d", cand.text):  # a rate is one quantity: "$14 million [per day]"
                cand = Candidate(cand.start, rate.end(), doc_text[cand.start:rate.end()], NUMBER)
            found.append(cand)
    # (a currency's code is no name: "[EUR] 250", "1,200 [CHF]")
    named = [c for c in names(doc_text, s_start, s_end) if not re.fullmatch(rf"{CURRENCY_CODES}(?:\s?\d[\d.,]*)?", c.text)]
    numbered = [(c.start, c.end) for c in named if c.text[-1:].isdigit()]  # "Route 9": the 9 is no quantity
    found = [c for c in found if not (c.kind == NUMBER and any(a <= c.start and c.end <= b for a, b in numbered))]
    found += named
    found += locations(doc_text, s_start, s_end)
    found += people(doc_text, s_start, s_end)
    found += quotes(doc_text, s_start, s_end)
    found += reasons(doc_text, s_start, s_end)
    found += phrases(doc_text, s_start, s_end)
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for cand in found:
        key = (cand.start, cand.end, cand.kind)
        if key not in seen:
            seen.add(key)
            unique.append(cand)
    return unique


#: Which candidate kinds can answer each question type, with a match strength in [0, 1].
TYPE_MATCH: dict[str, dict[str, float]] = {
    NUMBER: {NUMBER: 1.0, AGE: 0.3, DURATION: 0.5},
    AGE: {AGE: 1.0, NUMBER: 0.4},
    DURATION: {DURATION: 1.0, NUMBER: 0.5, DATE: 0.2},
    DATE: {DATE: 1.0},
    PERSON: {PERSON: 1.0, NAME: 0.7, ORG: 0.5, PEOPLE: 0.5, PLACE: 0.05},  # "Seoul says ...", but rarely a road
    ORG: {ORG: 1.0, NAME: 0.6, PLACE: 0.3, PERSON: 0.1},
    PLACE: {PLACE: 1.0, NAME: 0.6, ORG: 0.5},
    QUOTE: {QUOTE: 1.0, DESCRIPTION: 0.3},
    REASON: {REASON: 1.0, DESCRIPTION: 0.4, QUOTE: 0.3},
    DESCRIPTION: {DESCRIPTION: 0.6, QUOTE: 0.6, REASON: 0.6, NAME: 0.5, ORG: 0.5, PERSON: 0.5, PLACE: 0.5, PEOPLE: 0.5,
                  NUMBER: 0.4, DATE: 0.4, AGE: 0.4, DURATION: 0.4},
}
