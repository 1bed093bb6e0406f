"""Tests for qa/corpus.py: files on disk -> Documents (id, title, exact text, source), skips and fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import corpus
from qa.corpus import CorpusError, fingerprint, load_corpus, make_title, read_document, resolve_source, source_path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small_corpus"


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- documents from the fixture corpus -----------------------------------------------------------


def test_fixture_documents_have_stem_ids_headline_titles_and_exact_text():
    docs, skipped = load_corpus(FIXTURE)
    assert skipped == []
    assert [d.id for d in docs] == ["harbor_fire", "harbor_followup", "library_opening"]
    assert {d.id: d.title for d in docs} == {
        "harbor_fire": "Fire destroys warehouse at Port Ellis harbor",
        "harbor_followup": "Harbor reopens after grain fire",
        "library_opening": "New library opens in Millbrook",
    }
    for doc in docs:
        path = FIXTURE / f"{doc.id}.txt"
        assert doc.text == path.read_bytes().decode("utf-8")
        assert doc.text == path.read_text(encoding="utf-8")


def test_text_is_kept_exactly_including_whitespace_and_unicode(tmp_path):
    raw = "  Headline with “quotes” — and é\n\n\tBody line one.   \n\n\nLast line without newline 🔥"
    _write(tmp_path, "story.txt", raw)
    doc = read_document(tmp_path / "story.txt")
    assert doc.text == raw
    assert doc.id == "story"


def test_crlf_text_matches_what_read_text_returns(tmp_path):
    path = _write(tmp_path, "win.txt", b"Headline from Windows\r\nFirst sentence.\r\nSecond one.\r\n")
    doc = read_document(path)
    assert "\r" not in doc.text
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.title == "Headline from Windows"


def test_id_is_the_file_stem_for_md_and_upper_case_suffix(tmp_path):
    _write(tmp_path, "Notes.2025.MD", "A headline here\nBody.")
    _write(tmp_path, "ignored.csv", "a,b\n1,2\n")
    _write(tmp_path, "other.txt", "Another headline\nBody.")
    docs, skipped = load_corpus(tmp_path)
    assert sorted(d.id for d in docs) == ["Notes.2025", "other"]
    assert skipped == []


# --- titles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Fire destroys warehouse\nA fire destroyed a warehouse.", "Fire destroys warehouse"),
        ("# Markdown headline here\n\nBody text.", "Markdown headline here"),
        ("\n\n   Headline after blank lines   \nBody.", "Headline after blank lines"),
        ("\ufeffHeadline after a byte-order mark\nBody.", "Headline after a byte-order mark"),
        # A first line that is a sentence is not a headline: the lead is used, cut to 12 words.
        (
            "Officials said on Monday that the harbor would reopen after repairs to the damaged pier.\nMore.",
            "Officials said on Monday that the harbor would reopen after repairs to…",
        ),
        ("Short lead sentence.\nMore text.", "Short lead sentence."),
        # A one-line article has no headline: its lead is the title.
        ("Just one line", "Just one line"),
    ],
)
def test_title_is_headline_or_short_lead(text, title):
    assert make_title(text) == title


@pytest.mark.parametrize(
    "dateline",
    ["January 16, 2025", "Jan. 16, 2025", "Thursday, January 16, 2025", "16 January 2025", "2025-01-16", "01/16/2025"],
)
def test_a_dateline_is_not_a_title(dateline):
    text = f"{dateline}\nSeoul officials said the talks would resume next week.\nMore text follows."
    title = make_title(text)
    assert "2025" not in title
    assert title == "Seoul officials said the talks would resume next week."


def test_long_lead_is_cut_to_max_words():
    words = [f"w{i}" for i in range(30)]
    title = make_title(" ".join(words) + ".", max_words=5)
    assert title == "w0 w1 w2 w3 w4…"


# --- files that are skipped or rejected ------------------------------------------------------------


def test_empty_binary_and_non_utf8_files_are_skipped_with_a_reason(tmp_path):
    _write(tmp_path, "good.txt", "Good headline\nGood body.")
    _write(tmp_path, "empty.txt", b"")
    _write(tmp_path, "blank.txt", "  \n\t\n")
    _write(tmp_path, "binary.txt", b"PK\x03\x04\x00\x00binary")
    _write(tmp_path, "latin1.txt", "Caf\u00e9 headline\nbody".encode("latin-1"))
    docs, skipped = load_corpus(tmp_path)
    assert [d.id for d in docs] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"empty.txt", "blank.txt", "binary.txt", "latin1.txt"}
    assert "empty" in reasons["empty.txt"] and "empty.txt" in reasons["empty.txt"]
    assert "empty" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"] and "NUL" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"] and "latin1.txt" in reasons["latin1.txt"]


def test_read_document_raises_corpus_error_for_binary(tmp_path):
    path = _write(tmp_path, "x.txt", b"abc\x00def")
    with pytest.raises(CorpusError, match="binary"):
        read_document(path)


def test_oversized_file_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 50)
    _write(tmp_path, "big.txt", "Big headline\n" + "word " * 40)
    _write(tmp_path, "small.txt", "Small headline\nBody.")
    docs, skipped = load_corpus(tmp_path)
    assert [d.id for d in docs] == ["small"]
    assert len(skipped) == 1 and "limit" in skipped[0].reason


def test_a_folder_of_only_bad_files_is_an_error(tmp_path):
    _write(tmp_path, "empty.txt", b"")
    with pytest.raises(CorpusError, match="no readable articles"):
        load_corpus(tmp_path)


def test_duplicate_stems_are_rejected(tmp_path):
    _write(tmp_path, "story.txt", "One headline\nBody.")
    _write(tmp_path, "story.md", "Other headline\nBody.")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "'story'" in message and "rename" in message


def test_missing_folder_names_the_folder_and_the_fix(tmp_path):
    missing = tmp_path / "no_such_folder"
    with pytest.raises(CorpusError) as info:
        load_corpus(missing)
    assert str(missing) in str(info.value)
    assert "--corpus" in str(info.value)


# --- sources and fingerprints ------------------------------------------------------------------


def test_source_inside_the_project_is_relative_to_the_root():
    doc = read_document(FIXTURE / "harbor_fire.txt")
    assert doc.source == "tests/fixtures/small_corpus/harbor_fire.txt"
    assert resolve_source(doc.source) == (FIXTURE / "harbor_fire.txt").resolve()


def test_source_outside_the_project_is_absolute(tmp_path):
    if tmp_path.resolve().is_relative_to(corpus.ROOT):
        pytest.skip("the temporary folder is inside the project")
    path = _write(tmp_path, "a.txt", "Headline here\nBody.")
    doc = read_document(path)
    assert Path(doc.source).is_absolute()
    assert doc.source == path.resolve().as_posix()
    assert resolve_source(doc.source) == path.resolve()
    assert source_path(path) == doc.source


def test_fingerprint_changes_when_a_file_changes_and_only_then(tmp_path):
    _write(tmp_path, "a.txt", "Headline A\nBody of a.")
    _write(tmp_path, "b.txt", "Headline B\nBody of b.")
    docs, _ = load_corpus(tmp_path)
    first = fingerprint(docs)
    assert fingerprint(list(reversed(docs))) == first
    assert fingerprint(load_corpus(tmp_path)[0]) == first

    _write(tmp_path, "b.txt", "Headline B\nBody of b!")
    assert fingerprint(load_corpus(tmp_path)[0]) != first

    _write(tmp_path, "b.txt", "Headline B\nBody of b.")
    assert fingerprint(load_corpus(tmp_path)[0]) == first
    (tmp_path / "b.txt").rename(tmp_path / "c.txt")  # same text, new id
    assert fingerprint(load_corpus(tmp_path)[0]) != first
