"""Tests for qa/normalize.py: answer keys, so the same fact in different words groups across articles."""

from __future__ import annotations

import pytest

from qa.normalize import abbreviates, key, number_value, same
from qa.question import AGE, DATE, DURATION, NUMBER, ORG, PERSON, PLACE


def _same(a: str, b: str, kind: str) -> bool:
    return same(key(a, kind), key(b, kind), kind)


# --- numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("300", 300), ("at least 300", 300), ("about 11,000", 11_000), ("some 2,700", 2_700),
    ("more than 3,000 people", 3_000), ("six", 6), ("twenty-five", 25), ("a dozen", 12),
    ("two thousand", 2_000), ("$48 million", 48_000_000), ("2.5 million", 2_500_000),
])
def test_number_value(text, value):
    assert number_value(text) == value


def test_number_value_of_text_without_a_number():
    assert number_value("a corroded steel beam") is None


@pytest.mark.parametrize(("a", "b"), [
    ("at least 300", "about 300"), ("about 300", "300"), ("at least 300", "300 people"),
    ("six", "6"), ("three thousand", "3,000"), ("more than 3,000", "some 3,000"),
])
def test_numbers_with_different_qualifiers_and_forms_group(a, b):
    assert _same(a, b, NUMBER)


@pytest.mark.parametrize(("a", "b"), [("11,000", "10,000"), ("At least 14", "About 20"), ("six", "seven")])
def test_different_numbers_do_not_group(a, b):
    assert not _same(a, b, NUMBER)


def test_ages_and_durations_compare_by_value():
    assert _same("aged 26", "26-year-old", AGE)
    assert _same("a 20-year-old", "20", AGE)
    assert _same("six hours", "6 hours", DURATION)
    assert not _same("six hours", "seven hours", DURATION)


def test_numeric_keys_never_match_words():
    assert not same(key("300", NUMBER), key("three hundred residents", PERSON), NUMBER)


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("Kim Jong-un", "Kim Jong Un"),
    ("Rep. Lee Seong-kweun", "Lee"),
    ("Rep. Lee Seong-kweun", "Lee Seong-kweun"),
    ("President Ann Lee", "Ann Lee"),
    ("Dr. Maria Santos", "Santos"),
    ("Maria Santos’s", "Maria Santos"),
])
def test_names_with_titles_and_spelling_variants_group(a, b):
    assert _same(a, b, PERSON)


def test_organisation_and_place_variants_group():
    assert _same("the State Transportation Agency", "State Transportation Agency", ORG)
    assert _same("Lisbon", "Lisbon, Portugal", PLACE)


@pytest.mark.parametrize(("a", "b"), [("Kim Jong-un", "Moon Jae-in"), ("Lisbon", "Porto"), ("Riverton", "Lakeside")])
def test_different_names_do_not_group(a, b):
    assert not _same(a, b, PERSON)


def test_different_people_with_one_surname_do_not_group():
    assert not _same("Ann Lee", "Tom Lee", PERSON)


def test_keys_are_case_and_title_insensitive():
    assert key("Rep. LEE Seong-kweun", PERSON) == key("lee seong kweun", PERSON)


def test_empty_keys_are_never_the_same():
    assert not same(key("", PERSON), key("Lee", PERSON), PERSON)
    assert not same(key("the", PERSON), key("the", PERSON), PERSON)


# --- dates ---------------------------------------------------------------------------------

def test_same_dates_group():
    assert _same("in 1962", "1962", DATE)
    assert _same("Jan. 3", "January 3", DATE)
    assert not _same("Monday", "Tuesday", DATE)


@pytest.mark.parametrize(("a", "b"), [("Jan. 3", "Feb. 3"), ("October 2024", "October 2023")])
def test_different_dates_do_not_group(a, b):
    assert not _same(a, b, DATE)


def test_names_that_differ_only_in_word_breaks_are_the_same():
    assert same(key("Koo Byoungsam", "person"), key("Koo Byoung-sam", "person"), "person")
    assert same(key("Kim Jong Un", "person"), key("Kim Jong-un", "person"), "person")
    assert not same(key("Kim Jong Un", "person"), key("Kim Yo Jong", "person"), "person")


@pytest.mark.parametrize(("short", "long", "expected"), [
    ("NIS", "National Intelligence Service", True),
    ("U.S.", "the United States", True),
    ("KINU", "Korea Institute for National Unification", True),
    ("NIS", "National Assembly", False),
    ("Kim", "Korea Institute Ministry", False),  # a name, not an acronym
    ("US", "United", False),  # one word has no acronym
])
def test_an_acronym_abbreviates_the_initials_of_a_name(short, long, expected):
    assert abbreviates(short, long) is expected


@pytest.mark.parametrize(("answer", "other", "expected"), [
    # Another wording of the phrase states it.
    ("lack of understanding of modern warfare", "their lack of familiarity with modern warfare", True),
    ("information about North Korea", "valuable information about North Korea, particularly its missile programs", True),
    # A name inside a description does not state it: no citation of every article that says "North Korean".
    ("professor of North Korean studies at Ewha Womans University", "North Korean", False),
    ("a review of international law", "law", False),
])
def test_a_phrase_is_stated_by_one_holding_half_its_words(answer, other, expected):
    assert same(key(answer, "description"), key(other, "description"), "description") is expected
