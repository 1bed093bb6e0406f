"""Tests for qa/spans.py: typed candidate spans (numbers, ages, durations, dates, names, quotes, reasons)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import kinds_in

from qa.question import AGE, DATE, DESCRIPTION, DURATION, NUMBER, ORG, PERSON, PLACE, QUOTE, REASON
from qa.spans import NAME, NAME_KINDS, PEOPLE, TYPE_MATCH, Candidate, candidates, name_kind, speaker_label
from qa.text import split_sentences

READER_CORPUS = Path(__file__).resolve().parent / "fixtures" / "reader_corpus"


def _doc(sentence: str) -> tuple[str, int, int]:
    """A two-line document (headline, then the sentence) and the sentence's offsets."""
    text = f"Invented headline for a test\n{sentence}\n"
    start = text.index(sentence)
    return text, start, start + len(sentence)


def _cands(sentence: str) -> list[Candidate]:
    text, start, end = _doc(sentence)
    found = candidates(text, start, end)
    for c in found:
        assert text[c.start:c.end] == c.text, c
        assert start <= c.start < c.end <= end, c
    return found


def _of_kind(sentence: str, kind: str) -> list[str]:
    return [c.text for c in _cands(sentence) if c.kind == kind]


# --- numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["At least 300", "about 11,000", "more than 3,000", "some 2,700"])
def test_numbers_keep_their_qualifier(phrase):
    sentence = ("At least 300 people were evacuated, about 11,000 homes lost power, more than 3,000 volunteers "
                "helped and some 2,700 sandbags were filled.")
    found = _of_kind(sentence, NUMBER)
    assert any(text.startswith(phrase) for text in found), found


def test_number_with_unit_and_money():
    assert "some 2,700 tons" in _of_kind("Crews removed some 2,700 tons of debris.", NUMBER)
    assert any("48 million" in t for t in _of_kind("The council approved a $48 million budget.", NUMBER))
    assert "about 45 miles per hour" in _of_kind("The truck was going about 45 miles per hour.", NUMBER)
    assert "30 knots" in _of_kind("The ferry made 30 knots.", NUMBER)
    assert "1.2 terabytes" in _of_kind("The group says it took 1.2 terabytes of records.", NUMBER)


def test_number_words():
    assert "Three" in _of_kind("Three cars fell into the water.", NUMBER)


@pytest.mark.parametrize("sentence", ["Sixteen people were hurt.", "Dozens hurt as bridge falls.",
                                      "Hundreds of homes flooded.", "Tenants were evacuated."])
def test_number_words_are_not_cut_inside_a_word(sentence):
    text, start, end = _doc(sentence)
    for c in candidates(text, start, end):
        if c.kind == NUMBER:
            assert not text[c.end].isalpha(), f"{c.text!r} is cut out of a longer word"


# --- ages and durations ---------------------------------------------------------------------

def test_ages():
    found = _of_kind("A 20-year-old student and a woman aged 26 were hurt.", AGE)
    assert "20-year-old" in found
    assert "aged 26" in found


def test_appositive_age_after_a_name():
    sentence = "Mayor Ann Lee, 58, said the city would rebuild."
    found = [c for c in _cands(sentence) if c.kind == AGE]
    assert [c.text for c in found] == ["58"]


def test_durations():
    found = _of_kind("Firefighters worked for six hours after a nearly three-minute tremor.", DURATION)
    assert "six hours" in found
    assert "nearly three-minute" in found
    assert "at least two years" in _of_kind("The bridge will stay closed for at least two years.", DURATION)


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "date"), [
    ("The bridge closed on Jan. 3 and reopened later.", "Jan. 3"),
    ("The bridge reopened on Monday.", "Monday"),
    ("The council approved the plan in October 2024.", "October 2024"),
    ("The road has been shut since October last year.", "since October last year"),
    ("The plant closed in 2019.", "in 2019"),
    ("The team flew to Oslo last week.", "last week"),
    ("The dam broke at about 3:40 a.m. on Friday.", "about 3:40 a.m."),  # the abbreviation keeps its period
    ("Deputies knocked on doors from 4:15 am onwards.", "4:15 am"),
    ("The shops shut at noon.", "noon"),
    # British and 24-hour forms: "6.12am", "at 04:52", "Wednesday 15 October".
    ("The phone alert went out at 6.12am.", "at 6.12am"),
    ("Detectors registered chlorine at 04:52 on the bay.", "at 04:52"),
    ("Residents returned at 19:15 today.", "at 19:15"),
    ("The meeting is on Wednesday 15 October.", "Wednesday 15 October"),
    # Two days, or a span of them.
    ("The festival ran on 8 and 9 March in the harbour.", "8 and 9 March"),
    ("It ran March 8-9, 2025, downtown.", "March 8-9, 2025"),
    ("Talks ran from 14 to 16 May 2025.", "14 to 16 May 2025"),
])
def test_dates(sentence, date):
    assert date in _of_kind(sentence, DATE)


@pytest.mark.parametrize(("sentence", "date"), [
    ("A public meeting is called for 7pm on Monday at the hall.", "7pm on Monday"),
    ("Residents returned at 19:15 today, Wednesday 15 October, police said.", "at 19:15 today, Wednesday 15 October"),
    ("The museum reopens at 10 a.m. on Saturday, 22 March.", "at 10 a.m. on Saturday, 22 March"),
])
def test_a_time_and_a_day_side_by_side_are_also_one_date(sentence, date):
    found = _of_kind(sentence, DATE)
    assert date in found
    assert len([d for d in found if d != date and d in date]) >= 2  # and each part on its own


@pytest.mark.parametrize(("sentence", "date"), [
    ("Payments will be issued by post within 14 days.", "within 14 days"),
    ("The pump failed three weeks ago.", "three weeks ago"),
    ("A week ago the road was still open.", "A week ago"),
    ("The levee broke two days later.", "two days later"),
    ("It reopened about six months afterwards.", "about six months afterwards"),
])
def test_times_counted_from_another_are_dates(sentence, date):
    assert date in _of_kind(sentence, DATE)


def test_a_time_counted_from_another_keeps_its_number_and_a_duration_alone_is_no_date():
    assert _of_kind("Payments will be issued within 14 days.", NUMBER) == ["14 days"]
    assert _of_kind("He swam the channel in six hours.", DATE) == []


@pytest.mark.parametrize(("sentence", "span"), [
    ("The helpline is open from 8:00 a.m. to 8:00 p.m. daily.", "8:00 a.m. to 8:00 p.m."),
    ("Tubs with best-before dates from March 20 to April 4, 2025 are recalled.", "March 20 to April 4, 2025"),
    ("The shop opens Monday to Friday.", "Monday to Friday"),
])
def test_two_dates_that_bound_a_span_are_also_one_date(sentence, span):
    found = _of_kind(sentence, DATE)
    assert span in found and len([d for d in found if d in span and d != span]) == 2  # and each end on its own


def test_dates_apart_are_not_joined():
    assert _of_kind("The plant opened in 1987 and closed in 2019.", DATE) == ["in 1987", "in 2019"]
    assert _of_kind("Sales rose in 2019, 2020 and 2021.", DATE) == ["in 2019", "2020", "2021"]  # years are a list


def test_ratios_and_verses_are_no_times_of_day():
    assert _of_kind("The odds were a ratio of 1:10, as in John 3:16.", DATE) == []
    assert _of_kind("Crews arrived at 4:50 and left at 17:05.", DATE) == ["at 4:50", "at 17:05"]


def test_numbers_inside_dates_are_not_numbers():
    assert _of_kind("The council approved the plan in October 2024.", NUMBER) == []


@pytest.mark.parametrize("sentence", ["Shares rose 3.45 percent on the day.", "The ratio was 2:1 at the close.",
                                      "The bridge is 24:70 on the old plans."])
def test_decimals_and_ratios_are_no_clock_times(sentence):
    assert not [d for d in _of_kind(sentence, DATE) if any(ch.isdigit() for ch in d)]


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "kind"), [
    ("Rep. Kim said the inquiry would continue.", "Kim", PERSON),
    ("The report, according to Dr. Maria Santos, found cracks.", "Maria Santos", PERSON),
    ("Paolo Mendes, a city engineer, inspected the beam.", "Paolo Mendes", PERSON),
    ("For KTVR News Radio, I'm Dana Whitfield in Marlow Crossing.", "Dana Whitfield", PERSON),  # who signs off
    ("ORTEGA: Not everyone got the message.", "ORTEGA", PERSON),  # a transcript's speaker label
    ("The insurer, Calloway & Penn, offered a reward.", "Calloway & Penn", NAME),  # a name joined by "&"
    ("“I am Ukrainian,” she said.", "Ukrainian", NAME),  # a nationality, not a name
    ("The National Weather Service issued a warning.", "National Weather Service", ORG),
    ("NATO troops arrived at dawn.", "NATO", ORG),
    ("The delegates met in Lisbon on Friday.", "Lisbon", PLACE),
    ("Shelling continued in the Kursk region overnight.", "Kursk", PLACE),
    # An age after the name: "Ottilie Fenwick, 52, a florist".
    ("“It shook,” said Ottilie Fenwick, 52, a florist.", "Ottilie Fenwick", PERSON),
    ("Ottilie Fenwick, 52, heard a crack.", "Ottilie Fenwick", PERSON),
    # The last name of an open apposition is not who said it: "X, a spokesperson for [Y], said".
    ("Ann Vail, a spokesperson for the Coast Guard’s Sector Northern Lakes, said so.", "Sector Northern Lakes", NAME),
    # Companies and public bodies by their head word.
    ("Detours are run by Larkspur Road Lines.", "Larkspur Road Lines", ORG),
    ("Carroway County Transit is providing buses.", "Carroway County Transit", ORG),
    ("Ruth Kilbride spoke for the Halden Stolen Art Registry on Monday.", "Halden Stolen Art Registry", ORG),
    ("The alert went to Brightline Monitoring overnight.", "Brightline Monitoring", ORG),
    # Titles before the name, after a word that also heads bodies ("Group"); a post with no name is no one.
    ("It was led by Group Manager Helen Achterberg yesterday.", "Helen Achterberg", PERSON),
    ("Shares in General Motors fell.", "General Motors", ORG),
    ("By Natalie Prewett, Chief Reporter", "Chief Reporter", PEOPLE),
    # A role in apposition, without an article.
    ("Stuart Lamb, regional organiser for the union, told the paper so.", "Stuart Lamb", PERSON),
    ("Orlemann Haskins, operator of the plant, declined to comment.", "Orlemann Haskins", NAME),
    # "St." is no title: a church, a hall or a hospital; buildings are places.
    ("Precinct 7 votes at St. Brendan's Parish Hall on Elm Road.", "St. Brendan's Parish Hall", PLACE),
    ("The recount was held at the Quarry Road Annex on Monday.", "Quarry Road Annex", PLACE),
    # The last name before "said" is not the speaker when an apposition is still open, past "St.".
    ("Luis Carranza, 34, a poll worker at St. Brendan's Parish Hall, said he saw it.", "Parish Hall", PLACE),
    # A case number is no hyphenated name; a double-barrelled surname is.
    ("The court heard Case No. MV-25-CV-04417 on Monday.", "Case No. MV-25-CV-04417", NAME),
    ("Delphine Okafor-Reyes won the recount.", "Delphine Okafor-Reyes", PERSON),
    ("Pruitt's lawyer, Marcus Vell, went before the judge.", "Marcus Vell", PERSON),  # a role in apposition before
    ("Whitcomb beat Councilman Ray Dunleavy by six votes.", "Ray Dunleavy", PERSON),  # a council member's title
    ("Also taken was a portrait by Theodor Brunsvik.", "Theodor Brunsvik", PERSON),  # who made a work
    # A name ending in a title word is still a name; a title before a place's head is part of the place.
    ("Stephen King said it would rain.", "Stephen King", PERSON),
    ("They drove down Martin Luther King Boulevard.", "Martin Luther King Boulevard", PLACE),
    ("Traffic backed up on the Ambassador Bridge.", "Ambassador Bridge", PLACE),

    ("The Industrial Hazards Inspectorate opened an inquiry.", "Industrial Hazards Inspectorate", ORG),
    ("The Duesseldorf group Orlemann Chemie AG owns the plant.", "Orlemann Chemie AG", ORG),
    ("The count came from Dunmore County Emergency Management.", "Dunmore County Emergency Management", ORG),
    # A body by a trade's head word, or by a body in apposition (not a person's ", a").
    ("The sauce is made by Hollin Valley Foods, which recalled it.", "Hollin Valley Foods", ORG),
    ("The sauce is made by Brannock Tull, a family-owned company in Elsby.", "Brannock Tull", ORG),
    ("The sauce was tasted by Brannock Tull, a chef in Elsby.", "Brannock Tull", PERSON),
    ("Observers from the Lindale Clean Water Project were admitted.", "Lindale Clean Water Project", ORG),
])
def test_names_are_typed_by_context(sentence, name, kind):
    found = {c.text: c.kind for c in _cands(sentence) if c.kind in (PERSON, ORG, PLACE, NAME, PEOPLE)}
    assert found.get(name) == kind, found


def test_possessive_splits_owner_and_organisation():
    found = {c.text: c.kind for c in _cands("South Korea’s National Intelligence Service said so.")}
    assert found["National Intelligence Service"] == ORG
    assert "South Korea" in found


@pytest.mark.parametrize("sentence", ["Mayor Ann Lee, 58, said the city would rebuild.",
                                      "Dr. Maria Santos found cracks in the beams."])
def test_a_name_that_starts_with_a_title_is_a_person(sentence):
    found = [c for c in _cands(sentence) if c.text in ("Ann Lee", "Maria Santos") and c.kind != "description"]
    assert found and all(c.kind == PERSON for c in found)  # clause pieces ("description") are not typed names


@pytest.mark.parametrize(("sentence", "people", "others"), [
    # The answer to "who" is the name; the cited sentence keeps the title.
    ("Dunmore County Coroner Dr. Felix Amara said his office had confirmed 11 deaths.", ["Felix Amara"], []),
    ("Reporters Stella Kim and Janis Mackey Frayer were in Seoul.", ["Stella Kim", "Janis Mackey Frayer"], []),
    ("The talks were led by President Ann Lee and Prime Minister Bo Park.", ["Ann Lee", "Bo Park"], []),
    # A titled person "of" a body is a person and a body, not one organisation.
    ("The count came from Capt. Marcus Bell of the U.S. Coast Guard.", ["Marcus Bell"], ["U.S. Coast Guard"]),
    # Names with "of" but no title stay whole.
    ("A spokesman for the Ministry of Unification declined to comment.", [], ["Ministry of Unification"]),
    # The last title of the run goes, not a word of the name nor a suffix after it.
    ("King County Sheriff John Urquhart said the roads were closed.", ["John Urquhart"], []),
    ("St. Louis County Executive Sam Page said the roads were closed.", ["Sam Page"], []),
    ("Martin Luther King Jr. said so.", ["Martin Luther King Jr."], []),
    # Military ranks of more than one word.
    ("Lt. Cmdr. Soren Vail said inspectors would come.", ["Soren Vail"], []),
    ("Special Agent in Charge Lorna Pell of the FBI said so.", ["Lorna Pell"], ["FBI"]),
    ("Fire Chief Ramona Ortiz said the crew did well.", ["Ramona Ortiz"], []),
    # What a titled person is "of" is no person, whatever verb follows the whole.
    ("Sen. Bernie Sanders of Vermont said the bill would pass.", ["Bernie Sanders"], ["Vermont"]),
    ("Dr. Anthony Fauci of the National Institutes of Health warned of a second wave.", ["Anthony Fauci"],
     ["National Institutes of Health"]),
])
def test_people_are_named_without_their_titles(sentence, people, others):
    found = {c.text: c.kind for c in _cands(sentence) if c.kind in (PERSON, ORG, PLACE, NAME)}
    assert all(found.get(p) == PERSON for p in people), found
    assert all(o in found and found[o] != PERSON for o in others), found
    assert not any(t.startswith(("Dr.", "Reporters", "President", "Prime", "Capt.")) for t in found), found


def test_name_kind_directly():
    text = "Residents of Riverton thanked the Riverton Fire Department."
    start = text.index("Riverton Fire Department")
    assert name_kind(text, start, start + len("Riverton Fire Department")) == ORG
    start = text.index("Riverton")
    assert name_kind(text, start, start + len("Riverton")) == PLACE


@pytest.mark.parametrize("sentence", ["Tragically, the driver died at the scene.",
                                      "However, the mayor disagreed with the plan."])
def test_sentence_initial_adverbs_are_not_names(sentence):
    kinds = {PERSON, ORG, PLACE, NAME}
    assert [c.text for c in _cands(sentence) if c.kind in kinds] == []


@pytest.mark.parametrize("sentence", ["North Korean soldiers were seen near the border.",
                                      "The Japanese government apologised."])
def test_nationality_adjectives_are_not_entities(sentence):
    kinds = {PERSON, ORG, PLACE, NAME}
    names = [c.text for c in _cands(sentence) if c.kind in kinds and c.text[:1].isupper()]
    assert names == []


# --- quotations ----------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "quote"), [
    ("“We will rebuild this bridge,” Lee said.", "We will rebuild this bridge"),
    ('He said "nobody expected this" and left.', "nobody expected this"),
    ("She called it ‘a quiet disaster waiting to happen’ on Monday.", "a quiet disaster waiting to happen"),
    ("“It’s over,” the coach said.", "It’s over"),
])
def test_quotations_with_curly_and_straight_marks(sentence, quote):
    assert quote in _of_kind(sentence, QUOTE)


def test_quotation_excludes_the_marks_and_the_speaker():
    text, start, end = _doc("“We will rebuild this bridge,” Lee said.")
    quote = next(c for c in candidates(text, start, end) if c.kind == QUOTE)
    assert text[quote.start - 1] == "“"
    assert "Lee" not in quote.text


# --- places without a name -------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "place"), [
    ("He hid himself inside an air-raid shelter until dawn.", "an air-raid shelter"),
    ("The command post was set up at the county courthouse.", "the county courthouse"),
    ("Evacuees slept in the gym of the high school.", "the gym"),
    ("Pruitt conceded at the steps of City Hall.", "the steps of City Hall"),  # the name it belongs to
])
def test_common_noun_places_after_a_locative_preposition(sentence, place):
    assert place in _of_kind(sentence, "place")


def test_a_place_runs_to_its_head_noun_and_not_past_a_preposition():
    found = _of_kind("The 1987 recount was held in the old high school gymnasium.", "place")
    assert "the old high school gymnasium" in found and "the old high school" not in found
    assert _of_kind("He hid in the house near the river.", "place") == ["the house", "the river"]


@pytest.mark.parametrize("sentence", ["He said it at the moment of the vote.",
                                      "She pointed to the report and to the support it got."])
def test_a_locative_phrase_needs_a_place_noun(sentence):
    assert _of_kind(sentence, "place") == []


def test_times_of_day_in_capitals():
    assert "about 2:15 A.M." in _of_kind("The dam broke at about 2:15 A.M. on Friday.", DATE)


@pytest.mark.parametrize(("sentence", "speech"), [
    ("The minister stated last week that the plan would be dropped.", "the plan would be dropped"),
    ("She said the house that burned down was hers.", None),
])
def test_reported_speech_after_a_speech_verb_and_that(sentence, speech):
    found = _of_kind(sentence, QUOTE)
    if speech:
        assert speech in found
    else:
        assert found == []


# --- people without a name ------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "who"), [
    ("He said he was told by his commanders that it was a drill.", "his commanders"),
    ("The questions were put to him by the interpreter.", "the interpreter"),
])
def test_people_named_by_a_common_noun(sentence, who):
    assert who in _of_kind(sentence, PEOPLE)


def test_people_fit_who_questions_less_than_names():
    assert 0 < TYPE_MATCH[PERSON][PEOPLE] < TYPE_MATCH[PERSON][PERSON]


# --- reasons -------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "reason"), [
    ("The vote was postponed because two members were absent.", "because two members were absent"),  # marker kept
    ("The match was cancelled due to heavy rain.", "due to heavy rain"),
    ("Drivers took the ferry to avoid the closed road.", "to avoid the closed road"),  # a purpose keeps its marker
    ("The school shut early in order to save fuel.", "in order to save fuel"),
    ("They left their homes because of floods and landslides.", "because of floods and landslides"),  # one "and" kept
    ("He fled out of fear of reprisals against his family if he stayed.", "out of fear of reprisals against his family"),
    ("The meeting was held following the release of a video.", "following the release of a video"),
    # A verb's marker is not part of the cause.
    ("Officials attributed the delay to a shortage of steel.", "a shortage of steel"),
    # The noun phrase before its relative clause: what was blamed, not what is said of it.
    ("The breach happened due to a weak section of the levee that the authority had known about for years.",
     "due to a weak section of the levee"),
    ("A soldier captured in December succumbed to his injuries.", "his injuries"),
    ("Two residents died of hypothermia overnight.", "hypothermia overnight"),
    ("Flights were cancelled due to the fact that the runway flooded.", "due to the fact that the runway flooded"),
    # Commas of numbers, periods of abbreviations and a list's commas do not end it.
    ("It came after an attack forced the firm to shut down about 3,000 computers.",
     "after an attack forced the firm to shut down about 3,000 computers"),
    ("She drove there after hearing that St. Aldric was on diversion.", "after hearing that St. Aldric was on diversion"),
    ("Ambulances were turned away because staff could not pull up histories, scans or lab results.",
     "because staff could not pull up histories, scans or lab results"),
    ("The board turned the plan down on the grounds that the old pumps were good enough.",
     "on the grounds that the old pumps were good enough"),
])
def test_reason_clauses(sentence, reason):
    assert reason in _of_kind(sentence, REASON)


@pytest.mark.parametrize(("sentence", "cut", "not_cut"), [
    # Nouns joined by "and", and a list, are one reason: not cut after their first item.
    ("Older patients were at risk because dehydration can affect the kidneys and heart.",
     "because dehydration can affect the kidneys and heart", "because dehydration can affect the kidneys"),
    ("Ambulances were turned away because staff could not pull up histories, scans or lab results.",
     "because staff could not pull up histories, scans or lab results", "because staff could not pull up histories"),
    # A clause after "and" is not the reason's: the cut before it stays.
    ("Ballots were counted twice because a scanner jammed and officials later found the stack had been fed again.",
     "because a scanner jammed", None),
    # A clause fronted inside the reason ends at its comma; the reason goes on.
    ("It was right because once a machine has failed, voters will not trust a partial count.",
     "because once a machine has failed, voters will not trust a partial count", "because once a machine has failed"),
])
def test_a_reason_takes_in_its_coordinated_nouns_and_inner_clause_not_the_next_clause(sentence, cut, not_cut):
    found = _of_kind(sentence, REASON)
    assert cut in found and not_cut not in found


@pytest.mark.parametrize("sentence", [
    "A ferry captain sailed for six hours to reach the island.",  # "for" a time
    "Volunteers have run the shelter since the late 1990s.",  # "since" a time
    "The road was closed after Jan. 3.",
    "Sandbags were used by the crews as a wall.",  # "as" a role, no clause
    "Ada Marsh, a spokeswoman for the Tessel Valley Water Authority, spoke first.",  # "for" after a role noun
    "The crews worked for Dunmore County in the storm.",  # "for" a name: whom it was for
    "The recount found 31 more votes, 16 for Pruitt and 15 for Okafor-Reyes.",
    "Riders were kept on board for nearly an hour.",  # a time with a qualifier
    "Riders waited for about 45 minutes.",
    "The van has been out of service since March.",  # "out of" a state, not a motive
    "One suspect worked until 2021 for the company that installed the cameras.",  # "for" an employer
    "Residents have been waiting for the water to recede.",
    "She will be grateful for the rest of her life.",
    "The bridge stayed shut for a few days.",
    "Ambulances have gone elsewhere since shortly after 6 a.m. Sunday.",
])
def test_markers_of_time_role_or_beneficiary_give_no_reason(sentence):
    assert _of_kind(sentence, REASON) == []


@pytest.mark.parametrize(("sentence", "reason"), [
    ("Crews pulled the plug to protect patient data.", "to protect patient data"),
    ("The systems were shut down as a precaution, officials said.", "as a precaution"),
])
def test_purposes_keep_their_marker(sentence, reason):
    assert reason in _of_kind(sentence, REASON)


@pytest.mark.parametrize(("sentence", "reason"), [
    ("The school closed early as they ran out of fuel.", "as they ran out of fuel"),  # "as" before a clause
    ("Please call the helpline, as samples may help the investigation.", "as samples may help the investigation"),
    ("The crews were praised for their courage in the flood.", "for their courage in the flood"),
    ("Farmers sold the land in exchange for Federal flood insurance.", "in exchange for Federal flood insurance"),
    ("The evacuees are owed housing under the county's emergency rules.", "under the county's emergency rules"),
    # Whose wish, advice or order it was, and what was cited.
    ("The firm declined to comment, citing the inspectorate's investigation.", "citing the inspectorate's investigation"),
    ("The name was withheld at the request of his family.", "at the request of his family"),
    ("Schools shut on the advice of the fire service.", "on the advice of the fire service"),
    # A fronted phrase without its comma ends where the clause's subject begins.
    ("At the request of his family we are not releasing his name.", "At the request of his family"),
])
def test_reasons_that_look_like_other_markers(sentence, reason):
    assert reason in _of_kind(sentence, REASON)


def test_under_is_a_reason_only_before_a_rule():
    assert _of_kind("The dog hid under the porch of the farmhouse all night.", REASON) == []


def test_rather_than_is_no_reason():
    assert _of_kind("They chose to take their own lives rather than surrender to the enemy.", REASON) == []


def test_blamed_x_for_gives_the_cause():
    found = _of_kind("Residents blamed years of deferred maintenance for the collapse.", REASON)
    assert any(text.startswith("years of deferred maintenance") for text in found), found


# --- invariants ----------------------------------------------------------------------------

def test_every_candidate_of_the_reader_corpus_matches_its_offsets():
    paths = sorted(READER_CORPUS.glob("*.txt"))
    assert len(paths) >= 4
    total = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for s_start, s_end in split_sentences(text):
            for c in candidates(text, s_start, s_end):
                assert text[c.start:c.end] == c.text, (path.name, c)
                assert s_start <= c.start < c.end <= s_end
                total += 1
    assert total > 100


def test_candidates_are_unique_by_offsets_and_kind():
    found = _cands("At least 12 people were killed and 40 others injured, according to the agency.")
    keys = [(c.start, c.end, c.kind) for c in found]
    assert len(keys) == len(set(keys))


def test_candidates_offsets_are_absolute_in_the_document():
    text, start, end = _doc("Three cars fell into the water.")
    assert start > 0
    three = next(c for c in candidates(text, start, end) if c.kind == NUMBER)
    assert (three.start, three.end) == (start, start + len("Three"))


def test_clause_phrases_are_offered_for_what_questions():
    assert "flattening barns" in _of_kind("The storm struck, flattening barns, and cut power.", DESCRIPTION)


def test_type_match_covers_every_question_type():
    for kind, fits in TYPE_MATCH.items():
        assert fits.get(kind, 1.0) == 1.0 or kind == DESCRIPTION
        assert all(0.0 < v <= 1.0 for v in fits.values())
    assert TYPE_MATCH[NUMBER][NUMBER] > TYPE_MATCH[NUMBER][AGE]
    assert DATE not in TYPE_MATCH[PERSON]


# --- names: shape and document context -----------------------------------------------------

@pytest.mark.parametrize(("sentence", "name"), [
    ("Jennifer Jett was reporting from Hong Kong.", "Hong Kong"),
    ("The talks moved to the U.S.", "U.S."),
    ("The letter was signed by Gov. Helen Okafor.", "Helen Okafor"),
])
def test_a_sentence_period_is_not_part_of_a_name(sentence, name):
    names = [c.text for c in _cands(sentence) if c.kind in (PERSON, ORG, PLACE, NAME)]
    assert name in names, names
    assert not any(n.endswith(".") and n != "U.S." for n in names), names


def test_a_name_keeps_its_number_and_a_road_is_a_place():
    found = {c.text: c.kind for c in _cands("Volunteers drove down Orchard Avenue and Route 9 to the school.")
             if c.kind in (PERSON, ORG, PLACE, NAME)}
    assert found.get("Orchard Avenue") == PLACE
    assert found.get("Route 9") == PLACE
    assert "Route" not in found


def test_a_building_before_an_apposition_like_comma_is_still_a_place():
    # ", a batch of ..." looks like "X, a spokesman": but a name with a place's head is no one.
    found = {c.text: c.kind for c in _cands("In Precinct 7, which votes at St. Brendan's Parish Hall, a batch of "
                                            "ballots was misprinted.") if c.kind in (PERSON, ORG, PLACE, NAME)}
    assert found.get("St. Brendan's Parish Hall") == PLACE
    assert PERSON not in found.values()


def test_a_post_is_no_person_and_makes_whoever_holds_it_one():
    found = {c.text: c.kind for c in _cands("Media contact: Petra Solheim, Communications Officer, Port Havel "
                                            "District Health Department. Tel. 0412 550 190.")
             if c.kind in (PERSON, PEOPLE, ORG, PLACE, NAME)}
    assert found.get("Petra Solheim") == PERSON
    assert found.get("Communications Officer") == PEOPLE
    # and a name does not run on past a period that ends a sentence ("Department. Tel. 0412")
    assert found.get("Port Havel District Health Department") == ORG
    assert not any("Tel" in name for name in found)
    assert ("District Medical Officer", PEOPLE) in {(c.text, c.kind) for c in _cands(
        "Dr. Ilse Marrow, District Medical Officer, said so.")}


def test_abbreviations_and_initials_do_not_end_a_name():
    names = [c.text for c in _cands("Officials met Dr. J. R. Ewing of Acme Corp. Ltd. in Washington D.C. today.")]
    assert "J. R. Ewing" in names and "Acme Corp. Ltd." in names and "Washington D.C." in names


def test_bodies_parted_by_and_the_are_also_candidates_one_by_one():
    orgs = [c.text for c in _cands("The U.S. Coast Guard and the National Transportation Safety Board are "
                                   "investigating, with Wrenshire Fire and Rescue Service.") if c.kind == ORG]
    assert "U.S. Coast Guard" in orgs and "National Transportation Safety Board" in orgs
    assert "Wrenshire Fire and Rescue Service" in orgs and "Rescue Service" not in orgs


def test_people_joined_by_and_are_also_candidates_one_by_one():
    found = {c.text for c in _cands("Reporters Jo Reyes and Sam Idris were in Weston.") if c.kind == PERSON}
    assert "Sam Idris" in found, found
    assert any(n.endswith("Jo Reyes") and " and " not in n for n in found), found


def test_a_possessive_is_not_part_of_the_name():
    found = [c.text for c in _cands("The soldiers came from North Korea’s elite units.") if c.kind in (PLACE, NAME)]
    assert "North Korea" in found
    assert not any(n.endswith("’s") for n in found), found


def test_a_name_without_a_cue_takes_its_kind_from_the_rest_of_the_document():
    text = ("Against the odds, Lorraine Pike kept the school open.\n"
            "“We will not close,” Pike said.\n")
    end = text.index("\n")
    names = (PERSON, ORG, PLACE, NAME)
    found = {c.text: c.kind for c in candidates(text, 0, end) if c.kind in names}
    assert found["Lorraine Pike"] == PERSON
    alone = "Against the odds, Lorraine Pike kept the school open.\n"
    assert {c.text: c.kind for c in candidates(alone, 0, len(alone) - 1) if c.kind in names}["Lorraine Pike"] == NAME
    # a role in apposition before the name is a cue of its own
    alone = "The district's treasurer, Lorraine Pike, kept the school open.\n"
    assert {c.text: c.kind for c in candidates(alone, 0, len(alone) - 1) if c.kind in names}["Lorraine Pike"] == PERSON


def test_a_weekday_keeps_its_part_of_the_day():
    assert "Thursday afternoon" in [c.text for c in _cands("The governor declared an emergency on Thursday afternoon.")
                                    if c.kind == DATE]


def test_a_lone_first_word_never_capitalised_inside_a_sentence_is_not_a_name():
    text = "Earlier today I spoke with Walter Kessling.\nThe barn flooded, Kessling said.\n"
    end = text.index("\n")
    names = [c.text for c in candidates(text, 0, end) if c.kind in (PERSON, ORG, PLACE, NAME)]
    assert "Earlier" not in names
    assert "Walter Kessling" in names
    text = "Kessling waded out.\nThe barn flooded, Kessling said.\n"  # a name: capitalised inside a sentence too
    assert "Kessling" in [c.text for c in candidates(text, 0, text.index("\n")) if c.kind in (PERSON, ORG, PLACE, NAME)]


def test_the_first_word_of_a_quotation_is_no_name_either():
    text = "“Even though the levee held, we lost the barn,” Kessling said.\nThe barn flooded, Kessling said.\n"
    names = [c.text for c in candidates(text, 0, text.index("\n")) if c.kind in (PERSON, ORG, PLACE, NAME)]
    assert names == ["Kessling"]
    text = "He said, “Here is good,” and left.\nWe walked on.\n"
    assert [c for c in candidates(text, 0, text.index("\n")) if c.kind in (PERSON, ORG, PLACE, NAME)] == []
    text = "“Kessling was lucky,” Park said.\nThe barn flooded, Kessling said.\n"  # a name wherever it stands
    assert "Kessling" in [c.text for c in candidates(text, 0, text.index("\n")) if c.kind in (PERSON, ORG, PLACE, NAME)]


def test_a_title_after_as_the_is_a_role_not_a_name():
    text = "“Dana Holt, as the Chief Engineer, ordered the gates shut,” the foreman said."
    found = {(c.text, c.kind) for c in candidates(text, 0, len(text))}
    assert ("Chief Engineer", PEOPLE) in found
    assert not {("Chief Engineer", kind) for kind in (PERSON, NAME)} & found
    assert {("Dana Holt", PERSON), ("Dana Holt", NAME)} & found


def test_the_number_of_a_name_is_no_quantity():
    assert _of_kind("Volunteers waited on Route 9 with 40 boats.", NUMBER) == ["40"]


@pytest.mark.parametrize(("sentence", "reasons"), [
    ("The road was closed, so drivers took the ferry.", ["The road was closed"]),
    ("“The ground couldn’t take any more water, so the river had nowhere to go,” Ruiz said.",
     ["The ground couldn’t take any more water"]),
    ("It was so cold that pipes burst.", []),  # "so" of degree, not of consequence
    ("A batch of ballots had been printed out of alignment, causing the scanner to skip some marks.",
     ["A batch of ballots had been printed out of alignment"]),
    ("The pump failed, leading to a flood in the basement.", ["The pump failed"]),
    ("In Precinct 7, which votes at the parish hall on Quarry Road, a batch of about 640 ballots had been printed "
     "with the ovals slightly out of alignment, causing the scanner to skip some marks.",
     ["a batch of about 640 ballots had been printed with the ovals slightly out of alignment"]),  # not 22 words
])
def test_a_cause_before_so_is_a_reason(sentence, reasons):
    assert _of_kind(sentence, REASON) == reasons


@pytest.mark.parametrize(("sentence", "reason"), [
    ("Crews tied the ferry to the pier so it would not drift back into the river.",
     "so it would not drift back into the river"),
    ("Staff moved the files so that the auditors could read them.", "so that the auditors could read them"),
    ("The firm said the misalignment stemmed from a plate registration error.", "a plate registration error"),
    ("The delay resulted from a shortage of steel.", "a shortage of steel"),
])
def test_purposes_with_so_and_what_a_thing_came_of_are_reasons(sentence, reason):
    assert reason in _of_kind(sentence, REASON)


def test_what_follows_a_marker_with_which_is_the_effect():
    assert _of_kind("The ovals were misaligned, as a result of which 31 votes were not recorded.", REASON) == []
    assert _of_kind("The gate jammed, because of which the crews waited.", REASON) == []


def test_each_sentence_of_a_long_quotation_is_a_candidate():
    quotes = _of_kind("“There is a role for the city. If they want to move, that would be best. But at least, "
                      "we must help them,” Lee said.", QUOTE)
    assert "If they want to move, that would be best" in quotes
    assert "But at least, we must help them" in quotes
    assert any(q.startswith("There is a role") and q.endswith("we must help them") for q in quotes)  # the whole too


@pytest.mark.parametrize(("text", "place"), [
    ("SEOUL – South Korea’s spy agency said on Monday that two soldiers were captured.", "SEOUL"),
    ("MARLOW CROSSING — Residents of this river town spent Friday taking stock.", "MARLOW CROSSING"),
    ("Flood report\nKYIV, Ukraine — The talks ended without a deal.", "KYIV"),
    ("MARLOW CROSSING (Meridian Press) — At least 14 people were killed.", "MARLOW CROSSING"),
    # its state or country too, whatever else the article calls by the same word ("the Marenland Food Authority")
    ("PORT HAVEL, Marenland (Coastline Press Agency) — Many fell ill. The Marenland Food Authority is investigating.",
     "Marenland"),
])
def test_the_place_of_a_dateline_is_a_place(text, place):
    start = text.index(place)  # the dateline opens the story's first line
    line_end = text.find("\n", start)
    found = {c.text: c.kind for c in candidates(text, start, len(text) if line_end < 0 else line_end)
             if c.kind in (PERSON, ORG, PLACE, NAME)}
    assert found.get(place) == PLACE, found


def test_capitals_before_a_dash_that_go_on_in_lower_case_are_no_dateline():
    text = "NATO – the alliance of thirty states – met on Friday."
    assert {c.text: c.kind for c in candidates(text, 0, len(text)) if c.kind != DESCRIPTION}.get("NATO") == ORG


def test_a_transcript_label_naming_a_part_is_no_name():
    assert _of_kind("HOST: Good morning, Lena Marsh here.", ORG) == []
    assert "HOST" not in [c.text for c in _cands("HOST: Good morning, Lena Marsh here.") if c.kind in NAME_KINDS]
    assert "KILBRIDE" in [c.text for c in _cands("KILBRIDE: Cautiously good, actually.") if c.kind in NAME_KINDS]


@pytest.mark.parametrize(("sentence", "word"), [
    ("KILBRIDE: Cautiously good, actually, and better than most.", "Cautiously"),
    ("KILBRIDE: People badly overestimate what they can get for it.", "People"),
    ("SAM ORTEGA: Nobody told us anything.", "Nobody"),
])
def test_the_first_word_of_a_speakers_turn_is_sentence_initial(sentence, word):
    text = sentence + " Some people said so."  # "people" in lower case elsewhere: a common word
    assert word not in [c.text for c in _cands(text) if c.kind in NAME_KINDS]


def test_a_speaker_label_is_known_as_such():
    text = "HOST: Who called it in?\nACHTERBERG: The site did. I was told by Helen Achterberg."
    found = {c.text: c for c in candidates(text, 0, len(text)) if c.kind in NAME_KINDS}
    assert speaker_label(text, found["ACHTERBERG"])
    assert not speaker_label(text, found["Helen Achterberg"])


def test_a_long_run_of_hyphens_after_a_locative_is_read_at_once():
    # Each word and the hyphens after it are taken once: a run of hyphens once had exponentially many cuts to try.
    text = "The crowd gathered in the " + "-" * 200 + " near the " + "b--" * 400 + " old hall."
    assert _of_kind(text, "place") == []  # no place noun within three words of either article
    assert _of_kind("The crowd gathered in the town hall.", "place") == ["the town hall"]



def test_an_apposition_ends_with_its_sentence():
    # "..., an agent with the FBI." ends there: the next sentence's "Marcus Vell, ..., said" is who said it.
    text = "The case went to Dana Holt, an agent with the FBI. Marcus Vell, a lawyer, said it was over."
    start = text.index("Marcus Vell")
    assert name_kind(text, start, start + len("Marcus Vell")) == PERSON


def test_the_agency_that_sent_the_story_is_no_candidate():
    text = "Fair sickens dozens\n\nPORT HAVEL, Marenland (Coastline Press Agency) — Forty-seven people fell ill at the fair."
    names = [c.text for c in candidates(text, text.index("PORT"), len(text)) if c.kind in NAME_KINDS]
    assert "Coastline Press Agency" not in names
    assert "Forty-seven" not in names  # a number capitalised at the start of a sentence is no name
    assert "Forty-seven" in [c.text for c in candidates(text, text.index("PORT"), len(text)) if c.kind == NUMBER]


def test_a_place_noun_that_begins_a_name_is_no_place_of_its_own():
    text = "Many of them ate at the Port Havel Herring Festival and at the port on Sunday."
    places = kinds_in(text, PLACE)
    assert "the Port" not in places and "the port" in places


def test_an_age_is_no_length_of_time():
    assert _of_kind("A 52-year-old woman was held.", "duration") == []
    assert _of_kind("He faces a 12-year prison sentence.", "duration") == ["12-year"]


@pytest.mark.parametrize(("sentence", "reason"), [
    # What a walkout or a blockade was against keeps its marker.
    ("Farmers drove 300 tractors onto the ring road on Monday in protest at a new fuel tax.",
     "in protest at a new fuel tax"),
    ("Nurses walked out in protest against the closure of two wards.", "in protest against the closure of two wards"),
    # "that" after an object pronoun says what, not which one; a quotation inside the reason is read to its end.
    ('Mr Brandt stood for the council because the flood had convinced him that "nobody listens to the valley".',
     'because the flood had convinced him that "nobody listens to the valley'),
    ('She quit because the audit showed "a culture which nobody would defend".',
     'because the audit showed "a culture which nobody would defend'),
])
def test_reasons_in_protest_and_reasons_holding_a_clause_or_a_quotation(sentence, reason):
    assert reason in _of_kind(sentence, REASON)


@pytest.mark.parametrize(("sentence", "not_reason"), [
    # A stretch of time before "after" makes it a time: when, not why.
    ("A day after the blockade began, the court limited the convoy, citing the danger to motorists.",
     "after the blockade began"),
    ("Two hours after the fire started, crews arrived.", "after the fire started"),
    ("He resigned shortly after the vote.", "after the vote"),
])
def test_a_time_before_after_makes_it_no_reason(sentence, not_reason):
    assert not_reason not in _of_kind(sentence, REASON)


def test_a_reason_cited_after_a_time_is_still_found():
    sentence = "A day after the blockade began, the court limited the convoy, citing the danger to motorists."
    assert _of_kind(sentence, REASON) == ["citing the danger to motorists"]


def test_the_first_word_after_a_dateline_is_no_name():
    text = ("LINDAU, May 4 (Northwind Wire) - Protesting farmers and the owners of the ring road met on Monday.\n\n"
            "The protesting farmers left.")
    start, end = split_sentences(text)[0]
    found = [c.text for c in candidates(text, start, end) if c.kind in NAME_KINDS]
    assert "Protesting" not in found
    assert "LINDAU" in found


def test_a_numbered_branch_of_a_body_is_named_with_it():
    sentence = "The road was blocked by Branch 7 of the United Growers' Federation on Monday."
    found = [c.text for c in _cands(sentence) if c.kind in NAME_KINDS]
    assert "Branch 7 of the United Growers' Federation" in found
    assert "United Growers' Federation" in found


@pytest.mark.parametrize(("sentence", "places"), [
    # A place with the named place it stands in, and without it.
    ("The farmers met outside the co-operative hall on Miller's Lane.",
     ["the co-operative hall", "the co-operative hall on Miller's Lane"]),
    ("Talks were held at the offices of the Lindau Mediation Board on Quarry Street.",
     ["the offices of the Lindau Mediation Board on Quarry Street"]),
])
def test_a_place_runs_on_to_the_named_place_it_stands_in(sentence, places):
    found = _of_kind(sentence, PLACE)
    assert all(p in found for p in places), found


def test_a_time_and_its_day_with_a_noun_between_are_one_date():
    sentence = "Work resumes with the 7 a.m. shift on Saturday, and again at 4 a.m. and on Tuesday."
    found = _of_kind(sentence, DATE)
    assert "7 a.m. shift on Saturday" in found
    assert not any("and on" in d for d in found)  # "and" parts two dates


def test_a_reason_keeps_the_pair_its_last_noun_ends_in():
    from qa.spans import reasons

    text = ("Drivers stopped work on Monday in protest at pay and at a plan by the operator Norden Bus to "
            "replace much of its ticket and depot staff.")
    found = [c.text for c in reasons(text, 0, len(text))]
    assert ("in protest at pay and at a plan by the operator Norden Bus to replace much of its ticket and depot staff"
            in found), found


def test_a_rate_is_one_quantity():
    from qa.spans import candidates

    text = "The board puts the cost at approximately $14 million per day, and the pumps move 300 litres a minute."
    found = [c.text for c in candidates(text, 0, len(text)) if c.kind == "number"]
    assert "approximately $14 million per day" in found and "300 litres a minute" in found, found


def test_a_heading_in_capitals_is_no_name():
    from qa.spans import names

    text = "PUBLIC NOTICE: RETURN OF RESIDENTS TO LOWMEAD AND CARROW HILL"
    assert not any("RESIDENTS" in c.text for c in names(text, 0, len(text)))
    text = "RADIO OBERKESS: Good morning."
    assert any(c.text == "RADIO OBERKESS" for c in names(text, 0, len(text)))


@pytest.mark.parametrize(("text", "expected"), [
    ("She has lived in Lowmead for half a century.", "half a century"),
    ("He worked there for a decade and a half.", "a decade and a half"),
    ("They waited a quarter of an hour.", "a quarter of an hour"),
])
def test_stretches_of_time_said_in_words(text, expected):
    from qa.spans import candidates

    assert expected in [c.text for c in candidates(text, 0, len(text)) if c.kind == "duration"]
