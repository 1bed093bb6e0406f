"""Who is leading or in charge of a body (a progressive verb, the chief of the members a body is named after, a
title in capitals after a name, a body that shares only a word), one-word causes, the size of the whole in "how many
of", the byline of a report, a transcript speaker's own turn, "through what" and "from where" a thing went, "What is
X like?", whom "he" or "she" speaks of, a sum in a currency no list names, and what is no reason. The articles (a
fire in an invented road tunnel) are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_texts

from qa.features import Signals
from qa.question import DESCRIPTION, analyse
from qa.spans import REASON, candidates, locations, reasons

WIRE = """By Hanna Morrow

ORSKAL, May 4 (Northline) - Fire broke out in the Brenner Gap road tunnel on Sunday, trapping drivers for hours, officials said.

"Everyone is out, and everyone is breathing," said Major Lisbet Aronne, the commander of the firefighting operation, at the tunnel portal.

Sergeant Ola Brandt, of the firefighting operation, drove the first engine into the tunnel.

Nine others from the convoy of 40 turned back before the smoke reached them.

Most of the trapped drivers escaped within the first hour of the fire.

The trapped drivers escaped through a side tunnel that runs beside the main bore.

Water for the hoses was pumped from the service tunnel.

The Highway Safety Inspectorate said it had opened an inquiry. Its chief inspector, Tomas Ilvey, declined to comment. The highest fine the inspectorate can impose is 60,000 varns.

"We will reopen the road as soon as it is safe," said Edgar Pell, Chief Executive Officer of Gap Highway Holdings.

The drivers' association said the ventilation fans had failed due to negligence.

In Velden, a town of steep cobbled streets two kilometres from the portal where most of the drivers live, families waited at the station.

The evacuation order covering Velden and the farms of the upper gap was issued at 18:30 on Sunday after the wind turned towards the town.

That is because the office that is supposed to inspect the fans, the Tunnel Works Office, is too small to do its job.

Timeline:
- Sun 18:30 — Evacuation order issued for Velden.

(Reporting by Hanna Morrow; Editing by Piet Lund)
"""

RADIO = """ORSKAL RADIO - EVENING

HOST: With me is Rune Sallis of the drivers' association. Mister Sallis, what went wrong?

SALLIS: The fans were old. We asked for new ones and we were told to wait. The maintenance budget was cut by a quarter last year.

HOST: Thank you.
"""


PROFILE = """THE FIRST ONE IN

Two drivers were carried out of the tunnel by the crews of Orskal fire station.

One, a wiry 34-year-old, had spent the night in his lorry. Firefighters said he was cold but unhurt. He later told them he wanted to drive the Gap road again next week.

A second driver, aged 51, was taken to hospital.

Mara Lind, 29, is a firefighter at Orskal fire station. On Sunday night she was the first to reach the lorry in the smoke.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    articles = {"wire": WIRE, "radio": RADIO, "profile": PROFILE}
    return assistant_over_texts("tunnel", articles, tmp_path_factory, embedder)


def test_who_is_commanding_asks_for_the_commander(assistant):
    assert "command" in Signals.asked_nouns(analyse("Who is commanding the firefighting operation?"))
    assert assistant.ask("Who is commanding the firefighting operation?").answer.endswith("Lisbet Aronne")


def test_the_chief_of_the_members_a_body_is_named_after_heads_it(assistant):
    # "Its chief inspector" heads the Inspectorate; the chief executive of Gap Highway Holdings does not, though
    # both names hold "Highway"
    answer = assistant.ask("Who is in charge of the Highway Safety Inspectorate?")
    assert answer.answer == "Tomas Ilvey"


def test_a_title_in_capitals_after_a_name_describes_it(assistant):
    answer = assistant.ask("Who is the chief executive of the company that runs the tunnel road?")
    assert not answer.abstained and answer.answer == "Edgar Pell"


def test_one_word_after_a_marker_of_cause_is_a_reason():
    text = "The fans had failed due to negligence, and the lights failed for days."
    found = [c.text for c in reasons(text, 0, len(text))]
    assert "due to negligence" in found
    assert not any(c.text == "days" for c in candidates(text, 0, len(text)) if c.kind == REASON)
    text = "The fans had failed because of it."
    assert "because of it" not in [c.text for c in reasons(text, 0, len(text))]


def test_one_word_reason_answers_why(assistant):
    answer = assistant.ask("According to the drivers' association, why had the ventilation fans failed?")
    assert "negligence" in answer.answer


def test_how_many_of_a_group_is_not_the_groups_size(assistant):
    # "Nine others from the convoy of [40]": 40 is the whole convoy
    assert assistant.ask("How many of the convoy turned back?").answer == "Nine"


def test_who_wrote_the_report_is_its_byline(assistant):
    answer = assistant.ask("Who wrote the Northline report from Orskal?")
    assert answer.answer == "Hanna Morrow"
    assert "Piet Lund" not in answer.answer  # the editor, not the writer


def test_a_transcript_turn_is_its_speakers(assistant):
    answer = assistant.ask("By how much does he say the maintenance budget was cut?", history=["Who is Rune Sallis?"])
    assert not answer.abstained and answer.answer == "a quarter"


def test_through_what_asks_for_a_thing_not_a_person():
    assert analyse("Through what did the drivers who were trapped escape?").answer_type == DESCRIPTION


def test_through_what_is_what_the_text_puts_after_through(assistant):
    answer = assistant.ask("Through what did the drivers who were trapped escape?")
    assert "side tunnel" in answer.answer


def test_places_after_from_and_through():
    text = "Water was pumped from the service tunnel and carried through a side tunnel."
    found = [c.text for c in locations(text, 0, len(text))]
    assert "the service tunnel" in found and "a side tunnel" in found


def test_from_where_is_answered_by_a_common_noun_place(assistant):
    assert "service tunnel" in assistant.ask("From where was the water for the hoses pumped?").answer


def test_what_is_a_place_like_is_its_apposition(assistant):
    answer = assistant.ask("What is Velden like?")
    assert answer.answer.startswith("a town of steep cobbled streets")


def test_he_is_followed_back_to_the_age_of_whom_it_speaks_of(assistant):
    # "He later told them he wanted to drive the Gap road again" is the "34-year-old" of two sentences before,
    # not the "second driver, aged 51" of the sentence after
    answer = assistant.ask("How old is the driver who wants to drive the Gap road again?")
    assert answer.answer in ("34", "34-year-old", "a wiry 34-year-old")
    # cited where the age is given, then where "he" is said to want it
    assert "34-year-old" in answer.citations[0].quote
    assert any("wanted to drive the Gap road again" in c.quote for c in answer.citations[1:])


def test_she_is_followed_back_to_her_name(assistant):
    answer = assistant.ask("Which firefighter was the first to reach the lorry?")
    assert answer.answer == "Mara Lind"


def test_a_sum_keeps_a_currency_the_reader_does_not_know(assistant):
    assert assistant.ask("What is the largest fine the inspectorate can hand out?").answer == "60,000 varns"


def test_a_single_word_or_a_time_is_no_reason(assistant):
    # not "covering" (between the question's words) nor the timeline's "Sun 18:30"
    answer = assistant.ask("Why was the evacuation of Velden ordered?")
    assert answer.answer == "after the wind turned towards the town"


def test_a_reason_keeps_the_apposition_of_its_subject():
    text = "That is because the office that is supposed to inspect the fans, the Tunnel Works Office, is too small to do its job."
    assert [c.text for c in reasons(text, 0, len(text))] == [
        "because the office that is supposed to inspect the fans, the Tunnel Works Office, is too small to do its job"]
