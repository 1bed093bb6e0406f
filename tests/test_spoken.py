"""Numbers, times and ages said in words, transcripts' turns as quotations, reasons given before their effect
("..., which is why ..."), measures asked for by their noun ("at what altitude"), and the head of a body asked for
by a general word ("the boss", "the chief"). The articles are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_text, kinds_in

from qa.question import NUMBER, PLACE, answer_type
from qa.spans import candidates, turn_speaker



@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("By noon, two hundred and twelve people had been flown out.", "number", "two hundred and twelve"),
    ("The council counted three thousand and forty ballots.", "number", "three thousand and forty"),
    ("The station recorded 214 millimetres of rain.", "number", "214 millimetres"),
    ("The first boat docked at about quarter past seven, and more followed.", "date", "about quarter past seven"),
    ("We had crews there from about eight o'clock yesterday evening.", "date", "about eight o'clock"),
    ("There was a second slide at around ten past three, which is why the road is shut.", "date",
     "around ten past three"),
    ("Ilse Varga is seventy-one, a retired nurse from Brill.", "age", "seventy-one"),
])
def test_numbers_times_and_ages_in_words_are_candidates(text, kind, expected):
    assert expected in kinds_in(text, kind)


def test_and_joins_only_the_parts_of_one_number():
    # "two and three" are two counts; only "hundred and" / "thousand and" run on.
    assert kinds_in("The blast killed two and injured three.", "number") == ["two", "three"]


def test_a_transcripts_turn_is_a_quotation_of_its_speaker():
    text = ("HOST (Ada Roe): Why did you wait?\n"
            "BRANDT: Because flying in fog is how you lose a helicopter. We waited for the cloud to lift.\n")
    line = text.index("BRANDT")
    because, waited = text.index("Because"), text.index("We waited")
    assert turn_speaker(text, waited)[0] == "Brandt"
    assert turn_speaker(text, line)[0] == "Brandt"
    assert turn_speaker(text, 0)[0] == "Ada Roe"

    def found(start: int, end: int, kind: str) -> list[str]:
        return [c.text for c in candidates(text, start, end) if c.kind == kind]

    assert found(waited, len(text) - 1, "quote") == ["We waited for the cloud to lift"]
    assert found(0, line - 1, "quote") == []  # the host's question is no statement
    assert "Because flying in fog is how you lose a helicopter" in found(line, waited - 1, "reason")
    assert "Because flying in fog is how you lose a helicopter" in found(line, waited - 1, "quote")


def test_a_reason_before_which_is_why_is_a_candidate():
    text = "The driver braked when he saw the hillside moving, which is why only the last carriage was hit."
    assert "The driver braked when he saw the hillside moving" in kinds_in(text, "reason")
    # and from after a comma: "Its driver, Emil Frasch, 47, [braked when ...]"
    text = "Its driver, Emil Frasch, 47, braked when he saw the hillside moving, which is why the rest was spared."
    assert "braked when he saw the hillside moving" in kinds_in(text, "reason")


def test_a_fronted_because_clause_keeps_its_main_clause_out():
    # Not an answer to a question: "because ..." ends at its comma.
    text = "Because the result held, the deposit will not be refunded."
    assert "Because the result held, the deposit will not be refunded" not in kinds_in(text, "reason")


@pytest.mark.parametrize(("question", "kind"), [
    ("At what altitude is the hut?", NUMBER),
    ("At what spot did the boulder hit the road?", PLACE),
    ("What area was evacuated?", PLACE),
])
def test_measures_and_spots_are_typed_by_their_noun(question, kind):
    assert answer_type(question) == kind


RADIO = (
    "KELBY FM - \"Morning Desk\" - Thursday 4 June - transcript\n\n"
    "ANCHOR (Nina Oster): Good morning. A rockfall closed the Tarvin pass road on Wednesday.\n\n"
    "REPORTER (Paul Linde): The first rescue boat reached the far shore at about quarter past seven. "
    "With me now is Jonas Weller, head of Tarvin Lake Rescue.\n\n"
    "WELLER: It was a cold, wet night, but nobody on the island was in danger once the tents were up. "
    "We had a second rockfall this afternoon at around ten past three, which is why nobody is allowed on the road.\n\n"
    "OSTER: Why didn't you bring them across last night?\n\n"
    "WELLER: Because crossing the lake in the dark, in wind and rain, is how you lose a boat.\n\n"
    "Meanwhile the geologist Dr. Ruth Kalman said: \"I warned them in May that this cliff was moving.\"\n\n"
    "The Tarvin Ferry Company, which runs the boats, is led by its chief executive, Ola Brandvik. "
    "The camp on the island lies at 1,240 metres, and the crossing takes about 40 minutes.\n"
)


@pytest.fixture(scope="module")
def radio(tmp_path_factory, embedder):
    return assistant_over_text("radio", RADIO, tmp_path_factory, embedder)


@pytest.mark.model
@pytest.mark.parametrize(("question", "expected"), [
    # The turn of the speaker the host introduces as the head of the rescue, not the geologist's quotation.
    ("What did the lake rescue chief say about the night on the island?",
     "It was a cold, wet night, but nobody on the island was in danger once the tents were up"),
    ("What did Weller say about crossing in the dark?",
     "Because crossing the lake in the dark, in wind and rain, is how you lose a boat"),
    ("Why is nobody allowed on the road?", "We had a second rockfall this afternoon at around ten past three"),
    ("What time did the first rescue boat reach the far shore?", "about quarter past seven"),
    ("Who is the boss of the Tarvin Ferry Company?", "Ola Brandvik"),
    ("At what altitude does the camp on the island lie?", "1,240 metres"),
])
def test_spoken_transcript_is_read(radio, question, expected):
    got = radio.ask(question)
    assert got.answer.rstrip(".") == expected, (got.answer, got.message)


@pytest.mark.model
def test_a_role_label_is_no_name(radio):
    got = radio.ask("Who presented the morning programme?")
    assert got.answer != "ANCHOR", got.answer


@pytest.mark.parametrize(("question", "history", "expected"), [
    # A phrase with no verb narrows the question before.
    ("And for children?", ["How much compensation does each stranded passenger receive?"],
     "How much compensation does each stranded passenger receive for children?"),
    ("In 2019?", ["How many people lived in Brill?"], "How many people lived in Brill in 2019?"),
    # The answer before, in other terms.
    ("What is that in euros?", ["How much will the repairs cost?"], "How much will the repairs cost in euros?"),
    # Another source: in place of the one the question before asked, or added.
    ("And according to the union?", ["How many jobs does the firm say its plan will affect?"],
     "How many jobs does the union say its plan will affect?"),
    ("According to the police?", ["How many people died?"], "How many people died according to the police?"),
    # "it" before a phrase is the thing asked about before.
    ("And what happened to it in 1987?", ["When did the Tarvin cable car open?"],
     "What happened to the Tarvin cable car in 1987?"),
])
def test_fragments_and_that_in_are_read_into_the_question_before(question, history, expected):
    from qa.chat import is_follow_up, rewrite

    assert is_follow_up(question)
    assert rewrite(question, history) == expected


def test_a_question_word_after_a_preposition_is_no_fragment():
    from qa.chat import rewrite

    # "In which year?" asks anew; it is not a phrase to add to "When did the mill open?".
    assert rewrite("And in which year?", ["When did the mill open?"]) != "When did the mill open in which year?"


def test_a_name_after_a_lower_case_role_is_a_person():
    text = "At the 40-room Hotel Brisk, owner Anna Sorel has lost half of her bookings."
    kinds = {c.text: c.kind for c in candidates(text, 0, len(text))}
    assert kinds["Anna Sorel"] == "person"


def test_a_name_and_its_place_nouns_are_one_place():
    text = "A bus runs between Tarvin post office square and the dam every hour."
    assert "Tarvin post office square" in kinds_in(text, "place")


def test_a_relative_clause_between_commas_stays_inside_a_reason():
    text = "She wants it open by May, so that the summer season, which starts in June, is not lost as well."
    assert "so that the summer season, which starts in June, is not lost as well" in kinds_in(text, "reason")
    # (a relative clause before "and" ends it: the list goes on)
    text = "It closed because of the storm, which hit on Monday, and the flood."
    assert "because of the storm, which hit on Monday, and the flood" not in kinds_in(text, "reason")


def test_a_sum_in_any_currency_is_one_number():
    assert "1.8 million thaler" in kinds_in("Losses are put at 1.8 million thaler by November.", "number")
    assert "75 thaler" in kinds_in("Children under 16 receive 75 thaler.", "number")


def test_what_a_colon_announces_is_a_candidate():
    text = "The report recommended three things: fitting sensors, building a fence, and closing the line in storms."
    assert "fitting sensors, building a fence, and closing the line in storms" in kinds_in(text, "description")


RESORT = (
    "Rockfall shuts Tarvin cable car\n\n"
    "A rockfall struck the cable car above the village on Monday at 16:05, on the day the resort's 2025 season "
    "opened.\n\n"
    "The Tarvin Lift Company said repairs would cost about 9 million thaler (around 8 million euros). "
    "Every stranded passenger will receive 120 thaler; children under 12 receive 60 thaler.\n\n"
    "The two bodies responsible for the slope, the lift company and the regional council, blame each other. "
    "The Alpine Safety Board has opened an investigation.\n\n"
    "A shuttle bus leaves from Tarvin post office square every hour. Lost items can be collected at the lost "
    "property office at Tarvin valley station.\n\n"
    "Hoteliers expect to lose 2.4 million thaler by December, said Rolf Amsel, president of the Tarvin Hoteliers' "
    "Association.\n"
)


@pytest.fixture(scope="module")
def resort(tmp_path_factory, embedder):
    return assistant_over_text("resort", RESORT, tmp_path_factory, embedder)


@pytest.mark.model
@pytest.mark.parametrize(("question", "history", "expected"), [
    # "two bodies" names a kind of thing, not the one asked about.
    ("Which body has opened an inquiry into the rockfall?", [], "Alpine Safety Board"),
    # At what time: the clock time, not the day around it.
    ("At what time did the rockfall strike?", [], "at 16:05"),
    # A sum in a currency the text uses, and a follow-up asking for it in another.
    ("How much will the repairs cost?", [], "about 9 million thaler"),
    ("What is that in euros?", ["How much will the repairs cost?"], "around 8 million euros"),
    ("How much money do the hoteliers expect to lose?", [], "2.4 million thaler"),
    # A place whose own name puts it in the town asked about.
    ("Where in Tarvin does the shuttle bus leave from?", [], "Tarvin post office square"),
])
def test_resort_questions(resort, question, history, expected):
    got = resort.ask(question, history=history)
    assert got.answer == expected, (got.answer, got.message, got.rewritten_question)


@pytest.mark.model
def test_a_sum_asked_in_one_currency_is_not_given_in_another(resort):
    got = resort.ask("How much will the repairs cost in dollars?")
    assert got.abstained, got.answer


def test_a_named_place_keeps_the_street_it_stands_on():
    text = "Buses will take riders to City Hall on Main Street from Monday."
    assert "City Hall on Main Street" in kinds_in(text, "place")
    text = "They slept at the Grange Hall off Route 9."
    assert "Grange Hall off Route 9" in kinds_in(text, "place")


HARBOUR = (
    "Ships diverted as strike shuts Brisk harbour\n\n"
    "Some ships waiting off Brisk port were diverted north to Port Selden, a mid-sized port on the coast.\n\n"
    "A crane operator hit by a lorry was taken to St Ivo's Infirmary in the old town, where doctors said he was "
    "stable.\n"
)


@pytest.fixture(scope="module")
def harbour(tmp_path_factory, embedder):
    return assistant_over_text("harbour", HARBOUR, tmp_path_factory, embedder)


@pytest.mark.model
@pytest.mark.parametrize(("question", "expected"), [
    # A port is asked for by name: "Port Selden" (the kind leads the name), not "a mid-sized port".
    ("To which port were the ships diverted?", "Port Selden"),
    # A hospital is a building too: "St Ivo's Infirmary" answers "which hospital".
    ("Which hospital treated the crane operator?", "St Ivo's Infirmary"),
])
def test_places_named_by_their_kind(harbour, question, expected):
    got = harbour.ask(question)
    assert got.answer == expected, (got.answer, got.message)


def test_a_year_asked_about_picks_what_happened_that_year(tmp_path_factory, embedder):
    text = ("Tarvin cable car closed\n\n"
            "For a century the Tarvin cable car carried skiers to the top of the valley.\n\n"
            "The car has survived worse. In 1931 a cable snapped and a cabin fell, killing two; in 1987 an avalanche "
            "flattened part of the top station.\n")
    cable = assistant_over_text("cable", text, tmp_path_factory, embedder)
    got = cable.ask("What happened to the Tarvin cable car in 1987?")
    assert "avalanche flattened part of the top station" in got.answer, (got.answer, got.message)


def test_a_rank_is_the_title_before_the_name_or_nothing(tmp_path_factory, embedder):
    text = ("Army officer held\n\n"
            "Police arrested a soldier, Sergeant Tomas Brill, 31, on Monday. His commander said he had served for ten "
            "years in the 4th Rifle Brigade.\n\n"
            "Two other soldiers of the Rifle Brigade were questioned and released.\n")
    army = assistant_over_text("army", text, tmp_path_factory, embedder)
    assert army.ask("What rank does Tomas Brill hold?").answer == "Sergeant"
    got = army.ask("What rank did the two other soldiers hold?")  # the text never says
    assert got.abstained, (got.answer, got.message)


def test_who_runs_a_named_body_is_not_who_runs_another(tmp_path_factory, embedder):
    text = ("Paintings stolen from the Brisk Museum\n\n"
            "On the line is Ada Kern, who runs the Lund Stolen Art Registry, and she said the museum was unlucky.\n\n"
            "Museum director Tilde Moss said staff were relieved.\n")
    museum = assistant_over_text("museum", text, tmp_path_factory, embedder)
    got = museum.ask("Who runs the Brisk Museum?")
    assert got.answer == "Tilde Moss", (got.answer, got.message)
    assert museum.ask("Who runs the Lund Stolen Art Registry?").answer == "Ada Kern"


def test_an_age_in_apposition_makes_a_person_and_the_age_is_its_number():
    text = "Declan Mabry, a 47-year-old crane operator, was hit by a lorry."
    found = {(c.text, c.kind) for c in candidates(text, 0, len(text))}
    assert ("Declan Mabry", "person") in found  # not a body for "operator"
    assert ("47", "age") in found and ("47-year-old", "age") in found


def test_a_body_role_before_a_name_makes_no_person():
    text = "They protested at a plan by terminal operator Greyhaven Terminals to automate the cranes."
    kinds = {c.text: c.kind for c in candidates(text, 0, len(text))}
    assert kinds.get("Greyhaven Terminals") != "person"


def test_the_first_word_of_a_bodys_name_is_that_body(tmp_path_factory, embedder):
    text = ("Dock strike ends\n\n"
            "Greyhaven Terminals Ltd runs both container terminals.\n\n"
            "A judge granted Greyhaven an injunction after a crane operator, Declan Mabry, was hit at the gate.\n\n"
            "Greyhaven said the cranes would turn again on Saturday.\n")
    dock = assistant_over_text("dock", text, tmp_path_factory, embedder)
    kinds = {c.text: c.kind for row in range(len(dock.reader.index.sentences))
             for c in dock.reader.signals.stats.candidates(row)}
    assert kinds["Greyhaven"] == "organisation"
    assert dock.ask("Who was hit at the gate?").answer == "Declan Mabry"


def test_due_to_before_a_verb_is_a_schedule_not_a_reason():
    assert kinds_in("The transformer was due to be replaced years ago.", "reason") == []
    assert kinds_in("They are due to give a news conference at noon.", "reason") == []
    assert "due to heavy rain" in kinds_in("The closure was due to heavy rain.", "reason")


@pytest.mark.parametrize(("text", "expected"), [
    ("It reached 41.3 °C on Wednesday.", "41.3 °C"),
    ("It reached 41.3°C.", "41.3°C"),
    ("It hit 104 degrees Fahrenheit.", "104 degrees Fahrenheit"),
    ("Demand peaked at 2,940 megawatts.", "2,940 megawatts"),
    ("Demand peaked at 2,800 MW.", "2,800 MW"),
])
def test_temperatures_and_power_keep_their_units(text, expected):
    assert expected in kinds_in(text, "number")


GRID = (
    "Heatwave blackout\n\n"
    "Speakers: Mayor Ingrid Sand and Tobias Wenn, chief executive of Kestrel Grid Services.\n\n"
    "Kestrel has ordered a replacement transformer; delivery is expected in about eight months. "
    "A neighbouring utility, Aldersund Energi, lent two crews.\n\n"
    "Tobias Wenn, 52, said the grid had never carried such a load. "
    "The temperature reached 41.3 °C on Wednesday.\n\n"
    "Dagny Lund is 37, a protection engineer who led the team that switched the old line back on.\n"
)


@pytest.fixture(scope="module")
def grid(tmp_path_factory, embedder):
    return assistant_over_text("grid", GRID, tmp_path_factory, embedder)


@pytest.mark.model
def test_one_person_asked_is_not_two_named_together(grid):
    assert grid.ask("Who heads Kestrel Grid Services?").answer == "Tobias Wenn"
    got = grid.ask("How old is he?", history=["Who heads Kestrel Grid Services?"])
    assert got.answer == "52", (got.answer, got.rewritten_question)


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "How many transformers does Kestrel operate?",  # "about eight months" counts months
    "How much did Aldersund Energi charge Kestrel for its crews?",  # "two" is no sum of money
    "What temperature was recorded on Thursday?",  # the text gives Wednesday's
    "How many people were in Dagny Lund's team?",  # "is 37" is her age
])
def test_counts_of_something_else_are_refused(grid, question):
    got = grid.ask(question)
    assert got.abstained, (got.answer, got.message)


def test_he_or_she_after_which_engineer_is_the_answer():
    from qa.chat import asks_which_one_then_he

    assert asks_which_one_then_he("How many people were in her crew?", ["Which engineer led the team?"])
    assert not asks_which_one_then_he("How many people were in her crew?", ["Which line did the team switch on?"])


def test_an_apposition_after_an_acronym_in_brackets_says_what_a_body_is(tmp_path_factory, embedder):
    text = ("Blackout response\n\n"
            "The Civil Resilience Office (CRO), the municipal agency responsible for coordinating the city's response "
            "to emergencies, opened 23 cooling centres.\n")
    office = assistant_over_text("office", text, tmp_path_factory, embedder)
    got = office.ask("What is the Civil Resilience Office?")
    assert got.answer == "the municipal agency responsible for coordinating the city's response to emergencies", got.answer


@pytest.mark.parametrize(("question", "kind"), [
    ("Which substation shut down?", PLACE),
    ("Which cooling centre had the most visitors?", PLACE),
])
def test_places_of_work_and_supply_are_places(question, kind):
    assert answer_type(question) == kind


def test_a_surname_opening_a_sentence_before_a_comma_is_a_name_not_an_adverb():
    text = "Declan Mabry was hit at the gate. Mabry, the crane operator, is in hospital. However, the talks went on."
    mabry = text.index("Mabry,")
    found = [c.text for c in candidates(text, mabry, text.index("However") - 1) if c.kind in ("person", "name",
                                                                                                "organisation")]
    assert "Mabry" in found
    however = text.index("However")
    assert not [c for c in candidates(text, however, len(text))
                if c.text == "However" and c.kind in ("person", "name", "organisation", "place")]


def test_a_surname_typed_as_a_body_is_the_person(tmp_path_factory, embedder):
    text = ("Strike\n\n"
            "Declan Mabry, a 47-year-old crane operator, was hit by a lorry on Tuesday.\n\n"
            "Mabry, the crane operator hit at the gate, is expected to stay in hospital for two weeks.\n")
    strike = assistant_over_text("strike", text, tmp_path_factory, embedder)
    kinds = {(c.text, c.kind) for row in range(len(strike.reader.index.sentences))
             for c in strike.reader.signals.stats.candidates(row)}
    assert ("Mabry", "person") in kinds and ("Mabry", "organisation") not in kinds



def test_what_narrows_a_thing_stays_with_it(tmp_path_factory, embedder):
    from qa.question import analyse

    text = ("The trawler Greta Holm sank off Brisk Point on Sunday. Four of its crew were rescued.\n\n"
            "The rescued sailors are believed to hold valuable details about the sinking, particularly about the "
            "last minutes on the bridge. The wreck lies in 40 metres of water.\n")
    signals = assistant_over_text("trawler", text, tmp_path_factory, embedder).reader.signals
    question = "Why are the rescued sailors valuable?"
    q = analyse(question)
    words = signals.question_words(q)
    vectors = embedder.encode([question] + words)
    ctx = signals.context(q, vectors[0], dict(zip(words, vectors[1:])))
    row = next(i for i, s in enumerate(signals.index.sentences) if s.text.startswith("The rescued sailors"))
    scored = next(s for s in signals.score_sentences(ctx, []) if s.row == row)
    gaps = [c.text for c in signals.gaps(scored)]
    assert "details about the sinking, particularly about the last minutes on the bridge" in gaps, gaps
    assert "details about the sinking" not in gaps  # the thing is not cut from what narrows it


def test_when_gives_a_clock_time_with_its_day(tmp_path_factory, embedder):
    text = ("Ferries between Orla and Brisk Point stopped after a fuel leak on the pier.\n\n"
            "The ferry service resumed at 6 a.m. on Tuesday, 4 June, after repairs to the fuel line. Tickets bought "
            "for the cancelled crossings will be refunded.\n")
    ferry = assistant_over_text("ferry_times", text, tmp_path_factory, embedder)
    when = ferry.ask("When did the ferry service resume?")
    assert "6 a.m. on Tuesday, 4 June" in when.answer, (when.answer, when.message)
    clock = ferry.ask("At what time did the ferry service resume?")
    assert "6 a.m." in clock.answer and "June" not in clock.answer, (clock.answer, clock.message)


def test_the_answer_to_a_why_the_text_asks_is_read_as_the_question_it_answers(tmp_path_factory, embedder):
    text = ("The Orla harbour master on the night the storm hit the coast.\n\n"
            "HOST (Ada Roe): The gale was forecast for Sunday evening. How many boats were still out?\n\n"
            "BRANDT: Eleven. Most were back by six o'clock.\n\n"
            "HOST (Ada Roe): You closed the harbour mouth rather than leave it open for the last boats. Why?\n\n"
            "BRANDT: Because the swell over the bar was already higher than the breakwater, and a boat caught "
            "there would have been rolled. Closing it sent them round to Kessel instead.\n\n"
            "HOST (Ada Roe): Did they all make it?\n\n"
            "BRANDT: All of them, by midnight.\n")
    harbour = assistant_over_text("orla_harbour", text, tmp_path_factory, embedder)
    got = harbour.ask("Why did the harbour master close the harbour mouth instead of leaving it open?")
    assert "swell over the bar" in got.answer, (got.answer, got.message)
