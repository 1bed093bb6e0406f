"""End-to-end reading of an invented article (tests/fixtures/bridge_corpus): speakers known by their trade, counts
of people under other nouns, names asked for by the noun the text calls them, and names typed by their cues."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import assistant_over, assistant_over_text

from qa.features import Signals
from qa.question import analyse
from qa.spans import Candidate

CORPUS = Path(__file__).resolve().parent / "fixtures" / "bridge_corpus"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over(CORPUS, tmp_path_factory, embedder)


@pytest.mark.parametrize(("question", "answer"), [
    # The speaker is described after an age: "said Ottilie Fenwick, 52, a florist".
    ("What did the florist say?", "I heard a crack like a gunshot"),
    # ... or by a noun before the one asked about: the "bakery owner" is "Edda Marsh, 44, who runs a bakery".
    ("What did the bakery owner say about reopening?", "We will not reopen it until every bolt has been checked"),
    # The speaker's title is in another sentence ("Fire Chief Ramona Ortiz"), and the name in the question is whom
    # the speaker speaks for, not the speaker.
    ("What did the fire chief say about the drivers?", "The drivers stayed calm and waited for us"),
    ("What did the Bridge Safety Office spokesperson say about other bridges?",
     "Until we know why the support gave way, no truck will cross another bridge like it"),
    # "people" are counted as drivers.
    ("How many people cross the bridge on a typical weekday?", "About 4,500"),
    # "how many of the injured": the sentence counts a part of them by another noun.
    ("How many of the injured were kept overnight?", "Two"),
    # Called by the noun asked for: as its head word, in an apposition after it.
    ("What river does the bridge cross?", "Tamsin River"),
    ("What company maintains the bridge?", "Larkspur Road Lines"),
    # A body by its head word; a person after a rank of two words.
    ("Who is providing shuttle buses?", "Carroway County Transit"),
    ("Who spoke for the Bridge Safety Office?", "Soren Vail"),
    # A body with no name: the noun asked for with the words before it.
    ("Which county committee will review the closure?", "transportation oversight committee"),
    # What happened to someone: what the text says they underwent, past a relative clause after the name.
    ("What happened to Hollis Brandt?", "was treated for a sprained wrist and released"),
    # "How did ...?": the means, with its marker.
    ("How did stranded commuters cross the river?", "through a temporary footbridge near the mill"),
    # A speed is a number with a unit of speed.
    ("How fast was the truck going?", "45 miles per hour"),
    # "Who leads ...?": the person the text calls its president, not another member.
    ("Who leads the drivers union?", "Gus Pell"),
    # ... and "who speaks for ...?", the person the text calls its spokesperson.
    ("Who speaks for the Bridge Safety Office?", "Soren Vail"),
    # A post asked for by its initials, spelt out in the text.
    ("What did the CEO say about the supports?", "We will have crews on the supports by Tuesday"),
    # "which <occupation>" asks for a person.
    ("Which florist heard a crack?", "Ottilie Fenwick"),
    # "Who runs ...?": the sentence calling someone its director is read, however low its words rank.
    ("Who runs the Carroway library?", "Wendell Ash"),
    # A reason keeps its marker; "out of service" gives none.
    ("Why will the north lane stay shut?", "because the repair crew must wait for a replacement bearing"),
    # An amount of money is a number with its currency, not the year before it.
    ("How much did the last repairs cost?", "$2.3 million"),
    # A name joined by "&".
    ("Which insurer will pay for the repairs?", "Hale & Dunmore"),
    # The name of a thing is the name the text calls that thing ("a tug, the Wren Holloway"), not one that only
    # qualifies the noun ("Carroway tug crews"); "the Wren Holloway, a 40-year-old boat" is no person.
    ("What is the name of the tug?", "Wren Holloway"),
    ("What's the name of the tug?", "Wren Holloway"),
])
def test_answers(assistant, question, answer):
    got = assistant.ask(question)
    assert got.answer == answer, (got.answer, got.message)


def test_one_of_them_named_is_no_count(assistant):
    got = assistant.ask("How many people did Hollis Brandt drive?")
    assert got.abstained and "counts nothing" in got.message


def test_people_are_not_counted_as_homes(assistant):
    reader = assistant.reader
    q = analyse("How many people lost power?")
    from qa.constraints import Constraints

    checks = Constraints(reader.signals, reader.signals.context(q, assistant.embedder.encode([q.text])[0], None))
    row = next(i for i, s in enumerate(assistant.index.sentences) if "300 homes" in s.text)
    sentence = assistant.index.sentences[row]
    start = sentence.start + sentence.text.index("300")
    cand = Candidate(start, start + 3, "300", "number")
    scored = next(s for s in reader.signals.score_sentences(checks.ctx, assistant.retriever.search(q.text, 8))
                  if s.row == row)
    assert "counts something other than people" in checks.violation(scored, cand, {})


def test_a_name_with_the_nouns_up_to_the_one_asked_for_is_a_candidate(assistant):
    signals: Signals = assistant.reader.signals
    q = analyse("Which lot will the detour buses leave from?")
    assert signals.head_noun(q) == "lot"
    row = next(i for i, s in enumerate(assistant.index.sentences) if "park-and-ride" in s.text)
    scored = next(s for s in signals.score_sentences(signals.context(q, assistant.embedder.encode([q.text])[0], None),
                                                     assistant.retriever.search(q.text, 8)) if s.row == row)
    assert "Elm Street park-and-ride lot" in [c.text for c in signals.named_phrases(scored, q)]
    assert signals.head_noun(analyse("What happened to the bridge?")) is None
    assert signals.head_noun(analyse("What did the florist say?")) is None


def test_the_name_of_something_nobody_is_called_is_refused(assistant):
    got = assistant.ask("What is the name of the barge?")
    assert got.abstained and "barge" in got.message


def test_the_nouns_a_question_asks_for():
    nouns = Signals.asked_nouns
    assert nouns(analyse("What river does the bridge cross?")) == {"river"}
    assert {"presid", "chief", "head"} <= nouns(analyse("Who runs the drivers union?"))
    assert "spokesperson" in nouns(analyse("Who spoke for the union?"))
    assert nouns(analyse("Who closed the bridge?")) == frozenset()


@pytest.mark.parametrize(("question", "why"), [
    ("How far did the tug push the barge?", "it is not a distance"),
    ("What did the driver's alcohol test show?", "not known"),  # "the results would not be available"
])
def test_unanswerable_measures_and_results_not_out_yet_are_refused(assistant, question, why):
    got = assistant.ask(question)
    assert got.abstained, got.answer
    assert why in got.message


def test_warm_up_prepares_every_sentence_of_a_small_index_only(assistant, monkeypatch):
    from qa import features

    stats = features.SentenceStats(assistant.index)
    stats.warm_up()
    assert len(stats._cands) == len(assistant.index.sentences)
    monkeypatch.setattr(features, "WARM_UP_SENTENCES", len(assistant.index.sentences) - 1)
    stats = features.SentenceStats(assistant.index)
    stats.warm_up()
    assert stats._cands == {}


def test_how_did_questions_get_the_means_as_candidates(assistant):
    signals: Signals = assistant.reader.signals
    q = analyse("How did stranded commuters cross the river?")
    row = next(i for i, s in enumerate(assistant.index.sentences) if "footbridge" in s.text)
    ctx = signals.context(q, assistant.embedder.encode([q.text])[0], None)
    scored = next(s for s in signals.score_sentences(ctx, assistant.retriever.search(q.text, 8)) if s.row == row)
    texts = [c.text for c in signals.candidates(scored, ctx)]
    assert "through a temporary footbridge near the mill" in texts
    plain = analyse("What did stranded commuters cross?")
    assert "through a temporary footbridge near the mill" not in [c.text for c in signals.candidates(scored, signals.context(
        plain, assistant.embedder.encode([plain.text])[0], None))]


def test_sentences_calling_a_name_by_the_noun_asked_for_are_read(assistant):
    """ "Who runs the library?": the sentence calling someone its director is read for spans even when its words
    rank it below the ``span_sentences`` best, and a sentence naming someone by another noun is not added."""
    from dataclasses import replace

    from qa.answer import Reader

    signals: Signals = assistant.reader.signals
    q = analyse("Who runs the Carroway library?")
    ctx = signals.context(q, assistant.embedder.encode([q.text])[0], None)
    director = next(i for i, s in enumerate(assistant.index.sentences) if "Wendell Ash" in s.text)
    founder = next(i for i, s in enumerate(assistant.index.sentences) if "Abigail Carroway" in s.text)
    assert director in signals.called_rows(ctx)
    assert founder not in signals.called_rows(ctx)
    reader = Reader(assistant.index, replace(assistant.settings, span_sentences=1), assistant.reader.model)
    sentences = reader.signals.score_sentences(ctx, assistant.retriever.search(q.text, 8))
    assert sentences[0].row != director
    assert director in [sc.row for sc in reader.span_sentences(ctx, sentences)]
    other = analyse("Who opened the reading room?")  # no noun asked for: nothing added
    assert signals.called_rows(signals.context(other, assistant.embedder.encode([other.text])[0], None)) == []


def test_an_amount_of_money_carries_its_own_currency(assistant):
    """ "fitted [14] bearings for $2.3 million": a count is no amount of money, the sum after it is."""
    from qa.constraints import Constraints

    signals: Signals = assistant.reader.signals
    q = analyse("How much did the last repairs cost?")
    ctx = signals.context(q, assistant.embedder.encode([q.text])[0], None)
    checks = Constraints(signals, ctx)
    row = next(i for i, s in enumerate(assistant.index.sentences) if "$2.3 million" in s.text)
    scored = next(s for s in signals.score_sentences(ctx, assistant.retriever.search(q.text, 8)) if s.row == row)
    found = {c.text: checks.violation(scored, c, {}) for c in signals.candidates(scored, ctx)}
    assert "amount of money" in str(found["14"])
    assert found["$2.3 million"] is None


def test_a_name_with_the_nouns_asked_for_does_not_cross_function_words(assistant):
    """ "Which county ...?": "[Kettering] if the county detour" is no county's name."""
    signals: Signals = assistant.reader.signals
    q = analyse("Which county ran the detour?")
    ctx = signals.context(q, assistant.embedder.encode([q.text])[0], None)
    row = next(i for i, s in enumerate(assistant.index.sentences) if "toward Kettering" in s.text)
    scored = next(s for s in signals.score_sentences(ctx, assistant.retriever.search(q.text, 8)) if s.row == row)
    assert not [c.text for c in signals.named_phrases(scored, q) if c.text.startswith("Kettering ")]


_EXPLAINER = ("Questions and answers: the Lowick well closure\n\n"
              "The Lowick village well was closed on Tuesday, officials said.\n\n"
              "Why was the well the problem?\n\n"
              "The well draws water from a shallow layer that floods after heavy rain. The county tests it twice "
              "a year.\n\n"
              "When will it reopen?\n\n"
              "Officials hope to reopen it in May.\n\n"
              "What is in the water?\n\n"
              "Tests found nitrate. Nitrate, found in farm fertiliser, is a salt that dissolves easily in water, "
              "including rain, and can harm babies.\n")


@pytest.fixture(scope="module")
def explainer(tmp_path_factory, embedder):
    return assistant_over_text("explainer", _EXPLAINER, tmp_path_factory, embedder)


def test_an_explainers_answer_to_its_own_why_question_is_the_reason(explainer):
    # The answer has no "because": it is the sentence after the text's own "Why ...?".
    got = explainer.ask("Why is the Lowick well a problem?")
    assert got.answer == "The well draws water from a shallow layer that floods after heavy rain"


def test_only_a_why_question_of_the_text_makes_the_next_sentence_a_reason(explainer):
    signals = explainer.reader.signals
    rows = {s.text: i for i, s in enumerate(signals.index.sentences)}
    for text, whole in (("The well draws water from a shallow layer that floods after heavy rain.", True),
                        ("Officials hope to reopen it in May.", False)):  # after "When will it reopen?"
        scored = SimpleNamespace(row=rows[text], sentence=signals.index.sentences[rows[text]])
        assert [c.text for c in signals.answered_why(scored)] == ([text.rstrip(".")] if whole else [])


@pytest.mark.parametrize("question", ["What kind of chemical is nitrate?", "What is nitrate?"])
def test_what_a_thing_is_comes_from_where_the_text_defines_it(explainer, question):
    # "X, ..., is a ...": the noun with the relative clause that defines it, up to the clause's end.
    assert explainer.ask(question).answer == "a salt that dissolves easily in water, including rain"


def test_a_definition_is_cut_after_its_noun_its_clause_and_at_the_sentence_end(explainer):
    signals = explainer.reader.signals
    row = next(i for i, s in enumerate(signals.index.sentences) if s.text.startswith("Nitrate, found"))
    assert [c.text for c in signals.definitions(row, "nitrate")] == [
        "a salt that dissolves easily in water, including rain",
        "a salt that dissolves easily in water, including rain, and can harm babies"]
    assert signals.definitions(row, "fertiliser") == []  # not what the sentence defines


def test_a_definition_in_a_which_clause_after_the_plural(tmp_path_factory, embedder):
    text = ("CHIEF: We set up sand walls, which are basically long bags of wet sand. They hold the water back.\n\n"
            "The walls were in place by noon.\n")
    signals = assistant_over_text("sand_walls", text, tmp_path_factory, embedder).reader.signals
    row = next(i for i, s in enumerate(signals.index.sentences) if "which are basically" in s.text)
    assert "long bags of wet sand" in [c.text for c in signals.definitions(row, "sand wall")]


CONVOY = """Farmers block Lindau ring road over fuel tax

LINDAU, May 4 (Northwind Wire) - Protesting farmers drove about 300 tractors onto the Lindau ring road on Monday in protest at a new fuel tax, halting traffic for most of the day.

A day after the blockade began, the regional court limited the convoy to ten people in each lane and ordered drivers to stay at least 50 metres from the toll booths, citing the danger to motorists.

The Lindau Roads Agency is the public body that owns the ring road and its toll booths. Its director, Hanne Vogt, said the road would be cleared by Thursday.

The farmers later met outside the co-operative hall on Miller's Lane to discuss the court order.

The farmers' anger is over what they call "Order 17", a levy on red diesel that rises every spring. They say the levy is unfair because the agency counts only diesel bought at the pump and ignores fuel stored on farms.

Traffic is expected to flow again with the 6 a.m. opening on Friday.

Vogt's deputy, Ilka Brandt, issued a short statement: "We ask drivers to be patient with us. The booths will reopen as soon as the last tractor has left the road."
"""


@pytest.fixture(scope="module")
def convoy(tmp_path_factory, embedder):
    return assistant_over_text("convoy", CONVOY, tmp_path_factory, embedder)


@pytest.mark.parametrize(("question", "answer"), [
    # "how many" counts protesters (people): "at least 50 metres" measures a distance, whatever noun follows it.
    ("How many protesters are allowed in each lane under the court order?", "ten"),
    # "X is the public body ...": the text calls X a body; "public body" itself names no one.
    ("Which body owns the toll booths?", "Lindau Roads Agency"),
    # A walkout's or a blockade's reason "in protest at"; a reason cited after a time ("A day after ...").
    ("Why did the farmers block the ring road?", "in protest at a new fuel tax"),
    ("Why did the court limit the convoy?", "citing the danger to motorists"),
    # A time with the day it falls on says when ("[6 a.m.] opening on [Friday]").
    ("When will traffic flow again?", "6 a.m. opening on Friday"),
])
def test_counts_bodies_and_reasons_of_a_convoy(convoy, question, answer):
    got = convoy.ask(question)
    assert got.answer == answer, (got.answer, got.message)


def test_what_a_quoted_name_is_comes_from_its_apposition(convoy):
    got = convoy.ask("What is Order 17?")
    assert got.answer == "a levy on red diesel that rises every spring", (got.answer, got.message)


def test_a_short_statement_is_quoted_whole(convoy):
    got = convoy.ask("What did Ilka Brandt say in her statement?")
    assert got.answer == ("We ask drivers to be patient with us. The booths will reopen as soon as the last tractor has "
                          "left the road"), (got.answer, got.message)


def test_a_place_keeps_the_named_place_it_stands_in(convoy):
    got = convoy.ask("Where did the farmers meet to discuss the court order?")
    assert "Miller's Lane" in got.answer, (got.answer, got.message)


TOW = """Stranded tanker towed to Kessel harbour

A tanker that lost power off the coast on Sunday was towed to Kessel harbour on Monday by Harlow Marine.

Harlow Marine Ltd said its tug reached the tanker within three hours. The tanker's captain, Ola Brenner, 58, praised the tug crew.
"""


@pytest.mark.model
def test_he_does_not_stand_for_a_body_given_as_the_earlier_answer(tmp_path_factory, embedder, monkeypatch):
    """"How old is he?" after a "who" question answered with a body's name ("Harlow Marine", a body by its longer
    name "Harlow Marine Ltd") is not rewritten as "How old is Harlow Marine?"; a person's name still is."""
    from qa.types import Answer, Citation

    tow = assistant_over_text("tow", TOW, tmp_path_factory, embedder)
    doc = tow.index.documents["tow"]

    def answered_with(name: str):
        start = doc.text.index(name)
        cite = Citation(doc.id, doc.title, doc.source, start, start + len(name), name, start, start + len(name))
        return lambda *args, **kwargs: Answer("Who towed the tanker?", name, False, 0.9, citations=(cite,))

    monkeypatch.setattr(tow, "ask", answered_with("Harlow Marine"))
    assert "Harlow" not in tow.standalone("How old is he?", ["Who towed the tanker?"])
    monkeypatch.setattr(tow, "ask", answered_with("Ola Brenner"))
    assert tow.standalone("How old is he?", ["Who towed the tanker?"]) == "How old is Ola Brenner?"
