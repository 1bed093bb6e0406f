"""Numbers, times and ages said in words, transcripts' turns as quotations, reasons given before their effect
("..., which is why ..."), measures asked for by their noun ("at what altitude"), and the head of a body asked for
by a general word ("the boss", "the chief"). The articles are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_text

from qa.question import NUMBER, PLACE, answer_type
from qa.spans import candidates, turn_speaker


def _found(text: str, kind: str) -> list[str]:
    return [c.text for c in candidates(text, 0, len(text)) if c.kind == kind]


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
    assert expected in _found(text, kind)


def test_and_joins_only_the_parts_of_one_number():
    # "two and three" are two counts; only "hundred and" / "thousand and" run on.
    assert _found("The blast killed two and injured three.", "number") == ["two", "three"]


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
    assert "The driver braked when he saw the hillside moving" in _found(text, "reason")
    # and from after a comma: "Its driver, Emil Frasch, 47, [braked when ...]"
    text = "Its driver, Emil Frasch, 47, braked when he saw the hillside moving, which is why the rest was spared."
    assert "braked when he saw the hillside moving" in _found(text, "reason")


def test_a_fronted_because_clause_keeps_its_main_clause_out():
    # Not an answer to a question: "because ..." ends at its comma.
    text = "Because the result held, the deposit will not be refunded."
    assert "Because the result held, the deposit will not be refunded" not in _found(text, "reason")


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
