"""Follow-up handling: a question plus the earlier questions -> a standalone question (no generative model).

The rules are about English, not about any corpus: a follow-up is a question with a pronoun that has no
antecedent in it ("How old was he?"), an elliptical opener ("And how many were injured?", "What about the
other one?") or almost no content words ("Why?"). Pronouns are replaced by the most recent fitting
phrase of the history (a name, else a noun phrase); elliptical questions get the topic of the last
question appended in brackets, so retrieval sees it and users see what was searched.
"""

from __future__ import annotations

import re

from .question import CLOCK_ASKED, DAY_NAMED, ORG, is_person_noun, noun_class
from .text import DETERMINERS, STOPWORDS, terms, tokens

_PERSON_PRONOUNS = r"he|she|him|her|his|hers|himself|herself"
_PLURAL_PRONOUNS = r"they|them|their|theirs|themselves"
_THING_PRONOUNS = r"it|its|this|that|these|those"
_ELLIPSIS = re.compile(
    r"^\s*(?:and|so|but|also|then|what about|how about|and what about|what of|same for|and the)\b", re.I
)
_WH_ONLY = re.compile(r"^\s*(?:why|how|when|where|who|what|really|and|how so|why not|which one)\s*[?.!]*\s*$", re.I)
_NAME = re.compile(r"(?:[A-Z][\w’'-]*|[A-Z]\.(?:[A-Z]\.)+)(?:\s+(?:of\s+|the\s+)?(?:[A-Z][\w’'-]*|[A-Z]\.(?:[A-Z]\.)+))*")
_NP = re.compile(
    r"\b(?:the|a|an|this|that|these|those)\s+((?:[\w’'-]+\s+){0,4}?[\w’'-]*?"
    r"(?:soldiers?|troops?|men|man|woman|women|people|persons?|officials?|leaders?|captives?|prisoners?|"
    r"one|ones|\w+(?:er|or|ist|ian|ant|ent)s?))\b",
    re.I,
)
_QUESTION_WORDS = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "did", "does", "do",
                   "is", "was", "are", "were", "and", "so", "but", "also", "then", "about"}


def _has(pattern: str, text: str) -> bool:
    return re.search(rf"\b(?:{pattern})\b", text, re.I) is not None


_TITLE = re.compile(r"(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Capt|Sgt|St)\.?")  # abbreviated titles
_DEMONYM = re.compile(r"(?:an|ans|ese|ish|ians?|is|i)$")


def _names(text: str, people: bool = False) -> list[str]:
    """Capitalised names in a question, skipping its first word when that is a question word.

    With ``people``, only names that can be one person: no plurals or nationality words ("Koreans").
    """
    out = []
    for m in _NAME.finditer(text):
        words = m.group().split()
        while words and words[0].lower() in (_QUESTION_WORDS | STOPWORDS):
            words.pop(0)
        if not words:
            continue
        while words and _TITLE.fullmatch(words[0]) and len(words) > 1:
            words.pop(0)  # "Rep. Lee" -> "Lee"; a bare title is no name
        if not words or _TITLE.fullmatch(words[0]):
            continue
        # One person: not an acronym, and a single word must not read as a nationality or a plural.
        if people and (words[-1].isupper() or (len(words) == 1 and (_DEMONYM.search(words[-1]) or words[-1].endswith("s")))
                       or re.search(r"(?:ans|ians|ese)$", words[-1])):
            continue
        if people and re.search(r"\b(?:of|in|from|at|to|near|for)\s+(?:the\s+)?$", text[:m.start()], re.I):
            continue  # "the mayor of Port Ellis": a place or an organisation, not the person
        if people and _DEMONYM.search(words[-1]) and re.match(r"\s+[a-z][\w’'-]*s\b", text[m.end():]) \
                and not re.match(r"\s+(?:says|was|has|is|does)\b", text[m.end():]):
            continue  # "North Korean soldiers": a description, not a person
        role = re.match(r"\s+((?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*(?:er|or|ist|ian|ant|ent|man|woman|person)s?)\b",
                        text[m.end():])
        if people and role and not any(w in STOPWORDS for w in role.group(1).split()) \
                and re.search(r"\b(?:the|a|an|its|their)\s+$", text[:m.start()], re.I):
            continue  # "the Riverton Fire Department spokesman": the name describes him
        out.append(" ".join(words))
    return out


def _plural(name: str) -> bool:
    """Whether a name can be "they": a plural ("the Vestians", "Riverton Rangers"), not an acronym ("NIS")."""
    last = name.split()[-1]
    return last.endswith("s") and not last.isupper()


def _noun_phrase(text: str) -> str:
    """The first noun phrase about people or things ("the captured soldier") in a question."""
    m = _NP.search(text)
    while m and any(w.lower() in STOPWORDS for w in m.group(1).split()[:-1]):
        m = _NP.search(text, m.start() + 1)  # "the NIS say about the captives" -> "the captives"
    if not m:
        return ""
    end = m.end()
    more = re.match(r"(?:\s+[a-z][\w’'-]*(?:er|or|ist|ian|ant|ent|man|woman|person)s?\b)+", text[end:])
    if more:  # "the fire brigade volunteer coordinator", not "... volunteer"
        end += more.end()
    owned = re.match(r"[’']s\s+([a-z][\w-]*)\b", text[end:])
    if owned and is_person_noun(owned.group(1).lower()) and owned.group(1).lower() not in _COLLECTIVE:
        end += owned.end()  # "the driver's grandfather": the grandfather, not the driver
    tail = re.match(r"\s+(?:of|from|in|at)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s?)+", text[end:])
    return text[m.start():end] + (tail.group(0).rstrip() if tail else "")  # "the mayor of Port Ellis"


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns."""
    if _ELLIPSIS.match(question) or _WH_ONLY.match(question) or _FRAGMENT.match(question) or _THAT_IN.match(question):
        return True
    if _has(_PERSON_PRONOUNS, question) and not _names(question, people=True):
        return True
    if _has(_PLURAL_PRONOUNS, question) and not any(_plural(n) for n in _names(question)):
        return True  # "What will the NIS do if they change their minds?": the NIS is not "they"
    if re.search(r"\bthe other(?: one)?\b|\bthe same\b|\bthat one\b|\b(?:that|this|these|those|such)\s+(?!is\b|was\b|are\b)[a-z]+",
                 question, re.I):
        return True
    if re.search(r"\bits\b|\b(?:it|this|that)\s*\?", question, re.I):
        return True  # "How many of its troops ...?", "Who released it?"
    content = [t for t in terms(question)]
    if len(content) <= 1 and re.match(r"^\W*(?:(?:at|in|on|from|to|for|by|with)\s+)?(?:what|which|how)\b", question, re.I):
        return True  # "At what height?", "In which year?"
    return len(content) <= 1 and _has(_THING_PRONOUNS, question)


_HE = r"he|him|his|himself"
_SHE = r"she|her|hers|herself"


def _genders(question: str) -> tuple[str, str] | None:
    """When a question holds pronouns of both genders ("When did she visit him at his home?"): the pronouns of the
    gender that comes first, and those of the other; else None."""
    he, she = re.search(rf"\b(?:{_HE})\b", question, re.I), re.search(rf"\b(?:{_SHE})\b", question, re.I)
    if not (he and she):
        return None
    return (_HE, _SHE) if he.start() < she.start() else (_SHE, _HE)


def _other_gender(question: str, named: str, earlier: str) -> tuple[str, str] | None:
    """When a question holds pronouns of both genders and ``named`` (the answer before) stands for the first one,
    the other gender's pronouns and the person the earlier question names, other than ``named``; else None."""
    both = _genders(question)
    if not (both and named):
        return None
    others = [n for n in _names(earlier, people=True) if not set(n.split()) & set(named.split())]
    if not others:
        return None
    return both[1], others[0]


def _stand_in(m: re.Match, text: str, ante: str) -> str:
    """What replaces the pronoun ``m`` of ``text``: the antecedent, or its possessive for "his", "their", "its", and
    for "her" before a noun ("her crew"; not "told her?", "asked her about")."""
    word = m.group(0).lower()
    possessive = word in {"his", "their", "its", "hers", "theirs"} or (
        word == "her" and re.match(r"\s+(?!(?:about|to|for|with|from|and|or|at|in|on|that|if|whether|why|how|what|"
                                   r"when|where|who|the|a|an)\b)[\w’'-]", text[m.end():]) is not None)
    return f"{ante}’s" if possessive else ante


#: Person nouns that name a group, which "he" or "she" does not stand for.
_COLLECTIVE = frozenset({"crew", "crews", "staff", "team", "family", "police", "personnel", "people", "workforce"})


def _couple(earlier: str, named: str) -> str:
    """Whom "they" stands for after "Who is Elias Brannock's wife?": the person named and the one asked about ("Elias
    Brannock and Wenna", or "Elias Brannock and his wife" without an answer), else ""."""
    owned = _OWNED_PERSON.search(earlier)
    if not owned:
        return ""
    return f"{owned.group(1)} and {named if named and _PERSON_ANSWER.fullmatch(named) else 'the ' + owned.group(2)}"


#: "Elias Brannock's wife": a person and their partner (not a question's first word: "[Was] Elias Brannock's wife ...").
_OWNED_PERSON = re.compile(r"(?<![\w’'-])((?:(?!(?:Was|Is|Were|Are|Did|Does|Do|Has|Have|Had|Who|Whom|Whose|What|When|Where|Which|"
                           r"How|Why|And)\b)[A-Z][\w’'-]*\s+){0,2}[A-Z][\w-]*)[’']s\s+(wife|husband|partner|spouse|fianc[ée]e?|"
                           r"girlfriend|boyfriend|widow|widower)\b")


def _antecedent(history: list[str], plural: bool) -> str:
    """The phrase a pronoun most likely points to: the latest name, else the latest noun phrase."""
    for earlier in reversed(history):
        phrase = _noun_phrase(earlier)
        if plural:
            if phrase and re.search(r"(?:s|people|men|women)$", phrase.split()[-1]):
                return phrase
            names = [n for n in _names(earlier) if n.endswith("s") and not re.search(r"[’']s$", n)]  # not "Brannock's"
            if names:
                return names[0]
            continue
        people = _names(earlier, people=True)
        if people:
            name = re.sub(r"[’']s$", "", people[0])
            owned = re.search(rf"{re.escape(name)}[’']s\s+([a-z][\w-]*)", earlier)
            if owned and is_person_noun(owned.group(1)) and owned.group(1) not in _COLLECTIVE:
                return f"{name}’s {owned.group(1)}"  # "Ines Calloway's father": the father is "he"
            return name
        head = re.split(r"\s(?:of|from|in|at)\s", phrase)[0].split()[-1] if phrase else ""
        if phrase and not head.endswith("s") and (is_person_noun(head.lower()) or re.search(r"(?:or|ist|ian|man|woman|person)$", head)):
            return phrase  # "the ferry's captain"; not "the local paper" for "she"
    return ""


_WH_PHRASE = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:(?:in|on|at|from|to|for|of|by)\s+)?(?:how (?:many|much|old|long|far|"
                        r"big|large)|what|which|who|whom|whose|when|where|why|how)\b(?:\s+(?:did|does|do|is|was|are|were|"
                        r"has|have|had|will|would|can|could))?", re.I)


_HOW_MANY = re.compile(r"^(How (?:many|much))\s+((?:(?!(?:were|was|are|is|have|has|had|did|do|does|will|would|can|could)\b)"
                       r"[\w’'-]+\s*)*?)(?=\s*\b(?:were|was|are|is|have|has|had|did|do|does|will|would|can|could)\b|\s*\?|$)")
#: "And how many hospitals?": a count of a new thing, no verb of its own.
_AND_HOW_MANY = re.compile(r"^\W*and\s+how\s+(?:many|much)\s+((?:(?!(?:were|was|are|is|have|has|had|did|do|does|will|would|"
                           r"can|could)\b)[\w’'-]+\s*){1,3})\?*\s*$", re.I)
#: A phrase with no verb nor question word, to be read into the question before: "And for children?", "In 2019?".
_FRAGMENT = re.compile(r"^\W*(?:and\s+)?((?:for|in|at|on|among|during|after|before|since|within|under|over|according\s+to)\s+"
                       r"(?!(?:what|which|who|whom|whose|how|when|where|why)\b)"
                       r"(?:(?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could)\b)[\w’'.,-]+\s*){1,5}?)\s*\?+\s*$",
                       re.I)
#: Who a question asks the word of: "How many does [Greyhaven] say ...", "What did [the coroner] estimate".
_SOURCE_SAYS = re.compile(r"\b(?:does|did|do)\s+((?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)\s+(?:say|said|claim|estimate|"
                          r"think|believe|report|put)\b", re.I)
#: "What is that in euros?", "How much is that in dollars?": the answer before, in other terms.
_THAT_IN = re.compile(r"^\W*(?:and\s+)?(?:what|how\s+much)\s+(?:is|was|are|were|would\s+be)\s+(?:that|this|it)\s+"
                      r"((?:in|as)\s+[^?]{1,40}?)\s*\?*\s*$", re.I)
#: Another source's figure for what was asked before: "And what was the union's estimate?", "And what number did
#: the coroner give?".
_OTHER_SOURCE = re.compile(r"^\W*(?:and\s+)?(?:what|which)\s+(?:was|is|were|are)\s+(?P<source>(?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)"
                           r"[’']s?\s+(?:own\s+)?(?:estimate|figure|number|count|tally|forecast|total|version|account|"
                           r"answer)\s*\?*\s*$"
                           r"|^\W*(?:and\s+)?what\s+(?:number|figure|estimate|total|count|tally)\s+(?:did|does|do)\s+"
                           r"(?P<giver>(?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)\s+(?:give|put|offer|report|cite|provide)\b[^?]*\?*\s*$",
                           re.I)
#: "And her co-pilot?", "And his wife?": a new subject for the question before, as "What about ...?" gives.
_AND_NP = re.compile(r"^\W*and\s+((?:the|his|her|their|its)\s+(?!other\b)(?:[\w’'-]+\s+){0,2}?[\w’'-]+)\s*\?+\s*$", re.I)
_WHAT_ABOUT = re.compile(r"^\W*(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*\?*\s*$", re.I)
_PREDICATE = re.compile(r"\s(?:is|was|are|were|has|have|had|been|being)\s.*$", re.I)


_NAME_OF = re.compile(r"^(?:the\s+)?names?\s+of\s+", re.I)
_NAME_ASKED = re.compile(r"\bnames?\s+of\b|\bwhat\s+is\s+(?:it|its\s+name)\s+called\b", re.I)


def topic(history: list[str]) -> str:
    """What the latest earlier question was about: its subject ("How many North Korean soldiers were
    killed?" -> "North Korean soldiers"), else its words minus the question phrase."""
    for earlier in reversed(history):
        rest = _WH_PHRASE.sub("", earlier).strip(" ?!.")
        subject = _PREDICATE.sub("", rest).strip()
        if subject and subject != rest and terms(subject):
            rest = subject
        rest = re.sub(r"\b(?:did|does|do)\s+", "", " ".join(rest.split()), flags=re.I).strip(" ,;:?!.")
        rest = _NAME_OF.sub("", rest)  # "the name of the ferry that crashed": the ferry is the topic
        if _has(_PERSON_PRONOUNS + "|" + _PLURAL_PRONOUNS + r"|it", rest):
            continue  # a follow-up itself ("When was it built?"): what it was about is asked further back
        if tokens(rest):
            return rest
    return ""


_VERBS = frozenset("""say said says show showed shows tell told do did mean means want wanted think thought belong
belonged happen happened react reacted respond responded know knew see saw ask asked give gave get got go went
make made take took use used find found need needed call called start started help helped include included
release released publish published reveal revealed describe described confirm confirmed report reported
capture captured send sent fight fought flee fled kill killed die died cause caused claim claimed open opened
close closed build built begin began end ended launch launched""".split())
_IT = re.compile(r"\b(?:it|this|that)\b(?=\s*[?.!]*\s*$)", re.I)
_OTHER_ONE = re.compile(r"\bthe other(?: one)?\b", re.I)
#: "And the other balloon?": the question before, asked of another of its kind (not "the other one": see ``_thing``).
_OTHER_NOUN = re.compile(r"^\W*(?:and\s+|what\s+about\s+|how\s+about\s+)?the\s+other\s+(?!one\b)([a-z][\w-]*)\s*\?*\s*$", re.I)


def _thing(history: list[str]) -> str:
    """The thing the latest earlier question was about: its subject up to the verb ("What did the council's
    budget report show?" -> "the council's budget report")."""
    if not history:
        return ""
    rest = _WH_PHRASE.sub("", history[-1]).strip(" ?!.")
    words = rest.split()
    # The verb: not right after a determiner ("the captured soldier say": say) nor right before another verb
    # ("the budget report show": show).
    cut = next((i for i, w in enumerate(words) if w.lower() in _VERBS and i >= 2
                and words[i - 1].lower() not in DETERMINERS
                and not (i + 1 < len(words) and words[i + 1].lower() in _VERBS)), None)
    phrase = words[:cut] if cut else []
    if len(phrase) < 2 or phrase[0].lower() not in DETERMINERS:
        return ""
    return " ".join(phrase)


def asks_the_other(question: str) -> bool:
    """Whether a follow-up asks about "the other one" of the question before."""
    return _OTHER_ONE.search(question) is not None


def asks_who_then_he(question: str, history: list[str] | None) -> bool:
    """Whether a follow-up's "he"/"she" most likely means the answer to the question before: "Who interpreted
    for the captives?" then "What did he tell the soldier?"."""
    history = [h for h in (history or []) if h and h.strip()]
    return bool(history) and _WHO.match(history[-1]) is not None and _has(_PERSON_PRONOUNS, question) \
        and is_follow_up(question.strip())


def asks_which_then_its(question: str, history: list[str] | None) -> bool:
    """Whether a follow-up's "its" (or "that <noun>") most likely means the answer to the question before, when
    that asked "which" (an organisation or a place, for the caller to check): "Which unit did the soldiers belong
    to?" then "How many of its troops were sent?", "Which company's software ...?" then "Where is that company
    based?"."""
    history = [h for h in (history or []) if h and h.strip()]
    return bool(history) and _WHICH.match(history[-1]) is not None and is_follow_up(question.strip()) and (
        re.search(r"\bits?\b", question, re.I) is not None or _that_noun(question, history[-1]) is not None)


def asks_which_one_then_he(question: str, history: list[str] | None) -> bool:
    """Whether a follow-up's "he"/"she" most likely means the answer to the question before, when that asked which
    one of some people ("Which of the men charged lives in Danholm?" then "How old is he?") or which person by a
    noun for people ("Which engineer led the team?" then "How many were in her crew?")."""
    history = [h for h in (history or []) if h and h.strip()]
    return bool(history) and (_WHICH_ONE.match(history[-1]) is not None or _which_person(history[-1])) \
        and _has(_PERSON_PRONOUNS, question) and is_follow_up(question.strip())


def _which_person(question: str) -> bool:
    """Whether a question asks which person, by a noun for people: "Which engineer led the team?", "Which rescued
    tourist was interviewed?"."""
    m = re.match(r"^\W*(?:and\s+)?(?:which|what)\s+((?:[\w’'-]+\s+){0,2}?[\w’'-]+)\s+(?:is|was|were|are|did|does|has|had|"
                 r"[a-z]+ed|[a-z]+s|who|whom|that)\b", question, re.I)  # "Which woman who fell ill did the paper interview?"
    return bool(m) and is_person_noun(m.group(1).split()[-1].lower())


def _that_noun(question: str, earlier: str) -> re.Match | None:
    """ "that company" in a follow-up, where the question before asked "which company ...": the thing it named."""
    for m in re.finditer(r"\b(?:that|this)\s+([a-z][\w’'-]*)\b", question, re.I):
        if re.search(rf"\b(?:which|what)\s+(?:[\w’'-]+\s+){{0,2}}?{re.escape(m.group(1))}\b", earlier, re.I):
            return m
    return None


def asks_name_then_it(question: str, history: list[str] | None) -> bool:
    """Whether a follow-up's "it" or "its" most likely means the name the question before asked for: "What is the
    name of the ferry that crashed?" then "When was it built?"."""
    history = [h for h in (history or []) if h and h.strip()]
    return bool(history) and _NAME_ASKED.search(history[-1]) is not None and _WHO.match(history[-1]) is None \
        and re.search(r"\bits?\b", question, re.I) is not None and is_follow_up(question.strip())


_WHY_ONLY = re.compile(r"^\W*(?:and\s+|but\s+|so\s+)?why(\s+not)?\s*[?.!]*\s*$", re.I)
#: A yes/no question: its auxiliary and the rest ("Should | Zelenskyy send them back?").
_YES_NO = re.compile(r"^\W*(?:and\s+|but\s+|so\s+)?(should|would|will|can|could|did|does|do|is|are|was|were|has|have|"
                     r"had|must|may|might)\s+(.+?)\s*[?.!]*\s*$", re.I)
#: The auxiliaries with a negative contraction ("may" and "might" have none: "Why not?" after them is left as is).
_NEGATIVE = {aux: aux + "n't" for aux in ("should", "would", "could", "did", "does", "do", "is", "are", "was", "were",
                                           "has", "have", "had", "must")}
_NEGATIVE.update({"will": "won't", "can": "can't"})
_WHICH = re.compile(r"^\W*(?:and\s+)?(?:(?:in|on|at|from|to|for|of|by|with)\s+)?(?:which|what)\s+"
                    # "Which is the best-known painting?" names a thing too; "What is the Authority?" does not ask one
                    r"(?:(?:is|was|are|were)\s+the\s+(?=(?-i:[a-z]))|(?!(?:is|was|are|were|did|does|do|has|have|had|"
                    r"will|would|can|could)\b))[\w’'-]+", re.I)
_WHICH_ONE = re.compile(r"^\W*(?:and\s+)?(?:which|who)\s+(?:one\s+|two\s+)?of\s+(?:them|those|the\s+(?:[\w’'-]+\s+){0,2}?"
                        r"(?:men|women|people|suspects|victims|officers|soldiers|workers|staff|members|brothers|sisters|"
                        r"two|three|four|pair|others))\b", re.I)
# not "Who is Park Won-gon?": he is named; but "Who is Ines Calloway's father?" asks for someone else
_WHO = re.compile(r"^\W*(?:and\s+)?who\b(?!\s+(?:is|was)\s+(?-i:(?>(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*))(?![’']s\b))", re.I)
#: Someone described, not named, as an answer: "a Korean interpreter", "his commanders".
_SOMEONE = re.compile(r"(?:a|an|the|his|her)\s+((?:[\w’'-]+\s+){0,2}[a-z][\w’'-]*)", re.I)
#: A person's name given as an answer: capitalised words, perhaps after a title ("Gov. Helen Okafor").
#: A thing's name given as an answer: capitalised words, perhaps joined by small ones ("Harvest at Lowmoor").
_THING_ANSWER = re.compile(r"(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:(?:of|at|the|and|on|in|for|de|la|van|von|&)\s+)*[A-Z0-9][\w’'.-]*)*")
_PERSON_ANSWER = re.compile(r"(?:(?:[A-Z][a-z]{0,3}\.|[A-Z][\w’'-]*)\s+)*[A-Z][\w’'-]*")


def rewrite(question: str, history: list[str] | None, previous_answer: str = "") -> str:
    """A standalone version of ``question`` given the earlier questions (oldest first).

    ``previous_answer``: the answer to the last earlier question, when it asked "who" (see
    :func:`asks_who_then_he`) or "which" organisation or place (see :func:`asks_which_then_its`); a name there is what
    "he", "she" or "its" stands for. Returns the question unchanged when
    it does not lean on the history.
    """
    history = [h for h in (history or []) if h and h.strip()]
    question = question.strip()
    if not history or not is_follow_up(question):
        return question
    why, asked = _WHY_ONLY.match(question), _YES_NO.match(history[-1].strip())
    if why and asked and not (why.group(1) and asked.group(1).lower() not in _NEGATIVE):
        # "Why not?" after "Should the city rebuild the bridge?": "Why shouldn't the city rebuild ...?"; after a
        # question that is negative already ("Is the bridge not safe?") the "not" is its own.
        aux = asked.group(1).lower()
        if why.group(1) and not re.search(r"\bnot\b|n[’']t\b", asked.group(2), re.I):
            aux = _NEGATIVE[aux]
        return f"Why {aux} {asked.group(2)}?"
    if re.match(r"^\W*and\s+when\b", question, re.I) and CLOCK_ASKED.search(history[-1]):
        # "And when was it brought under control?" after "What time did the leak start?": the time of day again
        question = re.sub(r"^(\W*and\s+)when\b", r"\1at what time", question, count=1, flags=re.I)
    more = _AND_HOW_MANY.match(question)
    if more and _HOW_MANY.match(history[-1].strip()):
        # "And how many hospitals?" after "How many clinics does Northbrook have?": the same question of hospitals.
        question = f"What about {more.group(1).strip()}?"
    fragment = _FRAGMENT.match(question) or _THAT_IN.match(question)
    if fragment and not _ELLIPSIS.sub("", history[-1]).strip().lower().startswith(("what about", "and ")):
        # "And for children?" after "How much does each adult receive?", "What is that in euros?" after "How much
        # will the repairs cost?": the earlier question, narrowed by the new phrase.
        earlier = _ELLIPSIS.sub("", history[-1]).strip() or history[-1].strip()
        phrase = fragment.group(1).strip()
        source = re.match(r"according\s+to\s+(.+)$", phrase, re.I)
        said = _SOURCE_SAYS.search(earlier) if source else None
        if said:  # "And according to the union?" after "How many jobs does Greyhaven say ...?": the union says
            earlier = earlier[:said.start(1)] + source.group(1) + earlier[said.end(1):]
            return f"{earlier[:1].upper()}{earlier[1:].rstrip(' ?')}?"
        before = re.search(r"\baccording\s+to\s+([^?,;]+?)\s*(?=[?,;]|$)", earlier, re.I) if source else None
        if before:  # "..., according to the winegrowers?" then "And according to the fire service?": its word instead
            earlier = earlier[:before.start(1)] + source.group(1) + earlier[before.end(1):]
            return f"{earlier[:1].upper()}{earlier[1:].rstrip(' ?')}?"
        return f"{earlier[:1].upper()}{earlier[1:].rstrip(' ?')} {phrase[:1].lower()}{phrase[1:]}?"
    other = _OTHER_SOURCE.match(question)
    said = _SOURCE_SAYS.search(_ELLIPSIS.sub("", history[-1]).strip() or history[-1]) if other else None
    if said:
        # "And what was the harbour authority's estimate?" after "How much did the Chamber of Commerce say the
        # strike cost each day?": the same question, of the new source.
        earlier = _ELLIPSIS.sub("", history[-1]).strip() or history[-1].strip()
        earlier = earlier[:said.start(1)] + (other.group("source") or other.group("giver")).strip() + earlier[said.end(1):]
        return f"{earlier[:1].upper()}{earlier[1:].rstrip(' ?')}?"
    other_noun = _OTHER_NOUN.match(question)
    earlier = _ELLIPSIS.sub("", history[-1]).strip() or history[-1].strip()
    names = [n for n in _names(earlier) if not DAY_NAMED.fullmatch(n)] if other_noun else []
    if len(names) == 1:
        # "And the other balloon?" after "Where did the Copper Finch's basket come to rest?": "Where did the other
        # balloon's basket come to rest?" (and the answer before is not this one's: see ``asks_the_other``)
        name = re.sub(r"[’']s$", "", names[0])
        named = re.search(rf"(?:\b[Tt]he\s+)?{re.escape(name)}([’']s\b)?", earlier)
        return earlier[:named.start()] + f"the other {other_noun.group(1)}{named.group(1) or ''}" + earlier[named.end():]
    about = _WHAT_ABOUT.match(question) or _AND_NP.match(question)
    pronoun = re.search(r"\b(?:he|she)\b", history[-1], re.I) if about else None
    if about and pronoun and not _names(history[-1]):
        # "And her co-pilot?" after "How old is she?": the earlier question, asked of the new person, whose own
        # pronoun is read below ("How old is Calloway's co-pilot?")
        question = history[-1][:pronoun.start()] + about.group(1).strip() + history[-1][pronoun.end():]
        about = None
    if about:  # "What about Lakeside?": the earlier question, asked of the new subject
        earlier = _ELLIPSIS.sub("", history[-1]).strip() or history[-1].strip()
        earlier = re.sub(r"\s*\([^()]*\)\s*(?=\?*\s*$)", "", earlier)  # not the topic a rewriting added
        earlier = earlier[:1].upper() + earlier[1:]
        new = about.group(1).strip()
        counted = _HOW_MANY.match(earlier)
        if counted and re.search(r"\b[a-z][\w’'-]*$", new):
            # "What about Vestian soldiers?" after "How many Norlandic soldiers were hurt?": the count of the new
            # thing ("How many Vestian soldiers were hurt?"); after "How many were hurt?", just the new thing.
            if counted.group(2):
                rest = earlier[counted.end(2):].strip()
                return f"{counted.group(1)} {new}{'' if rest.startswith('?') else ' '}{rest}"
            bare = re.sub(r"^(?:the|a|an)\s+", "", new, flags=re.I)
            return f"{counted.group(1)} {bare}?"
        names = [n for n in _names(earlier) if not DAY_NAMED.fullmatch(n)]  # not "Tuesday" for "the other town"
        if names:
            # "And his wife?" after "What did Mr Pellegrin say?": "What did Mr Pellegrin’s wife say?"
            own = re.match(r"(?:his|her|their|its)\s+(.+)$", new, re.I)
            return earlier.replace(names[-1], f"{names[-1]}’s {own.group(1)}" if own else new, 1)
        return f"{earlier.rstrip(' ?')} ({about.group(1).strip()})?"
    rewritten = question
    replaced = False
    thing = _thing(history)
    if thing and _OTHER_ONE.search(rewritten):  # "And the other one?" after "What did the injured driver say?"
        other = "the other " + thing.split(" ", 1)[1]
        if re.fullmatch(r"\W*(?:and\s+|what about\s+|how about\s+)?the other(?: one)?\W*", rewritten, re.I):
            return history[-1].replace(thing, other, 1)
        rewritten = _OTHER_ONE.sub(other, rewritten, count=1)
        replaced = True
    elif thing and _IT.search(rewritten) and len(terms(rewritten)) <= 2:  # "Who released it?"
        return _IT.sub(thing, rewritten, count=1)
    elif thing and re.search(r"\bit\b", rewritten, re.I) and len(terms(rewritten)) <= 2:
        # "And what happened to it in 1987?" after "When did the mountain railway open?"
        rewritten = re.sub(r"\bit\b", thing, _ELLIPSIS.sub("", rewritten).strip() or rewritten, count=1, flags=re.I)
        return rewritten[:1].upper() + rewritten[1:]
    named = previous_answer.strip()
    that = _that_noun(rewritten, history[-1]) if named and _PERSON_ANSWER.fullmatch(named) else None
    if that:  # "Where is that company based?" after "Which company's software ...?"
        rewritten = rewritten[:that.start()] + named + rewritten[that.end():]
        replaced = True
        named = ""
    if named and _has("its", rewritten) and _PERSON_ANSWER.fullmatch(named):  # "its troops" -> "the Bureau’s troops"
        rewritten = re.sub(r"\bits\b", f"{named}’s", rewritten, count=1, flags=re.I)
        replaced = True
        named = ""
    if named and (_NAME_ASKED.search(history[-1]) or _WHICH.match(history[-1])) and _has("it", rewritten) \
            and _THING_ANSWER.fullmatch(named):
        rewritten = re.sub(r"\bit\b", named, rewritten, count=1, flags=re.I)  # "When was it built?" after its name
        replaced = True
        named = ""
    described = _SOMEONE.fullmatch(named)
    if described:  # "a Korean interpreter" -> "the Korean interpreter"
        named = "the " + described.group(1)
    elif not _PERSON_ANSWER.fullmatch(named):
        named = ""
    other = _other_gender(rewritten, named, history[-1])
    # "When did she visit the driver at his home?": "he" and "she" are two people; one stand-in is for the first
    # pronoun's gender only, and the other's stay as they are when no one else is named
    both = _genders(rewritten)
    first_gender = both[0] if both else _PERSON_PRONOUNS
    if other:
        # "What did he say about how she persuaded him?" after "Who was on duty the night Okafor-Lund called?",
        # answered "Sami Reijonen": "he" and "she" are two people; the answer is whom the first pronoun stands for,
        # the other one is the person the question before names.
        rewritten = re.sub(rf"\b(?:{other[0]})\b", lambda m, text=rewritten: _stand_in(m, text, other[1]), rewritten, flags=re.I)
        replaced = True
    for pattern, plural in ((first_gender, False), (_PLURAL_PRONOUNS, True)):
        if _has(pattern, rewritten):
            ante = (named if not plural else "") or _antecedent(history, plural) or (_couple(history[-1], named) if plural else "")
            if ante:
                rewritten = re.sub(rf"\b(?:{pattern})\b", lambda m, text=rewritten, ante=ante: _stand_in(m, text, ante),
                                   rewritten, flags=re.I)
                replaced = True
    rewritten = _ELLIPSIS.sub("", rewritten).strip() or rewritten
    rewritten = rewritten[:1].upper() + rewritten[1:]
    if not replaced or len(terms(rewritten)) <= 2 or re.search(r"\b(?:do|did|does|doing|done)\s+(?:that|this|it|so)\b", rewritten, re.I):
        context = topic(history)
        if context:
            rewritten = f"{rewritten.rstrip()} ({context})"
    return rewritten


#: One described by a clause that ends the question, as what the question asks about: "Who heads [the agency that
#: maintains the levee]?", "How old is [the captive who wants to stay]?". Only after a verb or preposition that takes
#: it as its object (not "What did [the man who found it] say?", whose clause runs into the main verb).
_DESCRIBED_END = re.compile(r"\b(?:the|a|an)\s+((?:[\w’'-]+\s+){0,2}?([a-z][\w’'-]*))\s+(that|which|who|whose)\s+"
                            r"([^?,;]{3,120}?)\s*\?*\s*$")
#: Someone named by their relation to a named person, ending the question: "[Calloway’s co-pilot]?".
_OWNED_ROLE = re.compile(r"(?<![\w’'-])((?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w-]*)[’']s\s+([a-z][\w-]*)(?=\s*\?*\s*$)")
_HOP_BEFORE = re.compile(r"(?:\b(?:heads?|leads?|runs?|directs?|chairs?|manages?|owns?|founded|employs?|represents?|"
                         r"(?:head|chief|director|leader|boss|president|chair|chairman|chairwoman|owner|founder|manager|"
                         r"spokes(?:man|woman|person)|executive)\s+of)|^\W*how old (?:is|was|are|were))\s+$", re.I)


def described_one(question: str) -> tuple[str, str] | None:
    """For a question about someone or some body described by a relative clause at its end, the question that names
    them ("Which agency maintains the levee?", "Which firm's sauce made people sick?") and the described phrase, to
    be replaced by the name found; else None."""
    owned = _OWNED_ROLE.search(question)
    if owned and _HOP_BEFORE.search(question[:owned.start()]) and is_person_noun(owned.group(2)) \
            and owned.group(2) not in _COLLECTIVE:
        # "How old is Calloway’s co-pilot?": "Who is Calloway’s co-pilot?" names whom the age is asked of
        return f"Who is {owned.group(0)}?", owned.group(0)
    m = _DESCRIBED_END.search(question)
    if not m or not _HOP_BEFORE.search(question[:m.start()]) or not re.match(r"^\W*(?:who|what|where|when|how|which)\b",
                                                                               question, re.I):
        return None
    head = m.group(2).lower()
    if not (is_person_noun(head) or noun_class(head) == ORG):
        return None
    noun, clause = m.group(1), m.group(4)
    sub = f"Which {noun}’s {clause}?" if m.group(3).lower() == "whose" else f"Which {noun} {clause}?"
    return sub, question[m.start():m.start() + len(m.group(0).rstrip(" ?"))]
