"""A unit said with a hyphen ("33,000-volt"), a name after a noun and its relative clause ("the forecaster who
wrote the briefing, Ida Brant"), a vessel's name that is no one's, a "which" question answered by a name, the agent of
a passive that is not a source ("prepared by X, warned"), the time a live blog's entry stands under, the "I" of a
signed letter and of an interview's answers, a person "of" a body, a name within a building's, the kinds of answer
some nouns ask for, the whole group of "how many of", when an event no passage speaks of happens, and "sailed by X"
calling X the skipper. The articles (a storm at an invented regatta) are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_texts, kinds_in

from qa.question import NUMBER, ORG, PLACE, answer_type
from qa.spans import NUMBER as NUMBER_KIND
from qa.spans import candidates, interviewee, phrases, turn_speaker

WIRE = """By Tove Marrin

HALSTED, June 2 (Northsea Wire) - A squall capsized two yachts during the Halsted regatta on Saturday, and a crew member was taken to hospital.

The yachts had set off from Gull Strand, the beach below the clubhouse.

A second yacht, the Grey Petrel, also lost its mast. Its skipper, Nora Vell, sailed it back to the harbour.

The forecaster who wrote the morning briefing, Ida Brant, did not answer calls.

The briefing, prepared by the private forecaster Skerry Weather Services, warned of gusts after noon.

The mast of the Tern struck the 11,000-volt cable that crosses the harbour mouth.

Rescuers took 6 crew members to hospital. Two of the club's eight safety boats were out of service.

The harbour will stay closed until at least Monday because divers are searching for the mast.

The Tern was sailed by Jonas Ekdahl of Halsted Sailing School. The injured crew member was treated at St. Brigid's General Hospital in Morrow Bay.
"""

BLOG = """LIVE: Squall hits Halsted regatta

09:30
The first race is under way in light winds.

11:05 — Update
The regatta is cancelled for the rest of the day, the club's commodore says.
"""

LETTER = """Letters: the cable should have been buried

Sir,

I have lived on Quay Row for thirty years, and I sailed in the regatta until 2015. I gave up racing after a knee operation made climbing aboard more of a struggle than a sport.

I have asked the harbour board to move the cable twice.

Piet Ambler
Quay Row, Halsted
"""


INTERVIEW = """"We sailed on the forecast we had"

The Halsted Examiner, Monday, June 4

Greta Solvang, 48, has run the Halsted regatta since 2012, when she took over from its founder. On Saturday a squall capsized two yachts during the first race, and the rest of the regatta was cancelled.

Q: Where were you when the squall hit?
A: I was on the committee boat, by the start line, with the race officer.

Q: Will there be a regatta next year?
A: The club decides that in September.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    articles = {"wire": WIRE, "blog": BLOG, "letter": LETTER, "interview": INTERVIEW}
    return assistant_over_texts("regatta", articles, tmp_path_factory, embedder)


def test_a_unit_after_a_hyphen_belongs_to_the_number():
    text = "The mast struck the 11,000-volt cable and a 15-metre wall, and a 20-year-old was hurt."
    found = kinds_in(text, NUMBER_KIND)
    assert "11,000-volt" in found and "15-metre" in found and "20-year" not in found


def test_nouns_that_ask_for_a_kind_of_answer():
    assert answer_type("What voltage was the cable?") == NUMBER
    assert answer_type("From which beach did the yachts set off?") == PLACE
    assert answer_type("From which field did the balloons take off?") == PLACE
    assert answer_type("What was the name of Piet Ambler's sailing club?") == ORG


def test_what_voltage_is_the_number_with_its_unit(assistant):
    assert assistant.ask("What voltage was the cable the mast struck?").answer == "11,000-volt"


def test_a_name_after_a_noun_and_its_relative_clause_is_called_by_the_noun(assistant):
    assert assistant.ask("Which forecaster wrote the morning briefing?").answer == "Ida Brant"


def test_a_vessels_name_is_no_ones(assistant):
    answer = assistant.ask("Who sailed the second yacht back to the harbour?")
    assert answer.answer != "Grey Petrel"


def test_which_place_is_answered_by_its_name(assistant):
    assert assistant.ask("From which beach did the yachts set off?").answer == "Gull Strand"


def test_the_agent_of_a_passive_is_not_a_source(assistant):
    # "prepared by ... [Skerry Weather Services], warned of gusts": it prepared the briefing, it is no source quoted
    answer = assistant.ask("Which firm prepared the morning briefing?")
    assert answer.answer == "Skerry Weather Services"


def test_the_time_a_live_blog_entry_stands_under(assistant):
    answer = assistant.ask("At what time did the live blog report that the regatta was cancelled?")
    assert answer.answer == "11:05"


def test_the_i_of_a_signed_letter_is_its_writer(assistant):
    answer = assistant.ask("Why did Piet Ambler give up racing?")
    assert "knee operation" in answer.answer


def test_a_person_of_a_body_is_two_names():
    text = "The Tern was sailed by Jonas Ekdahl of Halsted Sailing School, near the Bank of England."
    found = [c.text for c in candidates(text, 0, len(text))]
    assert "Jonas Ekdahl" in found and "Halsted Sailing School" in found and "Bank of England" in found


def test_a_name_within_a_buildings_name_is_not_its_town(assistant):
    answer = assistant.ask("In which town is the hospital where the crew member was treated?")
    assert answer.answer == "Morrow Bay"


def test_an_interview_answer_is_the_interviewees():
    text = INTERVIEW
    assert interviewee(text) == "Greta Solvang"
    assert turn_speaker(text, text.index("I was on"))[0] == "Greta Solvang"
    assert turn_speaker(text, text.index("Where were you")) is None  # the interviewer's question


def test_where_the_interviewee_says_she_was(assistant):
    answer = assistant.ask("Where was Greta Solvang when the squall hit?")
    assert "committee boat" in answer.answer


def test_a_clause_is_not_cut_inside_a_clock_time_or_a_number():
    text = "In 2019, the mast hit the 11,000-volt cable at 7:18 a.m. on Saturday, near the pier."
    found = [c.text for c in phrases(text, 0, len(text))]
    assert "the mast hit the 11,000-volt cable at 7:18 a.m. on Saturday" in found and "In 2019" in found
    assert not any(piece.endswith(("at 7", "the 11")) for piece in found)


def test_how_many_of_a_group_is_not_the_whole_group(assistant):
    # "Rescuers took [6] crew members to hospital" counts the group, not those of it still there
    assert assistant.ask("How many of the crew members taken to hospital were still there on Monday?").abstained
    assert assistant.ask("How many of the club's safety boats were out of service?").answer == "Two"


def test_when_an_event_happens_needs_a_passage_about_it(assistant):
    # no inquiry is mentioned: the day of the squall or of the reopening is no answer
    assert assistant.ask("When did the public inquiry into the capsize begin?").abstained
    assert "Monday" in assistant.ask("Until when will the harbour stay closed?").answer


def test_the_agent_of_a_passive_is_called_by_its_noun(assistant):
    # "The Tern was sailed by Jonas Ekdahl": its skipper, though nothing calls him so
    answer = assistant.ask("Who was the skipper of the Tern?")
    assert not answer.abstained and answer.answer == "Jonas Ekdahl"
