"""Tests for qa/text.py: sentence offsets on news text, tokens with offsets, stemmed content terms."""

from __future__ import annotations

import pytest

from qa.text import split_sentences, stem, terms, tokens


def _sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    _check_offsets(text, spans)
    return [text[s:e] for s, e in spans]


def _check_offsets(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        piece = text[start:end]
        assert 0 <= start < end <= len(text)
        assert piece and piece == piece.strip()
        assert start >= previous_end, "sentences overlap or are out of order"
        previous_end = end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rep. Lee Seong-kweun said the troops were ordered to fight. The NIS did not comment.",
            ["Rep. Lee Seong-kweun said the troops were ordered to fight.", "The NIS did not comment."],
        ),
        (
            "The talks were held on Jan. 3 and ended on Jan. 5. Nothing was agreed.",
            ["The talks were held on Jan. 3 and ended on Jan. 5.", "Nothing was agreed."],
        ),
        (
            "U.S. officials said the plan would fail. They gave no reason.",
            ["U.S. officials said the plan would fail.", "They gave no reason."],
        ),
        ("Dr. Smith treated the patient. He recovered.", ["Dr. Smith treated the patient.", "He recovered."]),
        (
            '"We were lucky nobody died," she said. The fire was out by noon.',
            ['"We were lucky nobody died," she said.', "The fire was out by noon."],
        ),
        (
            "“We will stay,” he said. “I want to live here.” Next sentence starts here.",
            ["“We will stay,” he said.", "“I want to live here.”", "Next sentence starts here."],
        ),
        (
            "The library will stay open until 9 p.m. on weekdays. The old library on Elm St. closed in 2023.",
            ["The library will stay open until 9 p.m. on weekdays.", "The old library on Elm St. closed in 2023."],
        ),
    ],
)
def test_news_sentences(text, expected):
    assert _sentences(text) == expected


def test_paragraphs_are_split_on_newlines_even_without_a_full_stop():
    text = "Harbor reopens after grain fire\nThe harbor reopened on Friday. Work resumed.\n\nA last paragraph"
    assert _sentences(text) == [
        "Harbor reopens after grain fire",
        "The harbor reopened on Friday.",
        "Work resumed.",
        "A last paragraph",
    ]
    for start, end in split_sentences(text):
        assert "\n" not in text[start:end]


def test_offsets_skip_surrounding_whitespace():
    text = "   First one.    Second one.  \n\t  Third one.\t\n"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third one."]
    assert spans[0][0] == 3


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t \n "])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


def test_offsets_are_exact_on_a_real_article():
    from pathlib import Path

    path = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))[0]
    text = path.read_text(encoding="utf-8")
    spans = split_sentences(text)
    _check_offsets(text, spans)
    assert len(spans) > 5
    # Everything but whitespace is inside some sentence.
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(ch.isspace() for i, ch in enumerate(text) if i not in covered)


# --- tokens and terms ----------------------------------------------------------------------------


def test_tokens_carry_offsets_plus_base():
    text = "Hi, 2,700 troops—Seong-kweun’s aides."
    toks = tokens(text, offset=100)
    assert [t.text for t in toks] == ["Hi", "2,700", "troops", "Seong-kweun’s", "aides"]
    for t in toks:
        assert text[t.start - 100 : t.end - 100] == t.text
    assert toks[3].lower == "seong-kweun's"


def test_terms_stem_and_drop_stop_words():
    assert terms("The firefighters were fighting fires") == ["firefight", "fight", "fire"]
    assert terms("What did the mayor say?") == ["mayor"]
    assert terms("the of and is it") == []


def test_terms_keep_numbers_and_split_hyphenated_names():
    assert terms("2,700 troops and 3.5% of 300") == ["2700", "troop", "3.5%", "300"]
    assert terms("Rep. Lee Seong-kweun") == ["rep", "lee", "seong-kweun", "seong", "kweun"]


def test_possessives_match_the_plain_word():
    assert stem("Reyes’s") == stem("reyes's") == stem("Reyes")
    assert terms("Mayor Reyes’s office") == terms("mayor Reyes office")


@pytest.mark.parametrize(("text", "n"), [
    ("Crews arrived shortly after 6 a.m. Sunday because the road was clear.", 1),
    ("The shelter opened at 9 p.m. and closed at dawn.", 1),
    ("The shelter opened at 9 p.m. The next morning was calm.", 2),
])
def test_a_time_of_day_does_not_end_a_sentence_that_goes_on(text, n):
    assert len(split_sentences(text)) == n


def test_a_short_label_line_and_the_line_after_it_are_one_sentence():
    text = "The talks ended.\n\nMedia contact:\nRosalind Achterberg\nHead of Communications\n\nNote: figures are provisional."
    got = [text[a:b] for a, b in split_sentences(text)]
    assert got == ["The talks ended.", "Media contact:\nRosalind Achterberg", "Head of Communications",
                   "Note: figures are provisional."]


def test_a_label_line_does_not_take_a_long_line_after_it():
    text = "Background:\nThe port has been run by the authority since 1987, when the old board was wound up by the state."
    assert len(split_sentences(text)) == 2
