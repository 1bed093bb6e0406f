"""A list's item that opens with a number ("- Around 160 volunteers ..."), a length for "how much", a speaker named
more than three sentences before "she said", the kin that make a name a person's, past forms of irregular verbs
("led" for "leading"), whoever commands a vessel, a dateline with its date, a source of one sentence that acts in
another, the speaker of a transcript's turn for "who asked", asides and distributive "for" in reasons, what
someone named as "he" did, the article a question names as its source, how someone got somewhere, when something
is to happen, and a note on who gave the figures. The articles (a trawler aground on an
invented skerry) are written for these tests."""

from __future__ import annotations

import pytest
from conftest import assistant_over_text, assistant_over_texts, kinds_in

from qa.features import ScoredSentence
from qa.spans import NUMBER as NUMBER_KIND
from qa.spans import PERSON as PERSON_KIND
from qa.spans import REASON as REASON_KIND
from qa.spans import candidates, dateline_place, name_kind_at
from qa.text import stem, terms

WIRE = """Trawler aground on Carrick Skerry leaks diesel as crews race the tide

KELMOUTH, October 12 (Seaboard Press) — Salvage teams worked through a second night on Wednesday to pump diesel from the trawler Morwen Star, which ran aground on Carrick Skerry on Monday, as shellfish farmers warned of ruin.

All 14 crew members were lifted off the trawler by helicopter on Monday evening and flown to Dunmere; none was hurt.

"The hull is holding for now," said Commander Ilsa Brack, 49, who heads the coastguard's western district.

The owners said the skipper had turned the trawler towards the skerry to seek shelter behind it after a gale warning was issued for the open sea.

The Marine Casualty Board said on Tuesday it had opened an inquiry and would examine the trawler's log. Salvage crews hoped to begin pumping the diesel into a barge on Friday. The inquiry will be led by Judge Oren Halvey, a retired admiralty judge.

A board spokesman said the trawler's master, Captain Sefton Rue, 58, had been questioned but not detained.

Volunteers at a seabird centre in the village hall were caring for 90 oiled birds on Wednesday, the Northshore Bird Trust said.

A trained team from the Northshore Bird Trust collects oiled birds from the beaches each morning.

The insurer offered a payment of 2,000 euros for each licensed boat, an offer the growers' association rejected because it did not cover a whole season of lost sales. The association is seeking 900,000 euros in damages.

The owners put the time of the grounding at 02:40.

In 1998 a deckhand from another trawler swam for two hours to reach the shore after it sank off the skerry.
"""

BRIEFING = """COASTGUARD BRIEFING ON THE GROUNDING OF THE MORWEN STAR

BRACK: The trawler is sitting on the skerry at the bow. We lifted the crew off on Monday.

TALLIS: Fen Tallis, Kelmouth Courier. Commander, why was a trawler anywhere near the skerry at night?

BRACK: That is for the inquiry. I will not guess at it today.
"""

UPDATE = """Harbour Authority update: Morwen Star

Timeline

- Monday 10 October, 03:10 — Morwen Star runs aground on Carrick Skerry.
- Monday 10 October, 06:45 — Harbour Authority opens its incident room.

What we know

- Around 160 volunteers are cleaning the shore today, up from 70 yesterday.
- More than a thousand litres of diesel have leaked from the trawler.
- Around 4 km of coastline has been oiled, mostly on the northern shore.
"""

PROFILE = """The long wait at Kelmouth

By Ada Merrow

Mairi Dunlop has farmed mussels off Kelmouth for twenty years, and in all that time she has never lost a harvest. Dunlop’s father farmed the same lines before her.

She works the rafts with her nephew, Ewan, who is twenty.

Not this year. Dunlop woke at four on the Monday to the sound of the coastguard helicopter.

She is angry, though she picks her words.

The trawler, she said, had no business being there.

She has heard the owners say the skipper was seeking shelter, and she does not believe it.

“Nobody shelters by steering straight at the skerry,” she said.

Hal Brodie, the trust's warden, counts 140 birds in his own tally, a figure higher than the official one because, he said, it includes birds that died on the first night.

Brodie, 41, came to Kelmouth to study its terns. When the oil came ashore, he turned the village hall into a bird hospital within a day.

By his count the centre has taken in 140 birds since it opened.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    articles = {"wire": WIRE, "briefing": BRIEFING, "update": UPDATE, "profile": PROFILE}
    return assistant_over_texts("skerry", articles, tmp_path_factory, embedder)


def test_a_list_item_that_opens_with_a_number():
    assert "Around 160" in kinds_in("- Around 160 volunteers are cleaning the shore today, up from 70 yesterday.", NUMBER_KIND)
    assert "More than a thousand litres" in kinds_in("- More than a thousand litres of diesel have leaked.", NUMBER_KIND)
    assert "40" not in [c.text for c in candidates("• About 40 homes were hit.", 0, 25) if c.kind != NUMBER_KIND]


def test_how_many_from_a_list_item(assistant):
    answer = assistant.ask("How many volunteers are cleaning the shore today?")
    assert answer.answer == "Around 160"


def test_how_much_coastline_is_a_length(assistant):
    answer = assistant.ask("How much coastline has been oiled?")
    assert not answer.abstained and "4 km" in answer.answer


def test_she_said_goes_back_through_sentences_about_her(assistant):
    answer = assistant.ask("What did Mairi Dunlop say about the claim that the skipper was seeking shelter?")
    assert answer.answer == "Nobody shelters by steering straight at the skerry"
    # the skipper never speaks: her words are not his
    answer = assistant.ask("What did Captain Sefton Rue say about turning towards the skerry?")
    assert "Nobody shelters" not in answer.answer


def test_kin_make_a_name_a_persons():
    text = PROFILE
    assert name_kind_at(text, text.index("Dunlop woke"), text.index("Dunlop woke") + len("Dunlop")) == PERSON_KIND
    start = text.index("Ewan")
    assert name_kind_at(text, start, start + len("Ewan")) == PERSON_KIND


def test_who_works_with_her(assistant):
    assert assistant.ask("Who works Mairi Dunlop's rafts alongside her?").answer == "Ewan"


def test_irregular_past_forms_stem_as_their_base():
    assert stem("led") == stem("leading") == stem("leads")
    assert stem("struck") == stem("strikes") and stem("flown") == stem("fly")
    assert stem("left") != stem("leave")  # "the left bank"


def test_led_by_makes_the_leader(assistant):
    assert assistant.ask("Who is leading the inquiry into the grounding?").answer == "Oren Halvey"


def test_who_commands_a_vessel_is_its_master(assistant):
    answer = assistant.ask("Who was in command of the Morwen Star?")
    assert answer.answer == "Sefton Rue"
    assert assistant.ask("How old is he?", history=["Who was in command of the Morwen Star?"]).answer == "58"
    # the craft by its kind: its master, not the coastguard's commander
    assert assistant.ask("Who was in command of the trawler?").answer == "Sefton Rue"


def test_a_dateline_with_its_date():
    start = WIRE.index("KELMOUTH")
    assert dateline_place(WIRE) == (start, start + len("KELMOUTH"))


def test_from_where_the_report_was_filed(assistant):
    assert assistant.ask("From which town did Seaboard Press file its report?").answer == "KELMOUTH"


def test_the_source_of_one_sentence_acts_in_another(assistant):
    # "..., the Northshore Bird Trust said": its source; "A trained team from the Northshore Bird Trust collects ...": it
    assert assistant.ask("Which charity is looking after the oiled birds?").answer == "Northshore Bird Trust"


def test_who_asked_is_the_speaker_of_the_turn(assistant):
    answer = assistant.ask("Which reporter asked the commander why the trawler was near the skerry?")
    assert answer.answer in ("TALLIS", "Fen Tallis")


def test_reasons_without_asides_nor_shares():
    text = ("Brodie counts 140 birds, a figure higher than the official one because, he said, it includes birds that "
            "died on the first night.")
    assert "it includes birds that died on the first night" in kinds_in(text, REASON_KIND)
    text = ("The insurer offered 2,000 euros for each licensed boat, an offer the association rejected because it did "
            "not cover a whole season of lost sales.")
    assert kinds_in(text, REASON_KIND) == ["because it did not cover a whole season of lost sales"]
    text = "By his count the centre has taken in 140 birds since it opened."
    assert kinds_in(text, REASON_KIND) == []
    text = "The skipper had turned the trawler towards the skerry to seek shelter behind it after a gale warning was issued for the open sea."
    found = kinds_in(text, REASON_KIND)
    assert "to seek shelter behind it" in found and "after a gale warning was issued for the open sea" in found
    assert "for the open sea" not in found  # what the warning was for


def test_why_with_an_aside(assistant):
    answer = assistant.ask("Why is Hal Brodie's tally of birds higher than the official one?")
    assert answer.answer == "it includes birds that died on the first night"


def test_why_the_offer_was_rejected(assistant):
    answer = assistant.ask("Why did the growers' association turn down the insurer's offer?")
    assert answer.answer == "because it did not cover a whole season of lost sales"


def test_what_he_did_after_the_sentence_that_names_him(assistant):
    answer = assistant.ask("What did Brodie do with the village hall when the oil came ashore?")
    assert answer.answer == "turned the village hall into a bird hospital within a day"


def test_what_happened_to_the_crew_of_a_vessel(assistant):
    answer = assistant.ask("What happened to the crew of the Morwen Star?")
    assert "lifted off the trawler by helicopter" in answer.answer


def test_states_said_as_adverbs_stem_as_their_noun():
    assert terms("ran aground") == [stem("run"), stem("grounding")]
    assert stem("ashore") == stem("shore")


def test_the_source_the_question_names(assistant):
    # the wire says the owners put it at 02:40; the authority's page gives its own time
    answer = assistant.ask("What time does the harbour authority's timeline give for the grounding?")
    assert answer.answer != "02:40" and answer.citations[0].doc_id == "update"
    assert "02:40" in assistant.ask("What time did the owners give for the grounding?").answer



def test_how_someone_got_somewhere_is_how_they_moved(assistant):
    answer = assistant.ask("How did the deckhand get to the shore in 1998?")
    assert answer.answer == "swam for two hours"


def test_what_is_arranged_for_is_no_reason():
    text = "He will hand them over if the leader arranges for an exchange with the captives held abroad."
    assert not any(r.startswith("for an exchange") for r in kinds_in(text, REASON_KIND))


def test_when_something_will_happen_needs_a_passage_about_it(assistant):
    # the board opened its inquiry on Tuesday: no passage says when it will publish anything
    assert assistant.ask("When will the Marine Casualty Board publish its findings?").abstained
    # "hoped to begin pumping ... on Friday" speaks of what is to come
    assert assistant.ask("When will the salvage crews begin pumping the diesel?").answer == "Friday"


def test_a_third_day_is_no_share():
    assert kinds_in("Crews worked through a third day on Tuesday.", NUMBER_KIND) == []
    assert kinds_in("A third were hurt, and about a third of the boats sank.", NUMBER_KIND) == ["A third", "about a third"]


def test_a_note_on_who_gave_the_figures_is_no_reason(tmp_path_factory, embedder):
    text = ("Tugs idle in Kelmouth\n\nThe harbour's four tugs have stayed in port all week. "
            "The harbour master gave these details at a meeting of the port board on Friday.\n\n"
            "The tugs cannot sail because their engines need new fuel filters.\n")
    port = assistant_over_text("tugs", text, tmp_path_factory, embedder)
    sentences = port.index.sentences
    note = next(row for row, sent in enumerate(sentences) if "gave these details" in sent.text)
    # the sentence after one that gives no reason may say why ("... said Oh"), but not this one
    assert port.reader.signals.explains(ScoredSentence(note, sentences[note], 0.0, {}, []), note - 1) == []
    answer = port.ask("Why have the harbour's tugs stayed in port all week?")
    assert answer.answer == "because their engines need new fuel filters"


def test_the_edges_of_these_cues():
    from qa.features import _PURPOSE_AFTER, FILED_FROM, _callings

    text = "The search was led by the Navy. Helena Marrack said it was over. The panel will be led by Judge Oren Halvey."
    navy = text.index("Helena Marrack")
    assert stem("head") not in _callings(text, navy, navy + len("Helena Marrack"), "Helena Marrack")
    judge = text.index("Oren Halvey")
    assert stem("head") in _callings(text, judge, judge + len("Oren Halvey"), "Oren Halvey")
    assert FILED_FROM.search("Where was the file found?") is None
    assert FILED_FROM.search("From which town did the agency file its report?") is not None
    assert _PURPOSE_AFTER.search("swam to the shore") is None and _PURPOSE_AFTER.search("swam for an hour to flee")
    assert stem("met") != stem("meet") and stem("fed") != stem("feed")  # the Met Office, the Fed
