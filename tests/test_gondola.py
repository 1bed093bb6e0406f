"""Sums in currency codes ("EUR 300"), years before 1900, abbreviated months, people named by a line's label ("Host:",
"Media contact:"), follow-ups with "she" and "his", the daughter the question speaks of, a role after "a", a source
described as what the question asks, a company's name without its legal form, a place with its noun, the object of
"suffered", promises, a speaker called so in another article, a day told by an event, "when exactly", what is
priced, which answer more articles give, "he" after a question about someone's grandfather, what happened asked with
an age nearby, and a place at a named station. The articles (a gondola cabin that fell at an invented ski resort)
are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_texts, kinds_in, violation_in

from qa.chat import rewrite
from qa.question import QUOTE, answer_type, is_person_noun
from qa.spans import DATE as DATE_KIND
from qa.spans import NUMBER as NUMBER_KIND
from qa.spans import ORG as ORG_KIND
from qa.spans import PERSON as PERSON_KIND
from qa.spans import candidates, name_kind_at
from qa.text import stem, terms

WIRE = """Gondola cabin falls at Brandlsee resort, nine hurt

KESSLACH, March 3 (Alpenland Wire) — A cabin of the Brandlsee gondola dropped onto the snow on Sunday afternoon, injuring nine people, officials said.

The cabin, carrying 12 passengers, fell at around 3:40 p.m. near the middle pylon, according to Brandlsee Seilbahnen AG, the company that operates the lift.

The lift operator, Lukas Amsler, 49, suffered a bruised shoulder and was sent home on Sunday evening.

Passengers who were not hurt walked down the piste to Fennau station, where buses took them to Kesslach.

The gondola will stay closed until at least Sept. 1 because every cable must be tested before it can run again.

The resort's first lift opened in 1887 and was driven by a water wheel.

Tamara Grell, chief executive of Brandlsee Seilbahnen, apologised at a news conference in Kesslach on Monday.
"""

NOTICE = """BRANDLSEE SEILBAHNEN AG: INFORMATION FOR GUESTS

- Every passenger who was in the cabin will receive a goodwill payment of EUR 300.
- Season tickets will be refunded in full.

There were 14 passengers in the cabin, along with the lift operator and a young cabin attendant, Mira Solberg.

Media contact: Jonas Preller, head of communications, press@brandlsee.example
"""

TRANSCRIPT = """RADIO KESSLACH - EVENING DESK

Host: Oskar Brunnthaler (OB)
Guest: Ida Feldkirch (IF), chief inspector, Cableway Safety Office

OB: How many people were on board?

IF: The company's figures are 12 passengers and one operator.
"""

FEATURE = """The man at the lever

KESSLACH - Lukas Amsler does not like the word hero.

Amsler was at the lever on the afternoon of Sunday, 2 March, when the cabin came down.

"A hero is someone who chooses to be brave," he says. "I only pulled a lever."

His grandfather, Anton Amsler, drove horse sleighs up the valley in the 1920s.

Tamara Grell, the chief executive of Brandlsee Seilbahnen, visited Amsler at home on the Tuesday after the accident.

Vera Holm, 41, said she drove her 70-year-old mother to Ostwald Clinic on Sunday night after hearing the news on the radio.

Her mother was treated for a broken wrist and sent home.

Lost skis have been taken to the lost property office at Fennau valley station.

Vera Holm, 41, a nurse from Ostwald who was travelling with her nine-year-old son Pim, remembers him climbing down the cable to help.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    articles = {"wire": WIRE, "notice": NOTICE, "transcript": TRANSCRIPT, "feature": FEATURE}
    return assistant_over_texts("gondola", articles, tmp_path_factory, embedder)


def test_a_sum_in_a_currency_code_is_an_amount(assistant):
    assert "EUR 300" in kinds_in("They will receive EUR 300 or 1,200 CHF.", NUMBER_KIND)
    assert "1,200 CHF" in kinds_in("They will receive EUR 300 or 1,200 CHF.", NUMBER_KIND)
    assert assistant.ask("How much money will each passenger get?").answer == "EUR 300"


def test_a_sum_of_something_else_does_not_price_a_ticket(assistant):
    answer = assistant.ask("How much does a season ticket cost?")
    assert answer.abstained and "priced" in answer.message


def test_a_year_before_1900_after_a_preposition_is_a_date(assistant):
    assert "in 1887" in kinds_in("The resort's first lift opened in 1887.", DATE_KIND)
    assert not kinds_in("In 1850 people came to see it.", DATE_KIND)  # a count, not a year
    assert assistant.ask("In what year did the resort's first lift open?").answer == "in 1887"


def test_an_abbreviated_month_is_the_month(assistant):
    assert stem("september") in terms("until at least Sept. 1")
    assert terms("Aug. 17") == terms("August 17")
    assert "every cable must be tested" in assistant.ask("Why is the gondola shut until September?").answer


def test_a_lines_label_names_a_person(assistant):
    start = TRANSCRIPT.index("Oskar Brunnthaler")
    assert name_kind_at(TRANSCRIPT, start, start + len("Oskar Brunnthaler")) == PERSON_KIND
    start = NOTICE.index("Jonas Preller")
    assert name_kind_at(NOTICE, start, start + len("Jonas Preller")) == PERSON_KIND
    assert assistant.ask("Who hosted the radio programme?").answer == "Oskar Brunnthaler"
    assert assistant.ask("Who should journalists contact at the company?").answer == "Jonas Preller"


def test_she_and_his_are_two_people():
    history = ["Who is the chief executive of Brandlsee Seilbahnen?"]
    assert rewrite("When did she visit the operator at his home?", history, "Tamara Grell") == \
        "When did Tamara Grell visit the operator at his home?"


def test_a_day_told_by_an_event(assistant):
    assert "the Tuesday after the accident" in kinds_in(FEATURE, DATE_KIND)
    history = ["Who is the chief executive of Brandlsee Seilbahnen?"]
    answer = assistant.ask("When did she visit the lift operator at his home?", history=history)
    assert answer.answer == "the Tuesday after the accident"


def test_not_the_son_the_question_speaks_of(assistant):
    assert assistant.ask("Which passenger was travelling with her son?").answer == "Vera Holm"


def test_a_role_after_a_before_a_name(assistant):
    assert is_person_noun("attendant") and is_person_noun("councillor")
    start = NOTICE.index("Mira Solberg")
    assert name_kind_at(NOTICE, start, start + len("Mira Solberg")) == PERSON_KIND
    assert assistant.ask("Who was the cabin attendant?").answer == "Mira Solberg"


def test_a_source_described_as_what_is_asked(assistant):
    # "according to [Brandlsee Seilbahnen AG], the company that operates the lift": the source, and the answer
    assert assistant.ask("Which company runs the Brandlsee gondola?").answer == "Brandlsee Seilbahnen AG"


def test_a_company_named_without_its_legal_form(assistant):
    start = WIRE.index("Brandlsee Seilbahnen,")
    assert name_kind_at(WIRE, start, start + len("Brandlsee Seilbahnen")) == ORG_KIND  # not a place after "of"
    assert assistant.ask("In which town did Tamara Grell hold her news conference?").answer == "Kesslach"


def test_a_place_with_the_noun_that_makes_it_one(assistant):
    assert assistant.ask("Where did the passengers who were not hurt walk to?").answer == "Fennau station"


def test_what_was_suffered_with_its_adjective(assistant):
    assert "bruised shoulder" in assistant.ask("What injury did the lift operator suffer?").answer


def test_a_promise_is_said():
    assert answer_type("What did Tamara Grell promise about reopening the lift?") == QUOTE
    assert answer_type("What did the inspector admit?") == QUOTE


def test_a_speaker_called_so_in_another_article(assistant):
    # "he says" in the feature, which calls him only by name; the wire report calls him the lift operator
    answer = assistant.ask("What does the lift operator say about being called a hero?")
    assert answer.answer == "A hero is someone who chooses to be brave"


def test_when_exactly_asks_the_time_of_day(assistant):
    assert assistant.ask("When exactly did the cabin come down?").answer == "around 3:40 p.m."


def test_the_answer_more_articles_give_leads(assistant):
    answer = assistant.ask("How many passengers were in the cabin?")
    assert answer.answer == "12"
    assert [(a.answer, len(a.doc_ids)) for a in answer.agreement] == [("12", 2), ("14", 1)]


def test_he_after_the_name_of_someones_grandfather(assistant):
    history = ["What was the name of the lift operator's grandfather?"]
    assert rewrite("What did he drive up the valley?", history, "") == \
        "What did the lift operator's grandfather drive up the valley?"
    # what he drove, not his name in apposition ("His grandfather, Anton Amsler, drove ...")
    assert assistant.ask("What did he drive up the valley?", history=history).answer.startswith("horse sleighs")


def test_what_happened_is_no_figure(assistant):
    question = "What happened to Vera Holm's mother at Ostwald Clinic?"
    # not "41", her age, in the sentence that names her and her mother
    assert "figure" in str(violation_in(assistant, question, "Vera Holm, 41, said", "41"))
    assert "treated for a broken wrist" in assistant.ask(question).answer


def test_a_place_at_a_named_station(assistant):
    start = FEATURE.index("Lost skis")
    found = [c.text for c in candidates(FEATURE, start, FEATURE.index(".", start))]
    assert "the lost property office at Fennau valley station" in found
    answer = assistant.ask("Where can skiers collect skis they lost?")
    assert "Fennau valley station" in answer.answer
