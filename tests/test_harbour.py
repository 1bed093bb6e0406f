"""Counts of compound nouns and of the very noun asked, measures of an amount ("how much water", "how much land"),
the dateline's place, landform names, a role said with a copula, who runs a named body, a transcript speaker whom
another article describes, and follow-ups that ask the earlier question of a new person. The articles (a storm at an
invented harbour) are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_texts

from qa import chat
from qa.constraints import counted_phrase
from qa.question import PERSON, analyse, is_person_noun
from qa.spans import candidates, dateline_place

WIRE = """Storm wrecks trawlers at Keldhaven

KELDHAVEN, Norvik Coast (Tidewater News Agency) — A storm drove six trawlers onto the rocks at Keldhaven on Sunday night, and the lifeboat crew pulled 19 fishermen from the water.

Harbourmaster Ivo Lanstad said 80 rescuers and 12 rescue vessels had been sent out before midnight.

By Monday the flood covered 340 hectares behind the old wall, the town council reported.

The lifeboat station belongs to the Keldhaven Rescue Society. The society's chief executive, Mira Holt, praised the crew.

Deputy Harbourmaster Petter Rask, who is leading the clean-up with the Keldhaven Rescue Society, said the harbour would reopen on Friday.

"We have lost boats that fed families for three generations," said Eskil Varn, the union's chairman.

The storm broke on the slopes of Grauen Ridge before it reached the sea.

The chandlery at the harbour mouth is gone.

Keldhaven supplies a third of the country's herring exports and is known abroad for its smoked herring.

Residents said they got the text message, then the police came down the quay with a loudspeaker.

The new sea wall will be paid for by Norvik Harbour Holdings, which owns the quay.

The water stopped about forty metres from the church.

Several skippers said they put to sea on Sunday because they were told by the harbour officials that the storm would pass. Their crews said the storm would pass, their own families told the skippers.
"""

RADIO = """HARBOUR HOUR - MONDAY

HOST (Lene Dahl): With me now is Eskil Varn of the Keldhaven fishermen's union.

VARN: It was the worst night I can remember. You can buy a new net in a week, but a new boat takes two years to build.

DAHL: Thank you.
"""

PROFILE = """THE WOMAN AT THE WHEEL

Sigrun Aalto, 52, is the chief pilot of the Keldhaven Rescue Society.

She has spent three decades pulling people out of the water.

On Sunday she and her co-pilot, Tor Brekke, made seventeen trips before the weather closed in.

Brekke, 31, joined the society four years ago.

Before each trip she filled the tanks with fuel, leaving with two thousand litres aboard.

After the storm of 2011 she persuaded the society to adopt a rule that no boat leaves the harbour in winds above force eight, a rule the society still follows.
"""


NOTICE = """KELDHAVEN HARBOUR NOTICE No. 3

The quay is closed to the public until further notice.

Divers from the Keldhaven Rescue Society will inspect the sea wall on Tuesday, said Harbourmaster Ivo Lanstad.

Approved by: Deputy Harbour Master Anja Fell
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    articles = {"wire": WIRE, "radio": RADIO, "profile": PROFILE, "notice": NOTICE}
    return assistant_over_texts("harbour", articles, tmp_path_factory, embedder)


def test_a_compound_counted_noun_counts_its_last_noun():
    assert [w for _, w, _ in counted_phrase("How many water drops did the crew make?")] == ["water", "drops"]
    assert [w for _, w, _ in counted_phrase("How many people died in the storm?")] == ["people"]  # no auxiliary
    assert analyse("How many water drops did the crew make?").focus == ("water", "drop")


def test_the_number_of_the_very_noun_asked_is_preferred_to_one_of_a_near_word(assistant):
    # "80 rescuers and 12 rescue vessels": 12 counts vessels, which "rescue" only modifies
    assert assistant.ask("How many rescuers were sent out?").answer == "80"


def test_a_number_that_says_what_it_counts_answers_below_one_that_counts_else(assistant):
    # "made [seventeen] trips" for "how many boat trips", though "three decades" stands higher
    answer = assistant.ask("How many boat trips did Aalto's crew make on Sunday?")
    assert not answer.abstained and answer.answer == "seventeen"


def test_how_much_of_a_thing_is_measured_in_its_unit(assistant):
    answer = assistant.ask("How much fuel did the boat leave with on each trip?")
    assert answer.answer == "two thousand litres"


def test_how_much_land_is_an_area(assistant):
    answer = assistant.ask("How much land did the flood cover?")
    assert "340 hectares" in answer.answer


def test_the_place_of_the_dateline():
    assert WIRE[slice(*dateline_place(WIRE))] == "KELDHAVEN"
    assert dateline_place("A quiet story with no dateline.\n") is None


def test_from_which_town_a_report_was_filed_is_its_datelines_place(assistant):
    assert assistant.ask("From which town was the news agency's report filed?").answer == "KELDHAVEN"


def test_a_landform_name_is_a_place():
    text = "Smoke rose over Grauen Ridge and Holm Peak."
    found = [(c.text, c.kind) for c in candidates(text, 0, len(text))]
    assert ("Grauen Ridge", "place") in found and ("Holm Peak", "place") in found


def test_agent_nouns_of_the_news_are_person_nouns():
    assert is_person_noun("forecaster") and is_person_noun("co-pilot") and is_person_noun("callers")
    assert analyse("Which weather forecaster spoke on the radio?").answer_type == PERSON


def test_a_role_said_with_a_copula_describes_the_name(assistant):
    # "Sigrun Aalto, 52, is the chief pilot of ..." calls her the chief pilot
    assert assistant.ask("Who is the chief pilot of the Keldhaven Rescue Society?").answer == "Sigrun Aalto"


def test_who_runs_a_named_body_is_its_head_in_a_passage_that_names_it(assistant):
    # not the chief pilot (a pilot), nor "Rask, who is leading the clean-up" (another thing)
    assert assistant.ask("Who runs the Keldhaven Rescue Society?").answer == "Mira Holt"


def test_a_transcript_speaker_is_described_by_another_article(assistant):
    # The radio introduces "Eskil Varn of the ... union"; the wire calls him "the union's chairman".
    answer = assistant.ask("What did the union's chairman say about buying a new net?")
    assert "a new boat takes two years to build" in answer.answer


def test_what_happened_to_a_thing_is_said_past_a_place_phrase(assistant):
    # "the chandlery [at the harbour mouth] is gone"
    assert assistant.ask("What happened to the chandlery?").answer == "is gone"


def test_what_kind_of_thing_a_place_is_known_for_is_one_of_that_kind(assistant):
    # "its smoked [herring]", not "its [catch]"
    assert assistant.ask("What kind of herring is Keldhaven known for abroad?").answer == "smoked herring"


def test_who_signed_off_a_notice_is_the_name_on_its_sign_off_line(assistant):
    assert "Anja Fell" in assistant.ask("Who signed off the harbour notice?").answer


def test_who_did_something_as_a_role_is_whom_the_text_calls_so(assistant):
    # "her co-pilot, Tor Brekke", not the chief pilot of the sentence before
    assert assistant.ask("Who was flying alongside Sigrun Aalto as her co-pilot?").answer == "Tor Brekke"


def test_a_means_with_a_thing_is_a_manner_phrase():
    from qa.features import _MANNER_START

    text = "Then the police came down the quay with a loudspeaker."
    assert [text[m.start():].rstrip(".") for m in _MANNER_START.finditer(text)] == ["with a loudspeaker"]


def test_a_business_of_one_trade_must_be_called_so(assistant):
    # The owner of the quay pays for the wall; nothing says who makes or supplies anything.
    answer = assistant.ask("Which manufacturer supplied the stones for the new sea wall?")
    assert answer.abstained and "not called a manufacturer" in answer.message


@pytest.mark.parametrize(("question", "history", "expected"), [
    ("And according to the fire service?", ["How much land burned by Wednesday according to the growers?"],
     "How much land burned by Wednesday according to the fire service?"),
    ("And her co-pilot?", ["Who is the chief pilot?", "How old is Aalto?"], "How old is Aalto’s co-pilot?"),
    ("And his wife?", ["What did Mr Varn say?"], "What did Mr Varn’s wife say?"),
    ("How old is he?", ["Who is Sigrun Aalto's father?"], "How old is Sigrun Aalto’s father?"),
    # a day of the question before is no subject to replace
    ("And what about the other town?", ["Which town was evacuated on Tuesday?"],
     "Which town was evacuated on Tuesday (the other town)?"),
])
def test_follow_ups_ask_the_earlier_question_anew(question, history, expected):
    assert chat.rewrite(question, history) == expected


def test_who_of_a_named_persons_relative_is_asked_before_he():
    assert chat._WHO.match("Who is Sigrun Aalto's father?") is not None
    assert chat._WHO.match("Who is Sigrun Aalto?") is None


def test_the_age_of_someones_co_pilot_is_the_co_pilots(assistant):
    answer = assistant.ask("And his co-pilot?", ["Who is the chief pilot of the Keldhaven Rescue Society?",
                                                 "How old is she?"])
    assert answer.answer == "31"


def test_exchanging_one_thing_for_another_gives_no_reason():
    from qa.spans import reasons

    text = "Kyiv is ready to exchange the captured sailors for its own soldiers held abroad."
    assert reasons(text, 0, len(text)) == []
    text = "The troops were sent in exchange for technical help."
    assert [c.text for c in reasons(text, 0, len(text))] == ["in exchange for technical help"]


BRIDGE = """Bridge to stay shut

Engineers said the council should not reopen the Maltby bridge this winter.

"Most likely, the cracks would spread in the first hard frost," said engineer Lena Brandt.

The council reopened the ferry for commuters in March.

The bridge was built in 1911.
"""


def test_the_sentence_after_a_claim_says_why(tmp_path_factory, embedder):
    from conftest import assistant_over_text

    assistant = assistant_over_text("bridge", BRIDGE, tmp_path_factory, embedder)
    answer = assistant.ask("Why shouldn't the council reopen the bridge, according to engineers?")
    assert "the cracks would spread" in answer.answer


def test_a_cause_inside_the_question_does_not_make_it_a_why_question():
    from qa.question import ORG, REASON, answer_type

    assert answer_type("Which agency has launched an inquiry into what caused the flood?") == ORG
    assert answer_type("What caused the flood?") == REASON


def test_a_timelines_next_entry_does_not_say_why():
    from qa.features import _LIST_ITEM

    assert _LIST_ITEM.match("- Tue 17:55 — Wind change recorded.") and _LIST_ITEM.match("16:50 - Drone sighted.")
    assert not _LIST_ITEM.match("Most likely, the cracks would spread.")


def test_how_close_asks_for_a_distance(assistant):
    from qa.question import NUMBER, answer_type

    assert answer_type("How close did the water come to the church?") == NUMBER
    assert answer_type("How closely did they work?") != NUMBER
    assert assistant.ask("How close did the water come to the church?").answer == "about forty metres"


def test_an_answer_keeps_the_no_before_it(assistant):
    answer = assistant.ask("What rule did Aalto persuade the society to adopt?")
    assert answer.answer.startswith("no boat leaves the harbour"), answer.answer
    cite = answer.citations[0]
    assert cite.quote[cite.answer_start - cite.start:cite.answer_end - cite.start] == answer.answer


def test_how_long_a_thing_needs_a_passage_about_that_thing(assistant):
    from qa.constraints import _HOW_LONG_A

    assert _HOW_LONG_A.search("How large a deposit did the campaign post?").group(1) == "deposit"
    # "joined the society four years ago" is no prison sentence
    answer = assistant.ask("How long a prison sentence could Brekke face?")
    assert answer.abstained and "does not mention sentence" in answer.message


def test_who_did_it_is_the_agent_of_a_passive(assistant):
    # "they were told by [the harbour officials]", not the families of the next sentence
    assert "harbour officials" in assistant.ask("Who told the skippers the storm would pass?").answer


def test_the_other_one_is_not_the_answer_before(tmp_path_factory, embedder):
    from conftest import assistant_over_text

    text = ("Two drivers questioned\n\n"
            "Asked what she saw, the first driver told police: \"I saw nothing at all.\"\n\n"
            "The police asked the other driver the same question, and he answered: \"The light was red.\"\n")
    assistant = assistant_over_text("drivers", text, tmp_path_factory, embedder)
    first = assistant.ask("What did the driver tell police she saw?")
    other = assistant.ask("And the other one?", ["What did the driver tell police she saw?"])
    assert first.answer and other.answer and other.answer != first.answer


def test_someone_reporting_is_a_person():
    text = "Kari Berg was reporting from Bergen."
    assert ("Kari Berg", "person") in [(c.text, c.kind) for c in candidates(text, 0, len(text))]


def test_the_clause_that_names_what_was_asked_about_answers(tmp_path_factory, embedder):
    from conftest import assistant_over_text

    text = ("Storm coverage\n\n"
            "The storm reached the west coast on Monday night.\n\n"
            "Reporters Ana Lind and Per Holm were in Oslo, and Kari Berg was reporting from Bergen.\n")
    assistant = assistant_over_text("coverage", text, tmp_path_factory, embedder)
    assert assistant.ask("Which journalist filed from Bergen?").answer == "Kari Berg"


def test_who_put_their_name_to_a_notice_is_its_signature(tmp_path_factory, embedder):
    from conftest import assistant_over_text

    text = ("QUAY CLOSURE NOTICE\n\n"
            "The north quay stays closed to residents until the sea wall is repaired.\n\n"
            "Residents with questions should contact the harbour office.\n\n"
            "Marit Solberg\n"
            "Harbour Director, Keldhaven Harbour Trust\n")
    assistant = assistant_over_text("closure", text, tmp_path_factory, embedder)
    assert assistant.ask("Who put their name to the quay closure notice?").answer == "Marit Solberg"
