"""A bare clock time after a capitalised "At", an age said after a relative clause or under a fact box's "Age:"
label, a name asked for by a person noun, what something cost, a blame asked of a speaker, "look like" as appearance,
what a thing is made of, a transcript's answer after a short acknowledgement, a cause told before "This allowed ...",
a job asked of someone with a title before their name, "who runs the café" for its manager, a speaker named in full,
words asked of someone the text never quotes, a list's heading carried into its items, a place under a named place,
", who" after a person's name, no name for a thing that only lies under one, how someone moved (not what they held),
"can claim", a sum that is the price of something else or a payment the question does not name, "what will the
weather be like" asked of articles that never speak of it, a manager who runs a place quoted as "he", a phrase with
what "and" joins to it, "the other" of a named thing, a place with the street that puts it in the town asked about,
"4 in the morning" as a time, no comment from whom a "why" asks about, a line's label that is no name, and two ages of one named person. The articles
(a burst water main that flooded an invented town library) are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_texts, kinds_in, violation_in

from qa.chat import rewrite
from qa.question import DESCRIPTION, NUMBER, PERSON, QUOTE, REASON, analyse, answer_type
from qa.spans import AGE as AGE_KIND
from qa.spans import NAME
from qa.spans import DATE as DATE_KIND
from qa.spans import ORG as ORG_KIND
from qa.spans import PERSON as PERSON_KIND
from qa.spans import PLACE as PLACE_KIND
from qa.spans import materials, name_kind_at
from qa.text import stem

WIRE = """Burst main floods Harrowgate library

HARROWGATE, Feb 4 (Northline News) - A burst water main flooded the basement of Harrowgate Central Library on Monday night, destroying about 3,000 books, the town council said.

The leak was found at 5:15 a.m. on Tuesday by caretaker Bernard Quill, who saw water running under the front doors.

Head librarian Nadia Okonjo said the rare map collection had been saved. "Nothing irreplaceable was lost," she said.

The council's chief engineer, Tomasz Wren, said a cast-iron pipe laid in 1911 had cracked in the frost. "A pipe that old should have been replaced years ago," Wren said.

Pumps removed the water by Wednesday afternoon.

Quill opened the basement with a spare key and waded in through the side door.

In 2022 the council rejected a leak-detection system costing about £90,000.

The library's insurer has offered a £5,000 reward for the return of an atlas that went missing during the clean-up.
"""

HEARING = """HARROWGATE TOWN COUNCIL
COMMUNITY COMMITTEE
Transcript (extract)

CHAIR ELSPETH MARROW: Thank you all for coming. Mr Wren, the repair.

TOMASZ WREN: At 6:40 on Tuesday morning my duty crew shut the valve on Mill Lane. The basement was under forty centimetres of water by then.

COUNCILLOR DAVID ASHBY: I want to ask about the books. Residents were told on Thursday that the library would be shut for a month. Why did nobody warn them sooner?

TOMASZ WREN: It is a fair question. For the whole of Tuesday we believed the ground floor could open again within a day.

COUNCILLOR DAVID ASHBY: And what has the flood cost the town so far?

MARTHA PENROSE: Our first estimate is forty-two thousand pounds, most of it for drying the basement.
"""

UPDATE = """HARROWGATE CENTRAL LIBRARY
Update for readers

About the building

- Opened: 1902
- Architect: Hubert Lyle
- Appearance: a red-brick front with a copper dome, tall arched windows and a clock above the door
- Age: 123 years

What went wrong

The iron valve under the pavement had rusted and seized. This allowed water to pour into the basement for almost six hours.

The roof of the reading room is made of toughened glass panels on an oak frame.

The water spread into a storage room under the Castle Street gardens.

A storm on Monday night had blocked a storm drain under the Castle Street gardens.

Crews pumped water from the stairwell while Quill crawled in from the car park side with a lamp and a rope.

Officials said the repair crew had replaced every valve and gasket.

Until it reopens, shuttle buses will take readers to City Hall on Bridge Street in Harrowgate.

The café in the foyer stays open. Colm Hartigan, who runs the café, is sixty-one and has baked for the library's readers since 1998.
"""

COLUMN = """Wet feet and dry maps

The deputy librarian met us at the side entrance on Tuesday.

She said the front doors had let the water in overnight.

She was still shaking.

"We carried the maps upstairs in bin bags and laundry baskets," she said.

The bookseller Ivo Brandt, 61, lent the library two dehumidifiers.
"""

LETTER = """Letter: a neighbour's cellar

Ivo Brandt, who runs the bookshop next door, is fifty-eight and a patient man.

He rang me on Wednesday and I could tell before he said anything that the cellar was gone.

His voice was quiet.

He told me the water had reached his cellar overnight, and that old Rufus, who was twelve, had been carried upstairs.

"It's nobody's fault but the pipe's," he said.

The regional water company did not respond to a request for comment.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    articles = {"wire": WIRE, "hearing": HEARING, "update": UPDATE, "column": COLUMN, "letter": LETTER}
    return assistant_over_texts("library_flood", articles, tmp_path_factory, embedder)


def test_a_bare_clock_time_after_a_capitalised_at():
    assert "At 6:40" in kinds_in("At 6:40 on Tuesday morning my duty crew shut the valve.", DATE_KIND)
    assert "6" not in kinds_in("At 6:40 on Tuesday morning my duty crew shut the valve.", "number")


def test_an_age_after_a_relative_clause_and_under_a_label():
    assert "sixty-one" in kinds_in("Colm Hartigan, who runs the café, is sixty-one and has baked here since 1998.", AGE_KIND)
    assert "fourteen" in kinds_in("They lost old Wilfred, who was fourteen and the oldest.", AGE_KIND)
    assert "123 years" in kinds_in("- Age: 123 years", AGE_KIND)
    assert not kinds_in("Anna was 3 and a half.", AGE_KIND)


def test_the_age_of_the_man_who_runs_the_cafe(assistant):
    assert assistant.ask("How old is the man who runs the library café?").answer == "sixty-one"


def test_the_name_of_a_person_noun_is_a_person():
    assert answer_type("What is the name of the caretaker who called the police?") == PERSON
    assert answer_type("What did the caretaker say when he called the police?") == QUOTE


def test_what_something_cost_is_a_sum(assistant):
    assert answer_type("What has the flood cost the town so far?") == NUMBER
    assert answer_type("What did the cost cuts mean for staff?") == DESCRIPTION
    assert assistant.ask("What has the flood cost the town, according to the council?").answer \
        == "forty-two thousand pounds"


def test_blame_asked_of_a_speaker_is_what_they_said():
    assert answer_type("What did the engineer say about who was to blame for the leak?") == QUOTE
    assert answer_type("What did the report blame for the leak?") == REASON


def test_look_like_asks_for_appearance():
    q = analyse("What does the library look like?")
    assert stem("appearance") in q.terms and "like" not in q.terms


def test_what_a_thing_is_made_of(assistant):
    text = "The roof of the reading room is made of toughened glass panels on an oak frame."
    found = [c.text for c in materials(text, 0, len(text))]
    assert "toughened glass panels on an oak frame" in found and "toughened glass panels" in found
    assert "toughened glass panels" in assistant.ask("What is the roof of the reading room made of?").answer


def test_an_answer_after_a_short_acknowledgement(assistant):
    answer = assistant.ask("Why were residents not warned sooner that the library would close?")
    assert "we believed the ground floor could open again" in answer.answer


def test_a_cause_told_before_this_allowed(assistant):
    answer = assistant.ask("Why was water able to pour into the basement?")
    assert "had rusted and seized" in answer.answer


def test_a_job_is_the_title_before_a_name(assistant):
    answer = assistant.ask("What is his job?", history=["Who found the leak on Tuesday morning?"])
    assert answer.answer.lower() == "caretaker"


def test_who_runs_the_cafe_is_its_manager(assistant):
    start = UPDATE.index("Colm Hartigan")
    assert name_kind_at(UPDATE, start, start + len("Colm Hartigan")) == PERSON_KIND
    assert assistant.ask("Who is the manager of the library café?").answer == "Colm Hartigan"
    assert assistant.ask("What is the name of the manager of the storage room?").abstained  # no "who leads" of it


def test_a_speaker_named_in_full_says_only_their_own_words(assistant):
    answer = assistant.ask("What did caretaker Bernard Quill tell reporters about the front doors?")
    # (not the deputy librarian's words, given as "she said" after sentences about the front doors, nor anyone's
    # "he said" in the letter: the caretaker is never quoted)
    assert answer.abstained and "bin bags" not in answer.message, answer.answer


def test_a_fact_box_line_carries_its_heading(assistant):
    assert "a red-brick front with a copper dome" in assistant.ask("What does the library building look like?").answer


def test_a_place_under_a_named_place(assistant):
    text = "The water spread into a storage room under the Castle Street gardens."
    assert "a storage room under the Castle Street gardens" in kinds_in(text, PLACE_KIND)


def test_words_asked_of_someone_the_text_never_quotes(assistant):
    # the sentences that name the caretaker say what he saw and did, not what he said
    answer = assistant.ask("What did caretaker Bernard Quill tell reporters about finding the leak on Tuesday?")
    assert answer.abstained, answer.answer


def test_a_thing_under_a_named_place_is_not_named_by_it(assistant):
    answer = assistant.ask("What was the name of the storm on Monday night?")
    assert answer.abstained, answer.answer


def test_how_someone_moved_is_not_what_they_held(assistant):
    answer = assistant.ask("How did the caretaker get into the basement?")
    assert "waded in" in answer.answer and "spare key" not in answer.answer


def test_can_claim_asks_for_no_words():
    assert answer_type("What is the most a reader can claim for a lost book?") != QUOTE
    assert answer_type("What did the council claim about the pipe?") == QUOTE


def test_a_sum_priced_for_something_else(assistant):
    answer = assistant.ask("How much will the library's new pumps cost?")
    assert answer.abstained and "price of the system" in answer.message


def test_a_payment_the_question_does_not_name(assistant):
    answer = assistant.ask("How much does the library pay to insure its books?")
    assert answer.abstained and "reward" in answer.message
    assert assistant.ask("How big a reward has the insurer offered?").answer == "£5,000"


def test_a_manager_who_runs_a_place_speaks_as_he_and_his(assistant):
    # "Ivo Brandt, who runs the bookshop", then "He rang ... His voice ... He told me ... old Rufus, who was twelve
    # (a dog, no person) ... “...,” he said"
    start = LETTER.index("Rufus")
    assert name_kind_at(LETTER, start, start + len("Rufus")) != PERSON_KIND
    assert not kinds_in("I could tell before he said anything that the cellar was gone.", QUOTE)
    assert "Wednesday and I" not in kinds_in("He rang me on Wednesday and I could tell.", NAME)
    answer = assistant.ask("What did the bookshop manager say about who was to blame for the flooded cellar?")
    assert answer.answer == "It's nobody's fault but the pipe's"


def test_what_a_thing_is_like_needs_a_passage_about_it(assistant):
    answer = assistant.ask("What will the weather be like in Harrowgate next week?")
    assert answer.abstained and "weather" in answer.message


def test_a_phrase_keeps_what_and_joins_to_it(assistant):
    assert assistant.ask("What did the repair crew replace?").answer == "every valve and gasket"
    assert assistant.ask("How did Quill get to the flooded boiler?").answer.endswith("with a lamp and a rope")


def test_the_other_of_a_named_thing():
    assert rewrite("And the other balloon?", ["Where did the Copper Finch's basket come to rest?"]) \
        == "Where did the other balloon's basket come to rest?"


def test_a_place_with_the_street_that_puts_it_in_the_town(assistant):
    question = "Where in Harrowgate will the shuttle buses take readers?"
    # "City Hall" alone is not said to be in Harrowgate, but the same words with the street after them are: the
    # failure does not stand in the way of the wider place
    why = violation_in(assistant, question, "Until it reopens", "City Hall")
    assert why is not None and "Harrowgate" in why and why.wider
    assert assistant.ask(question).answer == "City Hall on Bridge Street"


def test_an_hour_of_the_morning_is_a_time():
    assert "at 4 in the morning" in kinds_in("They fled at 4 in the morning, most of them in pyjamas.", DATE_KIND)


def test_no_comment_from_whom_a_why_asks_about(assistant):
    answer = assistant.ask("Why did the regional water company leave the old pipe in the ground?")
    assert answer.abstained and "not known" in answer.message and "did not respond" in answer.message


def test_a_lines_label_is_no_name():
    notice = "READERS' NOTICE\nIncident update: burst main at Harrowgate Central Library"
    assert "Incident" not in kinds_in(notice, NAME) and "Harrowgate Central Library" in kinds_in(notice, ORG_KIND)


def test_two_ages_of_one_named_person_disagree(assistant):
    answer = assistant.ask("How old is Ivo Brandt?")
    assert answer.disagreement, answer.answer
    assert {a.answer for a in answer.agreement} == {"fifty-eight", "61"}
