"""Question analysis: the expected answer type, the content terms, and the words that name the subject."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .text import STOPWORDS, stem, term_tuple, terms, tokens

# Expected answer types.
NUMBER, AGE, DURATION, DATE, PERSON, ORG, PLACE, QUOTE, REASON, DESCRIPTION = (
    "number", "age", "duration", "date", "person", "organisation", "place", "quote", "reason", "description",
)
ANSWER_TYPES = (NUMBER, AGE, DURATION, DATE, PERSON, ORG, PLACE, QUOTE, REASON, DESCRIPTION)

_ORG_NOUNS = (
    r"agenc(?:y|ies)|organi[sz]ations?|units?|bureaus?|part(?:y|ies)|ministr(?:y|ies)|services?|institutes?|"
    r"universit(?:y|ies)|groups?|committees?|compan(?:y|ies)|corps|think tanks?|outlets?|newspapers?|"
    r"government(?:s)?|departments?|offices?|forces?|military|alliance|body|intelligence service|"
    r"council|court|commission|union|firm|charity|network|team|club|broadcaster|station|hospital|school|"
    r"church|think|company|agency|bank|body|media|channel|force|insurer|carrier|airline|operator|contractor|"
    r"manufacturer|maker|retailer|publisher|insurance|laboratory|lab|studio|registry|foundation|trust|association|"
    r"regulator|watchdog|inspectorate|supplier|employer|provider|authority|board|nonprofit|business|chain|brand|"
    r"consultanc(?:y|ies)|constabular(?:y|ies)|police|utilit(?:y|ies)|coalition|federation|league|cooperative"
)
_PLACE_NOUNS = (
    r"countr(?:y|ies)|regions?|cit(?:y|ies)|towns?|villages?|areas?|provinces?|states?|places?|"
    r"territor(?:y|ies)|districts?|counties|county|border|capital|nation|location|river|street|neighbou?rhood|part|"
    r"terminal|port|airport|pier|dock|harbou?r|bridge|building|hall|hotel|stadium|park|road|route|avenue|"
    r"square|lot|landing|campus|site|facility|base|camp|prison|jail|island|lake|mountain|valley|coast|beach|village|"
    r"suburb|highway|shelter|venue|address|continent|spot|substation|depot|factory|mine|quarry|dam|reservoir|tunnel|"
    r"centre|center|platform|shop|store|restaurant|cafe|pub|ward|gate|entrance|exit|field|meadow|farm|paddock|hill|"
    r"ridge|forest|shore|room|galler(?:y|ies)|chamber|corridor|wing|basement|cellar|attic|kitchen|garage|yard|deck|cabin|"
    r"floor|storey|lobby|courtyard"
)
_PERSON_NOUNS = (
    r"person|people|man|men|woman|women|official|lawmaker|politician|spokes(?:man|woman|person)|researcher|"
    r"professor|expert|leader|president|minister|reporter|journalist|soldier|defector|analyst|mayor|governor|"
    r"doctor|chief|director|head|member|officer|commander|interpreter|victim|survivor|farmer|resident|worker|"
    r"rescuer|volunteer|witness|student|teacher|author|speaker|name|passenger|captain|pilot|crew|nurse|engineer|"
    r"owner|manager|employee|executive|driver|firefighter|patient|neighbou?r|commuter|rider|founder|candidate|"
    r"attorney|prosecutor|detective|sheriff|deputy|surgeon|physician|paramedic|technician|mechanic|inspector|"
    r"investigator|suspect|prisoner|captive|hostage|veteran|athlete|child|boy|girl|mother|father|son|daughter|"
    r"wife|husband|brother|sister|friend|relative|customer|resident|citizen|voter|chef|baker|writer|editor|"
    r"host|presenter|anchor|interviewer|columnist|correspondent|broadcaster|"
    r"scientist|economist|singer|artist|actor|actress|official|staffer|aide|adviser|advisor|ceo|chairman|"
    r"chairwoman|founder|owner|operator|tenant|landlord|picket|picketer|striker|protester|protestor|demonstrator|"
    r"docker|miner|labou?rer|forecaster|caller|listener|viewer|colleague|partner|grower|winemaker|vintner|ranger|"
    r"guard|clerk|secretary|treasurer|coordinator|supervisor|contractor|consultant|coroner|priest|pastor|"
    r"attendant|conductor|steward|stewardess|dispatcher|signaller|lifeguard|warden|keeper|zookeeper|handler|trainer|"
    r"curator|veterinarian|vet|cashier|porter|caretaker|janitor|headteacher|headmaster|headmistress|midwife|"
    r"councill?or|senator|magistrate|sergeant|constable|lieutenant|colonel|grandfather|grandmother|grandson|"
    r"granddaughter|grandparent|uncle|aunt|cousin|nephew|niece|widow|widower|fianc[eé]e?|stepfather|stepmother|"
    r"stepson|stepdaughter|parent|"
    # "co-pilot", "ex-wife", "vice-chair": a prefixed one
    r"(?:co|ex|vice)-(?:pilot|wife|husband|chair|president|founder|owner|worker|host|author|captain)|"
    # Agent nouns by their endings: "lobsterman", "journalist", "electrician", "auctioneer".
    r"(?-i:[a-z][a-z]{2,}(?:man|woman|person|ist|ician|eer))"
)
SAY_VERBS = (
    r"say|said|says|tell|told|reply|replied|answer|answered|ask|asked|shout|shouted|write|wrote|post|posted|"
    # (not "What is the most a household can claim?": money asked for)
    r"state|stated|(?<!can )(?<!could )(?<!may )(?<!to )claim|claimed|confess|confessed|reveal|revealed|respond|responded|add|added|announce|"
    r"announced|declare|declared|warn|warned|call|called|describe|described|suggest|suggests|suggested|think|"
    r"thinks|thought|believe|believes|believed|argue|argued|insist|insisted|explain|explained|predict|predicted|"
    # what one pledged or owned up to is said too ("What did the chief executive promise about reopening?")
    r"promise|promised|promises|pledge|pledged|vow|vowed|admit|admitted|concede|conceded|acknowledge|acknowledged|"
    r"recall|recalled|remember|remembers|remembered"
)

# Head nouns after "which"/"what" that name the answer's kind ("which agency", "what Russian region").
_NOUN_CLASSES: list[tuple[str, str]] = [
    (AGE, r"age"),
    (DATE, r"day|date|year|month|week|time|hour|weekday|decade|century|season"),
    (NUMBER, r"number|percentage|percent|share|proportion|fraction|amount|total|figure|toll|count|estimate|"
             r"tally|sum|price|cost|size|quantity|population|depth|height|length|distance|turnout|margin|majority|"
             r"attendance|capacity|rate|speed|weight|value|budget|salary|fine|reward|bill|score|altitude|elevation|"
             r"temperature|rainfall|volume|voltage|pressure|wattage|dose|concentration|magnitude"),
    (QUOTE, r"warning|message|advice|words|statement|comment|promise|appeal|quote|remark|slogan|reply|response"),
    (REASON, r"reasons?|causes?|motives?|purpose|explanation"),
    (PLACE, _PLACE_NOUNS),
    (ORG, _ORG_NOUNS),
    (PERSON, _PERSON_NOUNS + r"|academic|scholar|diplomat|envoy|lawyer|judge|police officer|players?|coach"),
]
_WHICH_NOUN = re.compile(r"\b(?:which|what)\s+(?:(?:is|was|are|were)\s+(?:the\s+)?)?((?:[\w’'-]+\s*){1,5})", re.I)
_STOP_SCAN = re.compile(r"^(?:did|does|do|is|was|were|are|has|have|had|will|would|can|could|should|of|in|on|to|"
                        r"for|from|by|with|at|that|who|which|he|she|they|it)$", re.I)

#: A question asking for the time of day ("at what time", "what time of night"; not "what time frame").
CLOCK_ASKED = re.compile(r"\b(?:what|which)\s+time\b(?!\s+(?:zones?|frame|period|limit)\b)|\bat\s+what\s+hour\b", re.I)
#: A clock time ("10 a.m.", "07:02", "quarter past seven"), and a day's or a month's name.
CLOCK_TIME = re.compile(r"\d[:.]\d\d|\d\s?(?:a\.?m|p\.?m)\b|\b(?:past|o[’']clock)\b|\bquarter to\b", re.I)
DAY_NAMED = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:January|February|March|April|May|June|July|"
                       r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
_DATE_NAMED_LAST = re.compile(r"^\W*how long\b.*\b(?:since|from) (?:which|what) (?:year|month|day|date)\W*$", re.I)
_LEAD = r"^\W*(?:(?:and|so|but|then|also|now|ok|okay)\W+)?(?:according to [^,]+,\s*)?"

#: What a thing is made of: "What was the levee made of?", "What is Silo 4 built from?" (a material, whatever the
#: thing is).
MATERIAL_ASKED = re.compile(r"^\W*(?:and\s+)?what\s+(?:is|was|are|were)\s+.{1,60}?\b(?:made|built|constructed|cast|"
                            r"carved|fashioned)\s+(?:of|from|with|out\s+of)\s*\?*\s*$"
                            r"|\bwhat\s+(?:materials?|substance)\b|\bmade\s+of\s+what\b", re.I)

# Ordered rules, tried before the head noun: the first that matches gives the type.
_RULES: list[tuple[str, re.Pattern]] = [
    # "What is the Acker worth?": a value, even where the rest reads like "What is X?".
    (NUMBER, re.compile(_LEAD + r"what\s+(?:is|was|are|were)\s+.{1,80}?\bworth\b(?!\s+(?:of|to|the|a|an)\b)", re.I)),
    # "What has the search cost the city?": a sum (not "What did the cost cuts mean?")
    (NUMBER, re.compile(_LEAD + r"what\s+(?:has|have|had|did|does|do|will|would|could|might)\s+(?:[\w’'-]+\s+){1,6}?"
                        r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )cost\b(?!s)", re.I)),
    (DESCRIPTION, MATERIAL_ASKED),
    (DESCRIPTION, re.compile(r"\bwhat (?:kind|type|sort|form) of\b|\bwhat happened\b|\bwhat does .* mean\b"
                             r"|\b(?:what|which) (?:[\w-]+ )?ranks?\b"  # "What military rank did they hold?"
                             # (not "What is Elias Brannock's date of birth?": a date of him is asked)
                             r"|^\W*what (?:is|are|was|were) (?:an? |the )?(?-i:[A-Z])(?![^?,]*[’']s\s+(?:date|day|year|"
                             r"birthday|age|height|weight|salary|population|budget|size)\b)[^?,]*\??\s*$"
                             # "Who is Dana Holt?": she is named; what she is ("a hydrologist at ...") answers.
                             r"|^\W*who (?:is|was) (?-i:[A-Z][\w’'.-]*)(?:\s+(?:(?-i:[A-Z][\w’'.-]*)|of|the|de|van|von))*"
                             r"\s*\??\s*$", re.I)),
    (PERSON, re.compile(_LEAD + r"who(?:m|se)?\b", re.I)),
    # "Through what did the men reach the surface?": a thing (not whoever a "who" inside it asks about)
    (DESCRIPTION, re.compile(_LEAD + r"(?:through|with|by|into|onto|across|over|under|via|along|inside|behind|against|"
                             r"upon|from)\s+what\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can)\b",
                             re.I)),
    (AGE, re.compile(r"\bhow old\b|\bat what age\b", re.I)),
    (DURATION, re.compile(r"\bhow long\b|\bfor how many (?:hours|days|weeks|months|years|minutes)\b", re.I)),
    (NUMBER, re.compile(r"\bhow (?:many|much|large|big|high|far|deep|tall|wide|heavy|fast|long|close|near)\b", re.I)),
    (DATE, re.compile(_LEAD + r"(?:when|since when|until when|by when)\b", re.I)),
    (PLACE, re.compile(_LEAD + r"where\b", re.I)),
    (REASON, re.compile(_LEAD + r"why\b|\bwhat (?:caused|causes|led to|leads to|explains|prompted|prompts|drove|"
                        r"drives|motivated)\b|\bfor what reason\b|\bhow come\b"
                        # (not "What did the manager say about who was to blame?": words said)
                        rf"|\bwhat did (?![^?]*\b(?:{SAY_VERBS})\b)[^?]*\bblame\b", re.I)),
    (QUOTE, re.compile(_LEAD + rf"what (?:did|does|do|has|have|had|was|is|were|are|will|would)\b.*\b(?:{SAY_VERBS})\b"
                       rf"|{_LEAD}how did\b.*\b(?:reply|respond|answer|describe|characteri[sz]e|react)\b"
                       rf"|\bwhat (?:was|is|were) (?:his|her|their|the) (?:reply|response|answer|message|words)\b",
                       re.I)),
]
# Tried after the head noun, anywhere in the question.
_LATE_RULES: list[tuple[str, re.Pattern]] = [
    (PERSON, re.compile(r"\bwho(?:m|se)?\b|\bname of\b|\bnamed?\b", re.I)),
    (PLACE, re.compile(r"\bwhere\b", re.I)),
    (REASON, re.compile(r"\bwhy\b", re.I)),
]


def _noun_class(question: str) -> str | None:
    """The answer kind named by the head noun after 'which'/'what', if any."""
    found = _head_noun(question)
    return found[0] if found else None


def _head_noun(question: str) -> tuple[str, str] | None:
    """The noun after 'which'/'what' that names a kind of answer, with that kind: ("ministry", "organisation")
    for "Which South Korean ministry ...", ("city", "place") for "In which city ..."; of a run of such nouns the
    last, the head ("which county committee": a committee)."""
    for m in _WHICH_NOUN.finditer(question):
        found, owner = None, False
        for word in m.group(1).split()[:4]:
            if _STOP_SCAN.match(word):
                break
            possessive = re.search(r"[’']s$", word) is not None
            word = re.sub(r"[’']s$", "", word)  # "which company's software": the company
            if word[:1].isupper():
                continue  # a name's word ("Which Coast Guard officer"), not the noun asked for
            kind = next((kind for kind, pattern in _NOUN_CLASSES if re.fullmatch(rf"(?:{pattern})s?", word, re.I)), None)
            if kind is None and found and not owner:
                break  # "which think tank": the noun's run is over
            if kind is not None:
                # "the company's most recent estimate": an owner's noun gives way to the noun it owns, if that has a kind
                found, owner = (kind, word), possessive
        if found:
            return found
    return None


def noun_class(word: str) -> str | None:
    """The answer kind a noun names ("agency": organisation, "city": place), if any."""
    return next((kind for kind, pattern in _NOUN_CLASSES if re.fullmatch(rf"(?:{pattern})s?", word, re.I)), None)


def is_person_noun(word: str) -> bool:
    """Whether a common noun names a person by role, occupation or relation ("captain", "lobsterman", "daughter")."""
    return re.fullmatch(rf"(?:{_PERSON_NOUNS})s?", word) is not None and word.lower() != "name"


_WH = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "name", "did", "does", "do"}
_WH_STEMS = frozenset(stem(w) for w in _WH)


@dataclass(frozen=True)
class Question:
    """An analysed question."""

    text: str
    answer_type: str
    terms: tuple[str, ...]
    focus: tuple[str, ...]
    proper: tuple[str, ...]
    words: frozenset[str]

    @functools.cached_property
    def term_set(self) -> frozenset[str]:
        return frozenset(self.terms)


#: "What do the hackers call their group?": the name of a thing, not something said.
#: "the name of [the hospital] where ...", "the name of [the business] Gordon Pruitt owned": the noun phrase named.
_NAME_OF = re.compile(r"\bnames?\s+of\s+(?:the|a|an|his|her|its|their|(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*[’']s)\s+((?:(?!(?:who|whom|whose|that|which|where|when|"
                      r"in|on|at|from|with|of|for|by|he|she|they|it|we|i|you|was|is|were|are|did|does|do|had|has|have)\b)"
                      r"[a-z][\w’'-]*\s*){1,3})")
_CALLED = re.compile(r"\bwhat\s+(?:do|does|did)\s+(?:[\w’'-]+\s+){1,4}?call\s+(?:their|its|his|her)\s+([\w’'-]+)", re.I)


def answer_type(question: str) -> str:
    """The expected answer type of a question (one of ``ANSWER_TYPES``)."""
    called = _CALLED.search(question)
    named = next((kind for kind, pattern in _NOUN_CLASSES if re.fullmatch(rf"(?:{pattern})s?", called.group(1), re.I)),
                 None) if called else None
    if named:
        return named
    # "What was the name of the business he owned?": the noun a name is asked for says what kind of name.
    of = _NAME_OF.search(question)
    head = of.group(1).split()[-1] if of else ""  # the last noun heads: "the hospital spokeswoman" is a person
    kind = next((k for k, pattern in _NOUN_CLASSES if re.fullmatch(rf"(?:{pattern})s?", head, re.I)), None)
    if kind in (ORG, PLACE):
        return kind
    if of and is_person_noun(head):
        return PERSON  # "What is the name of the duty manager who called the police?": a name, not words said
    if _DATE_NAMED_LAST.search(question):
        return DATE  # "How long has the festival run - since which year?": the year, asked for at the end
    # The wh-phrase that opens the question decides, not one inside it: "What did the mayor say about how fast
    # the river rose?" asks for what was said.
    found = [(m.start(), i, kind) for i, (kind, pattern) in enumerate(_RULES) for m in [pattern.search(question)] if m]
    early = [kind for _, _, kind in sorted(found)]
    noun = _noun_class(question) if re.match(_LEAD + r"(?:in |on |from |to |at |for |of |by )?(?:which|what)\b",
                                             question, re.I) else None
    inner_cause = early[:1] == [REASON] and min(found)[0] > 0 and not re.match(_LEAD + r"why\b", question, re.I)
    if early and early[0] in (DESCRIPTION, PERSON, QUOTE, REASON) and not (inner_cause and noun):
        # ("Which agency is looking into what caused the leak?": an agency, the cause is what it looks into)
        return early[0]
    if noun:
        return noun
    if early:
        return early[0]
    noun = _noun_class(question)
    if noun:
        return noun
    for kind, pattern in _LATE_RULES:
        if pattern.search(question):
            return kind
    return DESCRIPTION


_CONTRACTED = re.compile(r"\b(what|who|where|when|why|how|which|that|there|it|he|she)[’']s\b(\s+(?:been|got|gotten)\b)?", re.I)


def expand_contractions(question: str) -> str:
    """ "What's the name of ...?" -> "What is the name of ...?", "Who's been hurt?" -> "Who has been hurt?": the
    rules that read a question see its auxiliary."""
    return _CONTRACTED.sub(lambda m: f"{m.group(1)} {'has' if m.group(2) else 'is'}{m.group(2) or ''}", question)


def proper_terms(question: str) -> list[str]:
    """Stems of capitalised words that are not the question's first word nor function words."""
    out = []
    for i, tok in enumerate(tokens(question)):
        if i == 0 or not tok.text[:1].isupper() or tok.lower in STOPWORDS or tok.lower in _WH:
            continue
        out.append(stem(tok.lower))
    return out


#: "At what time", "at what hour": the unit a date question asks for says what kind of answer is wanted (see
#: ``constraints``), as "when" does, and is no word to find in the text: as a term, "time", in no article, weighed
#: most and matched "minutes". "Day" stays a term ("on what day": it is like "Monday"; dropped, cross-validation
#: lost two such questions), as do "date", "month" and "year".
_UNIT_WH = re.compile(r"\b(?:what|which)\s+(time|hour)\b(?!\s+zones?\b)"
                      # "what time of night": the part of the day is said, as the words of the unit
                      r"(?:\s+of\s+(?:the\s+)?(day|night|morning|afternoon|evening)\b)?", re.I)


#: The auxiliaries that end a compound counted noun ("how many water drops [did] ...").
AUXILIARIES = frozenset({"did", "do", "does", "were", "was", "are", "is", "have", "has", "had", "will", "would",
                         "could", "can", "might", "may", "should"})
_COMPOUND_COUNTED = re.compile(rf"\bhow (?:many|much)\s+([a-z][\w’'-]*)\s+([a-z][\w’'-]*)\s+(?:{'|'.join(sorted(AUXILIARIES))})\b",
                               re.I)


_LOOKS_LIKE = re.compile(r"\b(?:look|looks|looked|looking)\s+like\b", re.I)


def analyse(question: str) -> Question:
    """Analyse a question: its answer type, content terms, focus terms (nouns after the wh-word) and names."""
    kind = answer_type(question)
    q_terms = tuple(t for t in term_tuple(question) if t not in _WH_STEMS)
    unit = _UNIT_WH.search(question)
    for word in (unit.groups() if unit and kind == DATE else ()):
        if word and stem(word.lower()) in q_terms:
            i = q_terms.index(stem(word.lower()))
            q_terms = q_terms[:i] + q_terms[i + 1:]
    if _LOOKS_LIKE.search(question) and "like" in q_terms:
        # "What does Ossian look like?": his appearance (a fact box's "Appearance:"), not "like" as in "like most cats"
        q_terms = tuple(t for t in q_terms if t != "like") + (stem("appearance"),)
    focus: list[str] = []
    head = _head_noun(question)
    # ("what kind of wine": wine is the noun asked about)
    m = re.search(r"\b(?:how many|how much|which|what)\s+(?:(?:kinds?|types?|sorts?)\s+of\s+)?((?:[\w’'-]+\s+){0,3}?[\w’'-]+)",
                  question, re.I)
    if head:  # "which elite North Korean force": the lower-case words up to the noun (names are no kind)
        between = question[m.start(1):].split(head[1], 1)[0] if m else ""
        focus = terms(" ".join(w for w in between.split() if not w[:1].isupper()) + " " + head[1])
    elif m:
        focus = [t for t in terms(m.group(1))]
        compound = _COMPOUND_COUNTED.search(question)
        if compound and compound.group(2).lower() not in STOPWORDS:
            focus = terms(f"{compound.group(1)} {compound.group(2)}")  # "how many water drops did ...": drops too
    words = frozenset(tok.lower for tok in tokens(question))
    return Question(question, kind, q_terms, tuple(focus), tuple(proper_terms(question)), words)
