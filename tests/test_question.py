"""Tests for qa/question.py: expected answer types for many phrasings; terms, proper names and focus."""

from __future__ import annotations

import pytest

from qa.question import (
    AGE, ANSWER_TYPES, DATE, DESCRIPTION, DURATION, NUMBER, ORG, PERSON, PLACE, QUOTE, REASON, analyse, answer_type,
    expand_contractions, is_person_noun,
)

# Questions about invented events (a council vote, a bridge collapse, a storm): none is from data/ or eval/.
TYPED = [
    # numbers
    ("How many people were injured in the collapse?", NUMBER),
    ("How much did the new bridge cost?", NUMBER),
    ("What is it worth by itself?", NUMBER),  # a value, though it reads like "What is X?"
    ("What was Harvest at Lowmoor worth?", NUMBER),
    ("What is worth noting about the plan?", DESCRIPTION),
    ("Which insurer covered the paintings?", ORG),
    ("What was the final vote count?", NUMBER),
    ("What was the toll?", NUMBER),
    ("What was voter turnout in the election?", NUMBER),  # a quantity's noun, with or without "the"
    ("What was the final margin of victory?", NUMBER),
    ("What is Dana Holt's job?", DESCRIPTION),
    # ages
    ("How old is Mayor Ann Lee?", AGE),
    ("At what age did she join the council?", AGE),
    # durations
    ("How long did the rescue take?", DURATION),
    ("How long has the fair been running, since which year?", DATE),  # the year asked for at the end
    ("For how many hours was the road closed?", DURATION),
    # dates
    ("When did the bridge collapse?", DATE),
    ("What day did the council vote?", DATE),
    ("What year was the bridge built?", DATE),
    ("In what year was the bridge built?", DATE),
    # people
    ("Who voted against the budget?", PERSON),
    # ... named by a role or an occupation after "which": listed, or an agent noun by its ending
    ("Which passenger is a carpenter?", PERSON),
    ("Which crew member was hurt?", PERSON),
    ("Which lobsterman saw the crash?", PERSON),
    ("Which electrician wired the signals?", PERSON),
    ("Which German company built the bridge?", ORG),  # a nationality is no occupation
    ("What list did the council publish?", DESCRIPTION),
    ("Which Coast Guard officer gave the count?", PERSON),  # the words of a name are not the noun asked for
    ("Which county committee will review it?", ORG),  # of a run of nouns, the last
    ("Which company's software failed?", ORG),  # a possessive noun
    # An owner's noun gives way to the noun it owns, where that asks for a kind of answer.
    ("What is the company's most recent estimate of the leak?", NUMBER),
    ("Which national regulator is investigating the leak?", ORG),
    ("Which watchdog group sent observers to the recount?", ORG),
    ("What do the hackers call their group?", ORG),  # a name asked for, not something said
    ("What did the mayor call the plan?", QUOTE),  # what someone called something: their words
    ("Which city council member voted no?", PERSON),
    # places by their kind
    ("Which terminal was the ferry approaching?", PLACE),
    ("Which route was closed?", PLACE),
    ("Which station broadcast the update?", ORG),  # a broadcaster
    ("Which official announced the closure?", PERSON),
    ("Whose car fell into the river?", PERSON),
    # organisations
    ("Which agency inspected the bridge?", ORG),
    ("What agency issued the warning?", ORG),
    ("Which unit responded first?", ORG),
    ("Which party controls the council?", ORG),
    # places
    ("Where did the bridge collapse?", PLACE),
    ("Which city hosted the summit?", PLACE),
    ("Which region was hit by the storm?", PLACE),
    ("In which region did the storm hit?", PLACE),
    ("Which river does the bridge cross?", PLACE),
    # reasons
    ("Why did the council delay the vote?", REASON),
    ("What caused the collapse?", REASON),
    ("What prompted the evacuation?", REASON),
    ("What did officials blame for the collapse?", REASON),
    # quotations
    ("What did Mayor Ann Lee say about the budget?", QUOTE),
    ("What did the engineer tell reporters?", QUOTE),
    ("What did the minister reply?", QUOTE),
    ("How did the mayor respond to the criticism?", QUOTE),
    # descriptions
    ("What kind of bridge was it?", DESCRIPTION),
    ("What type of vehicle fell into the river?", DESCRIPTION),
    ("What is Riverton?", DESCRIPTION),
    ("What is the Harbor Authority?", DESCRIPTION),
    ("What happened at the bridge?", DESCRIPTION),
    # the name of a body or a place is asked by the noun it is the name of; the last noun heads
    ("What was the name of the business Gordon Pruitt owned?", ORG),
    ("What is the name of the hospital where he was treated?", ORG),
    ("What is the name of the hospital spokeswoman?", PERSON),
    ("What is the name of the interpreter?", PERSON),
    ("What is the name of the harbour master?", PERSON),
]


@pytest.mark.parametrize(("question", "expected"), TYPED)
def test_answer_type(question, expected):
    assert answer_type(question) == expected


@pytest.mark.parametrize(("question", "expected"), TYPED)
def test_analyse_agrees_with_answer_type(question, expected):
    q = analyse(question)
    assert q.text == question
    assert q.answer_type == expected
    assert q.answer_type in ANSWER_TYPES


def test_every_question_gets_a_known_type():
    for question in ("", "?", "Riverton", "bridge collapse", "Tell me about the storm."):
        assert answer_type(question) in ANSWER_TYPES


def test_leading_conjunction_does_not_change_the_type():
    assert answer_type("And when did the bridge collapse?") == DATE
    assert answer_type("So where did the storm hit?") == PLACE
    assert answer_type("But why did the council delay the vote?") == REASON


def test_terms_are_stemmed_content_words_without_question_words():
    q = analyse("How many people were injured in the collapse?")
    assert q.terms == ("peopl", "injur", "collaps")
    for wh in ("how", "mani", "many", "were", "in", "the"):
        assert wh not in q.terms
    assert q.term_set == frozenset(q.terms)


@pytest.mark.parametrize(("question", "expected"), [
    ("At what time did the mayor concede?", ("mayor", "conced")),
    ("At what hour did the polls close?", ("poll", "close")),
    ("On which day did the bridge reopen?", ("day", "bridg", "reopen")),  # "day" is like "Monday"
    ("How many days did the count take?", ("day", "count", "take")),  # the unit counted is a word to find
    ("What time zone is Norland in?", ("time", "zone", "norland")),  # not a date question
])
def test_the_unit_a_date_question_asks_for_is_no_term(question, expected):
    assert analyse(question).terms == expected


def test_proper_names_skip_the_first_word_and_function_words():
    q = analyse("How old is Mayor Ann Lee?")
    assert q.proper == ("mayor", "ann", "lee")
    # The first word is capitalised only because it starts the sentence.
    assert analyse("Santos said what about the beams?").proper == ()
    assert analyse("When did the bridge collapse?").proper == ()


def test_focus_is_the_head_noun_after_the_wh_word():
    assert analyse("How many people were injured in the collapse?").focus == ("peopl",)
    assert analyse("Which agency inspected the bridge?").focus == ("agenc",)
    assert analyse("In which region did the storm hit?").focus == ("region",)
    assert analyse("When did the bridge collapse?").focus == ()


def test_focus_skips_names_before_the_head_noun():
    # the kind asked for is the noun, with its lower-case modifiers; the names are not a kind
    assert analyse("Which Norlandic ministry ordered the repairs?").focus == ("ministri",)
    assert analyse("Which elite Vestian unit guarded the bridge?").focus == ("elit", "unit")
    assert analyse("Which Coast Guard officer counted the rescues?").focus == ("offic",)


def test_words_are_lower_case_surface_forms():
    q = analyse("Which Agency inspected the Bridge?")
    assert {"which", "agency", "inspected", "the", "bridge"} <= q.words


@pytest.mark.parametrize(("question", "kind"), [
    ("What did the mayor say about how fast the river rose?", "quote"),  # "how fast" is inside what was said
    ("How many homes did the mayor say were lost?", "number"),
    ("Why did the engineer say how long the repairs would take?", "reason"),
])
def test_the_opening_wh_phrase_decides_the_type(question, kind):
    assert answer_type(question) == kind


@pytest.mark.parametrize(("question", "kind"), [
    ("Who is Dana Holt?", "description"),  # she is named: what she is answers ("a hydrologist at ...")
    ("Who was President Karl Ober of Vestia?", "description"),
    ("Who is the mayor of Weston?", "person"),  # a role: the name answers
    ("Who is Dana Holt working for?", "person"),
])
def test_who_is_a_named_person_asks_what_they_are(question, kind):
    assert answer_type(question) == kind


@pytest.mark.parametrize(("question", "expanded"), [
    ("What's the name of the ferry?", "What is the name of the ferry?"),
    ("Who’s in charge?", "Who is in charge?"),
    ("Who's been hurt?", "Who has been hurt?"),
    ("What did the ferry's captain say?", "What did the ferry's captain say?"),  # a possessive stays
])
def test_contractions_are_expanded(question, expanded):
    assert expand_contractions(question) == expanded


@pytest.mark.parametrize(("word", "person"), [("captain", True), ("lobsterman", True), ("daughters", True),
                                              ("ferry", False), ("dog", False), ("name", False)])
def test_person_nouns(word, person):
    assert is_person_noun(word) == person


@pytest.mark.parametrize(("question", "dropped"), [
    ("What time of night did the convoy reach the ring road?", {"time", "night"}),
    ("At what time did the convoy reach the ring road?", {"time"}),
])
def test_the_unit_of_a_time_question_is_no_search_term(question, dropped):
    q = analyse(question)
    assert not dropped & set(q.terms)
    assert {"convoy", "ring", "road"} <= set(q.terms)
