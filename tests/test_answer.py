"""Tests for qa/answer.py (through Assistant.ask) on invented articles: spans, citations, agreement, abstention."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assistant_over

from qa.answer import NOT_FOUND, BaselineReader, Reader
from qa.types import Answer

READER_CORPUS = Path(__file__).resolve().parent / "fixtures" / "reader_corpus"
BRIDGE_DOCS = {"bridge_gazette", "bridge_courier"}
INJURED = "How many people were injured when the Elm Street bridge collapsed?"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return assistant_over(READER_CORPUS, tmp_path_factory, embedder)


def _check_citations(assistant, answer: Answer) -> None:
    """Offsets are the citation: every quote is the document text at its offsets, and so is the answer."""
    assert answer.citations, "an answer without a citation"
    first = answer.citations[0]
    assert answer.answer in first.quote
    assert answer.sentence == first.quote
    for c in answer.citations + answer.passages:
        doc = assistant.index.documents[c.doc_id]
        assert doc.text[c.start:c.end] == c.quote
        assert c.title == doc.title
    assert first.answer_start is not None
    assert assistant.index.documents[first.doc_id].text[first.answer_start:first.answer_end] == answer.answer
    cited = {c.doc_id for c in answer.citations}
    assert {d for group in answer.agreement for d in group.doc_ids} == cited


def test_number_question_gives_the_number_and_its_sentence(assistant):
    answer = assistant.ask("How many vehicles did the bridge carry a day?")
    assert not answer.abstained
    assert answer.answer_type == "number"
    assert answer.answer == "about 11,000"
    assert answer.sentence == "Built in 1962, the bridge carried about 11,000 vehicles a day."
    assert answer.citations[0].doc_id == "bridge_courier"
    _check_citations(assistant, answer)


@pytest.mark.parametrize(("question", "expected", "doc_id"), [
    ("How old is Mayor Ann Lee?", "58", "council_vote"),
    ("How old is Maria Santos?", "44", "engineer_interview"),
    ("How much did the Riverton budget cost?", "$48 million", "council_vote"),
    ("How long will the bridge stay closed?", "at least two years", "bridge_gazette"),
    ("Which agency rated the bridge in poor condition?", "State Transportation Agency", "bridge_gazette"),
    ("Why did Victor Osei vote against the plan?", "because it doubled parking fees downtown", "council_vote"),
    ("Why was the council vote postponed in October?", "due to a dispute over library funding", "council_vote"),
    ("What did Santos tell reporters?", "I warned the city that the beams were rusting through", "engineer_interview"),
    ("What did Lee say after the vote?", "This budget keeps the promises we made to families", "council_vote"),
    ("What did the Green Party call the spending plan?", "giveaway", "council_vote"),
    ("How many people were killed in the storm?", "At least 12", "storm_report"),
])
def test_typed_questions_get_the_span_of_their_type(assistant, question, expected, doc_id):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.message
    assert answer.answer == expected
    assert answer.citations[0].doc_id == doc_id
    _check_citations(assistant, answer)


@pytest.mark.parametrize(("question", "expected"), [
    ("How many cars fell into the Mill River?", "Three"),
    ("When was the Elm Street bridge built?", "1962"),
    ("Which department pulled the drivers to safety?", "Riverton Fire Department"),
])
def test_a_fact_in_two_articles_cites_both(assistant, question, expected):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert expected in answer.answer
    assert len(answer.agreement) == 1
    assert set(answer.agreement[0].doc_ids) == BRIDGE_DOCS
    assert {c.doc_id for c in answer.citations} == BRIDGE_DOCS
    for c in answer.citations:
        assert expected in c.quote
    _check_citations(assistant, answer)


def test_articles_with_different_numbers_disagree(assistant):
    answer = assistant.ask(INJURED)
    assert not answer.abstained
    assert len(answer.agreement) > 1 and answer.disagreement
    by_doc = {group.doc_ids[0]: group.answer for group in answer.agreement}
    assert by_doc == {"bridge_gazette": "At least 14", "bridge_courier": "About 20"}
    for group in answer.agreement:
        (i,) = group.citations
        assert answer.citations[i].doc_id == group.doc_ids[0]
        assert group.answer in answer.citations[i].quote
    _check_citations(assistant, answer)


@pytest.mark.parametrize(("question", "expected"), [
    ("How many people were injured in the Norland storm?", "40"),
    ("How many were killed in the Norland storm?", "At least 12"),
])
def test_coordinated_counts_go_to_their_own_verb(assistant, question, expected):
    assert assistant.ask(question).answer == expected


@pytest.mark.parametrize(("question", "names"), [
    ("What did Governor Ruth Okonkwo say about the bridge?", ("Ruth", "Okonkwo")),
    ("Who won the football match in Madrid?", ("Madrid",)),
])
def test_a_question_about_an_unmentioned_name_abstains_naming_it(assistant, question, names):
    answer = assistant.ask(question)
    assert answer.abstained
    assert answer.answer == "" and answer.citations == ()
    assert "never mention" in answer.message
    for name in names:
        assert name in answer.message


@pytest.mark.xfail(strict=True, reason="Signals.unknown_names takes 'Nolan' for a nationality word (it ends in "
                                       "'an'), so 'What did Nolan say about the bridge?' is answered from the "
                                       "headline ('speaks') instead of abstaining")
def test_an_unmentioned_surname_ending_in_an_abstains(assistant):
    answer = assistant.ask("What did Nolan say about the bridge?")
    assert answer.abstained
    assert "Nolan" in answer.message


def test_follow_up_uses_the_history(assistant):
    answer = assistant.ask("How old is she?", history=["What did Mayor Ann Lee say after the vote?"])
    assert answer.question == "How old is she?"
    assert answer.rewritten_question == "How old is Mayor Ann Lee?"
    assert not answer.abstained
    assert answer.answer == "58"
    _check_citations(assistant, answer)


def test_follow_up_with_a_quote_question(assistant):
    answer = assistant.ask("What did she tell reporters?", history=["How old is Maria Santos?"])
    assert "Maria Santos" in answer.rewritten_question
    assert answer.answer == "I warned the city that the beams were rusting through"


def test_standalone_question_is_its_own_rewrite(assistant):
    answer = assistant.ask("How many cars fell into the Mill River?", history=["How old is Maria Santos?"])
    assert answer.rewritten_question == "How many cars fell into the Mill River?"


@pytest.mark.parametrize(("doc_id", "expected"), [("bridge_courier", "About 20"), ("bridge_gazette", "At least 14")])
def test_restricting_articles_cites_only_them(assistant, doc_id, expected):
    answer = assistant.ask(INJURED, doc_ids=[doc_id])
    assert not answer.abstained
    assert answer.answer == expected
    assert {c.doc_id for c in answer.citations} == {doc_id}
    assert {c.doc_id for c in answer.passages} <= {doc_id}
    assert len(answer.agreement) == 1
    _check_citations(assistant, answer)


def test_the_answer_does_not_depend_on_asking_twice(assistant):
    first = assistant.ask(INJURED)
    again = assistant.ask(INJURED)
    assert first == again


def test_reader_directly_on_retrieved_hits(assistant):
    reader = assistant.reader
    assert isinstance(reader, Reader)
    question = "How many vehicles did the bridge carry a day?"
    from qa.question import analyse

    q = analyse(question)
    vector, words = assistant._embed(question, reader.question_words(q))
    hits = assistant.retriever.search(question, 4, vector=vector)
    answer = reader.read(question, vector, hits, q, words)
    assert answer.answer == "about 11,000"
    assert answer.passages and len(answer.passages) <= 3


def test_support_is_found_in_sentences_that_were_not_read(assistant):
    """Another article stating the same value is cited even when retrieval did not bring its sentence up."""
    from qa.answer import ScoredSpan
    from qa.question import analyse

    reader = assistant.reader
    question = "How many cars fell into the water in Riverton?"
    q = analyse(question)
    vector, words = assistant._embed(question, reader.question_words(q))
    ctx = reader.signals.context(q, vector, words)
    sentences, spans, _ = reader.ranked(ctx, assistant.retriever.search(question, 4, vector=vector))
    best = spans[0]
    assert best.candidate.text == "Three"
    from qa import normalize

    groups = [(normalize.key(best.candidate.text, q.answer_type), [best])]
    cited = {best.sentence.sentence.doc_id}
    reader._more_support(ctx, groups, cited, sentences=[])  # nothing read but the answer's own sentence
    assert cited == BRIDGE_DOCS
    other = groups[0][1][1]
    assert isinstance(other, ScoredSpan) and other.candidate.text == "Three"
    assert other.sentence.sentence.doc_id != best.sentence.sentence.doc_id


@pytest.mark.parametrize(("question", "name"), [
    ("Which department pulled the drivers to safety?", True),  # "Riverton Fire Department": a full name
    ("How many cars fell into the water in Riverton?", False),
])
def test_a_full_name_is_supported_by_sentences_less_like_the_answers_own(assistant, question, name):
    from dataclasses import replace

    from qa import normalize
    from qa.question import analyse

    q = analyse(question)
    vector, words = assistant._embed(question, assistant.reader.question_words(q))
    cited_by = {}
    for floor in (1.01, -1.0):  # a name needs no likeness at all, or more than any sentence has
        reader = Reader(assistant.index, replace(assistant.settings, name_support_similarity=floor), assistant.reader.model)
        ctx = reader.signals.context(q, vector, words)
        _, spans, _ = reader.ranked(ctx, assistant.retriever.search(question, 4, vector=vector))
        best = spans[0]
        cited = {best.sentence.sentence.doc_id}
        reader._more_support(ctx, [(normalize.key(best.candidate.text, q.answer_type), [best])], cited, sentences=[])
        cited_by[floor] = cited
    # Only a name's support depends on its own floor.
    assert (cited_by[1.01] != cited_by[-1.0]) == name
    assert len(cited_by[1.01]) == 1 if name else cited_by[1.01] == BRIDGE_DOCS


def test_no_hits_and_no_sentences_abstain(assistant):
    from dataclasses import replace

    from qa.question import analyse

    reader = Reader(assistant.index, replace(assistant.settings, dense_sentences=0))
    question = "How many vehicles did the bridge carry a day?"
    vector = assistant.embedder.encode_one(question)
    answer = reader.read(question, vector, [], analyse(question))
    assert answer.abstained
    assert answer.message == NOT_FOUND
    assert answer.citations == ()


def test_baseline_reader_returns_a_whole_sentence(assistant):
    baseline = BaselineReader(assistant.index)
    question = "How many vehicles did the bridge carry a day?"
    vector = assistant.embedder.encode_one(question)
    hits = assistant.retriever.search(question, 4, vector=vector)
    answer = baseline.read(question, vector, hits)
    assert answer.answer == answer.sentence == answer.citations[0].quote
    doc = assistant.index.documents[answer.citations[0].doc_id]
    assert doc.text[answer.citations[0].start:answer.citations[0].end] == answer.answer


@pytest.mark.parametrize(("group", "text", "answer_type", "expected"), [
    ("NIS", "National Intelligence Service", "organisation", True),
    ("National Intelligence Service", "NIS", "organisation", True),
    ("NIS", "National Assembly", "organisation", False),
    ("NIS", "National Intelligence Service", "description", False),  # only names stand for each other
    ("Rep. Lee Seong-kweun", "Lee", "person", True),
])
def test_a_name_and_its_acronym_are_the_same_answer(group, text, answer_type, expected):
    from qa.answer import _same_answer
    from qa.normalize import key

    assert _same_answer(key(group, answer_type), group, text, answer_type) is expected


@pytest.mark.model
def test_a_follow_up_after_a_who_question_asks_about_its_answer(tmp_path_factory, embedder):
    from conftest import assistant_over

    shelter = assistant_over(Path(__file__).resolve().parent / "fixtures" / "shelter_corpus", tmp_path_factory, embedder)
    history = ["Who kept the school open all week?"]
    assert shelter.ask(history[0]).answer == "Lorraine Pike"
    got = shelter.ask("What did she say?", history)
    assert got.rewritten_question.startswith("What did Lorraine Pike say?")
    assert got.answer == "We will not close while families need us"


@pytest.mark.model
def test_markup_in_a_question_is_read_as_its_text(assistant):
    # A question pasted from a web page reads as its words: "Who is <b>X</b>?" is still a who-is question.
    plain = assistant.ask("How many workers were treated for smoke inhalation?")
    marked = assistant.ask("How many <b>workers</b> were treated for smoke&nbsp;inhalation?<br/>")
    assert marked.question == "How many workers were treated for smoke inhalation?"
    assert (marked.answer, marked.citations) == (plain.answer, plain.citations) and plain.answer


def test_markup_removal_keeps_a_lone_less_than_sign():
    from qa.pipeline import _one_line

    assert _one_line("Were there < 300 or > 200 deaths?") == "Were there < 300 or > 200 deaths?"
    assert _one_line("Who is <i>Ann</i> <!-- note --> Lee?") == "Who is Ann Lee?"
    assert _one_line("AT&T &amp; the council") == "AT&T & the council"
    assert _one_line("What did Energy&sector firms say?") == "What did Energy&sector firms say?"  # no ";": no entity
    assert _one_line("Who won <Best Picture>?") == "Who won <Best Picture>?"  # no HTML tag


def test_markup_removal_reads_no_more_than_it_keeps():
    from qa.pipeline import MAX_QUESTION_CHARS, _one_line

    # Unclosed comments and tags: the text is cut before any pattern runs over it (100,000 "<!--" once took 10 s).
    for text in ("<!--" * 25_000, "<b " * 40_000, "&amp" * 30_000):
        assert len(_one_line(text)) <= 4 * MAX_QUESTION_CHARS


@pytest.mark.model
def test_a_description_is_cited_only_where_it_is_stated(tmp_path_factory, embedder):
    from conftest import assistant_over

    from qa.normalize import key

    shelter = assistant_over(Path(__file__).resolve().parent / "fixtures" / "shelter_corpus", tmp_path_factory, embedder)
    for question in ("Who is Hannah Voss?", "What is the Weston Grange?", "What does Hannah Voss do for a living?"):
        got = shelter.ask(question)
        assert not got.abstained, question
        words = set(key(got.answer, "description").split())
        for cite in got.citations:  # each cited sentence holds at least half the answer's words
            assert len(words & set(key(cite.quote, "description").split())) >= len(words) / 2, (question, cite.quote)


TWO_COUNTS = {
    "vote_wire": ("Recount confirms result\n\nThe recount was ordered on Monday, according to two councillors who attended "
                  "the closed meeting of the election board.\n"),
    "vote_local": ("Board meets on recount\n\nThe election board met on Monday, and two councillors said the recount of "
                   "the ballots was ordered at the closed meeting.\n"),
    "vote_radio": ("Recount ordered\n\nThe election board ordered the recount on Monday after two ballot boxes from "
                   "the closed meeting were found unsealed.\n"),
}


def test_a_small_count_is_supported_only_where_it_counts_the_same_thing(tmp_path_factory, embedder):
    """"two councillors" in another article supports the answer "two" (councillors); "two ballot boxes" in a
    sentence as like it does not: below ``small_count`` the same number alone is a coincidence."""
    folder = tmp_path_factory.mktemp("two_counts")
    for name, text in TWO_COUNTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    votes = assistant_over(folder, tmp_path_factory, embedder)
    got = votes.ask("According to how many councillors was the recount ordered?")
    assert got.answer == "two", (got.answer, got.message)
    cited = {c.doc_id for c in got.citations}
    assert "vote_radio" not in cited
    assert "vote_local" in cited


def test_a_city_asked_for_is_not_a_country(tmp_path_factory, embedder):
    from conftest import assistant_over_text

    text = ("Ministers meet on trade\n\nThe talks were held in Portugal this week. Officials met in Braga, "
            "a city in the north, on Tuesday to sign the trade agreement.\n")
    trade = assistant_over_text("trade", text, tmp_path_factory, embedder)
    got = trade.ask("In which city were the trade talks held?")
    assert got.answer == "Braga", (got.answer, got.message)
