"""Days said as ordinals ("the fourth of May"), when an event someone owns takes place ("When is Ferrand's
funeral?"), a date of birth asked with a name, appositions after an age or a middle name, a role in apposition before
a name, a timeline entry's first word, "why" asked and answered in a transcript's turns, "they" after a question about
someone's wife, a time to come counted in weeks, words of an e-mail address, when something happened, and a
temperature, what a thing is made of, which day, who chairs a hearing, and which company did what. The articles (a fire at an invented
paper mill) are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_texts, kinds_in

from qa import normalize
from qa.chat import rewrite
from qa.question import DATE, answer_type
from qa.spans import DATE as DATE_KIND
from qa.spans import PERSON as PERSON_KIND
from qa.spans import candidates, lower_words, materials, name_kind_at, phrases

WIRE = """Fire guts Brackwater paper mill; one worker dead

HALLORAN BRIDGE, June 9 (Northern Wire) — A fire tore through the Brackwater paper mill on Sunday night, killing one worker and forcing the evacuation of two streets.

Relatives named the dead man as Tobias Ferrand, 47, a boiler attendant from Lisket who had worked at the mill since 1999.

Halloran Bridge's mayor, Petra Wildenstein, opened the public library as a rest centre for families.

The mill is owned by Fennimore Papers, which said it was cooperating with the Fire Safety Board.

The mill's drying hall, a brick building from 1968, was destroyed. Its new boiler was supplied by Harrow Engineering.
"""

OBITUARY = """Tobias Ferrand, 1977-2025: "He loved the night shift"

Tobias Edwin Ferrand, the boiler attendant who died in the Brackwater fire, has been remembered as a gentle man who sang to the machines.

He was born on 2 May 1977 in Lisket and lived there all his life.

His wife, Marit, whom he married in 2001, said he had gone in early to cover for a friend.

The funeral will be held at St Wenna's Chapel, Lisket, on Thursday 19 June at 2 p.m.
"""

HEARING = """Oral evidence: the fire at the Brackwater paper mill

CHAIR OLWEN STRAUB: Ms. Hadley, when did the sprinkler pump stop working?

MS. HADLEY: The sprinkler pump failed on the fourth of May because its seal cracked.

CHAIR OLWEN STRAUB: Why was the pump not repaired sooner?

MS. HADLEY: The pump is made by one firm abroad, Chair, and the spare part was held up at customs.

CHAIR OLWEN STRAUB: Dr. Kessog, when will the Board report?

DR. KESSOG: A first report in about ten weeks.
"""

NOTICE = """FENNIMORE PAPERS: INCIDENT TIMELINE

- 8 June, 23:10 - Fire reported in the drying hall.
- 9 June, 04:30 - Fire declared under control.
- 9 June, 14:30 - First body recovered from the drying hall.

Press office: press@fennimore.lisket.example
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    articles = {"wire": WIRE, "obituary": OBITUARY, "hearing": HEARING, "notice": NOTICE}
    return assistant_over_texts("mill", articles, tmp_path_factory, embedder)


def test_a_day_said_as_an_ordinal_is_a_date():
    text = "The sprinkler pump failed on the fourth of May because its seal cracked."
    found = kinds_in(text, DATE_KIND)
    assert "the fourth of May" in found
    text = "It opened on the 21st of March 2024."
    assert "the 21st of March 2024" in [c.text for c in candidates(text, 0, len(text))]
    # the same day, however it is written
    assert normalize.key("the fourth of May", DATE) == normalize.key("4 May", DATE)
    assert normalize.key("the twenty-first of June", DATE) == normalize.key("21st June", DATE)


def test_when_did_it_fail(assistant):
    assert assistant.ask("When did the sprinkler pump break down?").answer == "the fourth of May"


def test_when_is_someones_funeral(assistant):
    # not the year of his birth in the headline that names him
    answer = assistant.ask("When is Tobias Ferrand's funeral?")
    assert "Thursday 19 June" in answer.answer


def test_a_date_of_birth_asked_with_a_name():
    assert answer_type("What is Tobias Ferrand's date of birth?") == DATE
    assert answer_type("What is Fennimore Papers?") != DATE


def test_half_a_quotation_is_no_phrase():
    text = 'Tobias Ferrand, 1977-2025: "He loved the night shift and the men on it"'
    found = [c.text for c in phrases(text, 0, len(text))]
    assert found and all(t.count('"') % 2 == 0 for t in found)


def test_what_was_his_job(assistant):
    # after his age ("Ferrand, 47, a boiler attendant") or a middle name ("Tobias Edwin Ferrand, the boiler attendant")
    assert "boiler attendant" in assistant.ask("What was Tobias Ferrand's job?").answer


def test_a_role_in_apposition_before_a_name():
    start = WIRE.index("Petra Wildenstein")
    assert name_kind_at(WIRE, start, start + len("Petra Wildenstein")) == PERSON_KIND


def test_who_is_the_mayor(assistant):
    assert assistant.ask("Who is Halloran Bridge's mayor?").answer == "Petra Wildenstein"


def test_a_timeline_entrys_first_word_is_no_name():
    line = "- 9 June, 14:30 - First body recovered from the drying hall."
    assert not [c for c in candidates(line, 0, len(line)) if c.text.startswith("First")]
    line = "- 9 June, 16:00 - Lisket Fire Station stands down."
    assert "Lisket Fire Station" in [c.text for c in candidates(line, 0, len(line))]


def test_why_answered_in_the_next_turn(assistant):
    answer = assistant.ask("Why had the broken sprinkler pump not been repaired sooner?")
    assert "held up at customs" in answer.answer and not answer.answer.startswith("MS.")


def test_they_after_a_question_about_his_wife(assistant):
    history = ["Who is Tobias Ferrand's wife?"]
    assert rewrite("When did they get married?", history, "Marit") == "When did Tobias Ferrand and Marit get married?"
    assert rewrite("When did they get married?", history, "") == "When did Tobias Ferrand and the wife get married?"
    assert assistant.ask("When did they get married?", history=history).answer in ("2001", "in 2001")


def test_a_time_to_come_in_weeks(assistant):
    assert assistant.ask("When does Dr. Kessog expect a first report?").answer == "in about ten weeks"
    text = "The crews put the fire out in six hours."
    assert not [c for c in candidates(text, 0, len(text)) if c.kind == DATE_KIND]


def test_words_of_an_email_address_are_not_lower_case_words():
    words = lower_words(NOTICE)
    assert "lisket" not in words and "drying" in words


def test_when_did_it_happen_prefers_a_passage_that_says_it(assistant):
    # "married" in the passage, not the years of his life in the headline that names him
    assert assistant.ask("When did Tobias Ferrand marry?").answer in ("2001", "in 2001")


def test_a_temperature_is_in_degrees(assistant):
    answer = assistant.ask("What temperature did the boiler reach before the fire?")
    assert answer.abstained and "temperature" in answer.message  # not "47", his age


def test_what_a_thing_is_made_of(assistant):
    assert assistant.ask("What was the drying hall built from?").answer == "brick"
    assert [c.text for c in materials("an earthen levee and reinforced concrete walls", 0, 44)] == [
        "earthen", "reinforced concrete"]


def test_what_is_expected_is_still_to_come():
    from qa.constraints import _FUTURE

    assert _FUTURE.search("We expect this to be no earlier than Saturday.")
    assert not _FUTURE.search("The mill first opened in 1921.")


def test_a_clock_time_is_no_day():
    from qa.constraints import _UNIT_ASKED

    asked, shape, name = _UNIT_ASKED[0]
    assert name == "a day" and asked.search("On which day did Tobias Ferrand die?")
    assert not shape.search("about 4 a.m.") and shape.search("Sunday") and shape.search("9 June")


def test_who_chairs_is_the_label_that_gives_the_post(assistant):
    # "CHAIR OLWEN STRAUB: ..." opens her turns; the witness who answers her does not chair
    assert "OLWEN STRAUB" in assistant.ask("Who chairs the hearing into the fire?").answer


def test_what_is_no_date_nor_a_couple_nor_a_craft():
    from qa.features import _LED_CRAFT
    from qa.question import DESCRIPTION

    text = "In March the first phase was done, and the worst flooding in 50 years came."
    assert kinds_in(text, DATE_KIND) == ["March"]
    assert rewrite("Where do they live?", ["Was Tobias Ferrand's wife at home?"], "") == \
        "Where do Tobias Ferrand and the wife live?"
    assert "Fennimore Papers and" not in rewrite("When did they take over?", ["Who is Fennimore Papers's chief?"], "")
    assert _LED_CRAFT.search("Who was in command of the ferry when it sank?")
    assert not _LED_CRAFT.search("Who runs the ferry company?")
    assert answer_type("What is Fennimore Papers's business?") == DESCRIPTION
    text = "walls of reinforced concrete and steel by the lead investigator on Iron Street"
    assert [c.text for c in materials(text, 0, len(text))] == ["reinforced concrete and steel"]


def test_which_room_asks_for_a_place():
    from qa.question import PLACE

    assert answer_type("Which room were the paintings taken from?") == PLACE
    assert answer_type("On which floor did the fire start?") == PLACE


def test_which_company_needs_a_passage_about_its_trade(assistant):
    assert assistant.ask("Which company supplied the boiler?").answer == "Harrow Engineering"
    answer = assistant.ask("Which company insured the mill?")  # no passage speaks of insuring it
    assert answer.abstained and "insured" in answer.message
