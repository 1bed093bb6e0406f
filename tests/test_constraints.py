"""Tests for qa/constraints.py: trick questions that look answerable are refused, saying why, on invented articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assistant_over, assistant_over_text, violation_in

from qa.constraints import counted_phrase

CORPUS = Path(__file__).resolve().parent / "fixtures" / "constraint_corpus"


@pytest.mark.parametrize(("question", "expected"), [
    ("How many Danish sailors were rescued?", ["Danish", "sailors"]),
    ("How many of the Danish sailors were hurt?", ["Danish", "sailors"]),
    ("How many prisoners of war are held?", ["prisoners"]),
    ("According to how many legislators who attended the briefing did they speak?", ["legislators"]),
    ("How many were injured?", []),
    ("How many uncounted votes did the hand count turn up?", ["uncounted", "votes"]),  # a participle, then the noun
    ("How many injured were treated?", ["injured"]),
    ("What happened?", []),
])
def test_counted_phrase_is_what_how_many_counts(question, expected):
    assert [word for _, word, _ in counted_phrase(question)] == expected


@pytest.mark.parametrize(("question", "asks_share"), [
    ("What share of the soldiers were wounded?", True),
    ("What proportion of the budget went to books?", True),
    ("How many photos did the volunteers share?", False),  # the verb
    ("How many people saw the share price fall?", False),
])
def test_a_share_is_asked_for_by_the_noun_not_the_verb(question, asks_share):
    from qa.constraints import _AMOUNT_ASKED

    assert (_AMOUNT_ASKED[0][0].search(question) is not None) == asks_share


@pytest.mark.parametrize(("question", "money"), [
    ("How much was the firm fined under the Food Safety Act?", True),
    ("What was the penalty for the leak?", True),
    ("How much was the ransom?", True),
    ("How much was the fine?", True),
    ("How large is the one-off signing bonus?", True),
    ("How big was the payout to the families?", True),
    ("What total sum are the fishers claiming?", True),
    ("How much coastline has been oiled?", False),  # a length
    ("How many drivers were fined?", False),  # a count of people
    ("How much rain fell on the fine day?", False),
])
def test_a_fine_a_penalty_or_a_ransom_is_an_amount_of_money(question, money):
    from qa.constraints import _AMOUNT_ASKED

    asked = next((name for pattern, _, name in _AMOUNT_ASKED if pattern.search(question)), None)
    assert (asked == "an amount of money") == money


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over(CORPUS, tmp_path_factory, embedder)


@pytest.mark.model
@pytest.mark.parametrize(("question", "answer"), [
    ("How many Danish sailors were rescued from the burning ferry?", "At least 30"),
    ("How many cars did the ferry carry?", "40"),
    ("What is the name of the harbour master?", "Ines Koval"),
    ("How many books does the library hold?", "80,000"),
    ("How many worked on the library site every day?", "60"),
    ("On what day were the Danish sailors rescued?", "Monday"),
    ("Where in Denmark was the burnt ferry towed?", "Kessel Bay"),
    ("How much did the new library building cost?", "$12 million"),
    ("How old is Mayor Tomas Reyes?", "61"),
    ("What is the name of the mayor who opened the library?", "Tomas Reyes"),  # said of him in his own sentence
    # "Danish" is not next to the crew members, but the sentence before is about Danish sailors.
    ("How many Danish crew members were treated for burns?", "Two"),
])
def test_questions_that_fit_the_text_are_answered(assistant, question, answer):
    got = assistant.ask(question)
    assert not got.abstained, got.message
    assert got.answer == answer


@pytest.mark.model
@pytest.mark.parametrize(("question", "why"), [
    # The number counts other sailors than the ones asked about.
    ("How many Swedish sailors were rescued from the burning ferry?", "counts something other than Swedish sailors"),
    # The ferry's numbers count passengers and cars; nothing in the passage is what is counted.
    ("How many horses did the ferry carry?", "counts something other than horses"),
    # The passengers counted are nobody's in particular, and no Swede is mentioned near them.
    ("How many Swedish passengers did the ferry carry?", "counts something other than Swedish passengers"),
    ("How many passengers worked on the library site every day?", "does not mention passengers"),
    # A name, but not of someone the articles call that.
    ("What is the name of the ferry's captain?", "do not call them the captain"),
    # Names, but nobody named is said to have drowned.
    ("What are the names of the people who drowned?", "does not say they drowned"),
    # The rescue is over: Monday has passed.
    ("When will the Danish sailors be rescued from the burning ferry?", "still to come"),
    # The date there is a weekday, not a year.
    ("In which year did Mayor Tomas Reyes open the new library?", "it is not a year"),
    # The library's numbers are a count of books and a sum of money, not a share.
    ("What percentage of the library budget went to books?", "it is not a percentage"),
    ("What share of the library budget went to books?", "it is not a percentage"),
    # "One of the lifeboats" counts lifeboats.
    ("How many passengers capsized during the rescue?", "counts something other than passengers"),
    # The quotation names the mayor; he did not say it.
    ("What did Tomas Reyes say to the sailors at the harbour?", "about Tomas Reyes, not said by them"),
    # The passage has a day, not a time of day.
    ("At what time were the Danish sailors rescued from the burning ferry?", "it is not a time of day"),
    # The place there is not said to be in Port Alder.
    ("Where in Port Alder was the burnt ferry towed?", "it is not said to be in Port Alder"),
    # The source asked about is not the source of the passage.
    ("How many sailors did Tomas Reyes say were rescued from the ferry?", "does not attribute it to Tomas Reyes"),
])
def test_trick_questions_are_refused_with_the_reason(assistant, question, why):
    got = assistant.ask(question)
    assert got.abstained, got.answer
    assert got.answer == "" and got.citations == ()
    assert why in got.message
    assert got.passages, "a refusal still offers the closest passages"


SHELTER = Path(__file__).resolve().parent / "fixtures" / "shelter_corpus"


@pytest.fixture(scope="module")
def shelter(tmp_path_factory, embedder):
    return assistant_over(SHELTER, tmp_path_factory, embedder)


def _violation(assistant, question: str, prefix: str, name: str, kind: str = "person"):
    """How the question's checks judge one candidate (a name by default) of the sentence that starts with ``prefix``."""
    return violation_in(assistant, question, prefix, name, kind)


@pytest.mark.model
def test_an_age_must_be_the_age_of_whom_the_question_names(assistant):
    # The only age in the articles is the mayor's.
    why = _violation(assistant, "How old is Ines Koval?", "Reyes, 61", "61", kind="age")
    assert why and "it is not said to be the age of Ines Koval" in why
    assert _violation(assistant, "How old is Tomas Reyes?", "Reyes, 61", "61", kind="age") is None
    assert assistant.ask("How old is Ines Koval?").abstained


@pytest.mark.model
def test_a_role_of_another_country_is_not_the_role_asked_for(shelter):
    why = _violation(shelter, "Who is the president of Norland?", "Vestian President", "Karl Ober")
    assert why and "president of Norland" in why
    assert _violation(shelter, "Who is the president of Vestia?", "Vestian President", "Karl Ober") is None
    assert shelter.ask("Who is the president of Norland?").abstained


@pytest.mark.model
def test_a_question_the_articles_say_is_not_known_is_refused_citing_them(shelter):
    got = shelter.ask("When will the school reopen for classes?")
    assert got.abstained
    assert "not known" in got.message
    assert got.passages[0].quote == "Officials have not said when the school will reopen for classes."


@pytest.mark.model
def test_a_question_about_the_uncertainty_itself_is_read_as_usual(shelter):
    from qa.constraints import stated_unknown

    reader = shelter.reader
    for question, expected in (("When will the school reopen for classes?", True),
                               ("Why is it unclear when the school will reopen?", False),  # asks about the uncertainty
                               ("Who will reopen the school?", False)):  # "not said when", not who
        q = shelter.analyse(question, [])
        vector, words = shelter._embed(question, reader.question_words(q))
        ctx = reader.signals.context(q, vector, words)
        sentences = reader.signals.score_sentences(ctx, shelter.retriever.search(question, 6, vector=vector))
        assert (stated_unknown(reader.signals, ctx, sentences, 0.4) is not None) is expected, question


@pytest.mark.model
def test_a_role_is_named_by_the_word_or_a_close_synonym_only(shelter):
    # A sheriff is no mayor, though the words are near in meaning.
    why = _violation(shelter, "Who is the mayor of Weston?", "Sheriff Ramona Vick", "Ramona Vick")
    assert why and "mayor" in why


@pytest.mark.model
def test_a_role_without_a_nationality_may_be_of_the_place_the_article_is_about(shelter):
    # "The district's director, Lorraine Pike, ..." does not name Weston, but says nothing of another place.
    assert _violation(shelter, "Who is the director of the Weston school district?", "The district's director",
                      "Lorraine Pike") is None


@pytest.mark.model
def test_a_place_in_a_sentence_that_names_the_larger_one_is_not_placed_in_it(shelter):
    # "Volunteers from Norland drove to Weston": Weston is not said to be in Norland.
    got = shelter.ask("Where in Norland did the volunteers drive to overnight?")
    assert got.abstained
    assert "in Norland" in got.message


@pytest.mark.model
def test_a_title_abbreviation_does_not_part_the_role_from_the_name(shelter):
    # "County Coroner Dr. Paul Imre": the period of "Dr." does not end the phrase that calls him the coroner.
    assert _violation(shelter, "Who is the county coroner?", "County Coroner Dr.", "Paul Imre") is None
    why = _violation(shelter, "Who is the county sheriff?", "County Coroner Dr.", "Paul Imre")
    assert why and "do not call them the sheriff" in why
    assert shelter.ask("Who is the county coroner?").answer == "Paul Imre"


@pytest.mark.parametrize(("question", "asks_day"), [
    ("What day did the council vote?", True),
    ("What is the earliest day the bridge could reopen?", True),
    ("Which was the last day of the trial?", True),
    ("What did they say that day?", False),
])
def test_a_day_is_asked_for_by_the_noun(question, asks_day):
    from qa.constraints import _UNIT_ASKED

    assert (_UNIT_ASKED[0][0].search(question) is not None) == asks_day


@pytest.mark.parametrize(("question", "future"), [
    ("When will the bridge reopen?", True),
    ("When does the museum open its doors again?", True),  # the present tense of what is to come
    ("When do classes resume?", True),
    ("When does the ferry leave on weekdays?", False),
    ("When did the museum reopen?", False),
    ("When is the public meeting about the leak taking place?", True),  # the present progressive of an event
    ("When was the meeting taking place?", False),
])
def test_when_asks_about_what_is_still_to_come(question, future):
    from qa.constraints import _WHEN_FUTURE

    assert (_WHEN_FUTURE.match(question) is not None) == future



def test_a_number_counts_the_whole_only_after_a_quantity_of():
    from qa.constraints import _WHOLE_BEFORE

    assert _WHOLE_BEFORE.search("Two of the museum's ")
    assert _WHOLE_BEFORE.search("all of the ")
    assert not _WHOLE_BEFORE.search("a total of ")
    assert not _WHOLE_BEFORE.search("the cameras of ")


def test_is_to_blame_is_no_future():
    from qa.constraints import _FUTURE

    assert _FUTURE.search("She is to take office on Jan. 5.")
    assert not _FUTURE.search("Nobody is to blame for the delay, that is to say.")


UNIT = Path(__file__).resolve().parent / "fixtures" / "unit_corpus"


@pytest.mark.model
def test_the_unit_asked_for_answers_from_a_passage_that_speaks_as_fully_of_what_was_asked(tmp_path_factory, embedder):
    # "Holt conceded about 90 minutes later" scores best for "at what time", but is no time of day; "conceded at
    # 6:15 p.m." in the other article is, and speaks as fully of her conceding: it answers, however far below.
    assistant = assistant_over(UNIT, tmp_path_factory, embedder)
    why = _violation(assistant, "At what time did Holt concede?", "Holt conceded about", "later", kind="date")
    assert why == "it is not a time of day" and why.unit and not why.passage
    got = assistant.ask("At what time did Holt concede?")
    assert not got.abstained and got.answer.endswith("6:15 p.m.")


@pytest.mark.parametrize(("question", "role"), [
    ("Who is Port Alder's mayor?", "mayor"),  # a possessive names whose role it is
    ("Who is the district medical officer leading the response?", "district medical officer"),
    ("Who is the mayor of Norland?", "mayor"),
    ("Who is Dana Holt?", None),
])
def test_the_role_a_who_question_names(question, role):
    from qa.constraints import _DESCRIBED

    m = _DESCRIBED.search(question)
    assert (next(g for g in m.groups() if g) if m else None) == role


@pytest.mark.model
def test_a_name_asked_for_is_a_name_not_a_common_noun(shelter):
    # "the name of the shelter": "Weston High School", never "the shelter" written in lower case.
    why = _violation(shelter, "What is the name of the shelter that got hot soup?", "Many brought blankets",
                     "the shelter", kind="place")
    assert why == "it is not a name"
    assert _violation(shelter, "What is the name of the school that still needs cots?", "Red Cross coordinator",
                      "Weston High School", kind="organisation") is None


@pytest.mark.parametrize(("question", "aside"), [
    ("Besides the FBI, what agency is looking into the attack?", "FBI"),
    ("Apart from St. Aldric's, which hospital is caring for patients?", "St. Aldric's"),
    ("Other than Kim Jong Un, who was named?", "Kim Jong Un"),
    ("Which agency is looking into the attack?", None),
])
def test_a_name_the_question_sets_aside(question, aside):
    from qa.constraints import _SET_ASIDE

    m = _SET_ASIDE.search(question)
    assert (m.group(1) if m else None) == aside


@pytest.mark.model
def test_the_name_a_question_sets_aside_is_no_answer(shelter):
    why = _violation(shelter, "Apart from Ana Ruiz, who said something about the plan?", "Ana Ruiz said the plan",
                     "Ana Ruiz")
    assert why == "it is Ana Ruiz, which the question sets aside"
    assert _violation(shelter, "Apart from Ana Ruiz, who called the plan a waste of money?", "Ana Ruiz said the plan",
                      "Tom Beck") is None


_MUSEUM = ("The Harwick Museum reopened on Monday after a month of repairs to its roof.\n\n"
           "Clara Voss, who runs the gift shop at the Harwick Museum, cut the ribbon at the Harwick Museum as visitors "
           "queued outside.\n\n"
           "Visitors queued for an hour in the rain.\n\n"
           "The museum's director, Paul Imre, said the new roof would keep the collection dry for decades.\n")


@pytest.fixture(scope="module")
def museum(tmp_path_factory, embedder):
    return assistant_over_text("museum", _MUSEUM, tmp_path_factory, embedder)


@pytest.mark.model
def test_who_runs_a_body_is_whoever_the_text_calls_its_head_however_far_below(museum):
    got = museum.ask("Who runs the Harwick Museum?")
    assert not got.abstained and got.answer == "Paul Imre"


@pytest.mark.model
def test_with_no_one_called_its_head_the_best_name_still_answers(museum):
    # Nobody is called the museum's chair: the preference picks no one, and the question is not refused for it.
    got = museum.ask("Who chairs the Harwick Museum gift shop?")
    assert not got.abstained and got.answer in ("Clara Voss", "Paul Imre")


@pytest.mark.model
def test_which_city_asks_for_a_place_not_a_body_the_text_names(museum):
    # The text names the museum, a body, but no city: nothing answers "which city".
    got = museum.ask("In which city did the Harwick Museum reopen?")
    assert got.abstained, got.answer


@pytest.mark.model
def test_what_hours_asks_for_the_span_from_one_time_to_another(tmp_path_factory, embedder):
    assistant = assistant_over(UNIT, tmp_path_factory, embedder)
    assert assistant.ask("What hours is the library wing open?").answer == "9 a.m. to 5 p.m."
    assert "10 a.m." in assistant.ask("At what time did the library open its new wing?").answer


@pytest.mark.parametrize(("between", "opens"), [
    (", the ", True),
    (", 44, a senior ", True),
    (", Northbrook's ", True),  # "Miriam Oyelaran, Northbrook's chief executive"
    (", Port Alder Health's chief ", True),
    (", pushed the ", False),  # what she did, not what she is
])
def test_an_apposition_opens_with_an_article_an_age_or_a_possessive(between, opens):
    from qa.constraints import _APPOSITION_OPENS

    assert (_APPOSITION_OPENS.fullmatch(between) is not None) == opens


@pytest.mark.parametrize(("question", "time"), [
    ("What time of night did the convoy arrive?", True),
    ("At what time of day was the road closed?", True),
    ("What time did the convoy arrive?", True),
])
def test_what_time_of_night_asks_for_a_clock_time(question, time):
    from qa.constraints import _UNIT_ASKED

    shape, name = next((shape, name) for asked, shape, name in _UNIT_ASKED if asked.search(question))
    assert name == "a time of day"
    assert shape.search("at about 11:15 p.m.")
    # the part of the day the question already says is no answer to it
    assert (shape.search("on Sunday night") is None) == ("of night" in question or "of day" in question)


@pytest.mark.model
def test_a_kind_of_place_asked_for_must_be_called_one(tmp_path_factory, embedder):
    text = ("Farmers end ring road blockade\n\n"
            "The injured driver, Jonas Pfeil, was taken to St Brigid's Infirmary with a broken arm.\n\n"
            "The protest was organised by the Valley Growers Union, which says the fuel tax breaks an earlier promise.\n")
    farm = assistant_over_text("farm", text, tmp_path_factory, embedder)
    got = farm.ask("Which hospital treated the injured driver?")
    assert "Infirmary" in got.answer, (got.answer, got.message)
    refused = farm.ask("Which school did the protest organisers attend?")
    assert refused.abstained, refused.answer


@pytest.mark.model
def test_a_count_asked_of_a_year_must_come_from_a_passage_about_that_year(tmp_path_factory, embedder):
    text = ("Recount confirms Holm as mayor\n\n"
            "After the recount, Ada Holm won by 212 votes over the sitting mayor, Per Lind.\n\n"
            "Lind first took office in 2019 after a campaign about the harbour.\n\n"
            "Turnout was 41 percent, the county clerk said.\n")
    vote = assistant_over_text("vote", text, tmp_path_factory, embedder)
    assert vote.ask("By how many votes did Holm win after the recount?").answer == "212"
    refused = vote.ask("By how many votes did Lind win the election in 2019?")
    assert refused.abstained and "2019" in refused.message, (refused.answer, refused.message)
    party = vote.ask("Which political party does Ada Holm belong to?")
    assert party.abstained, party.answer  # no party is named: not the county's clerk, not a body that is no party


@pytest.mark.model
def test_the_source_of_a_report_is_no_answer_to_what_it_reports(tmp_path_factory, embedder):
    text = ("Tugs stranded in port\n\n"
            "The Harbour Board said the two stranded tugs belong to Selden Towing, which has not commented.\n\n"
            "The Northfield Relief Trust said it was sheltering about 200 crew members in the old customs house.\n")
    port = assistant_over_text("port", text, tmp_path_factory, embedder)
    got = port.ask("Which company do the two stranded tugs belong to?")
    assert got.answer == "Selden Towing", (got.answer, got.message)
    # ... but it is, where the source speaks of itself, or the question asks who reported it
    assert port.ask("Which organisation is sheltering the crew members?").answer == "Northfield Relief Trust"
    assert port.ask("Which body said the tugs belong to the towing company?").answer == "Harbour Board"


@pytest.mark.model
def test_what_someone_said_comes_from_a_passage_that_mentions_them(tmp_path_factory, embedder):
    text = ("Three charged over warehouse fire\n\n"
            "Police named the men as Aldo Fenn, 41, and Rui Costa, 36, both of Harwick.\n\n"
            "\"We lost everything in one night,\" the warehouse owner, Mara Lund, told reporters.\n\n"
            "Fenn's lawyer, Ines Vogt, said: \"My client will plead not guilty to every charge.\"\n")
    fire = assistant_over_text("fire", text, tmp_path_factory, embedder)
    got = fire.ask("What did Fenn's lawyer say about the charges?")
    assert got.answer == "My client will plead not guilty to every charge", (got.answer, got.message)
    refused = fire.ask("What did Costa's lawyer say about the charges?")
    assert refused.abstained or "plead" in refused.answer, (refused.answer, refused.message)
    nobody = fire.ask("What did the fire chief say about the cause?")
    assert nobody.abstained and "fire chief" not in nobody.answer, (nobody.answer, nobody.message)


def test_a_kind_of_body_asked_for_is_a_whole_word_of_its_name():
    from qa.constraints import _FACILITIES
    from qa.text import stem

    party, _ = _FACILITIES[stem("party")]
    assert party.search("the Labour Party") and party.search("Greens")
    assert not party.search("Harwell Laboratory")  # "labor" inside a word is no party


def test_a_year_that_names_another_event_does_not_date_the_one_asked_about(tmp_path_factory, embedder):
    text = ("Dockworkers at Port Aldane stopped work over pay. The walkout by the Aldane dockworkers is the largest "
            "stoppage at the port since the 1987 Harbour Strike, union leaders said.\n\n"
            "Crane crews were the first to leave. The stoppage began in March 2023, and talks have not resumed.\n")
    port = assistant_over_text("aldane", text, tmp_path_factory, embedder)
    got = port.ask("When did the walkout by the Aldane dockworkers begin?")
    assert got.answer == "March 2023", (got.answer, got.message)
    # the year answers a question about the event it names
    strike = port.ask("When was the Harbour Strike?")
    assert strike.answer == "1987", (strike.answer, strike.message)


def test_a_body_named_only_by_its_kind_gives_way_to_one_named_in_full(tmp_path_factory, embedder):
    text = ("A lorry struck a crossing barrier at the Marsh Lane depot on Friday night.\n\n"
            "The Authority is assisting the Fenwick Constabulary investigation into the crash at the depot, a "
            "statement said. The Board has also hired Corrow Safety Consultants, an outside consultancy, to review "
            "the crossing.\n")
    depot = assistant_over_text("depot", text, tmp_path_factory, embedder)
    police = depot.ask("Which police force is investigating the crash at the depot?")
    assert police.answer == "Fenwick Constabulary", (police.answer, police.message)
    review = depot.ask("Which consultancy was hired to review the crossing?")
    assert review.answer == "Corrow Safety Consultants", (review.answer, review.message)


def test_bodies_asked_for_by_their_kind():
    from qa.question import ORG, answer_type

    assert answer_type("Which outside consultancy did the company hire?") == ORG
    assert answer_type("Which police force is looking into the incident?") == ORG


def test_scheduled_speaks_of_what_is_to_come_only_as_a_verb():
    from qa.constraints import _FUTURE

    assert _FUTURE.search("The hearing is scheduled for Monday.")
    assert _FUTURE.search("The school is expected to reopen in May.")
    assert not _FUTURE.search("The valve was fitted during scheduled maintenance in September.")
    assert not _FUTURE.search("The planned route was abandoned in 2019.")


def test_a_population_counts_who_lives_there(tmp_path_factory, embedder):
    text = ("About 1,200 people were moved out of Tarn Hollow on Friday after a gas main split under its market "
            "square, flooding much of this valley town of about 9,400, officials said.\n\n"
            "Crews expect to finish repairs by Monday.\n")
    town = assistant_over_text("tarn", text, tmp_path_factory, embedder)
    got = town.ask("What is the population of Tarn Hollow?")
    assert got.answer == "about 9,400", (got.answer, got.message)
    moved = town.ask("How many people were moved out of Tarn Hollow?")
    assert moved.answer == "About 1,200", (moved.answer, moved.message)


def test_a_business_asked_for_is_not_a_public_body_by_its_name(tmp_path_factory, embedder):
    text = ("A crane collapsed at the Holm quay on Tuesday.\n\n"
            "The Harbour Safety Inspectorate has opened an inquiry, and its findings will be shared with Brack "
            "Lifting Ltd, which maintains the crane.\n")
    quay = assistant_over_text("holm", text, tmp_path_factory, embedder)
    firm = quay.ask("Which firm maintains the crane?")
    assert firm.answer == "Brack Lifting Ltd", (firm.answer, firm.message)
    body = quay.ask("Which regulator maintains the crane?")  # a business by its name is no regulator
    assert body.answer != "Brack Lifting Ltd", (body.answer, body.message)


def test_a_name_runs_on_to_the_asked_noun_not_to_a_verb_of_its_stem(tmp_path_factory, embedder):
    from qa.question import analyse

    text = "The Brenmoor site manufactures glass fibre. Ostra Glass, a manufacturer from Lund, supplied the kilns.\n"
    signals = assistant_over_text("brenmoor", text, tmp_path_factory, embedder).reader.signals
    q = analyse("Which manufacturer supplied the kilns?")
    found = [c.text for s in signals.score_sentences(signals.context(q, embedder.encode_one(q.text), {}), [])
             for c in signals.named_phrases(s, q)]
    assert not any(c.endswith("manufactures") for c in found), found


def test_the_news_agency_asked_for_is_the_datelines(tmp_path_factory, embedder):
    text = ("Flood closes Orla bridge\n\n"
            "ORLA, May 2 (Northwind Press Agency) - The Orla bridge was closed on Friday after the river rose two "
            "metres overnight, the municipal agency for roads reported.\n\n"
            "Drivers were sent north to the Kessel crossing.\n")
    orla = assistant_over_text("orla_wire", text, tmp_path_factory, embedder)
    got = orla.ask("Which news agency filed the report about the bridge?")
    assert got.answer == "Northwind Press Agency", (got.answer, got.message)
    closed = orla.ask("Which crossing were drivers sent to?")  # the agency is still no answer about the story
    assert "Northwind" not in closed.answer, (closed.answer, closed.message)


def test_a_first_name_that_ends_like_a_nationality_is_none(tmp_path_factory, embedder):
    text = ('"He did exactly what he was trained to do," said Ronan Ferris, 52, the plant\'s general manager.\n\n'
            "The Dunmore fertiliser plant employs 140 people.\n")
    plant = assistant_over_text("dunmore", text, tmp_path_factory, embedder)
    got = plant.ask("Who is the general manager of the Dunmore fertiliser plant?")
    assert got.answer == "Ronan Ferris", (got.answer, got.message)


def test_who_did_something_to_a_role_is_not_the_one_in_that_role(tmp_path_factory, embedder):
    text = ("The following interview with Fire Chief Ines Dorn was recorded on Friday for the Brill Courier's "
            "podcast. Dorn spoke to host Pavel Strand about the storm.\n\n"
            "STRAND: How bad was it?\n\n"
            "DORN: The worst fire I have seen in this town.\n")
    pod = assistant_over_text("brill_pod", text, tmp_path_factory, embedder)
    got = pod.ask("Who interviewed the fire chief for the podcast?")
    assert got.answer == "Pavel Strand", (got.answer, got.message)
    chief = pod.ask("Who is the fire chief?")  # the role asked of is the answer here
    assert "Ines Dorn" in chief.answer, (chief.answer, chief.message)


def test_counts_and_quantities_by_what_they_measure(tmp_path_factory, embedder):
    text = ("A chlorine leak at the Tarn waterworks forced a bit over 300 households out of their homes on Monday. "
            "Each household inside the zone may claim up to $120 per night for hotel costs.\n\n"
            "The plant's managers said more than one valve had been replaced since 2020. An estimated four tonnes of "
            "gas escaped before the valve was shut.\n\n"
            "Officials have measured the air at 12 monitoring points since the leak.\n")
    tarn = assistant_over_text("tarn_leak", text, tmp_path_factory, embedder)
    homes = tarn.ask("How many households were moved out of the zone?")
    assert "over 300" in homes.answer, (homes.answer, homes.message)  # not a sum of money
    gas = tarn.ask("Roughly how much gas got out before the valve was shut?")
    assert "four tonnes" in gas.answer, (gas.answer, gas.message)  # a quantity in its unit
    points = tarn.ask("At how many locations has the air been measured?")
    assert points.answer == "12", (points.answer, points.message)  # points are locations


def test_an_age_a_speaker_mentions_is_not_theirs(tmp_path_factory, embedder):
    text = ("Station Officer Lena Voss said the crews had worked through the night to contain the fire at the Brill "
            "grain store. Voss, 52, has led Orla station since 2015.\n\n"
            "HOST: Was anyone on your crew hurt, Officer Voss?\n\n"
            "VOSS: One of my crew, a 24-year-old from Orla station, burned his hand on a hose coupling.\n")
    store = assistant_over_text("brill_store", text, tmp_path_factory, embedder)
    got = store.ask("How old is Lena Voss?")
    assert got.answer == "52", (got.answer, got.message)


def test_which_two_asks_for_both(tmp_path_factory, embedder):
    text = ("About 400 residents were moved out of two neighbourhoods of the town of Brill on Sunday.\n\n"
            "Residents of the Oakfield and Mill End districts were woken by police officers knocking on doors.\n")
    brill = assistant_over_text("brill_two", text, tmp_path_factory, embedder)
    got = brill.ask("Which two parts of town were cleared of residents?")
    assert got.answer == "Oakfield and Mill End", (got.answer, got.message)


def test_the_noun_asked_for_counts_past_the_function_words_before_a_name(tmp_path_factory, embedder):
    text = ("Evacuees were taken by bus to the Orla Leisure Centre on Quay Road, where volunteers from the Tarn "
            "Relief Society served hot meals and set up about 300 camp beds.\n\n"
            "The town council gave no figure for the cost of the evacuation, and no group has been blamed.\n")
    hall = assistant_over_text("orla_hall", text, tmp_path_factory, embedder)
    got = hall.ask("Which volunteer group fed the evacuees and gave them beds?")
    assert got.answer == "Tarn Relief Society", (got.answer, got.message)


def test_a_person_asked_for_by_age_is_one_the_text_gives_that_age(tmp_path_factory, embedder):
    text = ("Nine people were taken to hospital, and a 74-year-old woman remained in intensive care on Friday, said "
            "Dr. Tomas Reyl, the district medical officer.\n\n"
            "Brenna Cole, 74, a retired teacher from Orla, was the first to fall ill.\n")
    ward = assistant_over_text("orla_ward", text, tmp_path_factory, embedder)
    got = ward.ask("What is the name of the 74-year-old woman from Orla?")
    assert got.answer == "Brenna Cole", (got.answer, got.message)
    none = ward.ask("What is the name of the 74-year-old woman who was in intensive care?")
    assert none.answer != "Tomas Reyl", (none.answer, none.message)  # who spoke of her is not her


def test_a_timeline_entry_is_of_the_day_its_heading_names(tmp_path_factory, embedder):
    text = ("FACT SHEET: THE ORLA HEATWAVE\n\n"
            "TIMELINE - MONDAY 4 AUGUST\n\n"
            "13:10 - Orla weather station records 38.2 °C, the highest temperature since 1950.\n"
            "15:30 - The city opens four cooling centres.\n\n"
            "TIMELINE - TUESDAY 5 AUGUST\n\n"
            "09:00 - Schools close early for the rest of the week.\n")
    heat = assistant_over_text("orla_heat", text, tmp_path_factory, embedder)
    monday = heat.ask("What temperature was recorded in Orla on Monday afternoon?")
    assert monday.answer == "38.2 °C", (monday.answer, monday.message)
    tuesday = heat.ask("What temperature was recorded in Orla on Tuesday afternoon?")
    assert tuesday.abstained, (tuesday.answer, tuesday.message)


def test_a_count_asked_of_a_numbered_place_comes_from_a_passage_about_it(tmp_path_factory, embedder):
    text = ("After the recount, Ana Lind had 4,210 votes across the town and Piet Moss 4,190.\n\n"
            "In Ward 3, where the count was first disputed, Lind won 611 votes.\n\n"
            "Ward 5 was counted last.\n")
    count = assistant_over_text("ward_count", text, tmp_path_factory, embedder)
    three = count.ask("How many votes did Lind get in Ward 3?")
    assert three.answer == "611", (three.answer, three.message)
    five = count.ask("How many votes did Lind get in Ward 5?")
    assert five.abstained, (five.answer, five.message)
